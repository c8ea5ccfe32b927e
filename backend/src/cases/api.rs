//! The case endpoints (feedback owners; docs/cases.md): make a case from remarks, read it,
//! rename it, add and remove remarks, merge two, split one. Every change names the version of
//! the case it saw (409 `stale` with the case as it is now), each in one write transaction.

use actix_web::{HttpResponse, get, post, put, web};
use serde::{Deserialize, Serialize};

use super::history::{self, Event, EventKind};
use super::{CaseView, MAX_NAMED, TITLE_MAX, store};
use crate::auth::Owner;
use crate::db::{DbConn, write_transaction};
use crate::decisions::rules::{self, Keep};
use crate::decisions::tell::Ctx;
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::ids::{CaseId, RemarkId, TopicId};
use crate::state::AppState;
use crate::triage::acknowledge::Seen;
use crate::web::ApiJson;
use crate::web::validate::Checks;

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewCase {
    #[schema(schema_with = crate::web::schema::line::<120>)]
    pub title: String,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::blank_or_uuid_v4)]
    pub topic_id: Option<String>,
    /// 1 to 50 undecided remarks in no case yet, each once.
    #[schema(min_items = 1, max_items = 50)]
    pub remarks: Vec<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CaseChange {
    #[schema(minimum = 1)]
    pub version: i32,
    #[schema(schema_with = crate::web::schema::line::<120>)]
    pub title: String,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::blank_or_uuid_v4)]
    pub topic_id: Option<String>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Members {
    #[schema(minimum = 1)]
    pub version: i32,
    /// 1 to 50 remarks, each once.
    #[schema(min_items = 1, max_items = 50)]
    pub remarks: Vec<String>,
}

impl Members {
    /// The version seen and the remarks named, checked (422 on `/remarks`).
    fn checked(&self) -> Result<(i32, Vec<RemarkId>), AppError> {
        let mut checks = Checks::new();
        let ids = remark_ids(&mut checks, "/remarks", &self.remarks);
        checks.finish()?;
        Ok((self.version, ids))
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Merge {
    #[schema(minimum = 1)]
    pub version: i32,
    /// The case that goes into this one (it then points here).
    pub other: Seen,
    /// When both are decided: whose decision stands.
    #[serde(default)]
    pub keep: Option<Keep>,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Split {
    #[schema(minimum = 1)]
    pub version: i32,
    /// 1 to 50 of its remarks, not all of them: they make the new case.
    #[schema(min_items = 1, max_items = 50)]
    pub remarks: Vec<String>,
    #[schema(schema_with = crate::web::schema::line::<120>)]
    pub title: String,
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::blank_or_uuid_v4)]
    pub topic_id: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SplitResult {
    pub kept: CaseView,
    pub split_off: CaseView,
}

fn remark_ids(checks: &mut Checks, pointer: &str, given: &[String]) -> Vec<RemarkId> {
    let ids: Vec<RemarkId> = given.iter().filter_map(|s| RemarkId::parse(s)).collect();
    if ids.len() != given.len() || ids.is_empty() || ids.len() > MAX_NAMED {
        checks.push(FieldIssue::new(pointer, FieldCode::InvalidValue).with_hint("field-remarks-count"));
    } else {
        checks.unique(pointer, &ids);
    }
    ids
}

/// A topic given: blank for none; else one the organisation offers (or the case's own).
fn topic(
    given: Option<&str>,
    kept: Option<&TopicId>,
    conn: &mut DbConn,
) -> Result<Option<TopicId>, AppError> {
    let Some(given) = given.map(str::trim).filter(|t| !t.is_empty()) else { return Ok(None) };
    let refused = || AppError::field("/topic_id", FieldCode::NotOffered);
    let id = TopicId::parse(given).ok_or_else(refused)?;
    if kept == Some(&id) {
        return Ok(Some(id));
    }
    let offered = crate::organisation::topics(conn)?.into_iter().any(|t| t.id == id && !t.archived);
    if offered { Ok(Some(id)) } else { Err(refused()) }
}

fn case_id(path: &str) -> Result<CaseId, AppError> {
    CaseId::parse(path).ok_or(AppError::NotFound)
}

/// Run `work` in one write transaction with the organisation, the clock and the owner (and
/// where status links lead: a change to a decided case may tell customers, so the mail worker
/// is woken after it).
async fn change<T, F>(state: &AppState, owner: &Owner, work: F) -> Result<T, AppError>
where
    T: Send + 'static,
    F: FnOnce(&mut DbConn, &Ctx) -> Result<T, AppError> + Send + 'static,
{
    let now = state.clock.now();
    let by = owner.person.id.clone();
    let base_url = state.settings.base_url().to_owned();
    let done = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            let ctx = Ctx { org: &org, now, base_url: &base_url, by: &by };
            write_transaction(conn, |c| work(c, &ctx))
        })
        .await?;
    state.mail.wake();
    Ok(done)
}

