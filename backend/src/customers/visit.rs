//! What every page behind a customer's link does first: count the request against the
//! address's limit, find the remark the link opens, and answer an unknown link with the status
//! page's own 404 — the same page, whatever was asked of it. And the form fields they post.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, web};
use diesel::prelude::*;

use super::status::{asked_in, html, limited, unknown_page};
use crate::db::DbConn;
use crate::db::schema::remarks;
use crate::error::AppError;
use crate::organisation::Organisation;
use crate::remarks::Remark;
use crate::state::AppState;
use crate::web::page::Page;

diesel::define_sql_function! {
    /// Lower case, on either backend.
    fn lower(x: diesel::sql_types::Text) -> diesel::sql_types::Text;
}

/// A known link: the remark it opens, in the organisation.
pub struct Visit {
    pub remark: Remark,
    pub org: Organisation,
}

/// The remark behind `token`, or the response to give instead (429, or the unknown page).
pub async fn visit(state: &AppState, req: &HttpRequest, token: String) -> Result<Visit, HttpResponse> {
    limited(state, req)?;
    let lang = asked_in(req);
    let found = state
        .db
        .run(move |conn| {
            let remark = match super::token::remark_of(conn, &token)? {
                Some(id) => crate::remarks::find(conn, &id)?,
                None => None,
            };
            let org = crate::organisation::load(conn)?;
            match remark {
                Some(remark) => Ok(Ok(Visit { remark, org })),
                None => Ok(Err(unknown_page(lang, &org)?)),
            }
        })
        .await;
    match found {
        Ok(Ok(visit)) => Ok(visit),
        Ok(Err(page)) => Err(html(StatusCode::NOT_FOUND, page)),
        Err(e) => Err(actix_web::ResponseError::error_response(&e)),
    }
}

/// The remarks a link speaks for: the one it opens and every other one given with the same
/// e-mail address (the customer is who holds that mailbox). Oldest first.
pub fn behind(c: &mut DbConn, remark: &Remark) -> QueryResult<Vec<Remark>> {
    let Some(email) = remark.customer_email.as_deref().map(str::trim).filter(|e| !e.is_empty()) else {
        return Ok(vec![remark.clone()]);
    };
    remarks::table
        .filter(lower(remarks::customer_email.assume_not_null()).eq(email.to_lowercase()))
        .order((remarks::created_at.asc(), remarks::id.asc()))
        .select(Remark::as_select())
        .load(c)
}

/// A page of ours with a title (`{key}-title`), paragraphs and a way back to the status page.
pub fn said<'a>(v: &'a Visit, key: &str, paragraphs: Vec<String>, back: Option<&str>) -> Page<'a> {
    let lang = v.remark.customer_language;
    Page {
        lang,
        organisation: &v.org.name,
        title: lang.t(&format!("{key}-title")),
        paragraphs,
        quote: None,
        button: None,
        back: back.map(|token| (lang.t("status-back"), format!("../{token}"))),
    }
}

/// The page a GET behind the link shows before a POST acts: title `{key}-title`, the
/// paragraphs of `texts`, and the confirming button. It changes nothing (link scanners follow
/// every GET).
pub async fn asking(
    state: &AppState,
    req: &HttpRequest,
    token: String,
    key: &str,
    texts: &[&str],
    button: &str,
) -> HttpResponse {
    let v = match visit(state, req, token.clone()).await {
        Ok(v) => v,
        Err(res) => return res,
    };
    let lang = v.remark.customer_language;
    let page = Page {
        button: Some(lang.t(button)),
        ..said(&v, key, texts.iter().map(|t| lang.t(t)).collect(), Some(&token))
    };
    respond(&page, StatusCode::OK)
}

/// The fields of a posted form (`application/x-www-form-urlencoded`), the last of each name.
pub fn fields(body: &web::Bytes) -> std::collections::HashMap<String, String> {
    url::form_urlencoded::parse(body).into_owned().collect()
}

/// Respond with `page`, or the error's own response.
pub fn respond(page: &Page<'_>, status: StatusCode) -> HttpResponse {
    page.respond(status).unwrap_or_else(|e| actix_web::ResponseError::error_response(&e))
}

/// The problem as a response (a database failure: the usual 500/503).
pub fn failed(e: &AppError) -> HttpResponse {
    actix_web::ResponseError::error_response(e)
}
