//! What the scrape reads from the database beside the mail backlog: the outbox by state and
//! the promises broken today and yesterday — for operators, so nothing here names anyone.
//!
//! The outbox counts only mails queued before the previous hour began, like the backlog: a
//! mail keeps only its hour. A broken promise moves with the clock and with what owners do,
//! never with an employee.

use diesel::QueryResult;
use diesel::prelude::*;

use crate::clock::to_hour;
use crate::db::DbConn;
use crate::db::schema::mail_outbox;
use crate::mail::worker;

pub struct Readings {
    pub backlog: crate::mail::Backlog,
    /// Mails by state (`pending`, `sending`, `sent`, `dead`), every state named.
    pub outbox: Vec<(&'static str, i64)>,
    /// Customers whose promise broke on the organisation's today so far, and yesterday:
    /// answered late, or not answered when it passed (`news::figures::between`).
    pub breached_today: i64,
    pub breached_yesterday: i64,
}

pub fn read(c: &mut DbConn, now: i64) -> QueryResult<Readings> {
    let backlog = crate::mail::backlog(c, now)?;
    let cutoff = to_hour(now) - 3600;
    let counted: Vec<(String, i64)> = mail_outbox::table
        .filter(mail_outbox::created_at.le(cutoff))
        .group_by(mail_outbox::status)
        .select((mail_outbox::status, diesel::dsl::count_star()))
        .load(c)?;
    let outbox = [worker::PENDING, worker::SENDING, worker::SENT, worker::DEAD]
        .into_iter()
        .map(|state| (state, counted.iter().find(|(s, _)| s == state).map_or(0, |(_, n)| *n)))
        .collect();
    let org = crate::organisation::load(c)?;
    let today = org.day_of(now);
    let start = crate::news::figures::start_of(&org, today);
    let broken = |c: &mut DbConn, from: i64, to: i64| {
        crate::news::figures::between(c, from, to, now).map(|f| f.answers_due - f.on_time)
    };
    let yesterday = today.pred_opt().map_or(start, |d| crate::news::figures::start_of(&org, d));
    Ok(Readings {
        backlog,
        outbox,
        breached_today: broken(c, start, now + 1)?,
        breached_yesterday: broken(c, yesterday, start)?,
    })
}
