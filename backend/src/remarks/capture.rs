//! Capture: an employee notes what a customer said. Idempotent on the client's UUID v4, so a
//! phone that retries (after a lost answer, a crash, a week offline) never makes a duplicate.
//!
//! The route trusts the access token alone: it reads and writes nothing about the person, and
//! hands who they are to the messenger module only (`Seals::on_capture`, which seals it).

use std::sync::Arc;

use actix_web::http::StatusCode;
use actix_web::{HttpRequest, HttpResponse, post, web};
use chrono::Days;
use diesel::prelude::*;
use diesel::result::Error as DieselError;
use serde::{Deserialize, Serialize};

use super::in_flight::InFlight;
use super::{Feeling, PlaceKind, Remark, RemarkState, RemarkView};
use crate::auth::Capturer;
use crate::auth::token;
use crate::clock::to_hour;
use crate::db::schema::capture_keys;
use crate::db::{DbConn, write_transaction};
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::i18n::Lang;
use crate::ids::{RemarkId, TopicId};
use crate::messenger::{Reporter, Seals};
use crate::organisation::{self, Organisation, Topic};
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::Checks;

/// How far back a remark may have been heard. (The retention settings will bound this.)
pub const MAX_AGE_DAYS: u64 = 365;

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CustomerIn {
    #[schema(schema_with = crate::web::schema::line::<120>)]
    pub name: String,
    #[schema(schema_with = crate::web::schema::optional_email)]
    pub email: Option<String>,
    #[schema(schema_with = crate::web::schema::optional_phone)]
    pub phone: Option<String>,
    /// Whether the customer agreed to be contacted: required when an e-mail address or phone
    /// number is given, not asked otherwise.
    pub consent: Option<bool>,
    pub language: Lang,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct FeelingIn {
    pub level: Feeling,
    #[schema(schema_with = crate::web::schema::optional_text::<1000>)]
    pub words: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PlaceIn {
    pub kind: PlaceKind,
    /// Free text; required when the kind is `other`.
    #[schema(schema_with = crate::web::schema::optional_blank_or_line::<200>)]
    pub detail: Option<String>,
}

/// A remark as the app sends it.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Capture {
    /// A UUID v4 made by the app (or given as the Idempotency-Key header). Other versions are
    /// refused: a v1 or v7 id carries a time.
    #[schema(schema_with = crate::web::schema::optional_uuid_v4)]
    pub id: Option<String>,
    pub customer: CustomerIn,
    #[schema(schema_with = crate::web::schema::text::<4000>)]
    pub facts: String,
    /// Required: reported as missing together with every other problem (not one at a time).
    pub feeling: Option<FeelingIn>,
    /// Required, like `feeling`.
    pub place: Option<PlaceIn>,
    /// `YYYY-MM-DD`; default: today in the organisation's time zone.
    pub heard_on: Option<String>,
    pub topic_id: Option<String>,
}

/// Capture a remark. 201 with the remark (contact details included: the capturer typed them);
/// the same again by its reporter returns the same; the same id with another body is 422; while
/// the first send is still being stored, 409 `capture-in-progress`. An id that is already stored,
/// sent by anyone but its reporter, is 409 `already-captured` whatever the body says (no oracle
/// for hidden contact details); the app takes that as "delivered". The capture is held until
/// its hour has ended: until then only its reporter sees it (in my remarks); colleagues, owners
/// and search see it from its release on.
#[utoipa::path(security(("session" = ["employee", "owner"])), tag = "remarks", request_body = Capture,
    params(("Idempotency-Key" = Option<String>, Header, description = "The remark's id, if not in the body (once; a plain or quoted UUID v4)")),
    responses((status = 201, body = RemarkView), (status = 409, body = crate::error::Problem)))]
