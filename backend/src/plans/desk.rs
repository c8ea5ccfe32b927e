//! The desk's list of plans (docs/plans.md): every open plan, those needing the owner first —
//! a late plan, late tasks, tasks whose assignee is disabled — and the cases decided "act" that
//! have no plan yet.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Plan, Task, ended, tasks_of};
use crate::auth::Owner;
use crate::cases::CaseRef;
use crate::db::DbConn;
use crate::db::schema::{cases, decisions, plans, users};
use crate::decisions::DecisionKind;
use crate::error::AppError;
use crate::ids::{CaseId, PersonId, PlanId};
use crate::organisation::Organisation;
use crate::people::Status;
use crate::state::AppState;

fn case_ref(c: &mut DbConn, case: &CaseId) -> QueryResult<CaseRef> {
    let remarks = crate::cases::store::count(c, case)?;
    let title = cases::table.find(case).select(cases::title).first(c)?;
    Ok(CaseRef { id: case.clone(), title, remarks })
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanSummary {
    pub id: PlanId,
    pub case: CaseRef,
    pub due_on: String,
    /// Its date has ended: its customers wait for a new date.
    pub late: bool,
    /// Tasks open and done.
    pub open: usize,
    pub done: usize,
    pub late_tasks: usize,
    /// Open tasks whose assignee is disabled: to give to someone else.
    pub disabled_assignees: usize,
    /// Any of the above needs the owner.
    pub attention: bool,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlanList {
    pub now: i64,
    /// Every open plan, those needing attention first, then by date.
    pub plans: Vec<PlanSummary>,
    /// Cases decided "act" that have no plan yet.
    pub unplanned: Vec<CaseRef>,
}

fn summary(c: &mut DbConn, plan: &Plan, org: &Organisation, now: i64) -> QueryResult<PlanSummary> {
    let tasks = tasks_of(c, &plan.id)?;
    let open: Vec<&Task> = tasks.iter().filter(|t| t.done_at.is_none()).collect();
    let assignees: Vec<&PersonId> = open.iter().map(|t| &t.assignee_id).collect();
    let active: Vec<PersonId> = users::table
        .filter(users::id.eq_any(&assignees))
        .filter(users::status.eq(Status::Active))
        .select(users::id)
        .load(c)?;
    let late = ended(org, &plan.due_on, now);
    let late_tasks = open.iter().filter(|t| ended(org, &t.due_on, now)).count();
    let disabled_assignees = open.iter().filter(|t| !active.contains(&t.assignee_id)).count();
    Ok(PlanSummary {
        id: plan.id.clone(),
        case: case_ref(c, &plan.case_id)?,
        due_on: plan.due_on.clone(),
        late,
        open: open.len(),
        done: tasks.len() - open.len(),
        late_tasks,
        disabled_assignees,
        attention: late || late_tasks > 0 || disabled_assignees > 0,
    })
}

/// Every open plan, late work first, and the act decisions without a plan (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "plans", responses((status = 200, body = PlanList)))]
#[get("/desk/plans")]
pub async fn list(_: Owner, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let answer = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |c| {
                let org = crate::organisation::load(c)?;
                let open: Vec<Plan> = plans::table
                    .filter(plans::done_at.is_null())
                    .filter(plans::dropped.is_null())
                    .order((plans::due_on.asc(), plans::id.asc()))
                    .select(Plan::as_select())
                    .load(c)?;
                let mut all = Vec::with_capacity(open.len());
                for plan in &open {
                    all.push(summary(c, plan, &org, now)?);
                }
                all.sort_by_key(|p| !p.attention);
                let live = plans::table.filter(plans::dropped.is_null()).select(plans::case_id);
                let ids: Vec<CaseId> = cases::table
                    .inner_join(decisions::table.on(cases::decision_id.eq(decisions::id.nullable())))
                    .filter(decisions::kind.eq(DecisionKind::Act))
                    .filter(cases::id.ne_all(live))
                    .order(cases::id.asc())
                    .select(cases::id)
                    .load(c)?;
                let mut unplanned = Vec::with_capacity(ids.len());
                for id in &ids {
                    unplanned.push(case_ref(c, id)?);
                }
                Ok::<_, AppError>(PlanList { now, plans: all, unplanned })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}
