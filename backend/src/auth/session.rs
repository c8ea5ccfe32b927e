//! Sessions: sign in with a password, refresh, sign out, and the CSRF token.
//!
//! A session is an access JWT (15 minutes) and an opaque refresh token (30 days, stored hashed,
//! checked but never rewritten — a refresh writes nothing). Sign-out deletes the refresh token;
//! disabling a person or changing their password bumps their generation, which ends every session.

use actix_web::cookie::Cookie;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::jwt::{ACCESS_LIFETIME, Claims};
use crate::auth::{cookies, password, token};
use crate::db::DbConn;
use crate::db::schema::refresh_tokens;
use crate::error::AppError;
use crate::ids::PersonId;
use crate::people::{self, Person, PersonView, Status};
use crate::state::AppState;
use crate::web::validate::Checks;
use crate::web::{ApiJson, NoBody};

/// Thirty days: a phone can stay offline for a week and still send when it comes back.
pub const REFRESH_LIFETIME: i64 = 30 * token::DAY;

/// The one answer for an unknown address, a wrong password, a disabled account or an invitation
/// not yet accepted.
fn bad_credentials() -> AppError {
    AppError::Refused { status: actix_web::http::StatusCode::UNAUTHORIZED, slug: "invalid-credentials" }
}

fn claims(person: &Person, now: i64) -> Claims {
    Claims {
        sub: person.id.as_str().to_owned(),
        generation: person.token_generation,
        epoch: person.messenger_epoch,
        roles: person.roles.list(),
        lang: person.language,
        iat: now,
        exp: now + ACCESS_LIFETIME,
    }
}

fn access_cookie(state: &AppState, person: &Person, now: i64) -> Result<Cookie<'static>, AppError> {
    let jwt =
        state.signer.sign(&claims(person, now)).map_err(|e| AppError::internal("sign access token", e))?;
    Ok(cookies::access(jwt, state.settings.secure_cookies(), ACCESS_LIFETIME))
}

/// Store a refresh token for `person` (in the caller's transaction); returns the token.
pub fn new_refresh_token(conn: &mut DbConn, person: &Person, now: i64) -> QueryResult<String> {
    let refresh = token::random();
    diesel::insert_into(refresh_tokens::table)
        .values((
            refresh_tokens::token_hash.eq(token::hash(&refresh)),
            refresh_tokens::user_id.eq(&person.id),
            refresh_tokens::generation.eq(person.token_generation),
            refresh_tokens::expires_at.eq(token::day_ceiling(now + REFRESH_LIFETIME)),
        ))
        .execute(conn)?;
    Ok(refresh)
}

/// After a password change: the person as they are now, and a new refresh token for this browser.
pub fn fresh_session(conn: &mut DbConn, user_id: &PersonId, now: i64) -> Result<(Person, String), AppError> {
    let person = people::find(conn, user_id)?.ok_or(AppError::NotFound)?;
    let refresh = new_refresh_token(conn, &person, now)?;
    Ok((person, refresh))
}

/// 200 with the person, and the session's cookies.
pub fn signed_in(
    state: &AppState,
    person: &Person,
    refresh: String,
    now: i64,
) -> Result<HttpResponse, AppError> {
    let secure = state.settings.secure_cookies();
    Ok(HttpResponse::Ok()
        .cookie(access_cookie(state, person, now)?)
        .cookie(cookies::refresh(refresh, secure, REFRESH_LIFETIME))
        .json(PersonView::from(person)))
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CsrfToken {
    /// Send it back in the `X-CSRF-Token` header of every POST, PUT, PATCH and DELETE.
    pub token: String,
}

/// The CSRF token (set as the `earshot_csrf` cookie too). Call once when the app starts.
#[utoipa::path(tag = "session",
    responses((status = 200, body = CsrfToken)))]
#[get("/session/csrf")]
pub async fn csrf_token(req: HttpRequest, state: web::Data<AppState>) -> HttpResponse {
    let existing = req.cookie(cookies::CSRF).map(|c| c.value().to_owned()).filter(|v| v.len() >= 32);
    match existing {
        Some(token) => HttpResponse::Ok().json(CsrfToken { token }),
        None => {
            let token = token::random();
            HttpResponse::Ok()
                .cookie(cookies::csrf(token.clone(), state.settings.secure_cookies()))
                .json(CsrfToken { token })
        }
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SignIn {
    #[schema(schema_with = crate::web::schema::email)]
    pub email: String,
    pub password: String,
}

/// Sign in with e-mail address and password. An unknown address and a wrong password give the
/// same answer in the same time.
#[utoipa::path(tag = "session", request_body = SignIn,
    responses((status = 200, body = PersonView), (status = 401, description = "Wrong address or password", body = crate::error::Problem),
        (status = 429, body = crate::error::Problem)))]
