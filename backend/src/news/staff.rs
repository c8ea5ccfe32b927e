//! Staff mail: each decision as it is made, to everyone who chose so (the owner who made it
//! excepted), written in the decision's transaction — one row per person, keyed by the
//! decision, so a retried request mails once. The digest ([`super::digest`]) writes the same
//! items the same way.

use diesel::prelude::*;

use super::Cadence;
use super::feed::{FeedItem, item};
use super::unsubscribe::{self, Leave};
use crate::auth::sealed::TokenSealer;
use crate::db::DbConn;
use crate::db::schema::users;
use crate::decisions::tell::Ctx;
use crate::decisions::{Decision, DecisionKind};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::mail::{self, Mail, render};
use crate::people::{Person, Status};
use crate::remarks::Feeling;

/// The active people whose staff mail is `cadence`.
pub fn choosing(c: &mut DbConn, cadence: Cadence) -> QueryResult<Vec<Person>> {
    let ids: Vec<crate::ids::PersonId> = users::table
        .filter(users::status.eq(Status::Active))
        .filter(users::staff_mail.eq(cadence))
        .order(users::id.asc())
        .select(users::id)
        .load(c)?;
    let mut people = Vec::with_capacity(ids.len());
    for id in &ids {
        people.extend(crate::people::find(c, id)?);
    }
    Ok(people)
}

fn feeling_label(lang: Lang, feeling: Feeling) -> String {
    use crate::db::typed::IntegerValue;
    lang.t_args("news-feeling", &[("level", feeling.number().into())])
}

fn day(lang: Lang, text: &str) -> String {
    crate::web::validate::exact_day(text)
        .map_or_else(|| text.to_owned(), |d| crate::triage::draft::long_date(lang, d))
}

/// The paragraphs that tell `item` in `lang` (its title, what was decided and why, what the
/// customers said, the plan).
pub fn paragraphs(lang: Lang, item: &FeedItem) -> Vec<String> {
    let kind = match item.kind {
        DecisionKind::Act => "news-kind-act",
        DecisionKind::NoAction => "news-kind-no-action",
        DecisionKind::AlreadyDone => "news-kind-already-done",
        DecisionKind::Duplicate => "news-kind-duplicate",
        DecisionKind::Praise => "news-kind-praise",
    };
    let title = ("title", item.title.clone().into());
    let mut out = vec![if item.version > 1 {
        lang.t_args("news-changed", &[title, ("kind", lang.t(kind).into())])
    } else {
        lang.t_args("news-decided", &[title, ("kind", lang.t(kind).into())])
    }];
    if !item.change.trim().is_empty() {
        out.push(lang.t_args("news-change", &[("why", item.change.trim().to_owned().into())]));
    }
    if !item.outcome.trim().is_empty() {
        out.push(item.outcome.trim().to_owned());
    }
    if let Some(root) = &item.same_as {
        out.push(lang.t_args("news-same-as", &[("title", root.clone().into())]));
    }
    for said in &item.said {
        let feeling = feeling_label(lang, said.feeling);
        let words = said.feeling_words.trim();
        let feeling = if words.is_empty() { feeling } else { format!("{feeling}: \u{201c}{words}\u{201d}") };
        out.push(lang.t_args(
            "news-said",
            &[("facts", said.facts.trim().to_owned().into()), ("feeling", feeling.into())],
        ));
    }
    match &item.plan {
        Some(plan) if plan.done_on.is_some() => out.push(lang.t_args(
            "news-plan-done",
            &[("date", day(lang, plan.done_on.as_deref().unwrap_or_default()).into())],
        )),
        Some(plan) => out.push(lang.t_args(
            "news-plan-due",
            &[
                ("date", day(lang, &plan.due_on).into()),
                ("done", plan.tasks_done.into()),
                ("tasks", plan.tasks.into()),
            ],
        )),
        None => {}
    }
    out.push(lang.t_args("news-by", &[("name", item.by.clone().into())]));
    out
}

/// Mail `decision` to everyone who wants each decision as it is made. Whether a mail was queued.
pub fn decision_made(
    c: &mut DbConn,
    ctx: &Ctx,
    sealer: &TokenSealer,
    decision: &Decision,
) -> Result<bool, AppError> {
    let mut queued = false;
    for person in choosing(c, Cadence::Each)? {
        if person.id == *ctx.by {
            continue;
        }
        let lang = person.language;
        let shown = item(c, ctx.org, decision, lang)?;
        let leave = unsubscribe::link(sealer, ctx.base_url, &person, Leave::Decisions, ctx.now);
        let subject_key = if shown.version > 1 { "news-changed-subject" } else { "news-decided-subject" };
        let content = render::Content {
            subject: lang.t_args(subject_key, &[("title", shown.title.clone().into())]),
            greeting: lang.t_args("mail-greeting", &[("name", person.display_name.clone().into())]),
            paragraphs: paragraphs(lang, &shown),
            action: Some(render::Action { label: lang.t("news-open-feed"), url: feed_url(ctx.base_url) }),
            after: Vec::new(),
            footer: lang.t_args("news-footer-each", &[("url", leave.clone().into())]),
        };
        let key = format!("staff-decision:{}", decision.id.as_str());
        let mail = Mail::to_person("staff_decision", key, &person, ctx.org, content).leaving_by(leave);
        queued |= mail::enqueue(c, &mail, ctx.now)?;
    }
    Ok(queued)
}

/// Where the feed opens in the app.
pub fn feed_url(base_url: &str) -> String {
    format!("{}/feed", base_url.trim_end_matches('/'))
}
