//! Moving a plan's date (docs/plans.md): never in silence. The draft suggests a day and a
//! sentence per language; the preview shows every customer's message as it would go; moving
//! tells them all — the case's and its duplicates' — apology first when the date slips, and
//! their promise becomes the new day.

use actix_web::{HttpResponse, get, post, web};
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Plan, PlanView, ended, record, tasks_of};
use crate::auth::Owner;
use crate::cases::answer::Words;
use crate::cases::history::EventKind;
use crate::db::DbConn;
use crate::db::schema::{decisions, plans};
use crate::decisions::api::{Preview, preview_mails};
use crate::decisions::compose::Told;
use crate::decisions::request::MAX_DAYS_AHEAD;
use crate::decisions::tell::{self, After, Hearing};
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::i18n::Lang;
use crate::ids::PlanId;
use crate::organisation::Organisation;
use crate::remarks::Remark;
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::{Checks, exact_day};
use diesel::prelude::*;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Move {
    /// The plan's version.
    #[schema(minimum = 1)]
    pub version: i32,
    /// The new date: after today, at most 180 days ahead, not the plan's date.
    #[schema(schema_with = crate::web::schema::day)]
    pub due_on: String,
    /// Why, per language of the case's customers.
    #[schema(min_items = 1, max_items = 3)]
    pub texts: Vec<Words>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MoveText {
    pub language: Lang,
    pub text: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MoveDraft {
    /// A suggested new date: a week after the later of today and the plan's date.
    pub due_on: String,
    pub earliest: String,
    pub latest: String,
    /// The languages its customers speak, Dutch first.
    pub languages: Vec<Lang>,
    /// A sentence per language, to change or keep.
    pub texts: Vec<MoveText>,
}

fn day_text(d: NaiveDate) -> String {
    d.format("%Y-%m-%d").to_string()
}

/// An open plan, for an owner: 404 when there is none, 409 when it is done or dropped.
fn open_plan(c: &mut DbConn, id: &PlanId) -> Result<Plan, AppError> {
    let plan = super::find(c, id)?.ok_or(AppError::NotFound)?;
    if plan.is_open() { Ok(plan) } else { Err(AppError::conflict("plan-closed")) }
}

fn languages_of(remarks: &[Remark]) -> Vec<Lang> {
    Lang::ALL.iter().copied().filter(|l| remarks.iter().any(|r| r.customer_language == *l)).collect()
}

/// What moving to `request`'s day would refuse, by field.
fn issues(
    c: &mut DbConn,
    plan: &Plan,
    (day, texts): (Option<NaiveDate>, &[(Lang, String)]),
    (remarks, today): (&[Remark], NaiveDate),
) -> QueryResult<Vec<FieldIssue>> {
    let mut all = Vec::new();
    let bad_day = |hint| FieldIssue::new("/due_on", FieldCode::InvalidValue).with_hint(hint);
    match day {
        Some(d) if d > today && (d - today).num_days() <= MAX_DAYS_AHEAD && Some(d) != plan.due() => {
            let later =
                tasks_of(c, &plan.id)?.iter().any(|t| t.done_at.is_none() && exact_day(&t.due_on) > Some(d));
            if later {
                all.push(bad_day("field-task-after-plan"));
            }
        }
        _ => all.push(bad_day("field-due-on")),
    }
    let languages = languages_of(remarks);
    if texts.iter().any(|(l, _)| !languages.contains(l)) {
        all.push(FieldIssue::new("/texts", FieldCode::InvalidValue).with_hint("field-texts-languages"));
    }
    Ok(all)
}

/// The request's shape: the day, and the texts (422 before any read).
/// The new day (when it reads as one) and the owner's words by language.
type Shaped = (Option<NaiveDate>, Vec<(Lang, String)>);

fn shape(request: &Move) -> Result<Shaped, AppError> {
    let mut checks = Checks::new();
    if request.texts.is_empty() {
        checks.push(FieldIssue::new("/texts", FieldCode::InvalidValue).with_hint("field-texts-required"));
    }
    let texts = Words::checked(&request.texts, &mut checks);
    checks.finish()?;
    Ok((exact_day(&request.due_on), texts))
}

fn hearings<'a>(
    told: Told<'a>,
    remarks: Vec<Remark>,
    plan: &Plan,
    (day, now, org): (NaiveDate, i64, &Organisation),
) -> Vec<Hearing<'a>> {
    // A later day breaks what was promised, as does a promise already past: sorry comes first.
    let late = plan.due().is_some_and(|d| day > d) || ended(org, &plan.promised_on, now);
    remarks
        .into_iter()
        .map(|remark| Hearing { remark, told, late, after: After::Decided { hear_again_on: Some(day) } })
        .collect()
}

