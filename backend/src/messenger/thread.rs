//! The thread on a remark: the feedback owner asks "the messenger" a question; the reporter sees
//! it in "my remarks" and answers. The owner sees "the messenger" and the day — never a name, a
//! time, a read receipt or anything about the reporter's account.

use std::collections::HashMap;

use actix_web::{HttpResponse, get, post, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{Reporter, not_found};
use crate::auth::{Authenticated, Owner};
use crate::db::schema::remark_messages;
use crate::db::{DbConn, write_transaction};
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::ids::RemarkId;
use crate::organisation;
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::Checks;

pub const OWNER: &str = "owner";
pub const MESSENGER: &str = "messenger";

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Message {
    /// `owner` (the feedback owner) or `messenger` (whoever brought the remark in).
    pub author: String,
    pub text: String,
    /// The day it was written, `YYYY-MM-DD`.
    pub day: String,
}

/// A remark's thread, oldest first.
pub fn thread(conn: &mut DbConn, remark_id: &RemarkId) -> QueryResult<Vec<Message>> {
    let rows: Vec<(String, String, String)> = remark_messages::table
        .filter(remark_messages::remark_id.eq(remark_id))
        .select((remark_messages::author, remark_messages::body, remark_messages::written_on))
        .order(remark_messages::seq.asc())
        .load(conn)?;
    Ok(rows.into_iter().map(|(author, text, day)| Message { author, text, day }).collect())
}

/// The threads of many remarks at once (for "my remarks"), by remark id, oldest message first.
pub fn threads(conn: &mut DbConn, remark_ids: &[RemarkId]) -> QueryResult<HashMap<RemarkId, Vec<Message>>> {
    let mut by_remark: HashMap<RemarkId, Vec<Message>> = HashMap::new();
    for chunk in remark_ids.chunks(500) {
        let rows: Vec<(RemarkId, String, String, String)> = remark_messages::table
            .filter(remark_messages::remark_id.eq_any(chunk))
            .select((
                remark_messages::remark_id,
                remark_messages::author,
                remark_messages::body,
                remark_messages::written_on,
            ))
            .order((remark_messages::remark_id.asc(), remark_messages::seq.asc()))
            .load(conn)?;
        for (remark_id, author, text, day) in rows {
            by_remark.entry(remark_id).or_default().push(Message { author, text, day });
        }
    }
    Ok(by_remark)
}

/// Whether something waits for the messenger: the owner wrote last.
pub fn waits(messages: &[Message]) -> bool {
    messages.last().is_some_and(|m| m.author == OWNER)
}

/// Append a message; `Ok(false)` when there is no such remark. With `id` (the app's, for an
/// answer sent from its outbox) a message that is already there is not added again: a resend
/// is harmless, and raises no database error.
fn add(
    conn: &mut DbConn,
    remark_id: &RemarkId,
    id: Option<&str>,
    author: &str,
    text: &str,
    now: i64,
) -> Result<bool, AppError> {
    let org = organisation::load(conn)?;
    let day = chrono::DateTime::from_timestamp(now, 0)
        .map(|t| t.with_timezone(&org.time_zone).format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    let stored = write_transaction(conn, |c| {
        if let Some(id) = id {
            let there: i64 =
                remark_messages::table.filter(remark_messages::id.eq(id)).count().get_result(c)?;
            if there > 0 {
                return Ok(true);
            }
        }
        // Locks the remark's row until commit, so concurrent questions and answers on one
        // remark take their positions one after the other (no retry loop, no unique violation).
        let Some(seq) = crate::remarks::next_thread_position(c, remark_id)? else { return Ok(false) };
        // A resend racing its first send (another replica) finds it there: nothing is added.
        // The position it took stays unused; order is all a position means.
        crate::insert_or_nothing!(
            c,
            remark_messages::table,
            (
                remark_messages::id.eq(id.map_or_else(|| uuid::Uuid::new_v4().to_string(), str::to_owned)),
                remark_messages::remark_id.eq(remark_id),
                remark_messages::seq.eq(seq),
                remark_messages::author.eq(author),
                remark_messages::body.eq(text),
                remark_messages::written_on.eq(&day),
            ),
            on remark_messages::id
        )?;
        Ok::<_, diesel::result::Error>(true)
    })?;
    Ok(stored)
}

/// The app's id for a message: a UUID v4.
fn message_id(given: &str) -> Result<String, AppError> {
    crate::web::validate::uuid_v4(given).ok_or_else(|| {
        AppError::InvalidBody(vec![
            FieldIssue::new("/id", FieldCode::InvalidValue).with_hint("field-uuid-v4"),
        ])
    })
}

fn checked_text(text: &str) -> Result<String, AppError> {
    let mut checks = Checks::new();
    let text = checks.text("/text", text, 2000);
    checks.finish()?;
    Ok(text)
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Question {
    #[schema(schema_with = crate::web::schema::text::<2000>)]
    pub text: String,
}

/// Ask the messenger of a remark a question (feedback owners). They see it in "my remarks".
#[utoipa::path(security(("session" = ["owner"])), tag = "messenger", request_body = Question,
    responses((status = 201, body = [Message]), (status = 404, body = crate::error::Problem)))]
#[post("/remarks/{id}/questions")]
pub async fn ask(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<Question>,
) -> Result<HttpResponse, AppError> {
    let text = checked_text(&body.0.text)?;
    let id = RemarkId::parse(&id).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let messages = state
        .db
        .run(move |conn| {
            if !add(conn, &id, None, OWNER, &text, now)? {
                return Err(AppError::NotFound);
            }
            Ok(thread(conn, &id)?)
        })
        .await?;
    Ok(HttpResponse::Created().json(messages))
}

/// A remark's thread (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "messenger",
    responses((status = 200, body = [Message]), (status = 404, body = crate::error::Problem)))]
