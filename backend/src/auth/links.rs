//! What arrives by mail: sign-in links, password resets and invitations. Each link carries a
//! one-time token after `#` (so it never reaches a server log); the app POSTs it here.

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use serde::{Deserialize, Serialize};

use crate::auth::one_time::{self, Purpose};
use crate::auth::sealed::TokenSealer;
use crate::auth::session::{NewSession, active_person, fresh_session, new_session, signed_in};
use crate::auth::token;
use crate::auth::{cookies, password};
use crate::db::{DbConn, write_transaction};
use crate::error::AppError;
use crate::mail::{self, Mail, render};
use crate::organisation;
use crate::people::{self, Person, PersonView, Status};
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::Checks;

fn expired() -> AppError {
    AppError::Refused { status: StatusCode::GONE, slug: "link-expired" }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct EmailOnly {
    #[schema(schema_with = crate::web::schema::email)]
    pub email: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenOnly {
    pub token: String,
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TokenAndPassword {
    pub token: String,
    pub password: String,
}

/// Checks shared by the mailed-link requests: limits per client and per typed address.
fn checked_email(req: &HttpRequest, state: &AppState, typed: &str) -> Result<String, AppError> {
    state.limits.check_client(req)?;
    let mut checks = Checks::new();
    let email = checks.email("/email", typed);
    checks.finish()?;
    state.limits.check_account(&email, req)?;
    Ok(email)
}

/// Queue a mail with a fresh one-time token for an active person, if there is one.
fn mail_link(
    conn: &mut DbConn,
    sealer: &TokenSealer,
    email: &str,
    purpose: Purpose,
    browser_hash: Option<String>,
    base_url: &str,
    now: i64,
) -> Result<bool, AppError> {
    write_transaction(conn, |c| {
        let Some(person) = active_person(c, email)? else { return Ok(false) };
        let org = organisation::load(c)?;
        let token = one_time::create(c, sealer, purpose, &person, browser_hash.clone(), now)?;
        let minutes = purpose.lifetime_secs() / 60;
        let (kind, content) = match purpose {
            Purpose::SignInLink => (
                "sign_in_link",
                render::sign_in_link(
                    person.language,
                    &org.name,
                    &person.display_name,
                    &format!("{base_url}/sign-in#token={token}"),
                    minutes,
                ),
            ),
            _ => (
                "password_reset",
                render::password_reset(
                    person.language,
                    &org.name,
                    &person.display_name,
                    &format!("{base_url}/reset-password#token={token}"),
                    minutes,
                ),
            ),
        };
        let key = format!("{kind}:{}", token::hash(&token));
        mail::enqueue(c, &Mail::to_person(kind, key, &person, &org, content), now)?;
        Ok(true)
    })
}

/// Look the address up and queue its mail after the answer has gone: a request for an address
/// with an account must not take longer than one for an address without (that difference alone
/// would tell who has an account). A failure is logged — without the address — and the person
/// simply asks again; so does one whose request was answered in the instant before the process
/// was stopped (the task is not awaited at shutdown).
fn mail_link_later(
    state: &web::Data<AppState>,
    email: String,
    purpose: Purpose,
    browser_hash: Option<String>,
) {
    let state = state.clone();
    let (now, base, sealer) = (state.clock.now(), state.settings.base_url().to_owned(), state.sealer.clone());
    actix_web::rt::spawn(async move {
        match state
            .db
            .run(move |conn| mail_link(conn, &sealer, &email, purpose, browser_hash, &base, now))
            .await
        {
            Ok(true) => state.mail.wake(),
            Ok(false) => {}
            Err(err) => tracing::warn!(error = %err, "a mailed link could not be queued"),
        }
    });
}

/// Mail me a sign-in link. Always 202, whether the address has an account or not; the link
/// only works in this browser (a cookie binds it).
#[utoipa::path(tag = "session", request_body = EmailOnly,
    responses((status = 202), (status = 429, body = crate::error::Problem)))]
#[post("/session/link")]
pub async fn request_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<EmailOnly>,
) -> Result<HttpResponse, AppError> {
    let email = checked_email(&req, &state, &body.0.email)?;
    // Keep this browser's binding when it asked before, so every link it asked for works here.
    let nonce = req
        .cookie(cookies::LINK)
        .map(|c| c.value().to_owned())
        .filter(|n| n.len() >= 40)
        .unwrap_or_else(token::random);
    mail_link_later(&state, email, Purpose::SignInLink, Some(token::hash(&nonce)));
    let lifetime = Purpose::SignInLink.lifetime_secs();
    Ok(HttpResponse::Accepted()
        .cookie(cookies::link(nonce, state.settings.secure_cookies(), lifetime))
        .finish())
}

/// Sign in with a mailed link, in the browser that asked for it. Uses the link up (its row, which
/// names nobody, is deleted) and writes nothing else.
#[utoipa::path(tag = "session", request_body = TokenOnly,
    responses((status = 200, body = PersonView), (status = 410, body = crate::error::Problem)))]
