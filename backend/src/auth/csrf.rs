//! CSRF protection by double submit: every state-changing API request carries `X-CSRF-Token`
//! equal to the `earshot_csrf` cookie. Another site can make a browser send our cookies but
//! can neither read the cookie nor set that header (we allow no cross-origin requests).

use actix_web::body::{EitherBody, MessageBody};
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;

use crate::auth::{cookies, token};
use crate::error::AppError;

pub const HEADER: &str = "x-csrf-token";

/// Middleware for the /api/v1 scope. The refusal is a response carrying our error, so the
/// problem renderer outside translates it like any other.
pub async fn protect(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<EitherBody<impl MessageBody>>, actix_web::Error> {
    // The methods our routes change state with. Any other (TRACE, OPTIONS, PROPFIND, …) reaches
    // no handler that could act on it and is answered 405 by routing, token or not.
    let changing = matches!(*req.method(), Method::POST | Method::PUT | Method::PATCH | Method::DELETE);
    if changing && !passes(&req) {
        return Ok(req.error_response(AppError::forbidden("csrf")).map_into_right_body());
    }
    Ok(next.call(req).await?.map_into_left_body())
}

fn passes(req: &ServiceRequest) -> bool {
    let cross_site =
        req.headers().get("sec-fetch-site").and_then(|v| v.to_str().ok()).is_some_and(|v| v == "cross-site");
    let header = req.headers().get(HEADER).map(|v| v.as_bytes().to_vec());
    let cookie = req.cookie(cookies::CSRF).map(|c| c.value().as_bytes().to_vec());
    match (header, cookie) {
        (Some(h), Some(c)) => !cross_site && c.len() >= 32 && token::constant_time_eq(&h, &c),
        _ => false,
    }
}