#[get("/remarks/{id}/thread")]
pub async fn owner_view(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = RemarkId::parse(&id).ok_or(AppError::NotFound)?;
    let messages = state
        .db
        .run(move |conn| {
            crate::remarks::find(conn, &id)?.ok_or(AppError::NotFound)?;
            Ok(thread(conn, &id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(messages))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ActionKind {
    /// Answer the owner's question (`text` required).
    Answer,
    /// "Done, I told them": the first answer was passed on to the customer.
    PassedOn,
}

/// Everything a reporter does about their remarks goes here, with the remark in the body (so the
/// path says nothing about which remark).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Action {
    /// A UUID v4 the app makes for this answer: sending it again adds nothing.
    #[schema(schema_with = crate::web::schema::optional_uuid_v4)]
    pub id: Option<String>,
    pub remark_id: String,
    pub action: ActionKind,
    /// The answer (for `answer`).
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_text::<2000>)]
    pub text: Option<String>,
}

/// The reporter acts on one of their remarks. A remark that is not theirs (or not in their
/// current messenger epoch) is exactly as "not found" as one that does not exist.
#[utoipa::path(security(("session" = [])), tag = "messenger", request_body = Action,
    responses((status = 200, body = [Message]), (status = 404, body = crate::error::Problem)))]
#[post("/my-remarks/actions")]
pub async fn act(
    auth: Authenticated,
    state: web::Data<AppState>,
    body: ApiJson<Action>,
) -> Result<HttpResponse, AppError> {
    let reporter = Reporter::new(&auth.person.id, auth.person.messenger_epoch);
    let action = body.0;
    let id = RemarkId::parse(&action.remark_id).ok_or_else(not_found)?;
    if !state.seals.index().is_of(&id.bytes(), reporter.id, reporter.epoch) {
        return Err(not_found());
    }
    let text = match action.action {
        ActionKind::Answer => checked_text(action.text.as_deref().unwrap_or(""))?,
        ActionKind::PassedOn => String::new(),
    };
    let message_id = action.id.as_deref().map(message_id).transpose()?;
    let now = state.clock.now();
    let messages = state
        .db
        .run(move |conn| {
            let found = match action.action {
                ActionKind::Answer => add(conn, &id, message_id.as_deref(), MESSENGER, &text, now)?,
                ActionKind::PassedOn => {
                    let today = organisation::load(conn)?.day_text(now);
                    super::pass_on::confirm(conn, &id, &today)?
                }
            };
            if !found {
                return Err(not_found());
            }
            Ok(thread(conn, &id)?)
        })
        .await?;
    Ok(HttpResponse::Ok().json(messages))
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(ask).service(owner_view).service(act);
}
