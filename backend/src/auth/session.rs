//! Sessions: sign in with a password, refresh, sign out, and the CSRF token.
//!
//! A session is an access JWT (15 minutes) and a sealed refresh token (30 days; `auth::sealed`),
//! sharing a random session id. Signing in and refreshing write nothing: the refresh token
//! carries the person and is not stored. Sign-out keeps the session's hash as ended
//! (`auth::standing`); disabling a person or changing their password bumps their generation,
//! which ends every session of theirs — each replica checks both in memory, on every route.

use actix_web::cookie::Cookie;
use actix_web::{HttpRequest, HttpResponse, delete, get, post, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::jwt::{ACCESS_LIFETIME, Claims};
use crate::auth::sealed::{self, Sealed, TokenSealer};
use crate::auth::{cookies, password, standing, token};
use crate::db::DbConn;
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

fn claims(person: &Person, session: &[u8; 16], now: i64) -> Claims {
    Claims {
        sub: person.id.as_str().to_owned(),
        generation: person.token_generation,
        epoch: person.messenger_epoch,
        sid: sealed::session_text(session),
        roles: person.roles.list(),
        lang: person.language,
        iat: now,
        exp: now + ACCESS_LIFETIME,
    }
}

fn access_cookie(
    state: &AppState,
    person: &Person,
    session: &[u8; 16],
    now: i64,
) -> Result<Cookie<'static>, AppError> {
    let jwt = state
        .signer
        .sign(&claims(person, session, now))
        .map_err(|e| AppError::internal("sign access token", e))?;
    Ok(cookies::access(jwt, state.settings.secure_cookies(), ACCESS_LIFETIME))
}

/// A new session for `person`: the refresh token (sealed, not stored) and its session id.
pub struct NewSession {
    refresh: String,
    session: [u8; 16],
}

pub fn new_session(sealer: &TokenSealer, person: &Person, now: i64) -> NewSession {
    let carried = sealed::Carried {
        person: person.id.clone(),
        generation: person.token_generation,
        expires_at: token::day_ceiling(now + REFRESH_LIFETIME),
        session: sealed::random_session(),
    };
    NewSession { refresh: sealer.seal_carried(Sealed::Refresh, &carried), session: carried.session }
}

/// After a password change: the person as they are now, and a new session for this browser.
pub fn fresh_session(
    conn: &mut DbConn,
    sealer: &TokenSealer,
    id: &PersonId,
    now: i64,
) -> Result<(Person, NewSession), AppError> {
    let person = people::find(conn, id)?.ok_or(AppError::NotFound)?;
    let session = new_session(sealer, &person, now);
    Ok((person, session))
}

/// 200 with the person, and the session's cookies.
/// This replica knows the person as they are now, whatever it heard before.
pub fn signed_in(
    state: &AppState,
    person: &Person,
    session: NewSession,
    now: i64,
) -> Result<HttpResponse, AppError> {
    state.standing.saw(person);
    let secure = state.settings.secure_cookies();
    Ok(HttpResponse::Ok()
        .cookie(access_cookie(state, person, &session.session, now)?)
        .cookie(cookies::refresh(session.refresh, secure, REFRESH_LIFETIME))
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
/// same answer in the same time. Writes nothing.
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
    state.limits.check_account(&email, &req)?;
    let now = state.clock.now();
    let typed = body.0.password;
    let sealer = state.sealer.clone();
    let person = state
        .db
        .run(move |conn| {
            let person = people::find_by_email(conn, &email)?;
            let stored = person.as_ref().and_then(|p| p.password_hash.clone());
            // Always one hash check, whether the account exists or not.
            let matches = password::verify(stored.as_deref(), &typed);
            match person {
                Some(p) if matches && p.status == Status::Active => {
                    let session = new_session(&sealer, &p, now);
                    Ok((p, session))
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
    let carried = state.sealer.open_live(Sealed::Refresh, &presented, now).ok_or(AppError::Unauthorized)?;
    if state.standing.is_ended(&sealed::session_hash(&carried.session)) {
        return Err(AppError::Unauthorized);
    }
    let id = carried.person.clone();
    let person = state
        .db
        .run(move |conn| Ok(people::find(conn, &id)?))
        .await?
        .filter(|p| p.status == Status::Active && p.token_generation == carried.generation)
        .ok_or(AppError::Unauthorized)?;
    state.standing.saw(&person);
    Ok(HttpResponse::NoContent().cookie(access_cookie(&state, &person, &carried.session, now)?).finish())
}

/// Sign out: this session ends at once on every replica — its refresh token and the access
/// token in use — and the cookies are cleared. Works with an expired access token too. Kept is
/// the session's hash until the refresh token would have expired, nothing of the person.
#[utoipa::path(tag = "session", responses((status = 204)))]
#[delete("/session")]
pub async fn sign_out(
    req: HttpRequest,
    state: web::Data<AppState>,
    _: NoBody,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let from_refresh = req
        .cookie(cookies::REFRESH)
        .and_then(|c| state.sealer.open(Sealed::Refresh, c.value()))
        .map(|carried| (carried.session, carried.expires_at));
    // Without the refresh cookie, the access token still names its session (until it expires;
    // then there is nothing left to end).
    let from_access = || {
        let claims = state.signer.verify(req.cookie(cookies::ACCESS)?.value(), now)?;
        Some((sealed::session_from_text(&claims.sid)?, token::day_ceiling(now + REFRESH_LIFETIME)))
    };
    if let Some((session, expires_at)) = from_refresh.or_else(from_access).filter(|(_, e)| *e > now) {
        let hash = sealed::session_hash(&session);
        let stored = hash.clone();
        state.db.write(move |c| Ok(standing::end_session(c, &stored, expires_at)?)).await?;
        state.standing.ended(hash, expires_at);
    }
    let secure = state.settings.secure_cookies();
    Ok(HttpResponse::NoContent()
        .cookie(cookies::removal(cookies::ACCESS, "/", secure))
        .cookie(cookies::removal(cookies::REFRESH, cookies::REFRESH_PATH, secure))
        .finish())
}

/// Whether an account exists and is active (for the mailed-link requests).
pub fn active_person(conn: &mut DbConn, email: &str) -> QueryResult<Option<Person>> {
    Ok(people::find_by_email(conn, email)?.filter(|p| p.status == Status::Active))
}