#[post("/remarks")]
pub async fn capture(
    claimed: Capturer,
    req: HttpRequest,
    state: web::Data<AppState>,
    body: ApiJson<Capture>,
) -> Result<HttpResponse, AppError> {
    state.limits.check_capture(&req)?;
    let mut request = body.0;
    let header = idempotency_key(&req)?;
    let id = remark_id(request.id.as_deref(), header.as_deref())?;
    // The same request whether the id came in the body or in the header.
    request.id = Some(id.as_str().to_owned());
    let fingerprint = fingerprint(&request);
    let reporter = Reporter::from_claims(&claimed.claims).ok_or(AppError::Unauthorized)?;
    let seals = Arc::clone(&state.seals);
    // A stored id is answered from what is stored, before the in-flight guard: "in progress"
    // for a stored id would tell whoever replays it when its reporter's phone is sending.
    let earlier = {
        let (id, fingerprint, seals, reporter) =
            (id.clone(), fingerprint.clone(), Arc::clone(&seals), reporter.clone());
        state.db.run(move |conn| replay(conn, &id, &fingerprint, &seals, &reporter)).await?
    };
    if let Some((status, view)) = earlier {
        return Ok(HttpResponse::build(status).json(view));
    }
    let _guard =
        InFlight::enter(&state.in_flight, id.as_str()).ok_or(AppError::conflict("capture-in-progress"))?;
    let now = state.clock.now();
    let (status, view, stored) = state
        .db
        .run(move |conn| {
            let (status, view, stored) = store(conn, &id, &fingerprint, request, &seals, &reporter, now)?;
            Ok((status, view, stored.then_some(reporter)))
        })
        .await?;
    // Committed: this replica's "my remarks" knows it at once (others hear it from PostgreSQL).
    if let Some(reporter) = stored {
        state.seals.remember(&view.id, &reporter);
    }
    Ok(HttpResponse::build(status).json(view))
}

/// The Idempotency-Key header (IETF httpapi draft: a structured-field string, so it may come
/// quoted). Given twice — two headers, or one holding a list — is a 400, never one silently
/// chosen.
fn idempotency_key(req: &HttpRequest) -> Result<Option<String>, AppError> {
    let mut values = req.headers().get_all("idempotency-key");
    let Some(first) = values.next() else { return Ok(None) };
    let repeated = AppError::Refused { status: StatusCode::BAD_REQUEST, slug: "idempotency-key-repeated" };
    if values.next().is_some() {
        return Err(repeated);
    }
    let value = first.to_str().unwrap_or("").trim();
    if value.contains(',') {
        return Err(repeated);
    }
    let unquoted = value.strip_prefix('"').and_then(|v| v.strip_suffix('"')).unwrap_or(value);
    Ok(Some(unquoted.to_owned()))
}

/// The id from the body or the Idempotency-Key header (equal when both are given): a UUID v4,
/// in canonical lower-case form.
fn remark_id(body: Option<&str>, header: Option<&str>) -> Result<RemarkId, AppError> {
    let invalid =
        |hint| AppError::InvalidBody(vec![FieldIssue::new("/id", FieldCode::InvalidValue).with_hint(hint)]);
    let parse = RemarkId::parse;
    let from_body = body.map(|b| parse(b).ok_or_else(|| invalid("field-uuid-v4"))).transpose()?;
    let from_header = header.map(|h| parse(h).ok_or_else(|| invalid("field-uuid-v4"))).transpose()?;
    match (from_body, from_header) {
        (Some(b), Some(h)) if b != h => Err(invalid("field-id-mismatch")),
        (Some(id), _) | (None, Some(id)) => Ok(id),
        (None, None) => Err(AppError::field("/id", FieldCode::Missing)),
    }
}

/// What makes two sends "the same capture": the body as received, in a canonical form.
fn fingerprint(request: &Capture) -> String {
    token::hash(&serde_json::to_string(request).unwrap_or_default())
}

/// Store a capture not seen before, or — when another send of it was stored meanwhile (this
/// process, or another replica) — answer as a replay. The flag says whether it was stored now.
fn store(
    conn: &mut DbConn,
    id: &RemarkId,
    fingerprint: &str,
    request: Capture,
    seals: &Seals,
    reporter: &Reporter,
    now: i64,
) -> Result<(StatusCode, RemarkView, bool), AppError> {
    let org = organisation::load(conn)?;
    let topics = organisation::topics(conn)?;
    let remark = validate(id, request, &org, &topics, now)?;
    // Held until its hour has ended (`messenger::held`): one opaque row, nothing else.
    let stored: Result<bool, DieselError> = write_transaction(conn, |c| {
        // Another send of the same id committed first (another replica), released or still
        // held: nothing is written, and this send is answered as a replay.
        if seals.is_taken(c, id)? {
            return Ok(false);
        }
        seals.hold(c, &remark, fingerprint, reporter)
    });
    if stored? {
        return Ok((StatusCode::CREATED, RemarkView::of(remark, true, org.time_zone), true));
    }
    let (status, view) =
        replay(conn, id, fingerprint, seals, reporter)?.ok_or_else(AppError::already_captured)?;
    Ok((status, view, false))
}

