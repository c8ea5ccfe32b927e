//! What came in: every colleague lists and opens every remark — newest first, paged by cursor,
//! filtered and searched — with the customer's name and the day, never a time, never who
//! brought it in. Contact details only for feedback owners.

use actix_web::{HttpResponse, get, web};
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Feeling, PlaceKind, Remark, RemarkView, search};
use crate::auth::Authenticated;
use crate::db::schema::remarks;
use crate::error::AppError;
use crate::ids::RemarkId;
use crate::people::Role;
use crate::state::AppState;

pub const PAGE_DEFAULT: i64 = 20;
pub const PAGE_MAX: i64 = 100;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct ListQuery {
    /// From `next_cursor` of the previous page.
    pub cursor: Option<String>,
    /// 1 to 100, default 20.
    #[param(minimum = 1, maximum = 100)]
    pub limit: Option<i64>,
    pub topic: Option<String>,
    pub place: Option<PlaceKind>,
    pub feeling: Option<Feeling>,
    /// Words that must all appear (as word starts) in the facts or the feelings.
    pub q: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RemarkPage {
    pub items: Vec<RemarkView>,
    /// Pass as `cursor` for the next page; absent on the last.
    pub next_cursor: Option<String>,
}

fn cursor(remark: &Remark) -> String {
    URL_SAFE_NO_PAD.encode(format!("{}.{}", remark.created_at, remark.id.as_str()))
}

fn parse_cursor(cursor: &str) -> Option<(i64, String)> {
    let text = String::from_utf8(URL_SAFE_NO_PAD.decode(cursor).ok()?).ok()?;
    let (at, id) = text.split_once('.')?;
    Some((at.parse().ok()?, id.to_owned()))
}

/// Every remark released so far (a capture is held until its hour has ended), newest first.
#[utoipa::path(security(("session" = [])), tag = "remarks", params(ListQuery),
    responses((status = 200, body = RemarkPage)))]
#[get("/remarks")]
pub async fn list(
    auth: Authenticated,
    state: web::Data<AppState>,
    query: web::Query<ListQuery>,
) -> Result<HttpResponse, AppError> {
    let query = query.into_inner();
    let limit = query.limit.unwrap_or(PAGE_DEFAULT);
    if !(1..=PAGE_MAX).contains(&limit) {
        return Err(AppError::BadRequest);
    }
    let after = match query.cursor.as_deref() {
        Some(c) => Some(parse_cursor(c).ok_or(AppError::BadRequest)?),
        None => None,
    };
    let owner = auth.person.roles.has(Role::Owner);
    let backend = state.db.backend();
    let page = state
        .db
        .run(move |conn| {
            let mut q = remarks::table.select(Remark::as_select()).into_boxed();
            if let Some((at, id)) = after {
                q = q.filter(
                    remarks::created_at.lt(at).or(remarks::created_at.eq(at).and(remarks::id.lt(id))),
                );
            }
            if let Some(topic) = query.topic {
                q = q.filter(remarks::topic_id.eq(topic));
            }
            if let Some(place) = query.place {
                q = q.filter(remarks::place_kind.eq(place));
            }
            if let Some(feeling) = query.feeling {
                q = q.filter(remarks::feeling.eq(feeling));
            }
            let words = search::words(query.q.as_deref().unwrap_or(""));
            if !words.is_empty() {
                q = q.filter(search::condition(backend, &words));
            }
            let mut rows: Vec<Remark> =
                q.order((remarks::created_at.desc(), remarks::id.desc())).limit(limit + 1).load(conn)?;
            let more = rows.len() as i64 > limit;
            rows.truncate(usize::try_from(limit).unwrap_or(0));
            let next_cursor = if more { rows.last().map(cursor) } else { None };
            let zone = crate::organisation::load(conn)?.time_zone;
            Ok(RemarkPage {
                items: rows.into_iter().map(|r| RemarkView::of(r, owner, zone)).collect(),
                next_cursor,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(page))
}

/// One remark.
#[utoipa::path(security(("session" = [])), tag = "remarks",
    responses((status = 200, body = RemarkView), (status = 404, body = crate::error::Problem)))]
#[get("/remarks/{id}")]
pub async fn get(
    auth: Authenticated,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let owner = auth.person.roles.has(Role::Owner);
    let id = RemarkId::parse(&id).ok_or(AppError::NotFound)?;
    let view = state
        .db
        .run(move |conn| {
            let Some(remark) = super::find(conn, &id)? else { return Ok(None) };
            Ok(Some(RemarkView::of(remark, owner, crate::organisation::load(conn)?.time_zone)))
        })
        .await?
        .ok_or(AppError::NotFound)?;
    Ok(HttpResponse::Ok().json(view))
}
