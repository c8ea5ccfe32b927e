//! "What became of what we heard", in two figures: the decisions made in a period, and the
//! share of customers answered within the promise. One function, for the feed, the digest and
//! the dashboard.
//!
//! Computed in SQL (`dashboard::sql`), the same text on both backends.
//!
//! A customer counts in the period their first answer came in (on time or late, as it was
//! recorded), or — never answered — the period their promise passed in. Later answers (a
//! decision after the acknowledgement) do not count again.

use chrono::{Datelike, NaiveDate};
use diesel::QueryResult;
use serde::Serialize;

use crate::dashboard::sql::{Count, CountKept, Query, count_if};
use crate::db::DbConn;
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

/// An answer `a` that is the first its remark had — or, `decided`, the first that told it a
/// decision: no answer of the same remark came before it (by hour, then by its order).
pub fn first_answer(decided: bool) -> &'static str {
    if decided {
        " AND a.decision_id IS NOT NULL AND NOT EXISTS (SELECT 1 FROM acknowledgements b \
         WHERE b.remark_id = a.remark_id AND b.decision_id IS NOT NULL \
         AND (b.acted_at < a.acted_at OR (b.acted_at = a.acted_at AND b.seq < a.seq)))"
    } else {
        " AND NOT EXISTS (SELECT 1 FROM acknowledgements b WHERE b.remark_id = a.remark_id \
         AND (b.acted_at < a.acted_at OR (b.acted_at = a.acted_at AND b.seq < a.seq)))"
    }
}

/// The figures of `[from, to)`, as known at `now`: three aggregates in SQL.
pub fn between(c: &mut DbConn, from: i64, to: i64, now: i64) -> QueryResult<Figures> {
    let decisions =
        Query::new("SELECT COUNT(*) AS n FROM decisions WHERE at >= ").int(from).sql(" AND at < ").int(to);
    let decisions = decisions.one::<Count>(c)?.n;
    let firsts = Query::new(&format!(
        "SELECT COUNT(*) AS n, {} AS kept FROM acknowledgements a",
        count_if("NOT a.late")
    ))
    .sql(" WHERE a.acted_at >= ")
    .int(from)
    .sql(" AND a.acted_at < ")
    .int(to)
    .sql(first_answer(false))
    .one::<CountKept>(c)?;
    // Never answered, and the promise passed in the period: late.
    let unanswered = Query::new("SELECT COUNT(*) AS n FROM remarks r WHERE r.undecided AND r.due_at >= ")
        .int(from)
        .sql(" AND r.due_at < ")
        .int(to.min(now))
        .sql(" AND NOT EXISTS (SELECT 1 FROM acknowledgements a WHERE a.remark_id = r.id)")
        .one::<Count>(c)?
        .n;
    let answers_due = firsts.n + unanswered;
    let on_time = firsts.kept;
    Ok(Figures { decisions, answers_due, on_time, on_time_percent: percent(on_time, answers_due) })
}

/// `part` of `whole` in whole percent, rounded half up; none of nothing.
pub fn percent(part: i64, whole: i64) -> Option<i64> {
    (whole > 0).then(|| (part * 100 + whole / 2) / whole)
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
