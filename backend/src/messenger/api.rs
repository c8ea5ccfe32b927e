//! "My remarks": the reporter's own remarks, from the in-memory index, only those sealed in the
//! person's current messenger epoch (a password reset starts a new one). The answer is padded to
//! a size bucket, so its length does not tell how many remarks someone brought in.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::Reporter;
use super::thread::{self, Message};
use crate::auth::Authenticated;
use crate::db::schema::remarks;
use crate::error::AppError;
use crate::ids::RemarkId;
use crate::remarks::{Remark, RemarkView};
use crate::state::AppState;

/// One of my remarks, with its thread and whether something waits for me.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MyRemark {
    #[serde(flatten)]
    pub remark: RemarkView,
    /// Something waits for me: a question to answer, or a first answer to pass on.
    pub waiting: bool,
    pub thread: Vec<Message>,
    /// A first answer the owner asks me to pass on to the customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_on: Option<super::pass_on::PassOn>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MyRemarks {
    /// Newest first, with the contact details the reporter typed.
    pub items: Vec<MyRemark>,
    /// How many wait for an answer (the app's badge).
    pub waiting: usize,
    /// Spaces, so that every answer is 4 KiB, 8 KiB, 16 KiB, …: the size tells nothing.
    pub padding: String,
}

/// Answers are padded up to 4 KiB × 2ⁿ.
const BUCKET: usize = 4096;

fn padded(items: Vec<MyRemark>) -> Result<String, AppError> {
    let waiting = items.iter().filter(|i| i.waiting).count();
    let mut answer = MyRemarks { items, waiting, padding: String::new() };
    let bare = serde_json::to_string(&answer).map_err(|e| AppError::internal("serialise", e))?.len();
    let mut target = BUCKET;
    while target < bare {
        target *= 2;
    }
    answer.padding = " ".repeat(target - bare);
    serde_json::to_string(&answer).map_err(|e| AppError::internal("serialise", e))
}

/// My remarks.
#[utoipa::path(security(("session" = [])), tag = "messenger",
    responses((status = 200, body = MyRemarks)))]
#[get("/my-remarks")]
pub async fn my_remarks(auth: Authenticated, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let reporter = Reporter::new(&auth.person.id, auth.person.messenger_epoch);
    let ids: Vec<RemarkId> = state
        .seals
        .index()
        .remarks_of(reporter.id, reporter.epoch)
        .into_iter()
        .map(RemarkId::from_bytes)
        .collect();
    let seals = std::sync::Arc::clone(&state.seals);
    let items = state
        .db
        .run(move |conn| {
            // One snapshot: a release committing between the two reads would otherwise hide a
            // capture from both (no longer held, not yet seen as released).
            crate::db::read_snapshot(conn, |conn| {
                let mut rows: Vec<Remark> = Vec::with_capacity(ids.len());
                for chunk in ids.chunks(500) {
                    rows.extend(
                        remarks::table
                            .filter(remarks::id.eq_any(chunk))
                            .select(Remark::as_select())
                            .load(conn)?,
                    );
                }
                // Still held (its hour has not ended): only its reporter sees it, from its held row.
                let released: std::collections::HashSet<&RemarkId> = rows.iter().map(|r| &r.id).collect();
                let held: Vec<RemarkId> = ids.iter().filter(|id| !released.contains(id)).cloned().collect();
                for id in &held {
                    rows.extend(seals.find_held(conn, id)?.map(|h| h.remark));
                }
                rows.sort_by(|a, b| (b.created_at, &b.id).cmp(&(a.created_at, &a.id)));
                let mut threads = thread::threads(conn, &ids)?;
                let mut pass_ons = super::pass_on::of(conn, &ids)?;
                let zone = crate::organisation::load(conn)?.time_zone;
                let items = rows
                    .into_iter()
                    .map(|remark| {
                        let messages = threads.remove(&remark.id).unwrap_or_default();
                        let pass_on = pass_ons.remove(&remark.id);
                        MyRemark {
                            waiting: thread::waits(&messages)
                                || pass_on.as_ref().is_some_and(|p| p.done_on.is_none()),
                            thread: messages,
                            pass_on,
                            remark: RemarkView::of(remark, true, zone),
                        }
                    })
                    .collect::<Vec<_>>();
                Ok::<_, AppError>(items)
            })
        })
        .await?;
    let body = padded(items)?;
    Ok(HttpResponse::Ok().content_type("application/json").body(body))
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(my_remarks).configure(thread::routes);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn answers_come_in_buckets() {
        assert_eq!(padded(Vec::new()).map(|b| b.len()).ok(), Some(4096));
    }
}
