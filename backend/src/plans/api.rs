//! The owners' plan endpoints (docs/plans.md): who can be given a task, making a plan on an
//! act decision, the desk's list of plans (late work first), and adding, changing, removing
//! and completing tasks. Each act bumps the plan's version and is kept in the case's history.

use actix_web::{HttpResponse, get, post, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::done::{self, May};
use super::request::{self, NewPlan, NewTask, TaskChange, Versioned};
use super::{Plan, PlanView, Task, assign, record, tasks_of};
use crate::auth::Owner;
use crate::cases::CaseView;
use crate::cases::history::EventKind;
use crate::db::schema::{cases, plans, tasks, users};
use crate::db::{DbConn, write_transaction};
use crate::decisions::DecisionKind;
use crate::decisions::tell::Ctx;
use crate::error::AppError;
use crate::ids::{CaseId, PersonId, PlanId, TaskId};
use crate::people::Status;
use crate::state::AppState;
use crate::web::ApiJson;

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Colleague {
    pub id: PersonId,
    pub name: String,
}

/// The active people a task can be given to, by name (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "plans", responses((status = 200, body = [Colleague])))]
#[get("/desk/colleagues")]
pub async fn colleagues(_: Owner, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let all = state
        .db
        .run(|c| {
            let rows: Vec<(PersonId, String)> = users::table
                .filter(users::status.eq(Status::Active))
                .order((users::display_name.asc(), users::id.asc()))
                .select((users::id, users::display_name))
                .load(c)?;
            Ok::<_, AppError>(rows.into_iter().map(|(id, name)| Colleague { id, name }).collect::<Vec<_>>())
        })
        .await?;
    Ok(HttpResponse::Ok().json(all))
}

fn title_of(c: &mut DbConn, case: &CaseId) -> QueryResult<String> {
    cases::table.find(case).select(cases::title).first(c)
}

/// Store a new task of `plan` and mail its assignee. Whether a mail was queued.
fn insert_task(
    c: &mut DbConn,
    act: &Ctx,
    plan: &Plan,
    given: request::Checked,
) -> Result<(Task, bool), AppError> {
    let last: Option<i32> =
        tasks::table.filter(tasks::plan_id.eq(&plan.id)).select(diesel::dsl::max(tasks::seq)).first(c)?;
    let task = Task {
        id: TaskId::new(),
        plan_id: plan.id.clone(),
        seq: last.unwrap_or(0) + 1,
        description: given.description,
        assignee_id: given.assignee,
        due_on: given.due_on.format("%Y-%m-%d").to_string(),
        done_at: None,
        done_by: None,
        removed: false,
        created_at: crate::clock::to_hour(act.now),
    };
    diesel::insert_into(tasks::table).values(&task).execute(c)?;
    let title = title_of(c, &plan.case_id)?;
    let mailed = assign::tell_assignee(c, act, &task, &title)?;
    Ok((task, mailed))
}

/// Make the plan of a case decided "act", with its first tasks (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "plans", request_body = NewPlan,
    responses((status = 201, body = CaseView), (status = 404, body = crate::error::Problem),
        (status = 409, description = "stale, not act, or it has a plan", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
#[post("/desk/cases/{id}/plan")]
pub async fn make(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<NewPlan>,
) -> Result<HttpResponse, AppError> {
    let id = CaseId::parse(&id).ok_or(AppError::NotFound)?;
    let given = request::shape_plan(&body.0)?;
    let version = body.0.version;
    let now = state.clock.now();
    let base_url = state.settings.base_url().to_owned();
    let by = owner.person.id.clone();
    let (view, mailed) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            write_transaction(conn, |c| {
                crate::cases::store::bump(c, &id, version, (now, &org))?;
                let decision = crate::decisions::current(c, &id)?
                    .filter(|d| d.kind == DecisionKind::Act)
                    .ok_or(AppError::conflict("not-act"))?;
                let day = decision.hear_again().ok_or(AppError::conflict("not-act"))?;
                if super::of_case(c, &id)?.is_some() {
                    return Err(AppError::conflict("plan-exists"));
                }
                let pointers: Vec<String> = (0..given.len()).map(|i| format!("/tasks/{i}")).collect();
                let confirm: Vec<_> = given
                    .iter()
                    .zip(&pointers)
                    .map(|(t, at)| (at.as_str(), Some(&t.assignee), Some(t.due_on)))
                    .collect();
                // A date already passed: the plan starts late (tasks due today at the latest),
                // at the top of the desk until it is moved.
                let today = org.day_of(now);
                request::confirm(c, &confirm, (today, day.max(today)))?;
                let day = day.format("%Y-%m-%d").to_string();
                let plan = Plan {
                    id: PlanId::new(),
                    case_id: id.clone(),
                    decision_id: decision.id.clone(),
                    owner_id: by.clone(),
                    due_on: day.clone(),
                    promised_on: day.clone(),
                    done_at: None,
                    dropped: None,
                    version: 1,
                    created_at: crate::clock::to_hour(now),
                };
                diesel::insert_into(plans::table).values(&plan).execute(c)?;
                record(c, &id, EventKind::PlanMade, (&by, now), Some(&day))?;
                let act = Ctx { org: &org, now, base_url: &base_url, by: &by };
                let mut mailed = false;
                for task in given {
                    let (task, sent) = insert_task(c, &act, &plan, task)?;
                    record(c, &id, EventKind::TaskAdded, (&by, now), Some(&task.description))?;
                    mailed |= sent;
                }
                Ok((crate::cases::view(c, &id, now, &org)?, mailed))
            })
        })
        .await?;
    if mailed {
        state.mail.wake();
    }
    Ok(HttpResponse::Created().json(view))
}

/// An open plan's task, for a change: 404 unknown, 409 when the plan is closed or it is done.
fn open_task(c: &mut DbConn, id: &TaskId, by: &PersonId, version: i32) -> Result<(Task, Plan), AppError> {
    let (task, plan) = done::find_for(c, id, by, May::Owner)?;
    if !plan.is_open() {
        return Err(AppError::conflict("plan-closed"));
    }
    let plan = super::bump(c, &plan.id, version)?;
    if task.done_at.is_some() {
        return Err(AppError::conflict("task-done"));
    }
    Ok((task, plan))
}

/// Run an owner's act on a plan in one write transaction; answer the plan as it is then.
pub(super) async fn plan_act<F>(state: &AppState, owner: &Owner, work: F) -> Result<HttpResponse, AppError>
where
    F: FnOnce(&mut DbConn, &Ctx) -> Result<(PlanId, bool), AppError> + Send + 'static,
{
    let now = state.clock.now();
    let base_url = state.settings.base_url().to_owned();
    let by = owner.person.id.clone();
    let (view, mailed) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            write_transaction(conn, |c| {
                let act = Ctx { org: &org, now, base_url: &base_url, by: &by };
                let (id, mailed) = work(c, &act)?;
                let plan = super::find(c, &id)?.ok_or(AppError::NotFound)?;
                Ok::<(PlanView, bool), AppError>((super::view(c, &plan, &org, now)?, mailed))
            })
        })
        .await?;
    if mailed {
        state.mail.wake();
    }
    Ok(HttpResponse::Ok().json(view))
}

