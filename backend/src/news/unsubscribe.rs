//! Leaving a kind of staff mail with one click (RFC 8058): every staff mail carries
//! `List-Unsubscribe: <…/mail/unsubscribe/{token}>` and `List-Unsubscribe-Post`; the mail
//! program POSTs there and the person's choice becomes "none". A GET (a person following the
//! link, or a scanner) only shows a page that asks; its button POSTs.
//!
//! The token is sealed (`auth::sealed`): it carries the person and when it expires, readable
//! only by us, and names which mail it stops — no row is stored, and nothing in it is a
//! reporter's.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use diesel::prelude::*;

use super::Cadence;
use crate::auth::sealed::{Sealed, TokenSealer};
use crate::db::schema::users;
use crate::db::write_transaction;
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::PersonId;
use crate::people::Person;
use crate::state::AppState;
use crate::web::page::Page;

/// A link works this long after its mail (a little over a year).
const LIFETIME_SECS: i64 = 400 * 86_400;

/// Which mails a link stops.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Leave {
    /// Each decision as it is made.
    Decisions,
    /// The daily digest.
    Digest,
    /// An owner's alerts.
    Alerts,
}

impl Leave {
    const ALL: [Leave; 3] = [Leave::Decisions, Leave::Digest, Leave::Alerts];

    fn sealed(self) -> Sealed {
        match self {
            Leave::Decisions => Sealed::LeaveDecisions,
            Leave::Digest => Sealed::LeaveDigest,
            Leave::Alerts => Sealed::LeaveAlerts,
        }
    }

    fn key(self) -> &'static str {
        match self {
            Leave::Decisions => "leave-decisions",
            Leave::Digest => "leave-digest",
            Leave::Alerts => "leave-alerts",
        }
    }
}

/// The unsubscribe address for `person`'s mail of kind `what`.
pub fn link(sealer: &TokenSealer, base_url: &str, person: &Person, what: Leave, now: i64) -> String {
    let token = sealer.seal(what.sealed(), &person.id, 0, now + LIFETIME_SECS);
    format!("{}/mail/unsubscribe/{token}", base_url.trim_end_matches('/'))
}

/// What a token says: whose, which mail, and whether it still works.
fn open(sealer: &TokenSealer, token: &str, now: i64) -> Option<(PersonId, Leave, bool)> {
    Leave::ALL
        .into_iter()
        .find_map(|what| sealer.open(what.sealed(), token).map(|c| (c.person, what, c.expires_at > now)))
}

enum Found {
    Unknown(Lang),
    Expired(Lang),
    Live(Person, Leave),
}

async fn find(state: &AppState, req: &HttpRequest, token: String) -> Result<(Found, String), AppError> {
    let asked_in =
        crate::i18n::negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()));
    let opened = open(&state.sealer, &token, state.clock.now());
    state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            let found = match opened {
                None => Found::Unknown(asked_in),
                Some((id, what, live)) => match crate::people::find(conn, &id)? {
                    None => Found::Unknown(asked_in),
                    Some(p) if !live => Found::Expired(p.language),
                    Some(p) => Found::Live(p, what),
                },
            };
            Ok((found, org.name))
        })
        .await
}

fn refusal(found: &Found, organisation: &str) -> Option<Result<HttpResponse, AppError>> {
    let (lang, status, key) = match found {
        Found::Unknown(lang) => (*lang, StatusCode::NOT_FOUND, "leave-unknown"),
        Found::Expired(lang) => (*lang, StatusCode::GONE, "leave-expired"),
        Found::Live(..) => return None,
    };
    Some(Page::notice(lang, organisation, key).respond(status))
}

fn checked(state: &AppState, req: &HttpRequest) -> Result<(), AppError> {
    state.limits.check_status_page(req)
}

/// The page an unsubscribe link opens: it asks, and changes nothing.
#[utoipa::path(tag = "news",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,200}$", description = "From the mail's link")),
    responses(
        (status = 200, description = "The page that asks", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 410, description = "The link has expired", content_type = "text/html", body = String),
        (status = 429, description = "Too many from this address", body = crate::error::Problem)))]
#[get("/mail/unsubscribe/{token}")]
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    checked(&state, &req)?;
    let (found, org) = find(&state, &req, token.into_inner()).await?;
    if let Some(refused) = refusal(&found, &org) {
        return refused;
    }
    let Found::Live(person, what) = found else { return Err(AppError::NotFound) };
    let lang = person.language;
    let page = Page {
        lang,
        organisation: &org,
        title: lang.t(&format!("{}-title", what.key())),
        paragraphs: vec![lang.t_args(what.key(), &[("email", person.email.clone().into())])],
        quote: None,
        button: Some(lang.t("leave-button")),
        back: None,
    };
    page.respond(StatusCode::OK)
}

/// Stop this kind of mail (the mail program's one-click POST, or the page's button).
#[utoipa::path(tag = "news",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,200}$", description = "From the mail's link")),
    responses(
        (status = 200, description = "Done: the page says so", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 410, description = "The link has expired", content_type = "text/html", body = String),
        (status = 429, description = "Too many from this address", body = crate::error::Problem)))]
#[post("/mail/unsubscribe/{token}")]
pub async fn leave(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    checked(&state, &req)?;
    let (found, org) = find(&state, &req, token.into_inner()).await?;
    if let Some(refused) = refusal(&found, &org) {
        return refused;
    }
    let Found::Live(person, what) = found else { return Err(AppError::NotFound) };
    let id = person.id.clone();
    state
        .db
        .run(move |conn| {
            write_transaction(conn, |c| {
                let target = users::table.find(&id);
                // Either link stops the staff mail, whichever the person chose since.
                match what {
                    Leave::Decisions | Leave::Digest => {
                        diesel::update(target).set(users::staff_mail.eq(Cadence::None)).execute(c)?
                    }
                    Leave::Alerts => {
                        diesel::update(target).set(users::owner_alerts.eq(Cadence::None)).execute(c)?
                    }
                };
                Ok::<_, AppError>(())
            })
        })
        .await?;
    let lang = person.language;
    Page::notice(lang, &org, "leave-done").respond(StatusCode::OK)
}
