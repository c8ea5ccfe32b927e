//! "No more e-mails": the consent to be contacted, withdrawn as easily as it was given (GDPR
//! Art. 7(3)). A GET asks (link scanners follow every GET); the POST — the page's button, or a
//! mail program's one-click `List-Unsubscribe-Post` (RFC 8058) — withdraws it for every remark
//! behind the link and drops their mails still waiting to leave. Every later customer mail goes
//! through `ConsentedRecipient`, which needs the consent: none is queued again. Their page
//! keeps telling them what becomes of it.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use diesel::prelude::*;

use super::visit::{Visit, asking, behind, failed, respond, said, visit};
use crate::db::schema::{mail_outbox, remarks};
use crate::db::{DbConn, write_transaction};
use crate::error::AppError;
use crate::mail::customer::CUSTOMER_KINDS;
use crate::state::AppState;

/// Drop the customer mails to `addresses` that have not left yet; whether any were.
pub fn drop_waiting(c: &mut DbConn, addresses: &[String]) -> QueryResult<usize> {
    let lowered: Vec<String> = addresses.iter().map(|a| a.trim().to_lowercase()).collect();
    diesel::delete(
        mail_outbox::table
            .filter(mail_outbox::kind.eq_any(CUSTOMER_KINDS))
            .filter(mail_outbox::status.ne(crate::mail::worker::SENT))
            .filter(super::visit::lower(mail_outbox::recipient).eq_any(lowered)),
    )
    .execute(c)
}

/// Withdraw the consent of every remark behind `v`'s link.
fn withdraw(c: &mut DbConn, v: &Visit) -> Result<(), AppError> {
    let all = behind(c, &v.remark)?;
    let ids: Vec<_> = all.iter().map(|r| r.id.clone()).collect();
    diesel::update(remarks::table.filter(remarks::id.eq_any(&ids)))
        .set(remarks::contact_consent.eq(false))
        .execute(c)?;
    let addresses: Vec<String> = all.iter().filter_map(|r| r.customer_email.clone()).collect();
    drop_waiting(c, &addresses)?;
    Ok(())
}

/// The page a "no more e-mails" link opens: it asks, and changes nothing.
#[utoipa::path(tag = "customers",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$", description = "The link's token")),
    responses(
        (status = 200, description = "The page that asks", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 429, description = "Too many from this address", content_type = "text/html", body = String)))]
#[get("/status/{token}/stop")]
pub async fn ask(req: HttpRequest, state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    asking(&state, &req, token.into_inner(), "status-stop", &["status-stop"], "status-stop-button").await
}

/// No more e-mails (the page's button, or a mail program's one-click POST).
#[utoipa::path(tag = "customers",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$", description = "The link's token")),
    responses(
        (status = 200, description = "Done: the page says so", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 429, description = "Too many from this address", content_type = "text/html", body = String)))]
#[post("/status/{token}/stop")]
pub async fn stop(req: HttpRequest, state: web::Data<AppState>, token: web::Path<String>) -> HttpResponse {
    let token = token.into_inner();
    let v = match visit(&state, &req, token.clone()).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let remark = v.remark.clone();
    let org = v.org.clone();
    let done =
        state.db.run(move |conn| write_transaction(conn, |c| withdraw(c, &Visit { remark, org }))).await;
    if let Err(e) = done {
        return failed(&e);
    }
    let lang = v.remark.customer_language;
    respond(&said(&v, "status-stopped", vec![lang.t("status-stopped")], Some(&token)), StatusCode::OK)
}
