//! When a customer who asked to be forgotten is still named in their own words (docs/customers.md),
//! the owner takes the name out: `PUT /desk/remarks/{id}/words` rewrites the facts, the feeling
//! words and the place's detail of that remark — only of a forgotten customer's remark (what a
//! customer said is otherwise never edited) — and the search indexes follow.

use actix_web::{HttpResponse, put, web};
use diesel::prelude::*;
use serde::Deserialize;

use super::inbox::DeskItem;
use crate::auth::Owner;
use crate::db::schema::{remark_terms, remarks};
use crate::db::write_transaction;
use crate::error::AppError;
use crate::ids::RemarkId;
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::Checks;

/// The remark's words without the customer's name.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Redaction {
    /// The remark's version as seen (a change since: 409 `stale`).
    pub version: i32,
    pub facts: String,
    #[serde(default)]
    pub feeling_words: String,
    #[serde(default)]
    pub place_detail: String,
}

/// Take a forgotten customer's name out of their remark's words (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "desk", request_body = Redaction,
    responses((status = 200, body = DeskItem), (status = 404, body = crate::error::Problem),
        (status = 409, description = "`stale`, or `not-forgotten`: the customer did not ask to be forgotten",
            body = crate::error::Problem),
        (status = 422, body = crate::error::Problem)))]
#[put("/desk/remarks/{id}/words")]
pub async fn redact(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Redaction>,
) -> Result<HttpResponse, AppError> {
    let id = RemarkId::parse(&id).ok_or(AppError::NotFound)?;
    let r = body.0;
    let mut checks = Checks::new();
    let facts = checks.text("/facts", &r.facts, 4000);
    let words = checks.optional_text("/feeling_words", Some(&r.feeling_words), 1000);
    let detail = checks.optional_text("/place_detail", Some(&r.place_detail), 200);
    checks.finish()?;
    let now = state.clock.now();
    let item = state
        .db
        .run(move |conn| {
            write_transaction(conn, |c| {
                let found = crate::remarks::find(c, &id)?.ok_or(AppError::NotFound)?;
                if found.forgotten_on.is_none() {
                    return Err(AppError::conflict("not-forgotten"));
                }
                let org = crate::organisation::load(c)?;
                if found.version != r.version {
                    return Err(super::acknowledge::stale(vec![found], now, &org));
                }
                diesel::update(remarks::table.find(&id).filter(remarks::version.eq(r.version)))
                    .set((
                        remarks::facts.eq(&facts),
                        remarks::feeling_words.eq(&words),
                        remarks::place_detail.eq(&detail),
                        remarks::version.eq(r.version + 1),
                    ))
                    .execute(c)?;
                let now_stored = crate::remarks::find(c, &id)?.ok_or(AppError::NotFound)?;
                crate::remarks::search::reindex(c, &now_stored)?;
                diesel::delete(remark_terms::table.filter(remark_terms::remark_id.eq(&id))).execute(c)?;
                if now_stored.undecided {
                    crate::cases::terms::index(c, &now_stored)?;
                }
                let mut item = [DeskItem::of(now_stored, now, org.time_zone)];
                crate::cases::attach(c, &mut item)?;
                let [item] = item;
                Ok::<_, AppError>(item)
            })
            .and_then(|item| {
                // The old words go from the files too, now (as `customers::forget` does).
                crate::remarks::search::compact(conn)?;
                if let Err(e) = crate::db::forget_deleted(conn, &["remarks", "remark_terms"]) {
                    tracing::warn!(error = %e, "the files keep the old words until the next purge");
                }
                Ok(item)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(item))
}
