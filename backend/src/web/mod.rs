//! HTTP plumbing shared by every route: security headers, the access log (no personal data),
//! the JSON body extractor and the embedded PWA.

pub mod access;
pub mod json;
pub mod page;
pub mod pwa;
pub mod schema;
pub mod validate;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::{Method, header};
use actix_web::middleware::{DefaultHeaders, Next};
use actix_web::{HttpRequest, HttpResponse, ResponseError};

use crate::error::AppError;

pub use access::access_log;
pub use json::{ApiJson, BodyLimit, BodyTimeout, NoBody};

/// Where modules mount their routes: actix's service config, collecting the API document too.
pub type Routes<'a> = utoipa_actix_web::service_config::ServiceConfig<'a>;

/// Strict by default: only our own origin, no inline script or style, no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self'; \
     style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; \
     manifest-src 'self'; worker-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// HSTS for an `https://` public address: two years, this host only (subdomains may serve
/// other things the organisation runs over plain HTTP; `includeSubDomains` is theirs to add at
/// the proxy).
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=63072000";

/// Headers every response carries unless the handler set its own (static assets set their
/// own Cache-Control; everything else, API included, is never cached). `hsts`: the public
/// address is `https://`, so browsers are told never to come over plain HTTP.
pub fn security_headers(hsts: bool) -> DefaultHeaders {
    let headers = if hsts {
        DefaultHeaders::new().add((header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY))
    } else {
        DefaultHeaders::new()
    };
    headers
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY))
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add(("Cross-Origin-Opener-Policy", "same-origin"))
        .add(("Cross-Origin-Resource-Policy", "same-origin"))
        .add(("Permissions-Policy", "camera=(), microphone=(), geolocation=(), payment=()"))
        .add((header::CACHE_CONTROL, "no-store"))
}

/// 405 with the methods the path does answer (RFC 9110 requires `Allow`). The problem body is
/// rendered in the request's language by `error::localize_problems`, which keeps the header.
pub fn method_not_allowed(allowed: &[Method]) -> HttpResponse {
    let mut res = AppError::MethodNotAllowed.error_response();
    let list = allowed.iter().map(Method::as_str).collect::<Vec<_>>().join(", ");
    if let Ok(value) = header::HeaderValue::from_str(&list) {
        res.headers_mut().insert(header::ALLOW, value);
    }
    res
}

/// What the API answers for a request no route took: a documented path asked with another
/// method (TRACE, OPTIONS, a typo'd verb) is 405 with `Allow`; anything else 404.
pub async fn not_routed(req: HttpRequest) -> HttpResponse {
    match allowed_methods(&req) {
        Some(allowed) => method_not_allowed(allowed),
        None => AppError::NotFound.error_response(),
    }
}

/// The methods the API document gives `req`'s path, when it has it.
pub fn allowed_methods(req: &HttpRequest) -> Option<&[Method]> {
    req.app_data::<actix_web::web::Data<crate::openapi::Document>>()?.allowed_methods(req.path())
}

/// A control character written into the address (`%00`–`%1F`, `%7F`) names nothing we serve:
/// 404 in the path, 400 in the query — before any handler passes it to a database that cannot
/// even store a NUL (PostgreSQL refuses it with an error, which was a 500).
pub async fn refuse_control_in_url(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<actix_web::body::EitherBody<impl MessageBody>>, actix_web::Error> {
    let refusal = if encodes_control(req.path()) {
        Some(AppError::NotFound)
    } else if encodes_control(req.query_string()) {
        Some(AppError::BadRequest)
    } else {
        None
    };
    match refusal {
        Some(error) => Ok(req.error_response(error).map_into_right_body()),
        None => Ok(next.call(req).await?.map_into_left_body()),
    }
}

/// Whether `raw` (as it came, percent-encoded) holds an encoded or a bare control character.
fn encodes_control(raw: &str) -> bool {
    let bytes = raw.as_bytes();
    bytes.iter().any(|b| b.is_ascii_control())
        || bytes.windows(3).any(|w| {
            w[0] == b'%' && matches!((w[1], w[2].to_ascii_uppercase()), (b'0' | b'1', b'0'..=b'9' | b'A'..=b'F') | (b'7', b'F'))
        })
}

#[cfg(test)]
mod tests {
    use super::encodes_control;

    #[test]
    fn control_characters_in_an_address_are_found_however_written() {
        for raw in ["/api/v1/remarks/%00", "topic=%1f", "q=a%7Fb", "q=%0D%0A", "x%0a"] {
            assert!(encodes_control(raw), "{raw}");
        }
        for raw in ["/api/v1/remarks/3f1e9c52", "q=caf%C3%A9", "q=%20%2F%41", "limit=20&cursor=abc", "q=%2"] {
            assert!(!encodes_control(raw), "{raw}");
        }
    }
}