/// What moving a plan's date starts from (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "plans",
    responses((status = 200, body = MoveDraft), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
#[get("/desk/plans/{id}/move/draft")]
pub async fn draft(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = PlanId::parse(&id).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let draft = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |c| {
                let org = crate::organisation::load(c)?;
                let plan = open_plan(c, &id)?;
                let today = org.day_of(now);
                let from = plan.due().map_or(today, |d| d.max(today));
                let languages = languages_of(&super::audience(c, &plan)?);
                Ok::<_, AppError>(MoveDraft {
                    due_on: day_text(
                        (from + chrono::Days::new(7))
                            .min(today + chrono::Days::new(MAX_DAYS_AHEAD.unsigned_abs())),
                    ),
                    earliest: day_text(today + chrono::Days::new(1)),
                    latest: day_text(today + chrono::Days::new(MAX_DAYS_AHEAD.unsigned_abs())),
                    texts: languages
                        .iter()
                        .map(|l| MoveText { language: *l, text: l.t("plan-moved-default") })
                        .collect(),
                    languages,
                })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(draft))
}

/// Each customer's message as moving would send it (feedback owners). Writes nothing.
#[utoipa::path(security(("session" = ["owner"])), tag = "plans", request_body = Move,
    responses((status = 200, body = Preview), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/desk/plans/{id}/move/preview")]
pub async fn preview(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Move>,
) -> Result<HttpResponse, AppError> {
    let id = PlanId::parse(&id).ok_or(AppError::NotFound)?;
    let (day, why) = shape(&body.0)?;
    let now = state.clock.now();
    let preview = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |c| {
                let org = crate::organisation::load(c)?;
                let plan = open_plan(c, &id)?;
                let remarks = super::audience(c, &plan)?;
                let issues = issues(c, &plan, (day, &why), (&remarks, org.day_of(now)))?;
                let decision =
                    crate::decisions::current(c, &plan.case_id)?.ok_or(AppError::conflict("not-act"))?;
                let texts = decision.words();
                let mails = match day {
                    Some(day) if issues.is_empty() => {
                        let told = Told::Moved { why: &why, texts: &texts, due_on: day };
                        preview_mails(&hearings(told, remarks, &plan, (day, now, &org)))
                    }
                    _ => Vec::new(),
                };
                Ok::<_, AppError>(Preview::of(issues, mails))
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(preview))
}

/// Move a plan's date and tell every customer the new one (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "plans", request_body = Move,
    responses((status = 200, body = PlanView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem), (status = 422, body = crate::error::Problem)))]
#[post("/desk/plans/{id}/move")]
pub async fn move_plan(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Move>,
) -> Result<HttpResponse, AppError> {
    let id = PlanId::parse(&id).ok_or(AppError::NotFound)?;
    let (day, why) = shape(&body.0)?;
    let version = body.0.version;
    super::api::plan_act(&state, &owner, move |c, ctx| {
        let plan = open_plan(c, &id)?;
        super::lock_case(c, &plan.case_id)?;
        let plan = super::bump(c, &id, version)?;
        let remarks = super::audience(c, &plan)?;
        let issues = issues(c, &plan, (day, &why), (&remarks, ctx.org.day_of(ctx.now)))?;
        let Some(day) = day.filter(|_| issues.is_empty()) else {
            return Err(AppError::InvalidBody(issues));
        };
        let decision = crate::decisions::current(c, &plan.case_id)?.ok_or(AppError::conflict("not-act"))?;
        let texts = decision.words();
        let told = Told::Moved { why: &why, texts: &texts, due_on: day };
        let all = hearings(told, remarks, &plan, (day, ctx.now, ctx.org));
        let key = format!("plan-moved:{}:{}", plan.id.as_str(), plan.version);
        let mailed = tell::tell(c, ctx, &all, Some(&decision.id), &key)?;
        let day = day_text(day);
        diesel::update(plans::table.find(&plan.id))
            .set((plans::due_on.eq(&day), plans::promised_on.eq(&day)))
            .execute(c)?;
        // The decision's day is what anyone who joins the case later is told.
        diesel::update(decisions::table.find(&decision.id))
            .set(decisions::hear_again_on.eq(&day))
            .execute(c)?;
        record(c, &plan.case_id, EventKind::PlanMoved, (ctx.by, ctx.now), Some(&day))?;
        Ok((plan.id, mailed))
    })
    .await
}
