//! The assignee's mail (docs/plans.md): short, in their language — the task, the case it is
//! for, the day, and a link to My tasks. One per (task, assignee): assigning the same person
//! again sends nothing new; a reassignment reaches the new person.

use crate::db::DbConn;
use crate::decisions::tell::Ctx;
use crate::error::AppError;
use crate::mail::{self, Mail, render};
use crate::triage::draft::long_date;

use super::Task;

/// Queue the mail telling `task`'s assignee it is theirs. Whether a mail was queued.
pub fn tell_assignee(c: &mut DbConn, ctx: &Ctx, task: &Task, case_title: &str) -> Result<bool, AppError> {
    let (org, now, base_url) = (ctx.org, ctx.now, ctx.base_url);
    // Someone who gives themselves a task needs no mail about it.
    if task.assignee_id == *ctx.by {
        return Ok(false);
    }
    let Some(person) = crate::people::find(c, &task.assignee_id)? else { return Ok(false) };
    let lang = person.language;
    let day = crate::web::validate::exact_day(&task.due_on)
        .map_or_else(|| task.due_on.clone(), |d| long_date(lang, d));
    let content = render::Content {
        subject: lang.t_args("mail-task-subject", &[("title", case_title.to_owned().into())]),
        greeting: lang.t_args("mail-greeting", &[("name", person.display_name.clone().into())]),
        paragraphs: vec![
            lang.t_args("mail-task-body", &[("title", case_title.to_owned().into())]),
            task.description.clone(),
            lang.t_args("mail-task-due", &[("date", day.into())]),
        ],
        action: Some(render::Action { label: lang.t("mail-task-action"), url: format!("{base_url}/tasks") }),
        after: Vec::new(),
        footer: lang.t("mail-task-footer"),
    };
    let key = format!("task:{}:{}", task.id.as_str(), person.id.as_str());
    mail::enqueue(c, &Mail::to_person("task", key, &person, org, content), now)
}
