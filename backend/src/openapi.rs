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
    paths(crate::health::healthz, crate::health::readyz, openapi_json),
    components(schemas(crate::error::Problem, crate::error::FieldError, crate::error::FieldCode)),
    tags((name = "operations", description = "Health and the API description"))
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
