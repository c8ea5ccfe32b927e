//! Membership (docs/cases.md). A remark is in at most one case: it joins only while its
//! `case_id` is empty, in one UPDATE that says so — two owners putting one remark in two cases
//! at once cannot both succeed (the row's lock on PostgreSQL, the single writer on SQLite).
//! Each change bumps the case's version the same way, so a change that saw an older case is
//! refused. The inbox lists a case once: by its lead, the remark with the earliest promise.

use diesel::prelude::*;

use super::{Case, stale};
use crate::db::DbConn;
use crate::db::schema::{cases, remarks};
use crate::error::AppError;
use crate::ids::{CaseId, RemarkId, TopicId};
use crate::organisation::Organisation;

/// Take the case at the version the owner saw: +1, or 409 with it as it is now (also when it
/// was merged away), or 404.
pub fn bump(
    c: &mut DbConn,
    id: &CaseId,
    version: i32,
    (now, org): (i64, &Organisation),
) -> Result<Case, AppError> {
    let updated = diesel::update(
        cases::table.find(id).filter(cases::version.eq(version)).filter(cases::merged_into.is_null()),
    )
    // Counted in SQL: a version sent as the largest number cannot overflow here (it matches
    // no case, so it is stale).
    .set(cases::version.eq(cases::version + 1))
    .execute(c)?;
    if updated == 0 {
        return Err(stale(c, id, now, org));
    }
    super::find(c, id)?.ok_or(AppError::NotFound)
}

/// A new, empty case made at `now`'s hour.
pub fn create(c: &mut DbConn, title: &str, topic: Option<&TopicId>, now: i64) -> QueryResult<Case> {
    let case = Case {
        id: CaseId::new(),
        title: title.to_owned(),
        topic_id: topic.cloned(),
        version: 1,
        merged_into: None,
        created_at: crate::clock::to_hour(now),
        decision_id: None,
    };
    diesel::insert_into(cases::table).values(&case).execute(c)?;
    Ok(case)
}

/// Put `ids` in `case`: 404 when one is not there, 409 `in-another-case` when one is in a case
/// already, 409 `decided` when one is no longer undecided.
pub fn join(c: &mut DbConn, case: &CaseId, ids: &[RemarkId]) -> Result<(), AppError> {
    let found: Vec<(Option<CaseId>, bool)> = remarks::table
        .filter(remarks::id.eq_any(ids))
        .select((remarks::case_id, remarks::undecided))
        .load(c)?;
    if found.len() != ids.len() {
        return Err(AppError::NotFound);
    }
    if found.iter().any(|(in_case, _)| in_case.is_some()) {
        return Err(AppError::conflict("in-another-case"));
    }
    if found.iter().any(|(_, undecided)| !undecided) {
        return Err(AppError::conflict("decided"));
    }
    let joined = diesel::update(
        remarks::table
            .filter(remarks::id.eq_any(ids))
            .filter(remarks::case_id.is_null())
            .filter(remarks::undecided.eq(true)),
    )
    .set(remarks::case_id.eq(case))
    .execute(c)?;
    // Fewer: another owner's change took one between the read and this write.
    if joined != ids.len() {
        return Err(AppError::conflict("in-another-case"));
    }
    Ok(())
}

/// Move `ids` out of `from` (into `to`, or into no case); each must be in `from` (409 `stale`).
pub fn take_out(
    c: &mut DbConn,
    from: &CaseId,
    ids: &[RemarkId],
    to: Option<&CaseId>,
    (now, org): (i64, &Organisation),
) -> Result<(), AppError> {
    let moved =
        diesel::update(remarks::table.filter(remarks::id.eq_any(ids)).filter(remarks::case_id.eq(from)))
            .set((remarks::case_id.eq(to), remarks::listed.eq(remarks::undecided)))
            .execute(c)?;
    if moved != ids.len() {
        return Err(stale(c, from, now, org));
    }
    Ok(())
}

