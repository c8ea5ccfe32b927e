//! A task done, and the plan done with its last one (docs/plans.md). Marking done twice is
//! once: the second finds it done and writes nothing. When no task is open any more the plan is
//! done in the same transaction, and every customer of the case — and of the cases that
//! duplicate it — is told, by the owner who made the plan: a mail, a call, or the colleague who
//! heard it.

use diesel::prelude::*;

use super::{Plan, Task, record, tasks_of};
use crate::cases::history::EventKind;
use crate::db::DbConn;
use crate::db::schema::{plans, tasks};
use crate::decisions::compose::Told;
use crate::decisions::tell::{self, After, Ctx, Hearing};
use crate::error::AppError;
use crate::ids::{PersonId, TaskId};

/// Who may mark a task done.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum May {
    /// Only its assignee (My tasks): anyone else's task is not found.
    Assignee,
    /// Any task (a feedback owner, on the desk).
    Owner,
}

/// A task and its plan, for `by`: 404 when it is removed, its plan dropped, or (for an
/// assignee) it is someone else's.
pub fn find_for(c: &mut DbConn, id: &TaskId, by: &PersonId, may: May) -> Result<(Task, Plan), AppError> {
    let read = |c: &mut DbConn| -> Result<(Task, Plan), AppError> {
        let task: Task = tasks::table
            .find(id)
            .filter(tasks::removed.eq(false))
            .select(Task::as_select())
            .first(c)
            .optional()?
            .ok_or(AppError::NotFound)?;
        if may == May::Assignee && task.assignee_id != *by {
            return Err(AppError::NotFound);
        }
        let plan =
            super::find(c, &task.plan_id)?.filter(|p| p.dropped.is_none()).ok_or(AppError::NotFound)?;
        Ok((task, plan))
    };
    let (_, plan) = read(c)?;
    // Locked in the decisions' order, then read again as it is now.
    super::lock_case(c, &plan.case_id)?;
    read(c)
}

/// Mark `task` done by `ctx.by` (in the caller's write transaction). Whether a mail was queued.
pub fn mark(c: &mut DbConn, ctx: &Ctx, (task, plan): (Task, Plan)) -> Result<bool, AppError> {
    if task.done_at.is_some() || !plan.is_open() {
        return Ok(false);
    }
    let (by, now) = (ctx.by, ctx.now);
    let updated = diesel::update(tasks::table.find(&task.id).filter(tasks::done_at.is_null()))
        .set((tasks::done_at.eq(crate::clock::to_hour(now)), tasks::done_by.eq(by)))
        .execute(c)?;
    if updated == 0 {
        return Ok(false);
    }
    diesel::update(plans::table.find(&plan.id)).set(plans::version.eq(plans::version + 1)).execute(c)?;
    record(c, &plan.case_id, EventKind::TaskDone, (by, now), Some(&task.description))?;
    finish_if_done(c, ctx, &plan)
}

/// When no task of `plan` is open (and one is done), the plan is done and its customers told.
pub fn finish_if_done(c: &mut DbConn, ctx: &Ctx, plan: &Plan) -> Result<bool, AppError> {
    let tasks = tasks_of(c, &plan.id)?;
    if tasks.is_empty() || tasks.iter().any(|t| t.done_at.is_none()) {
        return Ok(false);
    }
    let (org, now) = (ctx.org, ctx.now);
    // Only the case's live plan of its current act decision is done, and told, once.
    let decision = crate::decisions::current(c, &plan.case_id)?
        .filter(|d| d.id == plan.decision_id && d.kind == crate::decisions::DecisionKind::Act);
    let Some(decision) = decision else { return Ok(false) };
    let finished = diesel::update(
        plans::table.find(&plan.id).filter(plans::done_at.is_null()).filter(plans::dropped.is_null()),
    )
    .set((plans::done_at.eq(crate::clock::to_hour(now)), plans::version.eq(plans::version + 1)))
    .execute(c)?;
    if finished != 1 {
        return Ok(false);
    }
    record(c, &plan.case_id, EventKind::PlanDone, (ctx.by, now), None)?;
    let texts = decision.words();
    let told = Told::Done { texts: &texts };
    let late = super::ended(org, &plan.promised_on, now);
    let hearings: Vec<Hearing> = super::audience(c, plan)?
        .into_iter()
        .map(|remark| Hearing { remark, told, late, after: After::Decided { hear_again_on: None } })
        .collect();
    // The answer is the owner's, who made the plan: the assignee is named on the task only.
    let owners = Ctx { by: &plan.owner_id, ..*ctx };
    let key = format!("plan-done:{}", plan.id.as_str());
    tell::tell(c, &owners, &hearings, Some(&decision.id), &key)
}
