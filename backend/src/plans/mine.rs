//! My tasks (docs/plans.md): every signed-in person's own tasks — the open ones by day, the
//! last done ones — and marking one done. Someone else's task is not found: nobody learns
//! which tasks exist by asking.

use actix_web::{HttpResponse, get, post, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::done::{self, May};
use super::{Task, ended};
use crate::auth::Authenticated;
use crate::db::schema::{cases, decisions, plans, tasks};
use crate::db::{DbConn, write_transaction};
use crate::decisions::tell::Ctx;
use crate::decisions::{DecisionWords, words_for};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::{PersonId, TaskId};
use crate::organisation::Organisation;
use crate::state::AppState;

/// How many done tasks the list keeps.
pub const DONE_SHOWN: i64 = 50;

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MyTask {
    pub id: TaskId,
    pub description: String,
    pub due_on: String,
    /// Its day has ended and it is open.
    pub late: bool,
    /// The hour it was done.
    pub done_at: Option<i64>,
    /// The case it carries out.
    pub case_title: String,
    /// What was decided, in the person's language when it was written in it.
    pub outcome: String,
    /// By when the customers hear it is done.
    pub plan_due_on: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MyTasks {
    /// The server's clock (Unix seconds).
    pub now: i64,
    /// Open, the earliest day first.
    pub open: Vec<MyTask>,
    /// Done, the latest first (at most 50).
    pub done: Vec<MyTask>,
}

type Row = (Task, String, String, String);

/// A task with its case's title, its decision's words and its plan's date (the one query both
/// the list and a single task read; a macro, as its type has no name worth writing).
macro_rules! with_context {
    () => {
        tasks::table
            .inner_join(plans::table)
            .inner_join(cases::table.on(cases::id.eq(plans::case_id)))
            .inner_join(decisions::table.on(decisions::id.eq(plans::decision_id)))
            .select((Task::as_select(), cases::title, decisions::texts, plans::due_on))
    };
}

fn rows(c: &mut DbConn, person: &PersonId, open: bool) -> QueryResult<Vec<Row>> {
    let mine = with_context!()
        .filter(tasks::assignee_id.eq(person))
        .filter(tasks::removed.eq(false))
        .filter(plans::dropped.is_null());
    if open {
        mine.filter(tasks::done_at.is_null()).order((tasks::due_on.asc(), tasks::id.asc())).load(c)
    } else {
        mine.filter(tasks::done_at.is_not_null())
            .order((tasks::done_at.desc(), tasks::id.asc()))
            .limit(DONE_SHOWN)
            .load(c)
    }
}

fn my_task((task, case_title, texts, plan_due_on): Row, lang: Lang, org: &Organisation, now: i64) -> MyTask {
    let words: Vec<DecisionWords> = serde_json::from_str(&texts).unwrap_or_default();
    let outcome = words_for(&words, lang).map(|(w, _)| w.outcome.clone()).unwrap_or_default();
    MyTask {
        late: task.done_at.is_none() && ended(org, &task.due_on, now),
        id: task.id,
        description: task.description,
        due_on: task.due_on,
        done_at: task.done_at,
        case_title,
        outcome,
        plan_due_on,
    }
}

/// The tasks given to the signed-in person (anyone signed in).
#[utoipa::path(security(("session" = [])), tag = "plans", responses((status = 200, body = MyTasks)))]
#[get("/me/tasks")]
pub async fn my_tasks(me: Authenticated, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let (id, lang) = (me.person.id.clone(), me.person.language);
    let answer = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |c| {
                let org = crate::organisation::load(c)?;
                let open = rows(c, &id, true)?.into_iter().map(|r| my_task(r, lang, &org, now)).collect();
                let done = rows(c, &id, false)?.into_iter().map(|r| my_task(r, lang, &org, now)).collect();
                Ok::<_, AppError>(MyTasks { now, open, done })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(answer))
}

/// Mark one of the signed-in person's tasks done; done already is done once (anyone signed
/// in, for their own tasks). The last open task of a plan tells its customers it is done.
#[utoipa::path(security(("session" = [])), tag = "plans",
    responses((status = 200, body = MyTask), (status = 404, description = "no such task of theirs",
        body = crate::error::Problem)))]
#[post("/me/tasks/{id}/done")]
pub async fn mark_done(
    me: Authenticated,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = TaskId::parse(&id).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let base_url = state.settings.base_url().to_owned();
    let (by, lang) = (me.person.id.clone(), me.person.language);
    let (task, mailed) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            write_transaction(conn, |c| {
                let found = done::find_for(c, &id, &by, May::Assignee)?;
                let mailed = done::mark(c, &Ctx { org: &org, now, base_url: &base_url, by: &by }, found)?;
                let row = rows_of(c, &id)?;
                Ok::<_, AppError>((my_task(row, lang, &org, now), mailed))
            })
        })
        .await?;
    if mailed {
        state.mail.wake();
    }
    Ok(HttpResponse::Ok().json(task))
}

fn rows_of(c: &mut DbConn, id: &TaskId) -> Result<Row, AppError> {
    with_context!().filter(tasks::id.eq(id)).first(c).optional()?.ok_or(AppError::NotFound)
}
