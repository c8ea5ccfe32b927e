//! The frame of every mail to a customer: the greeting, the message, a button to their page
//! (one link per remark it tells of), and how to get no more e-mails — a line in the mail and
//! the `List-Unsubscribe` header with one-click POST (RFC 8058), both to `stop.rs`. No
//! tracking pixel, no rewritten link.

use diesel::QueryResult;

use crate::db::DbConn;
use crate::ids::RemarkId;
use crate::mail::customer::ConsentedRecipient;
use crate::mail::{Mail, render};
use crate::organisation::Organisation;

/// The links one mail carries: each remark's page, and "no more e-mails".
pub struct Links {
    pub pages: Vec<String>,
    pub stop: String,
}

/// New links for a mail about `remarks` (each mail mints its own; older ones keep working).
pub fn links<'a>(
    c: &mut DbConn,
    base_url: &str,
    remarks: impl IntoIterator<Item = &'a RemarkId>,
) -> QueryResult<Links> {
    let mut pages = Vec::new();
    let mut first = None;
    for id in remarks {
        let secret = super::token::mint(c, id)?;
        pages.push(super::token::link(base_url, &secret));
        first.get_or_insert(secret);
    }
    let stop = first.map(|s| format!("{}/stop", super::token::link(base_url, &s))).unwrap_or_default();
    Ok(Links { pages, stop })
}

/// The mail: greeting, `paragraphs`, the page link(s), why they get it and how to stop it.
pub fn mail(
    (kind, key): (&'static str, String),
    recipient: &ConsentedRecipient,
    org: &Organisation,
    (subject, paragraphs): (String, Vec<String>),
    links: Links,
) -> Mail {
    let lang = recipient.lang();
    let mut after: Vec<String> = links
        .pages
        .iter()
        .skip(1)
        .map(|url| lang.t_args("ack-more-links", &[("url", url.clone().into())]))
        .collect();
    after.push(lang.t_args("customer-stop-line", &[("url", links.stop.clone().into())]));
    let content = render::Content {
        subject,
        greeting: lang.t_args("customer-greeting", &[("name", recipient.name().to_owned().into())]),
        paragraphs,
        action: links
            .pages
            .first()
            .map(|url| render::Action { label: lang.t("ack-action"), url: url.clone() }),
        after,
        footer: lang.t("ack-footer"),
    };
    Mail::to_customer(kind, key, recipient, org, content).leaving_by(links.stop)
}
