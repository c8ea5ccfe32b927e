//! What was decided and how it reached the customer: decisions by kind, the pass-ons and
//! whether customers said a decision helped.

use diesel::QueryResult;
use serde::Serialize;

use super::answers::Share;
use super::sql::{Count, CountKept, Keyed, Query, count_if};
use crate::db::DbConn;

/// Decision versions made in the period, by kind (a changed decision counts again).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct DecisionKinds {
    pub total: i64,
    pub act: i64,
    pub no_action: i64,
    pub already_done: i64,
    pub duplicate: i64,
    pub praise: i64,
}

pub fn decisions(c: &mut DbConn, from: i64, to: i64) -> QueryResult<DecisionKinds> {
    let rows: Vec<Keyed> = Query::new("SELECT kind AS key, COUNT(*) AS n FROM decisions WHERE at >= ")
        .int(from)
        .sql(" AND at < ")
        .int(to)
        .sql(" GROUP BY kind")
        .load(c)?;
    let mut kinds = DecisionKinds::default();
    for row in rows {
        kinds.total += row.n;
        match row.key.as_str() {
            "act" => kinds.act += row.n,
            "no_action" => kinds.no_action += row.n,
            "already_done" => kinds.already_done += row.n,
            "duplicate" => kinds.duplicate += row.n,
            "praise" => kinds.praise += row.n,
            _ => {}
        }
    }
    Ok(kinds)
}

/// Answers the owner asked a colleague to pass on in the period, and what became of them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct PassOns {
    pub asked: i64,
    /// The colleague said they told the customer.
    pub confirmed: i64,
    /// Not confirmed within the organisation's `pass_on_days`.
    pub not_confirmed: i64,
    /// Not yet confirmed, still within that window.
    pub waiting: i64,
}

/// `overdue`: the last day a pass-on asked for shows as "not confirmed" today.
pub fn pass_ons(c: &mut DbConn, from: i64, to: i64, overdue: &str) -> QueryResult<PassOns> {
    let select = format!(
        "SELECT COUNT(*) AS n, {} AS kept FROM acknowledgements WHERE channel = 'pass_on' AND acted_at >= ",
        count_if("passed_on_on IS NOT NULL")
    );
    let asked: CountKept = Query::new(&select).int(from).sql(" AND acted_at < ").int(to).one(c)?;
    let late: Count = Query::new(
        "SELECT COUNT(*) AS n FROM acknowledgements WHERE channel = 'pass_on' AND passed_on_on IS NULL \
         AND acted_at >= ",
    )
    .int(from)
    .sql(" AND acted_at < ")
    .int(to)
    .sql(" AND acted_on <= ")
    .text(overdue)
    .one(c)?;
    Ok(PassOns {
        asked: asked.n,
        confirmed: asked.kept,
        not_confirmed: late.n,
        waiting: asked.n - asked.kept - late.n,
    })
}

/// "Did this help?" on the customer's page, by the day voted (`first` to `last`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Helped {
    pub votes: i64,
    pub yes: i64,
    /// `yes` of `votes`, whole; none without votes.
    pub percent: Option<i64>,
}

pub fn helped(c: &mut DbConn, first: &str, last: &str) -> QueryResult<Helped> {
    let row: CountKept = Query::new(&format!(
        "SELECT COUNT(*) AS n, {} AS kept FROM help_votes WHERE voted_on >= ",
        count_if("helped")
    ))
    .text(first)
    .sql(" AND voted_on <= ")
    .text(last)
    .one(c)?;
    let share = Share::of(row.kept, row.n);
    Ok(Helped { votes: share.due, yes: share.kept, percent: share.percent })
}
