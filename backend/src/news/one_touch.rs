//! One-touch links in an owner's alert mail (`/touch/{token}`): "acknowledge with the prefilled
//! answer and the default promise" for one remark, as that owner. The token is 256 random bits,
//! stored by its hash beside the remark and the owner, single use and short-lived. A GET only
//! shows what would be sent and asks (link scanners follow every GET); the page's button POSTs,
//! and the POST acts once: a second use, an expired link, a remark already answered are refused
//! with a page that says so.

use actix_web::http::StatusCode;
use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, post, web};
use diesel::prelude::*;

use crate::auth::token;
use crate::clock::to_hour;
use crate::db::schema::one_touch_tokens;
use crate::db::{DbConn, write_transaction};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::{PersonId, RemarkId};
use crate::organisation::Organisation;
use crate::people::{Person, Status};
use crate::remarks::{Remark, RemarkState};
use crate::state::AppState;
use crate::triage::acknowledge::{Answer, Channel, DraftDays, store};
use crate::triage::draft::{Message, feeling_text, long_date};
use crate::web::page::Page;

/// How long a one-touch link works.
pub const LIFETIME_SECS: i64 = 24 * 3600;

/// A new link for `owner` to acknowledge `remark`; only its hash is stored. Its expiry is kept
/// to the hour, like everything written beside a remark.
pub fn mint(c: &mut DbConn, remark: &RemarkId, owner: &PersonId, now: i64) -> QueryResult<String> {
    let secret = token::random();
    diesel::insert_into(one_touch_tokens::table)
        .values((
            one_touch_tokens::token_hash.eq(token::hash(&secret)),
            one_touch_tokens::remark_id.eq(remark),
            one_touch_tokens::owner_id.eq(owner),
            one_touch_tokens::expires_at.eq(to_hour(now) + LIFETIME_SECS),
        ))
        .execute(c)?;
    Ok(secret)
}

pub fn link(base_url: &str, secret: &str) -> String {
    format!("{}/touch/{secret}", base_url.trim_end_matches('/'))
}

/// Expired links, a week after they stopped working (the refusal page says "expired" till then).
pub fn purge_expired(c: &mut DbConn, now: i64) -> QueryResult<usize> {
    diesel::delete(one_touch_tokens::table.filter(one_touch_tokens::expires_at.lt(now - 7 * 86_400)))
        .execute(c)
}

/// What a link leads to now.
enum Found {
    Unknown,
    Used(Person),
    Expired(Person),
    /// The remark had its first answer meanwhile (from the desk, or another owner's link).
    Answered(Person),
    /// The person is no longer an active feedback owner.
    NotOwner(Person),
    Live(Person, Box<Remark>),
}

fn find(c: &mut DbConn, secret: &str, now: i64) -> Result<Found, AppError> {
    let row: Option<(RemarkId, PersonId, i64, Option<i64>)> = one_touch_tokens::table
        .find(token::hash(secret))
        .select((
            one_touch_tokens::remark_id,
            one_touch_tokens::owner_id,
            one_touch_tokens::expires_at,
            one_touch_tokens::used_at,
        ))
        .first(c)
        .optional()?;
    let Some((remark, owner, expires_at, used_at)) = row else { return Ok(Found::Unknown) };
    let Some(person) = crate::people::find(c, &owner)? else { return Ok(Found::Unknown) };
    let Some(remark) = crate::remarks::find(c, &remark)? else { return Ok(Found::Unknown) };
    Ok(if used_at.is_some() {
        Found::Used(person)
    } else if expires_at <= now {
        Found::Expired(person)
    } else if !(person.roles.owner && person.status == Status::Active) {
        Found::NotOwner(person)
    } else if remark.status != RemarkState::New || !remark.undecided {
        Found::Answered(person)
    } else {
        Found::Live(person, Box::new(remark))
    })
}

/// The page for anything but a live link.
fn refusal(found: &Found, asked_in: Lang, org: &str) -> Option<Result<HttpResponse, AppError>> {
    let (lang, status, key) = match found {
        Found::Unknown => (asked_in, StatusCode::NOT_FOUND, "touch-unknown"),
        Found::Used(p) => (p.language, StatusCode::GONE, "touch-used"),
        Found::Expired(p) => (p.language, StatusCode::GONE, "touch-expired"),
        Found::Answered(p) => (p.language, StatusCode::CONFLICT, "touch-answered"),
        Found::NotOwner(p) => (p.language, StatusCode::GONE, "touch-not-owner"),
        Found::Live(..) => return None,
    };
    Some(Page::notice(lang, org, key).respond(status))
}