/// Add a task to an open plan (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "plans", request_body = NewTask,
    responses((status = 200, body = PlanView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/desk/plans/{id}/tasks")]
pub async fn add_task(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<NewTask>,
) -> Result<HttpResponse, AppError> {
    let id = PlanId::parse(&id).ok_or(AppError::NotFound)?;
    let mut checks = crate::web::validate::Checks::new();
    let given = request::shape_task(&body.0.task(), "", &mut checks);
    checks.finish()?;
    let given = given.ok_or(AppError::BadRequest)?;
    let version = body.0.version;
    plan_act(&state, &owner, move |c, act| {
        let plan = super::find(c, &id)?.filter(|p| p.dropped.is_none()).ok_or(AppError::NotFound)?;
        if !plan.is_open() {
            return Err(AppError::conflict("plan-closed"));
        }
        super::lock_case(c, &plan.case_id)?;
        let plan = super::bump(c, &plan.id, version)?;
        if tasks_of(c, &plan.id)?.len() >= request::TASKS_MAX {
            let full = crate::error::FieldIssue::new("", crate::error::FieldCode::InvalidLength);
            return Err(AppError::InvalidBody(vec![full]));
        }
        let day = plan.due().ok_or(AppError::conflict("plan-closed"))?;
        let today = act.org.day_of(act.now);
        request::confirm(c, &[("", Some(&given.assignee), Some(given.due_on))], (today, day.max(today)))?;
        let (task, mailed) = insert_task(c, act, &plan, given)?;
        record(c, &plan.case_id, EventKind::TaskAdded, (act.by, act.now), Some(&task.description))?;
        Ok((plan.id, mailed))
    })
    .await
}

/// Change an open task: its description, assignee or day (feedback owners). A new assignee is
/// mailed.
#[utoipa::path(security(("session" = ["owner"])), tag = "plans", request_body = TaskChange,
    responses((status = 200, body = PlanView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/desk/tasks/{id}")]
pub async fn change_task(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<TaskChange>,
) -> Result<HttpResponse, AppError> {
    let id = TaskId::parse(&id).ok_or(AppError::NotFound)?;
    let (description, assignee, due_on) = request::shape_change(&body.0)?;
    let version = body.0.version;
    plan_act(&state, &owner, move |c, act| {
        let (task, plan) = open_task(c, &id, act.by, version)?;
        let day = plan.due().ok_or(AppError::conflict("plan-closed"))?;
        let today = act.org.day_of(act.now);
        request::confirm(c, &[("", assignee.as_ref(), due_on)], (today, day.max(today)))?;
        let changed = Task {
            description: description.unwrap_or(task.description.clone()),
            assignee_id: assignee.unwrap_or(task.assignee_id.clone()),
            due_on: due_on.map_or(task.due_on.clone(), |d| d.format("%Y-%m-%d").to_string()),
            ..task.clone()
        };
        diesel::update(tasks::table.find(&id))
            .set((
                tasks::description.eq(&changed.description),
                tasks::assignee_id.eq(&changed.assignee_id),
                tasks::due_on.eq(&changed.due_on),
            ))
            .execute(c)?;
        record(c, &plan.case_id, EventKind::TaskChanged, (act.by, act.now), Some(&changed.description))?;
        let mut mailed = false;
        if changed.assignee_id != task.assignee_id {
            let title = title_of(c, &plan.case_id)?;
            mailed = assign::tell_assignee(c, act, &changed, &title)?;
        }
        Ok((plan.id, mailed))
    })
    .await
}

/// Remove an open task (feedback owners). The plan keeps at least one task; when those left
/// are all done, the plan is done and its customers told.
#[utoipa::path(security(("session" = ["owner"])), tag = "plans", request_body = Versioned,
    responses((status = 200, body = PlanView), (status = 404, body = crate::error::Problem),
        (status = 409, description = "stale, done, or its plan's only task", body = crate::error::Problem)))]
#[post("/desk/tasks/{id}/remove")]
pub async fn remove_task(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Versioned>,
) -> Result<HttpResponse, AppError> {
    let id = TaskId::parse(&id).ok_or(AppError::NotFound)?;
    let version = body.0.version;
    plan_act(&state, &owner, move |c, act| {
        let (task, plan) = open_task(c, &id, act.by, version)?;
        if tasks_of(c, &plan.id)?.len() <= 1 {
            return Err(AppError::conflict("plan-needs-task"));
        }
        diesel::update(tasks::table.find(&id)).set(tasks::removed.eq(true)).execute(c)?;
        record(c, &plan.case_id, EventKind::TaskRemoved, (act.by, act.now), Some(&task.description))?;
        let mailed = done::finish_if_done(c, act, &plan)?;
        Ok((plan.id, mailed))
    })
    .await
}

/// Mark any task done (feedback owners); done already is done once.
#[utoipa::path(security(("session" = ["owner"])), tag = "plans",
    responses((status = 200, body = PlanView), (status = 404, body = crate::error::Problem)))]
#[post("/desk/tasks/{id}/done")]
pub async fn owner_done(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = TaskId::parse(&id).ok_or(AppError::NotFound)?;
    plan_act(&state, &owner, move |c, act| {
        let found = done::find_for(c, &id, act.by, May::Owner)?;
        let plan = found.1.id.clone();
        let mailed = done::mark(c, act, found)?;
        Ok((plan, mailed))
    })
    .await
}
