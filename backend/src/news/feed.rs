//! The decision feed (`GET /feed`): every decision, newest first — its kind and the owner's
//! words (the reason, for no action), the case's title, what its customers said (their facts
//! and feeling; never their names or contacts, never who heard it), the plan's progress — with
//! this month's two figures on top. The staff mails are written from the same items.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::figures::{self, Figures};
use crate::auth::Authenticated;
use crate::db::DbConn;
use crate::db::schema::{cases, decisions, plans};
use crate::decisions::{Decision, DecisionKind, words_for};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::{CaseId, DecisionId};
use crate::organisation::Organisation;
use crate::remarks::Feeling;
use crate::state::AppState;

const PAGE: i64 = 20;

/// What one customer said, as all staff may read it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Said {
    pub facts: String,
    pub feeling: Feeling,
    /// Their own words for it, when noted.
    pub feeling_words: String,
    pub language: Lang,
}

/// How far the plan of an act decision is.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct Progress {
    /// By when its customers hear it is done.
    pub due_on: String,
    /// The day it was done (the organisation's calendar).
    pub done_on: Option<String>,
    pub tasks: usize,
    pub tasks_done: usize,
}

/// One decision as all staff read it.
#[derive(Clone, Debug, Serialize, utoipa::ToSchema)]
pub struct FeedItem {
    pub id: DecisionId,
    pub case_id: CaseId,
    pub title: String,
    pub kind: DecisionKind,
    /// 1 for the first decision of its case; more when it was changed.
    pub version: i32,
    /// A later decision replaced it, or the case was reopened or merged.
    pub ended: bool,
    /// The day it was made.
    pub day: String,
    /// The owner who decided.
    pub by: String,
    /// The language of `outcome` and `change` (the reader's when written in it).
    pub language: Option<Lang>,
    /// What will and will not be done, and why.
    pub outcome: String,
    /// Why it changed (a changed decision).
    pub change: String,
    pub hear_again_on: Option<String>,
    /// A duplicate: the title of the case whose decision it shares.
    pub same_as: Option<String>,
    pub said: Vec<Said>,
    pub plan: Option<Progress>,
}

/// A page of the feed.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct FeedPage {
    /// This month so far.
    pub figures: Figures,
    pub items: Vec<FeedItem>,
    /// Pass as `before` for the next (older) page; none at the end.
    pub next_cursor: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct FeedQuery {
    /// From a page's `next_cursor`.
    pub before: Option<String>,
}

/// `decision` as a reader of `lang` sees it.
pub fn item(c: &mut DbConn, org: &Organisation, d: &Decision, lang: Lang) -> QueryResult<FeedItem> {
    let title: String = cases::table.find(&d.case_id).select(cases::title).first(c)?;
    let by: String = crate::db::schema::users::table
        .find(&d.owner_id)
        .select(crate::db::schema::users::display_name)
        .first(c)?;
    let same_as = match &d.duplicate_of {
        Some(root) => cases::table.find(root).select(cases::title).first(c).optional()?,
        None => None,
    };
    let texts = d.words();
    let words = words_for(&texts, lang).map(|(w, _)| w.clone());
    let said = crate::cases::members(c, &d.case_id)?
        .into_iter()
        .map(|r| Said {
            facts: r.facts,
            feeling: r.feeling,
            feeling_words: r.feeling_words,
            language: r.customer_language,
        })
        .collect();
    let plan: Option<crate::plans::Plan> = plans::table
        .filter(plans::decision_id.eq(&d.id))
        .select(crate::plans::Plan::as_select())
        .first(c)
        .optional()?;
    let plan = match plan {
        Some(p) => {
            let tasks = crate::plans::tasks_of(c, &p.id)?;
            Some(Progress {
                due_on: p.due_on.clone(),
                done_on: p.done_at.map(|at| org.day_text(at)),
                tasks: tasks.len(),
                tasks_done: tasks.iter().filter(|t| t.done_at.is_some()).count(),
            })
        }
        None => None,
    };
    Ok(FeedItem {
        id: d.id.clone(),
        case_id: d.case_id.clone(),
        title,
        kind: d.kind,
        version: d.seq,
        ended: d.ended.is_some(),
        day: org.day_text(d.at),
        by,
        language: words.as_ref().map(|w| w.language),
        outcome: words.as_ref().map(|w| w.outcome.clone()).unwrap_or_default(),
        change: words.map(|w| w.change).unwrap_or_default(),
        hear_again_on: d.hear_again_on.clone(),
        same_as,
        said,
        plan,
    })
}

/// The decisions made in `[from, to)` (hours), oldest first.
pub fn made_between(c: &mut DbConn, from: i64, to: i64) -> QueryResult<Vec<Decision>> {
    decisions::table
        .filter(decisions::at.ge(from))
        .filter(decisions::at.lt(to))
        .order((decisions::at.asc(), decisions::id.asc()))
        .select(Decision::as_select())
        .load(c)
}

/// The titles of the cases whose plan was done in `[from, to)`.
pub fn done_between(c: &mut DbConn, from: i64, to: i64) -> QueryResult<Vec<String>> {
    plans::table
        .inner_join(cases::table.on(cases::id.eq(plans::case_id)))
        .filter(plans::done_at.ge(from))
        .filter(plans::done_at.lt(to))
        .order((plans::done_at.asc(), plans::id.asc()))
        .select(cases::title)
        .load(c)
}

fn cursor(d: &Decision) -> String {
    format!("{}.{}", d.at, d.id.as_str())
}

fn parse_cursor(text: &str) -> Option<(i64, String)> {
    let (at, id) = text.split_once('.')?;
    (id.len() <= 64).then_some(())?;
    Some((at.parse().ok()?, id.to_owned()))
}

/// What became of what we heard: every decision, newest first (every signed-in person).
#[utoipa::path(security(("session" = [])), tag = "news", params(FeedQuery),
    responses((status = 200, body = FeedPage), (status = 400, body = crate::error::Problem)))]
#[get("/feed")]
pub async fn feed(
    auth: Authenticated,
    state: web::Data<AppState>,
    query: web::Query<FeedQuery>,
) -> Result<HttpResponse, AppError> {
    let before = match query.into_inner().before.as_deref() {
        Some(text) => Some(parse_cursor(text).ok_or(AppError::BadRequest)?),
        None => None,
    };
    let (lang, now) = (auth.person.language, state.clock.now());
    let page = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            let mut q = decisions::table.select(Decision::as_select()).into_boxed();
            if let Some((at, id)) = before {
                q = q.filter(decisions::at.lt(at).or(decisions::at.eq(at).and(decisions::id.lt(id))));
            }
            let mut rows: Vec<Decision> =
                q.order((decisions::at.desc(), decisions::id.desc())).limit(PAGE + 1).load(conn)?;
            let more = rows.len() as i64 > PAGE;
            rows.truncate(usize::try_from(PAGE).unwrap_or(0));
            let next_cursor = if more { rows.last().map(cursor) } else { None };
            let items =
                rows.iter().map(|d| item(conn, &org, d, lang)).collect::<QueryResult<Vec<FeedItem>>>()?;
            let figures = figures::this_month(conn, &org, now)?;
            Ok(FeedPage { figures, items, next_cursor })
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}