/// Make a case of remarks (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases", request_body = NewCase,
    responses((status = 201, body = CaseView), (status = 404, body = crate::error::Problem),
        (status = 409, description = "a remark is in a case already, or decided", body = crate::error::Problem)))]
#[post("/desk/cases")]
pub async fn create(
    owner: Owner,
    state: web::Data<AppState>,
    body: ApiJson<NewCase>,
) -> Result<HttpResponse, AppError> {
    let request = body.0;
    let mut checks = Checks::new();
    let title = checks.line("/title", &request.title, TITLE_MAX);
    let ids = remark_ids(&mut checks, "/remarks", &request.remarks);
    checks.finish()?;
    let view = change(&state, &owner, move |c, ctx| {
        let (org, by, now) = (ctx.org, ctx.by, ctx.now);
        let topic = topic(request.topic_id.as_deref(), None, c)?;
        let case = store::create(c, &title, topic.as_ref(), now)?;
        store::join(c, &case.id, &ids)?;
        store::relead(c, &case.id)?;
        let event = Event { kind: EventKind::Created, by, now, remarks: ids.len(), other: None };
        history::record(c, &case.id, &event)?;
        super::view(c, &case.id, now, org)
    })
    .await?;
    Ok(HttpResponse::Created().json(view))
}

/// One case as the owner works on it (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases",
    responses((status = 200, body = CaseView), (status = 404, body = crate::error::Problem)))]
