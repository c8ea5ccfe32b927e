//! The OpenAPI document, generated from the handlers' annotations and served at
//! /api/v1/openapi.json. Every route is listed here so tests can walk the document.

use std::sync::LazyLock;

use actix_web::{HttpResponse, get};
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "earshot API",
        description = "Capture what customers say, decide, close the loop — never expose the messenger. \
                       Errors are RFC 9457 problem+json with a title in the caller's language \
                       (Accept-Language: nl, fr, en; Dutch by default)."
    ),
    paths(
        crate::health::healthz,
        crate::health::readyz,
        openapi_json,
        crate::auth::session::csrf_token,
        crate::auth::session::sign_in,
        crate::auth::session::refresh_session,
        crate::auth::session::sign_out,
        crate::auth::links::request_link,
        crate::auth::links::redeem_link,
        crate::auth::links::request_reset,
        crate::auth::links::complete_reset,
        crate::auth::links::inspect_invitation,
        crate::auth::links::accept_invitation,
        crate::people::me::me,
        crate::people::me::update,
        crate::people::me::change_password,
        crate::people::admin::list,
        crate::people::admin::create,
        crate::people::admin::resend,
        crate::people::admin::revoke,
        crate::people::admin::update,
        crate::settings::get_settings,
        crate::settings::put_settings,
        crate::settings::create_topic,
        crate::settings::update_topic,
        crate::remarks::capture::capture,
        crate::remarks::read::list,
        crate::remarks::read::get,
        crate::messenger::api::my_remarks,
        crate::messenger::thread::ask,
        crate::messenger::thread::owner_view,
        crate::messenger::thread::act,
    ),
    components(schemas(crate::error::Problem, crate::error::FieldError, crate::error::FieldCode)),
    tags(
        (name = "operations", description = "Health and the API description"),
        (name = "session", description = "Signing in: password, mailed links, invitations, resets. \
            Every POST, PUT, PATCH and DELETE needs the X-CSRF-Token header (GET /api/v1/session/csrf)."),
        (name = "me", description = "The signed-in person's own account"),
        (name = "people", description = "Accounts and invitations (admins)"),
        (name = "settings", description = "The organisation's settings and topics"),
        (name = "remarks", description = "Capture what a customer said; read what came in"),
        (name = "messenger", description = "The reporter's own remarks; nobody else can see who brought a remark in"),
    )
)]
pub struct ApiDoc;

static DOCUMENT: LazyLock<String> =
    LazyLock::new(|| ApiDoc::openapi().to_json().unwrap_or_else(|_| "{}".into()));

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "operations",
    responses((status = 200, description = "The OpenAPI 3.1 document", content_type = "application/json")))]
#[get("/openapi.json")]
pub async fn openapi_json() -> HttpResponse {
    HttpResponse::Ok().content_type("application/json").body(DOCUMENT.as_str())
}