/// The answer to a send of an id that is already stored, when it is: for its reporter, the
/// first answer again (422 when this send's body differs from the first); for anyone else one
/// answer that depends on nothing they sent (409 `already-captured`).
fn replay(
    conn: &mut DbConn,
    id: &RemarkId,
    fingerprint: &str,
    seals: &Seals,
    reporter: &Reporter,
) -> Result<Option<(StatusCode, RemarkView)>, AppError> {
    let key: Option<(String, i32, RemarkId)> = capture_keys::table
        .find(id)
        .select((capture_keys::fingerprint, capture_keys::status, capture_keys::remark_id))
        .first(conn)
        .optional()?;
    let key = match key {
        Some(key) => Some((key, None)),
        None => seals.find_held(conn, id)?.map(|held| {
            let status = i32::from(StatusCode::CREATED.as_u16());
            ((held.fingerprint.clone(), status, held.remark.id.clone()), Some(held.remark))
        }),
    };
    let Some(((earlier, status, remark_id), held)) = key else { return Ok(None) };
    // Asked before anything about the body is compared: the same answer for a right and a
    // wrong guess at the customer's address. (A reporter whose password was reset since gets
    // it too — a new messenger epoch — and their app takes it as delivered.)
    if !seals.is_reporter(conn, &remark_id, reporter)? {
        return Err(AppError::already_captured());
    }
    if earlier != fingerprint {
        return Err(AppError::Refused {
            status: StatusCode::UNPROCESSABLE_ENTITY,
            slug: "idempotency-mismatch",
        });
    }
    let remark = match held {
        Some(remark) => remark,
        None => super::find(conn, &remark_id)?.ok_or(AppError::Internal)?,
    };
    let status =
        u16::try_from(status).ok().and_then(|s| StatusCode::from_u16(s).ok()).unwrap_or(StatusCode::CREATED);
    // Loaded only for a replay: a capture seen for the first time pays nothing for it.
    let zone = organisation::load(conn)?.time_zone;
    Ok(Some((status, RemarkView::of(remark, true, zone))))
}

/// Every rule, every problem reported at once.
fn validate(
    id: &RemarkId,
    r: Capture,
    org: &Organisation,
    topics: &[Topic],
    now: i64,
) -> Result<Remark, AppError> {
    let mut checks = Checks::new();
    let name = checks.line("/customer/name", &r.customer.name, 120);
    let email = r.customer.email.as_deref().map(str::trim).filter(|e| !e.is_empty());
    let email = email.map(|e| checks.email("/customer/email", e));
    let phone = r.customer.phone.as_deref().map(str::trim).filter(|p| !p.is_empty());
    let phone = phone.and_then(|p| {
        let normalised = normalise_phone(p);
        if normalised.is_none() {
            checks.push(FieldIssue::new("/customer/phone", FieldCode::InvalidValue).with_hint("field-phone"));
        }
        normalised
    });
    let has_contact = email.is_some() || phone.is_some();
    if has_contact && r.customer.consent.is_none() {
        checks.push(FieldIssue::new("/customer/consent", FieldCode::Missing).with_hint("field-consent"));
    }
    let facts = checks.text("/facts", &r.facts, 4000);
    if r.feeling.is_none() {
        checks.push(FieldIssue::new("/feeling", FieldCode::Missing).with_hint("field-feeling"));
    }
    if r.place.is_none() {
        checks.push(FieldIssue::new("/place", FieldCode::Missing).with_hint("field-place"));
    }
    let words =
        checks.optional_text("/feeling/words", r.feeling.as_ref().and_then(|f| f.words.as_deref()), 1000);
    let detail = r.place.as_ref().and_then(|p| p.detail.as_deref()).unwrap_or("").trim();
    let detail = if detail.is_empty() {
        if r.place.as_ref().is_some_and(|p| p.kind == PlaceKind::Other) {
            checks.push(FieldIssue::new("/place/detail", FieldCode::Blank).with_hint("field-place-other"));
        }
        String::new()
    } else {
        checks.line("/place/detail", detail, 200)
    };
    let heard_on = heard_on(&mut checks, r.heard_on.as_deref(), org, now);
    let given_topic = r.topic_id.as_deref().map(str::trim).filter(|t| !t.is_empty());
    // Not an id the app made is as "not offered" as an archived or unknown one.
    let topic_id = given_topic.and_then(TopicId::parse);
    let offered = |t: &TopicId| topics.iter().any(|topic| topic.id == *t && !topic.archived);
    if given_topic.is_some() && !topic_id.as_ref().is_some_and(offered) {
        checks.push(FieldIssue::new("/topic_id", FieldCode::NotOffered).with_hint("field-topic"));
    }
    checks.finish()?;
    let (Some(feeling), Some(place)) = (r.feeling, r.place) else { return Err(AppError::Internal) };
    Ok(Remark {
        id: id.clone(),
        customer_name: name,
        customer_email: email,
        customer_phone: phone,
        contact_consent: has_contact && r.customer.consent == Some(true),
        customer_language: r.customer.language,
        facts,
        feeling: feeling.level,
        feeling_words: words,
        place_kind: place.kind,
        place_detail: detail,
        heard_on,
        topic_id,
        status: RemarkState::New,
        created_at: to_hour(now),
        // Its promise is counted when it is released (`triage::store`).
        due_at: 0,
        urgency_key: 0,
        version: 1,
        undecided: true,
        forgotten_on: None,
    })
}