#[get("/desk/cases/{id}")]
pub async fn read(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let now = state.clock.now();
    let view = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |c| {
                let org = crate::organisation::load(c)?;
                super::view(c, &id, now, &org)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Rename a case or file it under another topic (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases", request_body = CaseChange,
    responses((status = 200, body = CaseView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
#[put("/desk/cases/{id}")]
pub async fn rename(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<CaseChange>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let request = body.0;
    let mut checks = Checks::new();
    let title = checks.line("/title", &request.title, TITLE_MAX);
    checks.finish()?;
    let view = change(&state, &owner, move |c, ctx| {
        let (org, by, now) = (ctx.org, ctx.by, ctx.now);
        let case = store::bump(c, &id, request.version, (now, org))?;
        let topic = topic(request.topic_id.as_deref(), case.topic_id.as_ref(), c)?;
        store::retitle(c, &id, &title, topic.as_ref())?;
        let remarks = usize::try_from(store::count(c, &id)?).unwrap_or(0);
        history::record(c, &id, &Event { kind: EventKind::Renamed, by, now, remarks, other: None })?;
        super::view(c, &id, now, org)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Add remarks to a case (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases", request_body = Members,
    responses((status = 200, body = CaseView), (status = 404, body = crate::error::Problem),
        (status = 409, description = "stale, or a remark is in a case already, or decided", body = crate::error::Problem)))]
#[post("/desk/cases/{id}/add")]
pub async fn add(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Members>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let (version, ids) = body.0.checked()?;
    let view = change(&state, &owner, move |c, ctx| {
        let (org, by, now) = (ctx.org, ctx.by, ctx.now);
        store::bump(c, &id, version, (now, org))?;
        store::join(c, &id, &ids)?;
        rules::after_add(c, ctx, &id, &ids)?;
        store::relead(c, &id)?;
        history::record(c, &id, &Event { kind: EventKind::Added, by, now, remarks: ids.len(), other: None })?;
        super::view(c, &id, now, org)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Take remarks out of a case; a case left empty is gone (204) (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases", request_body = Members,
    responses((status = 200, body = CaseView), (status = 204, description = "the case held nothing more: it is gone"),
        (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[post("/desk/cases/{id}/remove")]
pub async fn remove(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Members>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let (version, ids) = body.0.checked()?;
    let view = change(&state, &owner, move |c, ctx| {
        let (org, by, now) = (ctx.org, ctx.by, ctx.now);
        let case = store::bump(c, &id, version, (now, org))?;
        rules::guard_taking_out(c, &id, ids.len())?;
        // Decided remarks keep what they were told: in a case of their own, with its decision.
        let own = match case.decision_id {
            Some(_) => Some(store::create(c, &case.title, case.topic_id.as_ref(), now)?),
            None => None,
        };
        store::take_out(c, &id, &ids, own.as_ref().map(|o| &o.id), (now, org))?;
        if let Some(own) = &own {
            rules::after_taking_out(c, ctx, &id, &own.id)?;
            let from = Event {
                kind: EventKind::SplitFrom,
                by,
                now,
                remarks: ids.len(),
                other: Some((&id, &case.title)),
            };
            history::record(c, &own.id, &from)?;
        }
        if store::drop_if_empty(c, &id)? {
            return Ok(None);
        }
        store::relead(c, &id)?;
        history::record(
            c,
            &id,
            &Event { kind: EventKind::Removed, by, now, remarks: ids.len(), other: None },
        )?;
        super::view(c, &id, now, org).map(Some)
    })
    .await?;
    Ok(match view {
        Some(view) => HttpResponse::Ok().json(view),
        None => HttpResponse::NoContent().finish(),
    })
}

/// Merge another case into this one: its remarks come here, it points here (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases", request_body = Merge,
    responses((status = 200, body = CaseView), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
#[post("/desk/cases/{id}/merge")]
pub async fn merge(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Merge>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let request = body.0;
    let other = CaseId::parse(&request.other.id)
        .ok_or_else(|| AppError::field("/other/id", FieldCode::InvalidValue))?;
    if other == id {
        return Err(AppError::InvalidBody(vec![
            FieldIssue::new("/other/id", FieldCode::InvalidValue).with_hint("field-merge-itself"),
        ]));
    }
    let view = change(&state, &owner, move |c, ctx| {
        let (org, by, now) = (ctx.org, ctx.by, ctx.now);
        // Both rows locked in one order (by id), so two owners merging the two ways at once
        // queue instead of deadlocking.
        let (target, gone) = if id < other {
            let target = store::bump(c, &id, request.version, (now, org))?;
            (target, store::bump(c, &other, request.other.version, (now, org))?)
        } else {
            let gone = store::bump(c, &other, request.other.version, (now, org))?;
            (store::bump(c, &id, request.version, (now, org))?, gone)
        };
        let (standing, new_to) = rules::before_merge(c, &id, &other, request.keep)?;
        let moved = store::absorb(c, &id, &other)?;
        rules::after_merge(c, ctx, (&id, &other), standing, &new_to)?;
        store::relead(c, &id)?;
        let into =
            Event { kind: EventKind::MergedIn, by, now, remarks: moved, other: Some((&other, &gone.title)) };
        history::record(c, &id, &into)?;
        let away =
            Event { kind: EventKind::MergedInto, by, now, remarks: moved, other: Some((&id, &target.title)) };
        history::record(c, &other, &away)?;
        super::view(c, &id, now, org)
    })
    .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Split remarks off into a new case (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "cases", request_body = Split,
    responses((status = 201, body = SplitResult), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem),
        (status = 422, description = "not all of a case's remarks can go: one must stay", body = crate::error::Problem)))]
#[post("/desk/cases/{id}/split")]
pub async fn split(
    owner: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Split>,
) -> Result<HttpResponse, AppError> {
    let id = case_id(&id)?;
    let request = body.0;
    let mut checks = Checks::new();
    let title = checks.line("/title", &request.title, TITLE_MAX);
    let ids = remark_ids(&mut checks, "/remarks", &request.remarks);
    checks.finish()?;
    let result = change(&state, &owner, move |c, ctx| {
        let (org, by, now) = (ctx.org, ctx.by, ctx.now);
        let kept = store::bump(c, &id, request.version, (now, org))?;
        if usize::try_from(store::count(c, &id)?).unwrap_or(0) <= ids.len() {
            return Err(AppError::InvalidBody(vec![
                FieldIssue::new("/remarks", FieldCode::InvalidValue).with_hint("field-split-all"),
            ]));
        }
        let topic = topic(request.topic_id.as_deref(), kept.topic_id.as_ref(), c)?;
        let new = store::create(c, &title, topic.as_ref(), now)?;
        store::take_out(c, &id, &ids, Some(&new.id), (now, org))?;
        rules::after_taking_out(c, ctx, &id, &new.id)?;
        store::relead(c, &id)?;
        store::relead(c, &new.id)?;
        let off = Event {
            kind: EventKind::SplitOff,
            by,
            now,
            remarks: ids.len(),
            other: Some((&new.id, &new.title)),
        };
        history::record(c, &id, &off)?;
        let from = Event {
            kind: EventKind::SplitFrom,
            by,
            now,
            remarks: ids.len(),
            other: Some((&id, &kept.title)),
        };
        history::record(c, &new.id, &from)?;
        Ok(SplitResult {
            kept: super::view(c, &id, now, org)?,
            split_off: super::view(c, &new.id, now, org)?,
        })
    })
    .await?;
    Ok(HttpResponse::Created().json(result))
}