/// A new title and topic for `case`.
pub fn retitle(c: &mut DbConn, case: &CaseId, title: &str, topic: Option<&TopicId>) -> QueryResult<()> {
    diesel::update(cases::table.find(case))
        .set((cases::title.eq(title), cases::topic_id.eq(topic)))
        .execute(c)
        .map(drop)
}

/// Case `from` goes into `into`: its remarks move, it and every pointer to it point at `into`
/// (a pointer always leads to a live case in one step). How many remarks moved.
pub fn absorb(c: &mut DbConn, into: &CaseId, from: &CaseId) -> QueryResult<usize> {
    let moved = diesel::update(remarks::table.filter(remarks::case_id.eq(from)))
        .set(remarks::case_id.eq(into))
        .execute(c)?;
    diesel::update(cases::table.filter(cases::merged_into.eq(from)))
        .set(cases::merged_into.eq(into))
        .execute(c)?;
    diesel::update(cases::table.find(from)).set(cases::merged_into.eq(into)).execute(c)?;
    Ok(moved)
}

/// How many remarks `case` holds.
pub fn count(c: &mut DbConn, case: &CaseId) -> QueryResult<i64> {
    remarks::table.filter(remarks::case_id.eq(case)).count().get_result(c)
}

/// List the case once in the inbox: its undecided remark with the earliest promise (the more
/// frustrated first at the same instant) stands for it; the others are not listed.
pub fn relead(c: &mut DbConn, case: &CaseId) -> QueryResult<()> {
    let lead: Option<RemarkId> = remarks::table
        .filter(remarks::case_id.eq(case))
        .filter(remarks::undecided.eq(true))
        .order((remarks::due_at.asc(), remarks::feeling.asc(), remarks::id.asc()))
        .select(remarks::id)
        .first(c)
        .optional()?;
    diesel::update(remarks::table.filter(remarks::case_id.eq(case)).filter(remarks::listed.eq(true)))
        .set(remarks::listed.eq(false))
        .execute(c)?;
    if let Some(lead) = lead {
        diesel::update(remarks::table.find(&lead)).set(remarks::listed.eq(true)).execute(c)?;
    }
    Ok(())
}

/// Lock the cases of `ids` before their remarks are written (an answer moves promises, and its
/// cases then choose their lead): every writer takes a case before its remarks, so none waits
/// on another in a circle.
pub fn lock_cases_of(c: &mut DbConn, ids: &[&RemarkId]) -> QueryResult<()> {
    let of = remarks::table.filter(remarks::id.eq_any(ids)).filter(remarks::case_id.is_not_null());
    diesel::update(cases::table.filter(cases::id.nullable().eq_any(of.select(remarks::case_id))))
        .set(cases::version.eq(cases::version))
        .execute(c)
        .map(drop)
}

/// After promises moved (an answer, a new promise rule): the cases of `ids` choose their lead
/// again.
pub fn relead_cases_of(c: &mut DbConn, ids: &[&RemarkId]) -> QueryResult<()> {
    let mut of: Vec<CaseId> = remarks::table
        .filter(remarks::id.eq_any(ids))
        .filter(remarks::case_id.is_not_null())
        .select(remarks::case_id.assume_not_null())
        .load(c)?;
    of.sort();
    of.dedup();
    for case in &of {
        relead(c, case)?;
    }
    Ok(())
}

/// Every case chooses its lead again (after the organisation changed its promise).
pub fn relead_all(c: &mut DbConn) -> QueryResult<()> {
    let all: Vec<CaseId> = cases::table.filter(cases::merged_into.is_null()).select(cases::id).load(c)?;
    for case in &all {
        relead(c, case)?;
    }
    Ok(())
}

/// An empty case is gone, with its history and the pointers of cases merged into it (which
/// always point at the case they went into last: a merge moves them on).
pub fn drop_if_empty(c: &mut DbConn, case: &CaseId) -> QueryResult<bool> {
    if count(c, case)? > 0 {
        return Ok(false);
    }
    diesel::delete(cases::table.filter(cases::merged_into.eq(case))).execute(c)?;
    diesel::delete(cases::table.find(case)).execute(c)?;
    Ok(true)
}