/// The first answer a one-touch link sends: the customer's feeling, in their language, and the
/// default promise (a week from today).
fn answer(remark: &Remark, org: &Organisation, now: i64) -> Result<(Answer, Message), AppError> {
    let days = DraftDays::of(None, org.day_of(now))?;
    let text = feeling_text(remark);
    let late = remark.due_at <= now;
    let message = Message::compose(remark.customer_language, late, &text, &[remark], days.promised_on);
    let answer = Answer {
        promised_on: days.promised_on,
        text,
        channel: Channel::Auto,
        note: None,
        own_feeling: false,
    };
    Ok((answer, message))
}

fn asked_in(req: &HttpRequest) -> Lang {
    crate::i18n::negotiate(req.headers().get(header::ACCEPT_LANGUAGE).and_then(|v| v.to_str().ok()))
}

/// The page a one-touch link opens: what would be sent, and a button. Changes nothing.
#[utoipa::path(tag = "news",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$", description = "From the alert mail")),
    responses(
        (status = 200, description = "The page that asks", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 409, description = "Answered meanwhile", content_type = "text/html", body = String),
        (status = 410, description = "Used, expired, or no longer an owner's", content_type = "text/html", body = String),
        (status = 429, description = "Too many from this address", body = crate::error::Problem)))]
#[get("/touch/{token}")]
pub async fn confirm(
    req: HttpRequest,
    state: web::Data<AppState>,
    secret: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_status_page(&req)?;
    let (secret, now, asked) = (secret.into_inner(), state.clock.now(), asked_in(&req));
    let (found, org) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            Ok::<_, AppError>((find(conn, &secret, now)?, org))
        })
        .await?;
    if let Some(refused) = refusal(&found, asked, &org.name) {
        return refused;
    }
    let Found::Live(person, remark) = found else { return Err(AppError::NotFound) };
    let (answer, message) = answer(&remark, &org, now)?;
    let lang = person.language;
    let page = Page {
        lang,
        organisation: &org.name,
        title: lang.t("touch-title"),
        paragraphs: vec![
            lang.t_args("touch-intro", &[("date", long_date(lang, answer.promised_on).into())]),
            lang.t_args("touch-heard", &[("facts", remark.facts.trim().to_owned().into())]),
        ],
        quote: Some(message.paragraphs()),
        button: Some(lang.t("touch-button")),
        back: None,
    };
    page.respond(StatusCode::OK)
}

/// Send the first answer the link names, once.
#[utoipa::path(tag = "news",
    params(("token" = String, Path, pattern = r"^[A-Za-z0-9_-]{1,128}$", description = "From the alert mail")),
    responses(
        (status = 200, description = "Sent: the page says so", content_type = "text/html", body = String),
        (status = 404, description = "No such link: the page (a malformed path: a problem)",
            content((String = "text/html"), (crate::error::Problem = "application/problem+json"))),
        (status = 409, description = "Answered meanwhile", content_type = "text/html", body = String),
        (status = 410, description = "Used, expired, or no longer an owner's", content_type = "text/html", body = String),
        (status = 429, description = "Too many from this address", body = crate::error::Problem)))]
#[post("/touch/{token}")]
pub async fn act(
    req: HttpRequest,
    state: web::Data<AppState>,
    secret: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_status_page(&req)?;
    let (secret, now, asked) = (secret.into_inner(), state.clock.now(), asked_in(&req));
    let base_url = state.settings.base_url().to_owned();
    let (found, org, mailed) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            write_transaction(conn, |c| {
                let found = find(c, &secret, now)?;
                let Found::Live(person, remark) = &found else { return Ok((found, org, false)) };
                // Used once: of two clicks at once, one marks it and the other finds it used.
                let marked = diesel::update(
                    one_touch_tokens::table
                        .find(token::hash(&secret))
                        .filter(one_touch_tokens::used_at.is_null()),
                )
                .set(one_touch_tokens::used_at.eq(to_hour(now)))
                .execute(c)?;
                if marked == 0 {
                    return Ok((Found::Used(person.clone()), org, false));
                }
                let (answer, _) = answer(remark, &org, now)?;
                let seen = [(remark.id.clone(), remark.version)];
                match store(c, &org, &seen, &answer, (&person.id, now), &base_url) {
                    Ok((_, mailed)) => Ok::<_, AppError>((found, org, mailed)),
                    // Answered from the desk the same moment: nothing was sent.
                    Err(AppError::Stale(_)) => Ok((Found::Answered(person.clone()), org, false)),
                    Err(other) => Err(other),
                }
            })
        })
        .await?;
    if mailed {
        state.mail.wake();
    }
    if let Some(refused) = refusal(&found, asked, &org.name) {
        return refused;
    }
    let Found::Live(person, _) = found else { return Err(AppError::NotFound) };
    let lang = person.language;
    Page::notice(lang, &org.name, "touch-done").respond(StatusCode::OK)
}
