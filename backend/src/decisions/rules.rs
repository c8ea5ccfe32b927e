//! What the case acts do to a decided case (docs/decisions.md): a remark added hears the
//! current decision at once; remarks taken out keep the decision they were told (in a case of
//! their own, with a copy of it); merging two decided cases keeps the one the owner chose and
//! tells the others' customers of the change; a case others duplicate follows a merge.

use diesel::prelude::*;
use serde::Deserialize;

use super::audience;
use super::tell::{self, Ctx};
use super::{Decision, DecisionKind, ENDED_MERGED, current};
use crate::db::DbConn;
use crate::db::schema::decisions;
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::ids::{CaseId, DecisionId, RemarkId};

fn refused(pointer: &str, hint: &'static str) -> AppError {
    AppError::InvalidBody(vec![FieldIssue::new(pointer, FieldCode::InvalidValue).with_hint(hint)])
}

/// Remarks just added to `case`: when it is decided, their customers hear it now.
pub fn after_add(c: &mut DbConn, ctx: &Ctx, case: &CaseId, added: &[RemarkId]) -> Result<bool, AppError> {
    let Some((heard, decision)) = audience::heard(c, case, ctx.org, ctx.now)? else { return Ok(false) };
    let remarks = tell::load(c, added)?;
    let hearings = audience::hearings(&heard, remarks, false, ctx.now);
    let mut ids: Vec<&str> = added.iter().map(RemarkId::as_str).collect();
    ids.sort_unstable();
    let key = format!("decision:{}:{}", decision.as_str(), ids.join(","));
    tell::tell(c, ctx, &hearings, Some(&decision), &key)
}

/// Taking `leaving` remarks out of `case`: a decided case keeps one, and so does a case others
/// duplicate (their customers wait for its decision). 422 otherwise.
pub fn guard_taking_out(c: &mut DbConn, case: &CaseId, leaving: usize) -> Result<(), AppError> {
    let held = usize::try_from(crate::cases::store::count(c, case)?).unwrap_or(0);
    if held > leaving {
        return Ok(());
    }
    if current(c, case)?.is_some() {
        return Err(refused("/remarks", "field-remove-decided-all"));
    }
    if !super::duplicates_of(c, case)?.is_empty() {
        return Err(refused("/remarks", "field-remove-duplicated-all"));
    }
    Ok(())
}

/// Remarks that left decided `from` for `to` keep what they were told: `to` gets a copy of
/// `from`'s decision.
pub fn after_taking_out(c: &mut DbConn, ctx: &Ctx, from: &CaseId, to: &CaseId) -> Result<(), AppError> {
    if let Some(d) = current(c, from)? {
        copy(c, ctx, &d, to, ENDED_MERGED)?;
    }
    Ok(())
}

/// `decision` again, as `case`'s current one (decided by the owner acting now).
fn copy(c: &mut DbConn, ctx: &Ctx, d: &Decision, case: &CaseId, ended: &str) -> QueryResult<Decision> {
    let copy = Decision {
        id: DecisionId::new(),
        case_id: case.clone(),
        seq: 0,
        owner_id: ctx.by.clone(),
        at: crate::clock::to_hour(ctx.now),
        ended: None,
        ..d.clone()
    };
    super::store(c, copy, ended)
}

/// Which decision stands when two decided cases are merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Keep {
    /// The decision of the case merged into.
    This,
    /// The decision of the case that goes into it.
    Other,
}

/// Before `other` goes into `into`: which decision stands, checked (422 on `/keep`), and the
/// remarks that will hear it — the ones it is new to.
pub fn before_merge(
    c: &mut DbConn,
    into: &CaseId,
    other: &CaseId,
    keep: Option<Keep>,
) -> Result<(Option<Decision>, Vec<RemarkId>), AppError> {
    let (mine, theirs) = (current(c, into)?, current(c, other)?);
    let (standing, told_other) = match (mine, theirs, keep) {
        (None, None, _) => return Ok((None, Vec::new())),
        (Some(_), Some(_), None) => return Err(refused("/keep", "field-merge-decision")),
        (Some(d), None, _) | (Some(d), Some(_), Some(Keep::This)) => (d, false),
        (None, Some(d), _) | (Some(_), Some(d), Some(Keep::Other)) => (d, true),
    };
    if standing.kind == DecisionKind::Duplicate
        && standing.duplicate_of.as_ref().is_some_and(|root| root == into || root == other)
    {
        return Err(refused("/keep", "field-merge-duplicate-self"));
    }
    // The remarks the standing decision is new to: those of the other side.
    let side = if told_other { into } else { other };
    let new_to: Vec<RemarkId> = crate::cases::members(c, side)?.into_iter().map(|r| r.id).collect();
    Ok((Some(standing), new_to))
}

/// After `other` went into `into`: the standing decision is `into`'s, the other one ends as
/// merged, the remarks it is new to hear it, and cases that duplicated `other` now duplicate
/// `into`.
pub fn after_merge(
    c: &mut DbConn,
    ctx: &Ctx,
    (into, other): (&CaseId, &CaseId),
    standing: Option<Decision>,
    new_to: &[RemarkId],
) -> Result<bool, AppError> {
    diesel::update(
        decisions::table.filter(decisions::duplicate_of.eq(other)).filter(decisions::ended.is_null()),
    )
    .set(decisions::duplicate_of.eq(into))
    .execute(c)?;
    super::end_current(c, other, ENDED_MERGED)?;
    let Some(standing) = standing else { return Ok(false) };
    let mover = (ctx.by, ctx.now);
    let decision = if standing.case_id == *into {
        crate::plans::drop_plan(c, other, ENDED_MERGED, mover)?;
        standing
    } else {
        // The plan goes with the decision that stands (docs/plans.md).
        let decision = copy(c, ctx, &standing, into, ENDED_MERGED)?;
        crate::plans::drop_plan(c, into, ENDED_MERGED, mover)?;
        crate::plans::move_to(c, other, &decision)?;
        decision
    };
    let Some((heard, _)) = audience::heard(c, into, ctx.org, ctx.now)? else { return Ok(false) };
    let remarks = tell::load(c, new_to)?;
    // Remarks already decided were told another decision: for them it is a change.
    let (changed, fresh): (Vec<_>, Vec<_>) = remarks.into_iter().partition(|r| !r.undecided);
    let mut hearings = audience::hearings(&heard, fresh, false, ctx.now);
    hearings.extend(audience::hearings(&heard, changed, true, ctx.now));
    let key = format!("decision:{}", decision.id.as_str());
    tell::tell(c, ctx, &hearings, Some(&decision.id), &key)
}
