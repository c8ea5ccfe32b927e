//! Reopening a decision, and the calls it asks for (docs/decisions.md). Reopening (with the
//! reason, per language, and a new promised day) puts the case back in the inbox and tells its
//! customers — and those of the cases that duplicate it — why, and by when they hear again. A
//! customer who consented and gave only a phone number is the owner's call to make: the case
//! lists it until the owner says it is done.

use actix_web::{HttpResponse, post, web};
use diesel::prelude::*;
use serde::Deserialize;

use super::compose::Told;
use super::tell::{self, After, Ctx, Hearing};
use super::{ENDED_REOPENED, audience};
use crate::auth::Owner;
use crate::cases::answer::Words;
use crate::cases::history::{self, Event, EventKind};
use crate::cases::{CaseView, store};
use crate::db::schema::{acknowledgements, remarks};
use crate::db::write_transaction;
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::ids::{CaseId, RemarkId};
use crate::state::AppState;
use crate::triage::acknowledge::{Reached, check_promised_on};
use crate::web::ApiJson;
use crate::web::validate::Checks;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Reopen {
    #[schema(minimum = 1)]
    pub version: i32,
    /// By when they hear again: after today, at most 90 days ahead. Their new promise.
    #[schema(schema_with = crate::web::schema::day)]
    pub promised_on: String,
    /// Why it is reopened, per language of the case's customers.
    #[schema(min_items = 1, max_items = 3)]
    pub texts: Vec<Words>,
}

/// Reopen a case's decision: back in the inbox with a new promise (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "decisions", request_body = Reopen,
    responses((status = 200, body = CaseView), (status = 404, body = crate::error::Problem),
        (status = 409, description = "stale, or not decided", body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
#[post("/desk/cases/{id}/reopen")]
pub async fn reopen(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Reopen>,
) -> Result<HttpResponse, AppError> {
    let id = CaseId::parse(&id).ok_or(AppError::NotFound)?;
    let request = body.0;
    let mut checks = Checks::new();
    if request.texts.is_empty() {
        checks.push(FieldIssue::new("/texts", FieldCode::InvalidValue).with_hint("field-texts-required"));
    }
    let texts = Words::checked(&request.texts, &mut checks);
    checks.finish()?;
    let now = state.clock.now();
    let base_url = state.settings.base_url().to_owned();
    let by = owner.person.id.clone();
    let (view, mailed) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            let promised_on = check_promised_on(&request.promised_on, org.day_of(now))?;
            write_transaction(conn, |c| {
                store::bump(c, &id, request.version, (now, &org))?;
                let current = super::current(c, &id)?.ok_or(AppError::conflict("not-decided"))?;
                let members = crate::cases::members(c, &id)?;
                if texts.iter().any(|(l, _)| !members.iter().any(|r| r.customer_language == *l)) {
                    return Err(AppError::InvalidBody(vec![
                        FieldIssue::new("/texts", FieldCode::InvalidValue).with_hint("field-texts-languages"),
                    ]));
                }
                let late = current.hear_again().is_some_and(|d| org.end_of_day(d) <= now);
                let told = Told::Reopened { texts: &texts, promised_on };
                let mut hearings: Vec<Hearing> = members
                    .into_iter()
                    .map(|remark| Hearing { remark, told, late, after: After::Reopened { promised_on } })
                    .collect();
                let still = After::Decided { hear_again_on: Some(promised_on) };
                hearings.extend(audience::duplicates_remarks(c, &id)?.into_iter().map(|remark| Hearing {
                    remark,
                    told,
                    late,
                    after: still,
                }));
                super::end_current(c, &id, ENDED_REOPENED)?;
                crate::plans::drop_plan(c, &id, ENDED_REOPENED, (&by, now))?;
                let ctx = Ctx { org: &org, now, base_url: &base_url, by: &by };
                let key = format!("reopen:{}", current.id.as_str());
                let mailed = tell::tell(c, &ctx, &hearings, None, &key)?;
                store::relead(c, &id)?;
                let remarks = usize::try_from(store::count(c, &id)?).unwrap_or(0);
                history::record(
                    c,
                    &id,
                    &Event { kind: EventKind::Reopened, by: &by, now, remarks, other: None },
                )?;
                Ok((crate::cases::view(c, &id, now, &org)?, mailed))
            })
        })
        .await?;
    if mailed {
        state.mail.wake();
    }
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Called {
    #[schema(minimum = 1)]
    pub version: i32,
    /// The remark whose customer the owner called.
    #[schema(schema_with = crate::web::schema::uuid_v4)]
    pub remark: String,
    /// What was said.
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_text::<2000>)]
    pub note: Option<String>,
}

/// The owner called a customer with the case's decision (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "decisions", request_body = Called,
    responses((status = 200, body = CaseView), (status = 404, description = "no call waits for that remark",
        body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[post("/desk/cases/{id}/called")]
pub async fn called(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Called>,
) -> Result<HttpResponse, AppError> {
    let id = CaseId::parse(&id).ok_or(AppError::NotFound)?;
    let request = body.0;
    let mut checks = Checks::new();
    let remark = RemarkId::parse(&request.remark);
    if remark.is_none() {
        checks.push(FieldIssue::new("/remark", FieldCode::InvalidValue));
    }
    let note = checks.optional_text("/note", request.note.as_deref(), 2000);
    checks.finish()?;
    let remark = remark.ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let by = owner.person.id.clone();
    let view = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            write_transaction(conn, |c| {
                store::bump(c, &id, request.version, (now, &org))?;
                let in_case = remarks::table.filter(remarks::case_id.eq(&id)).filter(remarks::id.eq(&remark));
                let waiting = acknowledgements::table
                    .filter(acknowledgements::remark_id.eq_any(in_case.select(remarks::id)))
                    .filter(acknowledgements::channel.eq(Reached::Call))
                    .filter(acknowledgements::passed_on_on.is_null());
                let done = diesel::update(waiting)
                    .set((
                        acknowledgements::passed_on_on.eq(org.day_text(now)),
                        acknowledgements::note.eq(Some(note.as_str()).filter(|n| !n.is_empty())),
                    ))
                    .execute(c)?;
                if done == 0 {
                    return Err(AppError::NotFound);
                }
                history::record(
                    c,
                    &id,
                    &Event { kind: EventKind::Called, by: &by, now, remarks: 1, other: None },
                )?;
                crate::cases::view(c, &id, now, &org)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}
