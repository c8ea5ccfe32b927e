//! Cases (docs/cases.md): remarks about the same thing, grouped by a feedback owner into one
//! problem with a title and a topic — one decision, an answer for each customer. A remark is in
//! at most one case ([`store`]); what owners do to a case is kept with their name and the hour
//! ([`history`]); the endpoints are in [`api`], the first answer to a whole case in [`answer`],
//! and the desk's suggestions of which remarks belong together in [`similar`].

pub mod answer;
pub mod api;
pub mod history;
pub mod similar;
pub mod store;
pub mod terms;

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(api::create)
        .service(api::read)
        .service(api::rename)
        .service(api::add)
        .service(api::remove)
        .service(api::merge)
        .service(api::split)
        .service(answer::acknowledge_case)
        .service(answer::case_draft)
        .service(similar::suggestions);
}

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConn;
use crate::db::schema::{cases, remarks};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::{CaseId, RemarkId, TopicId};
use crate::organisation::Organisation;
use crate::remarks::Remark;
use crate::triage::inbox::DeskItem;

/// At most this many remarks are named in one change.
pub const MAX_NAMED: usize = 50;
/// A case's title: one line of at most this many characters.
pub const TITLE_MAX: usize = 120;

#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = cases)]
pub struct Case {
    pub id: CaseId,
    pub title: String,
    pub topic_id: Option<TopicId>,
    pub version: i32,
    /// Merged into that case: this one is only a pointer to it now.
    pub merged_into: Option<CaseId>,
    /// The hour it was made.
    pub created_at: i64,
    /// Its current decision (docs/decisions.md).
    pub decision_id: Option<crate::ids::DecisionId>,
}

pub fn find(conn: &mut DbConn, id: &CaseId) -> QueryResult<Option<Case>> {
    cases::table.find(id).select(Case::as_select()).first(conn).optional()
}

/// The case a remark is in, as a list shows it.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseRef {
    pub id: CaseId,
    pub title: String,
    /// How many remarks it holds.
    pub remarks: i64,
}

/// Tell each item which case its remark is in (three small reads for a whole page).
pub fn attach(conn: &mut DbConn, items: &mut [DeskItem]) -> QueryResult<()> {
    let ids: Vec<&RemarkId> = items.iter().map(|i| &i.remark.id).collect();
    let of: Vec<(RemarkId, Option<CaseId>)> = remarks::table
        .filter(remarks::id.eq_any(ids))
        .select((remarks::id, remarks::case_id))
        .load::<(RemarkId, Option<CaseId>)>(conn)?;
    let mut case_ids: Vec<&CaseId> = of.iter().filter_map(|(_, c)| c.as_ref()).collect();
    case_ids.sort();
    case_ids.dedup();
    if case_ids.is_empty() {
        return Ok(());
    }
    let titles: Vec<(CaseId, String)> =
        cases::table.filter(cases::id.eq_any(&case_ids)).select((cases::id, cases::title)).load(conn)?;
    let counts: Vec<(Option<CaseId>, i64)> = remarks::table
        .filter(remarks::case_id.eq_any(&case_ids))
        .group_by(remarks::case_id)
        .select((remarks::case_id, diesel::dsl::count_star()))
        .load(conn)?;
    for item in items.iter_mut() {
        let Some((_, Some(case))) = of.iter().find(|(id, _)| *id == item.remark.id) else { continue };
        let title = titles.iter().find(|(id, _)| id == case).map(|(_, t)| t.clone()).unwrap_or_default();
        let remarks = counts.iter().find(|(id, _)| id.as_ref() == Some(case)).map_or(0, |(_, n)| *n);
        item.case = Some(CaseRef { id: case.clone(), title, remarks });
    }
    Ok(())
}

/// The remarks of a case, most urgent first (the order of the inbox's late part).
pub fn members(conn: &mut DbConn, id: &CaseId) -> QueryResult<Vec<Remark>> {
    remarks::table
        .filter(remarks::case_id.eq(id))
        .order((remarks::due_at.asc(), remarks::feeling.asc(), remarks::id.asc()))
        .select(Remark::as_select())
        .load(conn)
}

/// A case as the owner works on it.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CaseView {
    pub id: CaseId,
    pub title: String,
    pub topic_id: Option<TopicId>,
    /// Send it back with a change: a change that saw an older version is refused (409).
    pub version: i32,
    /// It was merged into this case: open that one instead.
    pub merged_into: Option<CaseId>,
    /// The server's clock (Unix seconds), which the promise clocks count from.
    pub now: i64,
    /// The most urgent promise of its remarks (Unix seconds); absent when it holds none.
    pub due_at: Option<i64>,
    pub late: bool,
    /// Its remarks, most urgent first, each with the version a change must name.
    pub remarks: Vec<DeskItem>,
    /// The languages its customers speak, Dutch first: an answer is written in each.
    pub languages: Vec<Lang>,
    /// Oldest first.
    pub history: Vec<history::EventView>,
    /// Its current decision (docs/decisions.md); `null` while undecided.
    pub decision: Option<crate::decisions::DecisionView>,
    /// Every version of its decision, oldest first.
    pub decisions: Vec<crate::decisions::DecisionView>,
    /// Customers the owner is to call with the decision.
    pub calls: Vec<crate::decisions::CallItem>,
    /// The cases decided as duplicates of this one: their customers hear its decision.
    pub duplicates: Vec<CaseRef>,
    /// The action plan of its act decision (docs/plans.md); `null` when it has none.
    pub plan: Option<crate::plans::PlanView>,
}

/// The case `id` as it is now; 404 when there is no such case.
pub fn view(conn: &mut DbConn, id: &CaseId, now: i64, org: &Organisation) -> Result<CaseView, AppError> {
    let case = find(conn, id)?.ok_or(AppError::NotFound)?;
    let members = members(conn, id)?;
    let due_at = members.iter().filter(|r| r.undecided).map(|r| r.due_at).min();
    let mut languages: Vec<Lang> = members.iter().map(|r| r.customer_language).collect();
    languages.sort_by_key(|l| Lang::ALL.iter().position(|x| x == l));
    languages.dedup();
    let mut items: Vec<DeskItem> = members.into_iter().map(|r| DeskItem::of(r, now, org.time_zone)).collect();
    attach(conn, &mut items)?;
    let decisions = crate::decisions::views(conn, id)?;
    let decision = case.decision_id.as_ref().and_then(|_| decisions.iter().rev().find(|d| d.ended.is_none()));
    let mut duplicates = Vec::new();
    for other in crate::decisions::duplicates_of(conn, id)? {
        if let Some(found) = find(conn, &other)? {
            let remarks = store::count(conn, &other)?;
            duplicates.push(CaseRef { id: found.id, title: found.title, remarks });
        }
    }
    Ok(CaseView {
        plan: crate::plans::view_of_case(conn, id, org, now)?,
        decision: decision.cloned(),
        calls: crate::decisions::calls(conn, id)?,
        duplicates,
        decisions,
        history: history::of(conn, id)?,
        id: case.id,
        title: case.title,
        topic_id: case.topic_id,
        version: case.version,
        merged_into: case.merged_into,
        now,
        due_at,
        late: due_at.is_some_and(|d| d <= now),
        remarks: items,
        languages,
    })
}

/// 409 with the case as it is now (404 when it is gone).
pub fn stale(conn: &mut DbConn, id: &CaseId, now: i64, org: &Organisation) -> AppError {
    match view(conn, id, now, org) {
        Ok(current) => AppError::Stale(Box::new(serde_json::to_value(current).unwrap_or_default())),
        Err(err) => err,
    }
}