/// The day it was heard: today in the organisation's time zone by default, never in the
/// future, at most [`MAX_AGE_DAYS`] ago.
fn heard_on(checks: &mut Checks, given: Option<&str>, org: &Organisation, now: i64) -> String {
    let today = chrono::DateTime::from_timestamp(now, 0)
        .map(|t| t.with_timezone(&org.time_zone).date_naive())
        .unwrap_or_default();
    let Some(given) = given.map(str::trim).filter(|g| !g.is_empty()) else {
        return today.format("%Y-%m-%d").to_string();
    };
    let issue = |hint| FieldIssue::new("/heard_on", FieldCode::InvalidValue).with_hint(hint);
    match crate::web::validate::exact_day(given) {
        None => checks.push(issue("field-date")),
        Some(day) if day > today => checks.push(issue("field-heard-on-future")),
        Some(day) if today.checked_sub_days(Days::new(MAX_AGE_DAYS)).is_some_and(|oldest| day < oldest) => {
            checks.push(issue("field-heard-on-too-old").with_limit(MAX_AGE_DAYS));
        }
        Some(day) => return day.format("%Y-%m-%d").to_string(),
    }
    String::new()
}

/// A phone number as digits with an optional leading `+` (00 becomes +): 8 to 15 digits, as in
/// E.164. Spaces, dots, dashes, slashes and brackets are dropped, and so is the trunk "(0)"
/// written after a country code (+32 (0)475 …).
pub fn normalise_phone(typed: &str) -> Option<String> {
    let compact: String = typed
        .replace("(0)", "")
        .chars()
        .filter(|c| !matches!(c, ' ' | '.' | '-' | '/' | '(' | ')'))
        .collect();
    let (plus, digits) = match compact.strip_prefix('+') {
        Some(rest) => (true, rest.to_owned()),
        None => match compact.strip_prefix("00") {
            Some(rest) => (true, rest.to_owned()),
            None => (false, compact),
        },
    };
    let valid = digits.chars().all(|c| c.is_ascii_digit()) && (8..=15).contains(&digits.len());
    valid.then(|| if plus { format!("+{digits}") } else { digits })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phone_numbers_are_normalised() {
        assert_eq!(normalise_phone("0475 12 34 56").as_deref(), Some("0475123456"));
        assert_eq!(normalise_phone("+32 (0)475/12.34.56").as_deref(), Some("+32475123456"));
        assert_eq!(normalise_phone("0032 475 12 34 56").as_deref(), Some("+32475123456"));
        assert_eq!(normalise_phone("+32 475-12-34-56").as_deref(), Some("+32475123456"));
        assert_eq!(normalise_phone("12345"), None);
        assert_eq!(normalise_phone("call me"), None);
    }

    #[test]
    fn only_uuid_v4_ids_are_accepted() {
        let v4 = "3f1e9c52-1c3b-4b7e-9a57-2d1f1d6c4a10";
        assert_eq!(remark_id(Some(v4), None).ok().as_ref().map(RemarkId::as_str), Some(v4));
        assert_eq!(
            remark_id(Some(&v4.to_uppercase()), Some(v4)).ok().as_ref().map(RemarkId::as_str),
            Some(v4)
        );
        assert_eq!(remark_id(None, Some(v4)).ok().as_ref().map(RemarkId::as_str), Some(v4));
        let v7 = "018f3a6e-8a4b-7c1d-9e2f-3a4b5c6d7e8f";
        let v1 = "c232ab00-9414-11ec-b3c8-9f6bdeced846";
        for other in [v7, v1, "not-a-uuid", ""] {
            assert!(remark_id(Some(other), None).is_err(), "{other}");
        }
        assert!(
            remark_id(Some(v4), Some("0a3e2b64-7c4e-4f1a-8d2b-1c9e0f5a6b7c")).is_err(),
            "body and header differ"
        );
        assert!(remark_id(None, None).is_err());
    }
}