#[post("/session/link/redeem")]
pub async fn redeem_link(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<TokenOnly>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_client(&req)?;
    let browser = req.cookie(cookies::LINK).map(|c| token::hash(c.value()));
    let presented = body.0.token;
    let (now, sealer) = (state.clock.now(), state.sealer.clone());
    let (person, session) = state
        .db
        .write(move |c| {
            let link = one_time::find(c, &sealer, Purpose::SignInLink, &presented, now)?.ok_or_else(expired)?;
            let same_browser = matches!((&browser, &link.browser_hash), (Some(a), Some(b)) if token::constant_time_eq(a.as_bytes(), b.as_bytes()));
            if !same_browser {
                return Err(AppError::forbidden("link-other-browser"));
            }
            let person = people::find(c, &link.person)?
                .filter(|p| p.status == Status::Active && p.token_generation == link.generation)
                .ok_or_else(expired)?;
            one_time::consume(c, &presented)?;
            let session = new_session(&sealer, &person, now);
            Ok((person, session))
        })
        .await?;
    let mut res = signed_in(&state, &person, session, now)?;
    res.add_cookie(&cookies::removal(cookies::LINK, cookies::LINK_PATH, state.settings.secure_cookies()))
        .map_err(|e| AppError::internal("cookie", e))?;
    Ok(res)
}

/// Mail me a link to choose a new password. Always 202.
#[utoipa::path(tag = "session", request_body = EmailOnly,
    responses((status = 202), (status = 429, body = crate::error::Problem)))]
#[post("/password-reset")]
pub async fn request_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<EmailOnly>,
) -> Result<HttpResponse, AppError> {
    let email = checked_email(&req, &state, &body.0.email)?;
    mail_link_later(&state, email, Purpose::PasswordReset, None);
    Ok(HttpResponse::Accepted().finish())
}

/// Check and hash a new password for `person` (on the blocking pool: hashing is CPU work).
fn new_password_hash(person: &Person, typed: &str) -> Result<String, AppError> {
    password::check_strength("/password", typed, &[&person.email, &person.display_name])
        .map_err(|issue| AppError::InvalidBody(vec![issue]))?;
    password::hash(typed).map_err(|e| AppError::internal("password hash", e))
}

/// Who a live token of `purpose` is for: an invited person for an invitation, an active one
/// otherwise, at the generation the token carries. Anything else looks like an expired link.
fn holder(
    conn: &mut DbConn,
    sealer: &TokenSealer,
    purpose: Purpose,
    presented: &str,
    now: i64,
) -> Result<Person, AppError> {
    let wanted = if purpose == Purpose::Invitation { Status::Invited } else { Status::Active };
    let link = one_time::find(conn, sealer, purpose, presented, now)?.ok_or_else(expired)?;
    people::find(conn, &link.person)?
        .filter(|p| p.status == wanted && p.token_generation == link.generation)
        .ok_or_else(expired)
}

/// Set the password chosen through a mailed link, use the link up and start a session here.
/// The new generation ends every other session and every other link of the person; a reset
/// also starts a new messenger epoch.
fn choose_password(
    conn: &mut DbConn,
    sealer: &TokenSealer,
    purpose: Purpose,
    presented: &str,
    typed: &str,
    now: i64,
) -> Result<(Person, NewSession), AppError> {
    let person = holder(conn, sealer, purpose, presented, now)?;
    let hash = new_password_hash(&person, typed)?;
    let reset = purpose == Purpose::PasswordReset;
    write_transaction(conn, |c| {
        // Hashing took a while: the link must still be live, and is used up here.
        holder(c, sealer, purpose, presented, now)?;
        people::set_password(c, &person.id, &hash, reset)?;
        one_time::consume(c, presented)?;
        fresh_session(c, sealer, &person.id, now)
    })
}

/// Set a new password from a reset link. Every session ends, a new messenger epoch starts (so
/// "my remarks" shows only what comes next), and this browser is signed in.
#[utoipa::path(tag = "session", request_body = TokenAndPassword,
    responses((status = 200, body = PersonView), (status = 410, body = crate::error::Problem)))]
#[post("/password-reset/complete")]
pub async fn complete_reset(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<TokenAndPassword>,
) -> Result<HttpResponse, AppError> {
    password_from_link(&req, &state, Purpose::PasswordReset, body.0).await
}

async fn password_from_link(
    req: &HttpRequest,
    state: &AppState,
    purpose: Purpose,
    body: TokenAndPassword,
) -> Result<HttpResponse, AppError> {
    state.limits.check_client(req)?;
    let (now, sealer) = (state.clock.now(), state.sealer.clone());
    let (person, session) = state
        .db
        .run(move |conn| choose_password(conn, &sealer, purpose, &body.token, &body.password, now))
        .await?;
    signed_in(state, &person, session, now)
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct InvitationView {
    pub email: String,
    pub name: String,
    pub organisation: String,
}

/// Who an invitation is for, to greet the invitee before they choose a password.
#[utoipa::path(tag = "session", request_body = TokenOnly,
    responses((status = 200, body = InvitationView), (status = 410, body = crate::error::Problem)))]
#[post("/invitations/inspect")]
pub async fn inspect_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<TokenOnly>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_client(&req)?;
    let presented = body.0.token;
    let (now, sealer) = (state.clock.now(), state.sealer.clone());
    let view = state
        .db
        .run(move |conn| {
            let person = holder(conn, &sealer, Purpose::Invitation, &presented, now)?;
            let org = organisation::load(conn)?;
            Ok(InvitationView { email: person.email, name: person.display_name, organisation: org.name })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

/// Accept an invitation by choosing a password; this browser is signed in.
#[utoipa::path(tag = "session", request_body = TokenAndPassword,
    responses((status = 200, body = PersonView), (status = 410, body = crate::error::Problem)))]
#[post("/invitations/accept")]
pub async fn accept_invitation(
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<TokenAndPassword>,
) -> Result<HttpResponse, AppError> {
    password_from_link(&req, &state, Purpose::Invitation, body.0).await
}
