//! The OpenAPI document, generated from the handlers' annotations and served at
//! /api/v1/openapi.json. Every route is listed here so tests can walk the document.

use std::sync::LazyLock;

use actix_web::http::Method;
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

/// One documented path: its segments (`None` for a `{parameter}`) and the methods it answers.
type Route = (Vec<Option<String>>, Vec<Method>);

/// Every documented path with its methods. The document is the list of routes (a test checks
/// that every route is in it), so a known path asked with another method is a 405 with `Allow`.
static ROUTES: LazyLock<Vec<Route>> = LazyLock::new(|| {
    ApiDoc::openapi()
        .paths
        .paths
        .iter()
        .map(|(path, item)| {
            let segments = path
                .split('/')
                .map(|s| (!(s.starts_with('{') && s.ends_with('}'))).then(|| s.to_owned()))
                .collect();
            let methods = [
                (Method::GET, item.get.is_some()),
                (Method::POST, item.post.is_some()),
                (Method::PUT, item.put.is_some()),
                (Method::PATCH, item.patch.is_some()),
                (Method::DELETE, item.delete.is_some()),
            ];
            (segments, methods.into_iter().filter(|(_, on)| *on).map(|(m, _)| m).collect())
        })
        .collect()
});

/// The methods a documented path answers; `None` for a path the API does not have.
pub fn allowed_methods(path: &str) -> Option<&'static [Method]> {
    let asked: Vec<&str> = path.split('/').collect();
    ROUTES
        .iter()
        .find(|(segments, _)| {
            segments.len() == asked.len()
                && segments.iter().zip(&asked).all(|(want, got)| match want {
                    Some(fixed) => fixed == got,
                    None => !got.is_empty(),
                })
        })
        .map(|(_, methods)| methods.as_slice())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_paths_know_their_methods() {
        assert_eq!(allowed_methods("/api/v1/remarks"), Some(&[Method::GET, Method::POST][..]));
        assert_eq!(allowed_methods("/api/v1/remarks/abc/thread"), Some(&[Method::GET][..]));
        assert_eq!(allowed_methods("/healthz"), Some(&[Method::GET][..]));
        assert_eq!(allowed_methods("/api/v1/remarks//thread"), None);
        assert_eq!(allowed_methods("/api/v1/nothing"), None);
    }
}