#[post("/session")]
pub async fn sign_in(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<SignIn>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_client(&req)?;
    let mut checks = Checks::new();
    let email = checks.email("/email", &body.0.email);
    if body.0.password.is_empty() || body.0.password.chars().count() > password::MAX_LEN {
        return Err(bad_credentials());
    }
    checks.finish()?;
    state.limits.check_account(&email)?;
    let now = state.clock.now();
    let typed = body.0.password;
    let person = state
        .db
        .run(move |conn| {
            let person = people::find_by_email(conn, &email)?;
            let stored = person.as_ref().and_then(|p| p.password_hash.clone());
            // Always one hash check, whether the account exists or not.
            let matches = password::verify(stored.as_deref(), &typed);
            match person {
                Some(p) if matches && p.status == Status::Active => {
                    let refresh = new_refresh_token(conn, &p, now)?;
                    Ok((p, refresh))
                }
                _ => Err(bad_credentials()),
            }
        })
        .await?;
    signed_in(&state, &person.0, person.1, now)
}

/// A new access token from the refresh cookie. Writes nothing.
#[utoipa::path(tag = "session",
    responses((status = 204), (status = 401, description = "No session to renew", body = crate::error::Problem)))]
#[post("/session/refresh")]
pub async fn refresh_session(
    req: HttpRequest,
    state: web::Data<AppState>,
    _: NoBody,
) -> Result<HttpResponse, AppError> {
    let presented =
        req.cookie(cookies::REFRESH).map(|c| c.value().to_owned()).ok_or(AppError::Unauthorized)?;
    let now = state.clock.now();
    let person = state
        .db
        .run(move |conn| {
            let row: Option<(PersonId, i64, i64)> = refresh_tokens::table
                .find(token::hash(&presented))
                .select((refresh_tokens::user_id, refresh_tokens::generation, refresh_tokens::expires_at))
                .first(conn)
                .optional()?;
            let Some((user_id, generation, expires_at)) = row else { return Ok(None) };
            if expires_at <= now {
                return Ok(None);
            }
            Ok(people::find(conn, &user_id)?
                .filter(|p| p.status == Status::Active && p.token_generation == generation))
        })
        .await?
        .ok_or(AppError::Unauthorized)?;
    Ok(HttpResponse::NoContent().cookie(access_cookie(&state, &person, now)?).finish())
}

/// Sign out: the refresh token is deleted and the cookies cleared. Works with an expired access
/// token too.
#[utoipa::path(tag = "session", responses((status = 204)))]
#[delete("/session")]
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    _: NoBody,
) -> Result<HttpResponse, AppError> {
    if let Some(presented) = req.cookie(cookies::REFRESH).map(|c| c.value().to_owned()) {
        state
            .db
            .run(move |conn| {
                diesel::delete(refresh_tokens::table.find(token::hash(&presented))).execute(conn)?;
                Ok(())
            })
            .await?;
    }
    let secure = state.settings.secure_cookies();
    Ok(HttpResponse::NoContent()
        .cookie(cookies::removal(cookies::ACCESS, "/", secure))
        .cookie(cookies::removal(cookies::REFRESH, cookies::REFRESH_PATH, secure))
        .finish())
}

/// End every session of a person (after a password reset): delete their refresh tokens. The
/// generation bump done with the password change makes their access tokens worthless too.
pub fn end_all_sessions(conn: &mut DbConn, user_id: &PersonId) -> QueryResult<()> {
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::user_id.eq(user_id))).execute(conn).map(drop)
}

/// Whether an account exists and is active (for the mailed-link requests).
pub fn active_person(conn: &mut DbConn, email: &str) -> QueryResult<Option<Person>> {
    Ok(people::find_by_email(conn, email)?.filter(|p| p.status == Status::Active))
}

/// Drop refresh tokens whose day has passed (housekeeping).
pub fn purge_expired(conn: &mut DbConn, now: i64) -> QueryResult<usize> {
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::expires_at.le(now))).execute(conn)
}
