//! The one mail path: the outbox. A mail is rendered and written as one row per recipient in
//! the business transaction that caused it; the worker delivers it later, with retries, and
//! marks it sent. Nothing else sends mail.

pub mod address;
pub mod customer;
pub mod render;
pub mod transport;
pub mod worker;

use std::sync::Arc;

use diesel::prelude::*;
use tokio::sync::Notify;

use crate::auth::token;
use crate::clock::to_hour;
use crate::db::DbConn;
use crate::db::schema::mail_outbox;
use crate::i18n::Lang;

/// A mail for one recipient, ready to queue.
pub struct Mail {
    /// `invitation`, `sign_in_link`, `password_reset`, … (for counts and the admin's view).
    pub kind: &'static str,
    /// Identifies the message; with the recipient it makes the unique key, so queueing the
    /// same message twice (a retried request) sends it once.
    pub message_key: String,
    /// Only `Mail::to_person` and `Mail::to_customer` (from a `customer::ConsentedRecipient`)
    /// set it: no other path names a recipient.
    to: String,
    pub lang: Lang,
    pub organisation: String,
    pub sender: String,
    /// Where replies go (the organisation's reply address), when it has one.
    pub reply_to: Option<String>,
    pub content: render::Content,
    /// A staff mail's one-click unsubscribe address (RFC 8058); none for every other mail.
    pub unsubscribe: Option<String>,
}

/// Queue `mail` in the caller's transaction. `Ok(false)` when that message was already queued
/// for that recipient.
pub fn enqueue(conn: &mut DbConn, mail: &Mail, now: i64) -> Result<bool, crate::error::AppError> {
    let (text, html) = render::layout(mail.lang, &mail.organisation, &mail.content)
        .map_err(|e| crate::error::AppError::internal("mail template", e))?;
    let dedupe = token::hash(&format!("{}\n{}", mail.message_key, mail.to));
    // Already queued for this recipient (a retried request): nothing is inserted, and no
    // database error is raised (see `insert_or_nothing!`).
    let inserted = crate::insert_or_nothing!(
        conn,
        mail_outbox::table,
        (
            mail_outbox::id.eq(uuid::Uuid::new_v4().to_string()),
            mail_outbox::dedupe_key.eq(&dedupe),
            mail_outbox::kind.eq(mail.kind),
            mail_outbox::sender.eq(&mail.sender),
            mail_outbox::sender_name.eq(&mail.organisation),
            mail_outbox::reply_to.eq(&mail.reply_to),
            mail_outbox::unsubscribe.eq(&mail.unsubscribe),
            mail_outbox::recipient.eq(&mail.to),
            mail_outbox::subject.eq(&mail.content.subject),
            mail_outbox::body_text.eq(&text),
            mail_outbox::body_html.eq(&html),
            mail_outbox::status.eq(worker::PENDING),
            mail_outbox::attempts.eq(0),
            // Due at once; kept to the hour so that a queued mail holds no time of day next
            // to its recipient (retries after failures are exact, and rare).
            mail_outbox::next_attempt_at.eq(to_hour(now)),
            mail_outbox::created_at.eq(to_hour(now)),
        ),
        on mail_outbox::dedupe_key
    )?;
    Ok(inserted == 1)
}

/// How mail leaves this installation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Delivery {
    /// Through the configured SMTP relay.
    Smtp,
    /// As .eml files in the data directory (no SMTP configured): nobody receives them.
    Files,
}

/// The handle handlers use: wake the worker after a commit that queued mail.
#[derive(Clone)]
pub struct Mailer {
    wake: Arc<Notify>,
    pub delivery: Delivery,
}

impl Mailer {
    pub fn new(delivery: Delivery) -> Self {
        Self { wake: Arc::new(Notify::new()), delivery }
    }

    /// Deliver what is due now rather than at the next poll.
    pub fn wake(&self) {
        self.wake.notify_one();
    }

    pub(crate) fn waker(&self) -> Arc<Notify> {
        Arc::clone(&self.wake)
    }
}

/// Counts for the admin: what waits and what was given up.
pub fn counts(conn: &mut DbConn) -> QueryResult<(i64, i64)> {
    let waiting = mail_outbox::table
        .filter(mail_outbox::status.eq_any([worker::PENDING, worker::SENDING]))
        .count()
        .get_result(conn)?;
    let dead = mail_outbox::table.filter(mail_outbox::status.eq(worker::DEAD)).count().get_result(conn)?;
    Ok((waiting, dead))
}

/// What `/metrics` shows of the outbox: mails queued before the previous hour began and still
/// unsent, how long the oldest of them has waited, and the dead ones among those. A mail is
/// queued with its hour only (`created_at`), and it enters these counts only when an hour
/// begins — so no count moves with a request for a link or a reset, even when the relay is down
/// or refuses the address at once.
pub struct Backlog {
    pub waiting: i64,
    pub oldest_seconds: i64,
    pub dead: i64,
}

pub fn backlog(conn: &mut DbConn, now: i64) -> QueryResult<Backlog> {
    let cutoff = to_hour(now) - 3600;
    let old = mail_outbox::table.filter(mail_outbox::created_at.le(cutoff));
    let unsent = old.filter(mail_outbox::status.eq_any([worker::PENDING, worker::SENDING]));
    let waiting = unsent.clone().count().get_result(conn)?;
    let oldest: Option<i64> = unsent.select(diesel::dsl::min(mail_outbox::created_at)).first(conn)?;
    let dead = old.filter(mail_outbox::status.eq(worker::DEAD)).count().get_result(conn)?;
    Ok(Backlog { waiting, oldest_seconds: oldest.map_or(0, |t| (now - t).max(0)), dead })
}

impl Mail {
    /// A mail to a person, in their language, from the organisation.
    pub fn to_person(
        kind: &'static str,
        message_key: String,
        person: &crate::people::Person,
        organisation: &crate::organisation::Organisation,
        content: render::Content,
    ) -> Self {
        Self {
            kind,
            message_key,
            to: person.email.clone(),
            lang: person.language,
            organisation: organisation.name.clone(),
            sender: organisation.sender_address.clone(),
            reply_to: organisation.reply_address.clone(),
            content,
            unsubscribe: None,
        }
    }

    /// The mail says how to leave it with one click (`List-Unsubscribe`).
    pub fn leaving_by(mut self, url: String) -> Self {
        self.unsubscribe = Some(url);
        self
    }
}
