//! How fast customers hear: the time to the first answer and to the decision, from the remark's
//! hour and from the day the customer spoke; and whether the days promised were kept.

use chrono::NaiveDate;
use diesel::QueryResult;
use serde::Serialize;

use super::sql::{CountKept, DayPair, Number, Query, count_if};
use crate::db::DbConn;
use crate::news::figures::{first_answer, percent};
use crate::web::validate::exact_day;

/// Durations of one kind: how many, and their median, 90th percentile and average. The
/// percentiles by the nearest rank: the value at rank ⌈p·n⌉ of the n durations sorted.
#[derive(Clone, Debug, PartialEq, Serialize, utoipa::ToSchema)]
pub struct Durations {
    pub count: i64,
    pub median: Option<i64>,
    pub p90: Option<i64>,
    /// To one decimal.
    pub average: Option<f64>,
}

impl Durations {
    /// From the groups `(duration, how many)`, in any order.
    pub fn of(mut groups: Vec<(i64, i64)>) -> Self {
        groups.retain(|(_, n)| *n > 0);
        groups.sort_unstable();
        let count: i64 = groups.iter().map(|(_, n)| n).sum();
        let rank = |percent: i64| {
            let wanted = (percent * count + 99) / 100;
            let mut seen = 0;
            groups.iter().find(|(_, n)| {
                seen += n;
                seen >= wanted
            })
        };
        let total: i64 = groups.iter().map(|(v, n)| v * n).sum();
        // Whole tenths, rounded half away from zero, then as a decimal.
        let average = (count > 0).then(|| {
            let tenths = (total * 10 * 2 + count) / (count * 2);
            tenths as f64 / 10.0
        });
        Self { count, median: rank(50).map(|(v, _)| *v), p90: rank(90).map(|(v, _)| *v), average }
    }
}

/// A share: how many were due, how many of them held, in whole percent (none of nothing).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Share {
    pub due: i64,
    pub kept: i64,
    pub percent: Option<i64>,
}

impl Share {
    pub fn of(kept: i64, due: i64) -> Self {
        Self { due, kept, percent: percent(kept, due) }
    }
}

/// The answers (or, `decided`, the decisions told) of `[from, to)` that were each remark's
/// first, with a condition on `a` (the answer) and `r` (its remark).
fn firsts(select: &str, from: i64, to: i64, decided: bool) -> Query {
    Query::new(select)
        .sql(" FROM acknowledgements a JOIN remarks r ON r.id = a.remark_id WHERE a.acted_at >= ")
        .int(from)
        .sql(" AND a.acted_at < ")
        .int(to)
        .sql(first_answer(decided))
}

/// Whole hours from the remark's hour to its first answer (or decision).
pub fn hours(c: &mut DbConn, from: i64, to: i64, decided: bool) -> QueryResult<Durations> {
    let groups: Vec<Number> =
        firsts("SELECT (a.acted_at - r.created_at) / 3600 AS key, COUNT(*) AS n", from, to, decided)
            .sql(" GROUP BY (a.acted_at - r.created_at) / 3600")
            .load(c)?;
    Ok(Durations::of(groups.into_iter().map(|g| (g.key.max(0), g.n)).collect()))
}

/// Whole days from the day the customer spoke to the day of the first answer (or decision):
/// grouped by the two days in SQL, the days between them counted here.
pub fn days(c: &mut DbConn, from: i64, to: i64, decided: bool) -> QueryResult<Durations> {
    let groups: Vec<DayPair> =
        firsts("SELECT r.heard_on AS heard, a.acted_on AS acted, COUNT(*) AS n", from, to, decided)
            .sql(" GROUP BY r.heard_on, a.acted_on")
            .load(c)?;
    let between = |g: &DayPair| -> Option<i64> {
        let (heard, acted): (NaiveDate, NaiveDate) = (exact_day(&g.heard)?, exact_day(&g.acted)?);
        Some((acted - heard).num_days().max(0))
    };
    Ok(Durations::of(groups.iter().filter_map(|g| Some((between(g)?, g.n))).collect()))
}

/// The days first answers promised a decision by, `first` to `last` and no later than
/// `today`: kept when the remark was told a decision on or before that day, after the promise.
pub fn promises(c: &mut DbConn, first: &str, last: &str) -> QueryResult<Share> {
    let kept = count_if(
        "EXISTS (SELECT 1 FROM acknowledgements b WHERE b.remark_id = a.remark_id \
         AND b.decision_id IS NOT NULL AND b.acted_at >= a.acted_at AND b.acted_on <= a.promised_on)",
    );
    let row: CountKept = Query::new(&format!("SELECT COUNT(*) AS n, {kept} AS kept FROM acknowledgements a"))
        .sql(" WHERE a.decision_id IS NULL AND a.promised_on >= ")
        .text(first)
        .sql(" AND a.promised_on <= ")
        .text(last)
        .one(c)?;
    Ok(Share::of(row.kept, row.n))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nearest_rank_percentiles_and_the_average() {
        // 1..=10 hours, once each: median the 5th, p90 the 9th.
        let d = Durations::of((1..=10).map(|h| (h, 1)).collect());
        assert_eq!((d.count, d.median, d.p90, d.average), (10, Some(5), Some(9), Some(5.5)));
        // Grouped: 3 × 2 h, 1 × 30 h → median 2, p90 30 (rank 4), average 36 / 4 = 9.
        let d = Durations::of(vec![(30, 1), (2, 3)]);
        assert_eq!((d.median, d.p90, d.average), (Some(2), Some(30), Some(9.0)));
        // 1, 1, 2: average 1.333… → 1.3.
        assert_eq!(Durations::of(vec![(1, 2), (2, 1)]).average, Some(1.3));
    }

    #[test]
    fn nothing_has_no_median_and_no_division() {
        let d = Durations::of(vec![]);
        assert_eq!((d.count, d.median, d.p90, d.average), (0, None, None, None));
        assert_eq!(Share::of(0, 0).percent, None);
        assert_eq!(Share::of(7, 10).percent, Some(70));
        assert_eq!(Share::of(2, 3).percent, Some(67));
    }
}
