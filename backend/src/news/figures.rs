//! "What became of what we heard", in two figures: the decisions made in a period, and the
//! share of customers answered within the promise. One function, for the feed, the digest and
//! the dashboard.
//!
//! A customer counts in the period their first answer came in (on time or late, as it was
//! recorded), or — never answered — the period their promise passed in. Later answers (a
//! decision after the acknowledgement) do not count again.

use std::collections::{HashMap, HashSet};

use chrono::{Datelike, NaiveDate};
use diesel::prelude::*;
use serde::Serialize;

use crate::db::DbConn;
use crate::db::schema::{acknowledgements, decisions, remarks};
use crate::organisation::Organisation;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Figures {
    /// Decisions made (a changed decision counts again).
    pub decisions: i64,
    /// Customers whose first answer was due or came in the period.
    pub answers_due: i64,
    /// Of those, answered within their promise.
    pub on_time: i64,
    /// `on_time` of `answers_due`, in whole percent; none when nothing was due.
    pub on_time_percent: Option<i64>,
}

/// The figures of `[from, to)`, as known at `now`.
pub fn between(c: &mut DbConn, from: i64, to: i64, now: i64) -> QueryResult<Figures> {
    let decisions: i64 =
        decisions::table.filter(decisions::at.ge(from)).filter(decisions::at.lt(to)).count().get_result(c)?;
    let answers: Vec<(String, i64, i32, bool)> = acknowledgements::table
        .filter(acknowledgements::acted_at.ge(from))
        .filter(acknowledgements::acted_at.lt(to))
        .select((
            acknowledgements::remark_id,
            acknowledgements::acted_at,
            acknowledgements::seq,
            acknowledgements::late,
        ))
        .load(c)?;
    // The first answer of each remark within the period…
    let mut first: HashMap<String, (i64, i32, bool)> = HashMap::new();
    for (remark, at, seq, late) in answers {
        let entry = first.entry(remark).or_insert((at, seq, late));
        if (at, seq) < (entry.0, entry.1) {
            *entry = (at, seq, late);
        }
    }
    // …unless one came before it.
    let ids: Vec<String> = first.keys().cloned().collect();
    let mut earlier: HashSet<String> = HashSet::new();
    for chunk in ids.chunks(500) {
        earlier.extend(
            acknowledgements::table
                .filter(acknowledgements::remark_id.eq_any(chunk))
                .filter(acknowledgements::acted_at.lt(from))
                .select(acknowledgements::remark_id)
                .load::<String>(c)?,
        );
    }
    let firsts: Vec<bool> =
        first.into_iter().filter(|(id, _)| !earlier.contains(id)).map(|(_, (_, _, late))| late).collect();
    // Never answered, and the promise passed in the period: late.
    let passed: Vec<String> = remarks::table
        .filter(remarks::undecided.eq(true))
        .filter(remarks::due_at.ge(from))
        .filter(remarks::due_at.lt(to.min(now)))
        .select(remarks::id)
        .load(c)?;
    let mut answered: HashSet<String> = HashSet::new();
    for chunk in passed.chunks(500) {
        answered.extend(
            acknowledgements::table
                .filter(acknowledgements::remark_id.eq_any(chunk))
                .select(acknowledgements::remark_id)
                .load::<String>(c)?,
        );
    }
    let unanswered = passed.iter().filter(|id| !answered.contains(*id)).count();
    let answers_due = i64::try_from(firsts.len() + unanswered).unwrap_or(i64::MAX);
    let on_time = i64::try_from(firsts.iter().filter(|late| !**late).count()).unwrap_or(0);
    let on_time_percent = (answers_due > 0).then(|| (on_time * 100 + answers_due / 2) / answers_due);
    Ok(Figures { decisions, answers_due, on_time, on_time_percent })
}

/// The instant `day` begins, here.
pub fn start_of(org: &Organisation, day: NaiveDate) -> i64 {
    day.pred_opt().map_or(0, |before| org.end_of_day(before))
}

/// This month's figures so far (the organisation's calendar month).
pub fn this_month(c: &mut DbConn, org: &Organisation, now: i64) -> QueryResult<Figures> {
    let today = org.day_of(now);
    let first = today.with_day(1).unwrap_or(today);
    between(c, start_of(org, first), now + 1, now)
}
