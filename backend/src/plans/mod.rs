//! Action plans (docs/plans.md): the tasks that carry out an *act* decision, each for one
//! colleague with a day; the plan's date is the day its customers hear it is done. When every
//! task is done the customers are told ([`done`]); when the date cannot be kept the owner moves
//! it and they are told the new one ([`moving`]). Owners' endpoints are in [`api`] and
//! [`desk`] (the list), the
//! person's own tasks in [`mine`], the assignee's mail in [`assign`].

pub mod api;
pub mod assign;
pub mod desk;
pub mod done;
pub mod mine;
pub mod moving;
pub mod request;

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::cases::history::{self, Event, EventKind};
use crate::db::DbConn;
use crate::db::schema::{cases, plans, tasks, users};
use crate::decisions::{Decision, DecisionKind};
use crate::error::AppError;
use crate::ids::{CaseId, DecisionId, PersonId, PlanId, TaskId};
use crate::organisation::Organisation;
use crate::people::Status;

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(api::colleagues)
        .service(api::make)
        .service(desk::list)
        .service(api::add_task)
        .service(api::change_task)
        .service(api::remove_task)
        .service(api::owner_done)
        .service(moving::draft)
        .service(moving::preview)
        .service(moving::move_plan)
        .service(mine::my_tasks)
        .service(mine::mark_done);
}

/// A plan as stored.
#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = plans)]
pub struct Plan {
    pub id: PlanId,
    pub case_id: CaseId,
    pub decision_id: DecisionId,
    /// The owner who made it: the customers' answers are theirs.
    pub owner_id: PersonId,
    pub due_on: String,
    /// The day its customers were last told.
    pub promised_on: String,
    /// The hour it was done.
    pub done_at: Option<i64>,
    pub dropped: Option<String>,
    pub version: i32,
    pub created_at: i64,
}

impl Plan {
    pub fn due(&self) -> Option<NaiveDate> {
        crate::web::validate::exact_day(&self.due_on)
    }

    pub fn is_open(&self) -> bool {
        self.done_at.is_none() && self.dropped.is_none()
    }
}

/// A task as stored.
#[derive(Clone, Debug, Queryable, Selectable, Insertable)]
#[diesel(table_name = tasks)]
pub struct Task {
    pub id: TaskId,
    pub plan_id: PlanId,
    pub seq: i32,
    pub description: String,
    pub assignee_id: PersonId,
    pub due_on: String,
    pub done_at: Option<i64>,
    pub done_by: Option<PersonId>,
    pub removed: bool,
    pub created_at: i64,
}

/// A day has ended at `now` (in the organisation's time zone).
pub fn ended(org: &Organisation, day: &str, now: i64) -> bool {
    crate::web::validate::exact_day(day).is_some_and(|d| org.end_of_day(d) <= now)
}

/// The case's live plan (not dropped; done or open).
pub fn of_case(c: &mut DbConn, case: &CaseId) -> QueryResult<Option<Plan>> {
    plans::table
        .filter(plans::case_id.eq(case))
        .filter(plans::dropped.is_null())
        .select(Plan::as_select())
        .first(c)
        .optional()
}

pub fn find(c: &mut DbConn, id: &PlanId) -> QueryResult<Option<Plan>> {
    plans::table.find(id).select(Plan::as_select()).first(c).optional()
}

/// A plan's tasks that are not removed, in order.
pub fn tasks_of(c: &mut DbConn, plan: &PlanId) -> QueryResult<Vec<Task>> {
    tasks::table
        .filter(tasks::plan_id.eq(plan))
        .filter(tasks::removed.eq(false))
        .order(tasks::seq.asc())
        .select(Task::as_select())
        .load(c)
}

