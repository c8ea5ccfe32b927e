//! The session's cookies. All SameSite=Strict; `Secure` when the public address is https.

use actix_web::cookie::time::Duration;
use actix_web::cookie::{Cookie, SameSite};

/// The access JWT: HttpOnly, sent with every request.
pub const ACCESS: &str = "earshot_access";
/// The refresh token: HttpOnly, sent only to the session endpoints.
pub const REFRESH: &str = "earshot_refresh";
/// The CSRF token: readable by the app, which echoes it in `X-CSRF-Token`.
pub const CSRF: &str = "earshot_csrf";
/// Binds a mailed sign-in link to the browser that asked for it.
pub const LINK: &str = "earshot_link";

pub const REFRESH_PATH: &str = "/api/v1/session";
pub const LINK_PATH: &str = "/api/v1/session/link";

fn build(
    name: &'static str,
    value: String,
    path: &'static str,
    http_only: bool,
    secure: bool,
    max_age: i64,
) -> Cookie<'static> {
    Cookie::build(name, value)
        .path(path)
        .http_only(http_only)
        .secure(secure)
        .same_site(SameSite::Strict)
        .max_age(Duration::seconds(max_age))
        .finish()
}

pub fn access(jwt: String, secure: bool, max_age: i64) -> Cookie<'static> {
    build(ACCESS, jwt, "/", true, secure, max_age)
}

pub fn refresh(token: String, secure: bool, max_age: i64) -> Cookie<'static> {
    build(REFRESH, token, REFRESH_PATH, true, secure, max_age)
}

pub fn csrf(token: String, secure: bool) -> Cookie<'static> {
    build(CSRF, token, "/", false, secure, 400 * 24 * 3600)
}

pub fn link(nonce: String, secure: bool, max_age: i64) -> Cookie<'static> {
    build(LINK, nonce, LINK_PATH, true, secure, max_age)
}

/// A cookie that makes the browser forget `name`.
pub fn removal(name: &'static str, path: &'static str, secure: bool) -> Cookie<'static> {
    build(name, String::new(), path, true, secure, 0)
}
