//! "Did this help?" — the status page's two buttons post here. One answer per remark and
//! decision version (a changed decision asks again); a later post changes nothing and says so.
//! A "no" reaches the owner who decided, with what the customer wrote (`news::alerts`).

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use diesel::prelude::*;

use super::visit::{Visit, failed, fields, respond, said, visit};
use crate::db::schema::help_votes;
use crate::db::write_transaction;
use crate::error::AppError;
use crate::news::alerts::Alerting;
use crate::state::AppState;

/// The longest comment kept, in characters.
pub const COMMENT_MAX: usize = 2000;

/// What was posted, checked: "yes"/"no", the words (line breaks kept, no other control
/// character), and the decision the page showed.
fn read_form(body: &web::Bytes) -> Result<(bool, String, String), &'static str> {
    let form = fields(body);
    let helped = match form.get("helped").map(String::as_str) {
        Some("yes") => true,
        Some("no") => false,
        _ => return Err("status-form-bad"),
    };
    let comment = form.get("comment").map_or("", String::as_str).replace("\r\n", "\n");
    if comment.chars().any(|c| c.is_control() && c != '\n' && c != '\t') {
        return Err("status-form-bad");
    }
    if comment.trim().chars().count() > COMMENT_MAX {
        return Err("status-comment-long");
    }
    let decision = form.get("decision").cloned().unwrap_or_default();
    Ok((helped, comment.trim().to_owned(), decision))
}

enum Outcome {
    Thanks(bool),
    Already,
    Changed,
}

/// Answer "did this help?" for the decision the page showed.
#[utoipa::path(tag = "customers",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$", description = "The link's token")),
    request_body(content_type = "application/x-www-form-urlencoded", content = String,
        description = "helped=yes|no, comment (at most 2000 characters), decision (the page's)"),
    responses(
        (status = 200, description = "Thanks, or that they answered already", content_type = "text/html", body = String),
        (status = 400, description = "The form was not as the page sends it", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 409, description = "The decision changed since the page was shown", content_type = "text/html", body = String),
        (status = 429, description = "Too many from this address", content_type = "text/html", body = String)))]
#[post("/status/{token}/help")]
pub async fn vote(
    req: HttpRequest,
    state: web::Data<AppState>,
    token: web::Path<String>,
    body: web::Bytes,
) -> HttpResponse {
    let token = token.into_inner();
    let v = match visit(&state, &req, token.clone()).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let lang = v.remark.customer_language;
    let (helped, comment, shown) = match read_form(&body) {
        Ok(form) => form,
        Err(key) => {
            let words = lang.t_args(key, &[("max", COMMENT_MAX.into())]);
            return respond(&said(&v, "status-form", vec![words], Some(&token)), StatusCode::BAD_REQUEST);
        }
    };
    let outcome = match record(&state, &v, helped, comment, shown).await {
        Ok(outcome) => outcome,
        Err(e) => return failed(&e),
    };
    let (key, status) = match outcome {
        Outcome::Thanks(true) => ("status-thanks-yes", StatusCode::OK),
        Outcome::Thanks(false) => ("status-thanks-no", StatusCode::OK),
        Outcome::Already => ("status-already", StatusCode::OK),
        Outcome::Changed => ("status-changed", StatusCode::CONFLICT),
    };
    respond(&said(&v, key, vec![lang.t(key)], Some(&token)), status)
}

async fn record(
    state: &AppState,
    v: &Visit,
    helped: bool,
    comment: String,
    shown: String,
) -> Result<Outcome, AppError> {
    let remark = v.remark.clone();
    let org = v.org.clone();
    let now = state.clock.now();
    let alerting = Alerting::of(state);
    let waking = alerting.clone();
    let (outcome, mailed) = state
        .db
        .run(move |conn| {
            write_transaction(conn, |c| {
                let standing = super::story::decision_of(c, &remark.id)?;
                let Some((decision, _)) = standing.filter(|(id, _)| id.as_str() == shown) else {
                    return Ok((Outcome::Changed, false));
                };
                let inserted = crate::insert_or_nothing!(
                    c,
                    help_votes::table,
                    (
                        help_votes::remark_id.eq(&remark.id),
                        help_votes::decision_id.eq(&decision),
                        help_votes::helped.eq(helped),
                        help_votes::comment.eq(&comment),
                        help_votes::voted_on.eq(org.day_text(now)),
                    ),
                    on(help_votes::remark_id, help_votes::decision_id)
                )?;
                if inserted == 0 {
                    return Ok((Outcome::Already, false));
                }
                let mailed = !helped
                    && crate::news::alerts::unhelpful(
                        c,
                        &org,
                        (&remark, &decision),
                        &comment,
                        &alerting,
                        now,
                    )?;
                Ok::<_, AppError>((Outcome::Thanks(helped), mailed))
            })
        })
        .await?;
    if mailed {
        waking.wake();
    }
    Ok(outcome)
}