/// The one named on a task.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Assignee {
    pub id: PersonId,
    pub name: String,
    /// `false` when the person is disabled: the task waits for someone else.
    pub active: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct TaskView {
    pub id: TaskId,
    pub description: String,
    pub assignee: Assignee,
    pub due_on: String,
    /// Its day has ended and it is open.
    pub late: bool,
    /// The hour it was done.
    pub done_at: Option<i64>,
    /// Who marked it done.
    pub done_by: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanView {
    pub id: PlanId,
    pub case_id: CaseId,
    /// Send it back with a change: a change that saw an older version is refused (409).
    pub version: i32,
    /// By when its customers hear it is done.
    pub due_on: String,
    /// The day they were last told.
    pub promised_on: String,
    /// Its date has ended and it is not done: its customers wait for a new date.
    pub late: bool,
    pub done_at: Option<i64>,
    /// The owner who made it.
    pub by: String,
    pub tasks: Vec<TaskView>,
}

fn names(c: &mut DbConn, ids: &[&PersonId]) -> QueryResult<Vec<(PersonId, String, Status)>> {
    users::table.filter(users::id.eq_any(ids)).select((users::id, users::display_name, users::status)).load(c)
}

/// The plan as the owner reads it.
pub fn view(c: &mut DbConn, plan: &Plan, org: &Organisation, now: i64) -> QueryResult<PlanView> {
    let tasks = tasks_of(c, &plan.id)?;
    let mut ids: Vec<&PersonId> = vec![&plan.owner_id];
    ids.extend(tasks.iter().map(|t| &t.assignee_id));
    ids.extend(tasks.iter().filter_map(|t| t.done_by.as_ref()));
    let people = names(c, &ids)?;
    let name = |id: &PersonId| people.iter().find(|p| p.0 == *id).map(|p| p.1.clone()).unwrap_or_default();
    let tasks = tasks
        .iter()
        .map(|t| TaskView {
            id: t.id.clone(),
            description: t.description.clone(),
            assignee: Assignee {
                id: t.assignee_id.clone(),
                name: name(&t.assignee_id),
                active: people.iter().any(|p| p.0 == t.assignee_id && p.2 == Status::Active),
            },
            due_on: t.due_on.clone(),
            late: t.done_at.is_none() && plan.is_open() && ended(org, &t.due_on, now),
            done_at: t.done_at,
            done_by: t.done_by.as_ref().map(name),
        })
        .collect();
    Ok(PlanView {
        id: plan.id.clone(),
        case_id: plan.case_id.clone(),
        version: plan.version,
        due_on: plan.due_on.clone(),
        promised_on: plan.promised_on.clone(),
        late: plan.is_open() && ended(org, &plan.due_on, now),
        done_at: plan.done_at,
        by: name(&plan.owner_id),
        tasks,
    })
}

/// Everyone who hears of `plan`: its case's customers and those of the cases duplicating it.
pub fn audience(c: &mut DbConn, plan: &Plan) -> QueryResult<Vec<crate::remarks::Remark>> {
    let mut remarks = crate::cases::members(c, &plan.case_id)?;
    remarks.extend(crate::decisions::audience::duplicates_remarks(c, &plan.case_id)?);
    Ok(remarks)
}

/// The live plan of `case`, as the case shows it.
pub fn view_of_case(
    c: &mut DbConn,
    case: &CaseId,
    org: &Organisation,
    now: i64,
) -> QueryResult<Option<PlanView>> {
    match of_case(c, case)? {
        Some(plan) => view(c, &plan, org, now).map(Some),
        None => Ok(None),
    }
}

/// Take the plan's version: a change that saw another is stale (409).
pub fn bump(c: &mut DbConn, id: &PlanId, version: i32) -> Result<Plan, AppError> {
    let updated = diesel::update(plans::table.find(id).filter(plans::version.eq(version)))
        .set(plans::version.eq(plans::version + 1))
        .execute(c)?;
    let plan = find(c, id)?.ok_or(AppError::NotFound)?;
    if updated == 0 {
        return Err(AppError::conflict("stale"));
    }
    Ok(plan)
}

/// Take the case's row first (its version moves on): every plan act locks case, then plan,
/// then tasks and remarks — the order decisions use — so two acts never wait on each other.
pub fn lock_case(c: &mut DbConn, case: &CaseId) -> QueryResult<()> {
    diesel::update(cases::table.find(case)).set(cases::version.eq(cases::version + 1)).execute(c).map(drop)
}

/// Keep a plan event in its case's history (the case's version orders it).
pub fn record(
    c: &mut DbConn,
    case: &CaseId,
    kind: EventKind,
    (by, now): (&PersonId, i64),
    detail: Option<&str>,
) -> QueryResult<()> {
    diesel::update(cases::table.find(case)).set(cases::version.eq(cases::version + 1)).execute(c)?;
    history::record_about(c, case, &Event { kind, by, now, remarks: 0, other: None }, detail)
}

/// After `decision` became the case's current one: a plan follows a change to another act
/// (its date becomes the new day, which the change told); any other kind ends it.
pub fn follow(c: &mut DbConn, decision: &Decision, (by, now): (&PersonId, i64)) -> QueryResult<()> {
    let Some(plan) = of_case(c, &decision.case_id)? else { return Ok(()) };
    match (decision.kind, &decision.hear_again_on) {
        (DecisionKind::Act, Some(day)) if plan.is_open() => diesel::update(plans::table.find(&plan.id))
            .set((
                plans::decision_id.eq(&decision.id),
                plans::due_on.eq(day),
                plans::promised_on.eq(day),
                plans::version.eq(plans::version + 1),
            ))
            .execute(c)
            .map(drop),
        // A done plan stays in the history; a new act gets a plan of its own.
        _ => drop_plan(c, &decision.case_id, crate::decisions::ENDED_CHANGED, (by, now)),
    }
}

/// The case's decision ended (`why`): so does its plan, and its open tasks leave every list.
pub fn drop_plan(c: &mut DbConn, case: &CaseId, why: &str, (by, now): (&PersonId, i64)) -> QueryResult<()> {
    let Some(plan) = of_case(c, case)? else { return Ok(()) };
    diesel::update(plans::table.find(&plan.id))
        .set((plans::dropped.eq(why), plans::version.eq(plans::version + 1)))
        .execute(c)?;
    if plan.is_open() { record(c, case, EventKind::PlanDropped, (by, now), None) } else { Ok(()) }
}

/// `from` was merged into `decision`'s case, whose decision is a copy of `from`'s: its plan
/// goes with it.
pub fn move_to(c: &mut DbConn, from: &CaseId, decision: &Decision) -> QueryResult<()> {
    let Some(plan) = of_case(c, from)? else { return Ok(()) };
    diesel::update(plans::table.find(&plan.id))
        .set((
            plans::case_id.eq(&decision.case_id),
            plans::decision_id.eq(&decision.id),
            plans::version.eq(plans::version + 1),
        ))
        .execute(c)
        .map(drop)
}
