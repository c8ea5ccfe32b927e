//! Everyone hears (docs/news.md): what became of every remark reaches all staff — the feed
//! ([`feed`]) with its two figures ([`figures`]), each decision by mail as it is made
//! ([`staff`]) or a daily digest at the person's hour ([`digest`]), as each person chooses
//! ([`settings`]); every staff mail can be left with one click ([`unsubscribe`]). Owners hear
//! of new remarks at their release and of promises about to slip ([`alerts`]), with links that
//! answer in one touch ([`one_touch`]).
//!
//! The messenger rule holds throughout: what staff read names the owner who decided and the
//! customers' words, never who brought a remark in, and whether a person gets a mail depends
//! on their choice and on what the organisation decided — never on anything of theirs.

pub mod alerts;
pub mod digest;
pub mod feed;
pub mod figures;
pub mod one_touch;
pub mod settings;
pub mod staff;
pub mod unsubscribe;

use serde::{Deserialize, Serialize};

use crate::db::typed::TextValue;

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(feed::feed).service(settings::show).service(settings::change);
}

/// The pages outside the API (a mail's links open them).
pub fn pages(cfg: &mut crate::web::Routes) {
    cfg.service(unsubscribe::confirm)
        .service(unsubscribe::leave)
        .service(one_touch::confirm)
        .service(one_touch::act);
}

/// How often a person hears: each as it happens, once a day in the digest, or not by mail.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "lowercase")]
pub enum Cadence {
    Each,
    Digest,
    None,
}

impl TextValue for Cadence {
    const ALL: &'static [Cadence] = &[Cadence::Each, Cadence::Digest, Cadence::None];

    fn text(self) -> &'static str {
        match self {
            Cadence::Each => "each",
            Cadence::Digest => "digest",
            Cadence::None => "none",
        }
    }
}
crate::stored_as_text!(Cadence);

/// The hour a digest is sent when the person chose none (in the organisation's time zone).
pub const DIGEST_HOUR: i32 = 8;
