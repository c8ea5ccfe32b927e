//! Plans and tasks as the owner sends them, checked (docs/plans.md): the shape first (422
//! before any read), then what needs the database — the assignee is an active colleague, the
//! day is not past the plan's date.

use chrono::NaiveDate;
use diesel::prelude::*;
use serde::Deserialize;

use crate::db::DbConn;
use crate::db::schema::users;
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::ids::PersonId;
use crate::people::Status;
use crate::web::validate::{Checks, exact_day};

pub const DESCRIPTION_MAX: usize = 500;
pub const TASKS_MAX: usize = 30;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskGiven {
    /// What is to be done (line breaks allowed).
    #[schema(schema_with = crate::web::schema::text::<500>)]
    pub description: String,
    /// An active colleague.
    #[schema(schema_with = crate::web::schema::uuid_v4)]
    pub assignee: String,
    /// Today up to the plan's date.
    #[schema(schema_with = crate::web::schema::day)]
    pub due_on: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewPlan {
    /// The case's version.
    #[schema(minimum = 1)]
    pub version: i32,
    #[schema(min_items = 1, max_items = 30)]
    pub tasks: Vec<TaskGiven>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTask {
    /// The plan's version.
    #[schema(minimum = 1)]
    pub version: i32,
    #[schema(schema_with = crate::web::schema::text::<500>)]
    pub description: String,
    #[schema(schema_with = crate::web::schema::uuid_v4)]
    pub assignee: String,
    #[schema(schema_with = crate::web::schema::day)]
    pub due_on: String,
}

impl NewTask {
    pub fn task(&self) -> TaskGiven {
        TaskGiven {
            description: self.description.clone(),
            assignee: self.assignee.clone(),
            due_on: self.due_on.clone(),
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskChange {
    /// The plan's version.
    #[schema(minimum = 1)]
    pub version: i32,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_text::<500>)]
    pub description: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_uuid_v4)]
    pub assignee: Option<String>,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_day)]
    pub due_on: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Versioned {
    /// The plan's version.
    #[schema(minimum = 1)]
    pub version: i32,
}

/// A task, its shape checked.
pub struct Checked {
    pub description: String,
    pub assignee: PersonId,
    pub due_on: NaiveDate,
}

fn issue(pointer: String, hint: &'static str) -> FieldIssue {
    FieldIssue::new(&pointer, FieldCode::InvalidValue).with_hint(hint)
}

/// The description's, the assignee's and the day's shape, at `at` (a pointer prefix).
pub fn shape_task(given: &TaskGiven, at: &str, checks: &mut Checks) -> Option<Checked> {
    let description = checks.text(&format!("{at}/description"), &given.description, DESCRIPTION_MAX);
    let assignee = PersonId::parse(&given.assignee);
    if assignee.is_none() {
        checks.push(issue(format!("{at}/assignee"), "field-assignee"));
    }
    let due_on = exact_day(&given.due_on);
    if due_on.is_none() {
        checks.push(issue(format!("{at}/due_on"), "field-due-on"));
    }
    Some(Checked { description, assignee: assignee?, due_on: due_on? })
}

/// The tasks of a new plan, their shape checked (422 with every problem at once).
pub fn shape_plan(plan: &NewPlan) -> Result<Vec<Checked>, AppError> {
    let mut checks = Checks::new();
    if plan.tasks.is_empty() || plan.tasks.len() > TASKS_MAX {
        checks.push(FieldIssue::new("/tasks", FieldCode::InvalidLength));
    }
    let tasks: Vec<Option<Checked>> = plan
        .tasks
        .iter()
        .enumerate()
        .map(|(i, t)| shape_task(t, &format!("/tasks/{i}"), &mut checks))
        .collect();
    checks.finish()?;
    Ok(tasks.into_iter().flatten().collect())
}

/// A change's description, assignee and day, each when given.
pub type Changed = (Option<String>, Option<PersonId>, Option<NaiveDate>);

/// A change's fields, their shape checked.
pub fn shape_change(change: &TaskChange) -> Result<Changed, AppError> {
    let mut checks = Checks::new();
    let description = change.description.as_deref().map(|d| checks.text("/description", d, DESCRIPTION_MAX));
    let assignee = change.assignee.as_deref().map(|a| {
        let id = PersonId::parse(a);
        if id.is_none() {
            checks.push(issue("/assignee".into(), "field-assignee"));
        }
        id
    });
    let due_on = change.due_on.as_deref().map(|d| {
        let day = exact_day(d);
        if day.is_none() {
            checks.push(issue("/due_on".into(), "field-due-on"));
        }
        day
    });
    checks.finish()?;
    Ok((description, assignee.flatten(), due_on.flatten()))
}

/// What the database must confirm: each assignee is an active colleague, each day is today up
/// to the plan's date. `at`: each task's pointer prefix.
pub fn confirm(
    c: &mut DbConn,
    tasks: &[(&str, Option<&PersonId>, Option<NaiveDate>)],
    (today, plan_day): (NaiveDate, NaiveDate),
) -> Result<(), AppError> {
    let mut issues = Vec::new();
    for (at, assignee, due_on) in tasks {
        if let Some(id) = assignee {
            let status: Option<Status> = users::table.find(id).select(users::status).first(c).optional()?;
            if status != Some(Status::Active) {
                issues.push(issue(format!("{at}/assignee"), "field-assignee"));
            }
        }
        if let Some(day) = due_on {
            if *day < today {
                issues.push(issue(format!("{at}/due_on"), "field-due-on"));
            } else if *day > plan_day {
                issues.push(issue(format!("{at}/due_on"), "field-task-after-plan"));
            }
        }
    }
    if issues.is_empty() { Ok(()) } else { Err(AppError::InvalidBody(issues)) }
}
