//! "My remarks": the reporter's own remarks, from the in-memory index, only those sealed in the
//! person's current messenger epoch (a password reset starts a new one). The answer is padded to
//! a size bucket, so its length does not tell how many remarks someone brought in.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Reporter, not_found};
use crate::auth::Authenticated;
use crate::db::schema::remarks;
use crate::error::AppError;
use crate::remarks::{Remark, RemarkView};
use crate::startup::AppState;

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MyRemarks {
    /// Newest first, with the contact details the reporter typed.
    pub items: Vec<RemarkView>,
    /// Spaces, so that every answer is 4 KiB, 8 KiB, 16 KiB, …: the size tells nothing.
    pub padding: String,
}

/// Answers are padded up to 4 KiB × 2ⁿ.
const BUCKET: usize = 4096;

fn padded(items: Vec<RemarkView>) -> Result<String, AppError> {
    let mut answer = MyRemarks { items, padding: String::new() };
    let bare = serde_json::to_string(&answer).map_err(|e| AppError::internal("serialise", e))?.len();
    let mut target = BUCKET;
    while target < bare {
        target *= 2;
    }
    answer.padding = " ".repeat(target - bare);
    serde_json::to_string(&answer).map_err(|e| AppError::internal("serialise", e))
}

/// My remarks.
#[utoipa::path(get, path = "/api/v1/my-remarks", tag = "messenger",
    responses((status = 200, body = MyRemarks), (status = 401, body = crate::error::Problem)))]
#[get("/my-remarks")]
pub async fn my_remarks(auth: Authenticated, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let reporter = Reporter::new(&auth.person.id, auth.person.messenger_epoch).ok_or_else(not_found)?;
    let ids: Vec<String> = state
        .messenger
        .index()
        .remarks_of(reporter.id, reporter.epoch)
        .into_iter()
        .map(|id| uuid::Uuid::from_bytes(id).hyphenated().to_string())
        .collect();
    let mut found = state
        .db
        .run(move |conn| {
            let mut rows = Vec::with_capacity(ids.len());
            for chunk in ids.chunks(500) {
                rows.extend(
                    remarks::table
                        .filter(remarks::id.eq_any(chunk))
                        .select(Remark::as_select())
                        .load(conn)?,
                );
            }
            Ok(rows)
        })
        .await?;
    found.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
    let body = padded(found.into_iter().map(|r| RemarkView::of(r, true)).collect())?;
    Ok(HttpResponse::Ok().content_type("application/json").body(body))
}

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(my_remarks);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_come_in_buckets() {
        assert_eq!(padded(Vec::new()).map(|b| b.len()).ok(), Some(4096));
    }
}
