//! The first answer (docs/triage.md): the owner names the day the real answer comes, and that
//! day becomes the promise. The customer hears it by mail when they consented and gave an
//! address; otherwise the colleague who heard it is asked to pass it on (in "my remarks": the
//! thread's state, never a row naming them); or the owner phoned them and notes what was said.
//! Each change carries the version it saw: a second owner acting on what the first already
//! changed gets 409 with the state as it is, and no customer hears twice.

use actix_web::{HttpResponse, post, web};
use chrono::NaiveDate;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::draft::{Message, long_date};
use super::inbox::DeskItem;
use crate::auth::Owner;
use crate::db::schema::{acknowledgements, remarks};
use crate::db::typed::TextValue;
use crate::db::{DbConn, write_transaction};
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::ids::{PersonId, RemarkId};
use crate::mail;
use crate::mail::customer::ConsentedRecipient;
use crate::organisation::Organisation;
use crate::remarks::{Remark, RemarkState};
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::{Checks, exact_day};

/// At most this many remarks in one answer.
pub const MAX_REMARKS: usize = 20;
/// The real answer may be promised at most this many days ahead.
pub const MAX_DAYS_AHEAD: i64 = 90;

/// How a first answer reached the customer, as stored.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
pub enum Reached {
    Mail,
    PassOn,
    Phone,
    /// A decision the owner is to tell by phone (consent and only a number); `passed_on_on`
    /// keeps the day they called.
    Call,
}

impl TextValue for Reached {
    const ALL: &'static [Reached] = &[Reached::Mail, Reached::PassOn, Reached::Phone, Reached::Call];

    fn text(self) -> &'static str {
        match self {
            Reached::Mail => "mail",
            Reached::PassOn => "pass_on",
            Reached::Phone => "phone",
            Reached::Call => "call",
        }
    }
}
crate::stored_as_text!(Reached);

/// How the owner wants it to reach the customer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// By mail when the customer consented and gave an address, else passed on.
    Auto,
    /// The owner phoned the customer (who consented and gave a number).
    Phone,
    /// Through the colleague who heard it.
    PassOn,
}

/// What a change saw of one remark (or of one case).
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Seen {
    #[schema(schema_with = crate::web::schema::uuid_v4)]
    pub id: String,
    #[schema(minimum = 1)]
    pub version: i32,
}

impl Seen {
    /// The remarks named with the version seen: 1 to `max` ids, each once (422 on `/remarks`).
    pub fn checked(given: &[Seen], max: usize, checks: &mut Checks) -> Vec<(RemarkId, i32)> {
        let seen: Vec<(RemarkId, i32)> =
            given.iter().filter_map(|s| RemarkId::parse(&s.id).map(|id| (id, s.version))).collect();
        if seen.len() != given.len() || seen.is_empty() || seen.len() > max {
            checks
                .push(FieldIssue::new("/remarks", FieldCode::InvalidValue).with_hint("field-remarks-count"));
        } else {
            let ids: Vec<&RemarkId> = seen.iter().map(|(id, _)| id).collect();
            checks.unique("/remarks", &ids);
        }
        seen
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AcknowledgementRequest {
    /// 1 to 20 remarks, each once, all from customers of one language.
    #[schema(min_items = 1, max_items = 20)]
    pub remarks: Vec<Seen>,
    /// By when the real answer comes: after today, at most 90 days ahead. Their next promise.
    #[schema(schema_with = crate::web::schema::day)]
    pub promised_on: String,
    /// The owner's words, the feeling first (the apology, the facts and the date are added).
    #[schema(schema_with = crate::web::schema::text::<2000>)]
    pub text: String,
    pub channel: Channel,
    /// Phone: what was said (required then).
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_text::<2000>)]
    pub note: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Acknowledged {
    /// The server's clock (Unix seconds), which the promise clocks count from.
    pub now: i64,
    /// The remarks as they are now.
    pub items: Vec<DeskItem>,
}

/// The day named: after today, at most [`MAX_DAYS_AHEAD`] ahead.
pub fn check_promised_on(given: &str, today: NaiveDate) -> Result<NaiveDate, AppError> {
    exact_day(given).filter(|day| *day > today && (*day - today).num_days() <= MAX_DAYS_AHEAD).ok_or_else(
        || {
            AppError::InvalidBody(vec![
                FieldIssue::new("/promised_on", FieldCode::InvalidValue).with_hint("field-promised-on"),
            ])
        },
    )
}

/// A draft's days, `YYYY-MM-DD`: the day it promises (`given`, checked, else a week from today),
/// and the first and the last day that may be promised.
pub struct DraftDays {
    pub promised_on: NaiveDate,
    pub promised_text: String,
    pub earliest: String,
    pub latest: String,
}

impl DraftDays {
    pub fn of(given: Option<&str>, today: NaiveDate) -> Result<Self, AppError> {
        let promised_on = match given {
            Some(day) => check_promised_on(day, today)?,
            None => today + chrono::Days::new(7),
        };
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        Ok(Self {
            promised_on,
            promised_text: day(promised_on),
            earliest: day(today + chrono::Days::new(1)),
            latest: day(today + chrono::Days::new(MAX_DAYS_AHEAD.unsigned_abs())),
        })
    }
}

fn field(pointer: &str, hint: &'static str) -> AppError {
    AppError::InvalidBody(vec![FieldIssue::new(pointer, FieldCode::InvalidValue).with_hint(hint)])
}

/// The remarks named, in the order named: 404 when one is not there, 409 (with them as they
/// are) when one changed since it was seen or is no longer undecided.
pub fn load_seen(
    conn: &mut DbConn,
    seen: &[(RemarkId, i32)],
    now: i64,
    org: &Organisation,
) -> Result<Vec<Remark>, AppError> {
    let ids: Vec<&RemarkId> = seen.iter().map(|(id, _)| id).collect();
    let mut found: Vec<Remark> =
        remarks::table.filter(remarks::id.eq_any(ids)).select(Remark::as_select()).load(conn)?;
    if found.len() != seen.len() {
        return Err(AppError::NotFound);
    }
    found.sort_by_key(|r| seen.iter().position(|(id, _)| *id == r.id));
    if found.iter().zip(seen).any(|(r, (_, version))| r.version != *version || !r.undecided) {
        return Err(stale(found, now, org));
    }
    Ok(found)
}

pub fn stale(current: Vec<Remark>, now: i64, org: &Organisation) -> AppError {
    let items: Vec<DeskItem> = current.into_iter().map(|r| DeskItem::of(r, now, org.time_zone)).collect();
    AppError::Stale(Box::new(serde_json::to_value(items).unwrap_or_default()))
}

/// What one acknowledgement does, checked and ready to store.
pub struct Answer {
    pub promised_on: NaiveDate,
    pub text: String,
    pub channel: Channel,
    pub note: Option<String>,
    /// Each customer's own feeling goes first, before the owner's words (a case's answer: its
    /// words are for every customer, their feeling is their own).
    pub own_feeling: bool,
}

impl Answer {
    /// What the customer of `remarks` (one address, or one remark) reads as the owner's part.
    fn words_for(&self, remarks: &[&Remark]) -> String {
        if !self.own_feeling {
            return self.text.clone();
        }
        let mut parts: Vec<String> = remarks.iter().map(|r| super::draft::feeling_text(r)).collect();
        parts.dedup();
        parts.push(self.text.clone());
        parts.join("\n\n")
    }
}

/// Acknowledge remarks: answer their customers first and name the day of the real answer.
#[utoipa::path(security(("session" = ["owner"])), tag = "desk", request_body = AcknowledgementRequest,
    responses((status = 200, body = Acknowledged), (status = 404, body = crate::error::Problem),
        (status = 409, body = crate::error::Problem)))]
#[post("/desk/acknowledgements")]
pub async fn acknowledge(
    owner: Owner,
    state: web::Data<AppState>,
    body: ApiJson<AcknowledgementRequest>,
) -> Result<HttpResponse, AppError> {
    let request = body.0;
    let mut checks = Checks::new();
    let seen = Seen::checked(&request.remarks, MAX_REMARKS, &mut checks);
    let text = checks.text("/text", &request.text, 2000);
    let note = match request.channel {
        Channel::Phone => Some(checks.text("/note", request.note.as_deref().unwrap_or(""), 2000)),
        _ => Some(checks.optional_text("/note", request.note.as_deref(), 2000)).filter(|n| !n.is_empty()),
    };
    checks.finish()?;
    let given_day = request.promised_on;
    let channel = request.channel;
    let now = state.clock.now();
    let base_url = state.settings.base_url().to_owned();
    let owner_id = owner.person.id.clone();
    let (items, mailed) = state
        .db
        .run(move |conn| {
            let org = crate::organisation::load(conn)?;
            let promised_on = check_promised_on(&given_day, org.day_of(now))?;
            let answer = Answer { promised_on, text, channel, note, own_feeling: false };
            write_transaction(conn, |c| store(c, &org, &seen, &answer, (&owner_id, now), &base_url))
        })
        .await?;
    if mailed {
        state.mail.wake();
    }
    Ok(HttpResponse::Ok().json(Acknowledged { now, items }))
}

/// Acknowledge `seen` (one language) in the caller's write transaction: the remarks as they
/// are after it, and whether a mail was queued.
pub fn store(
    c: &mut DbConn,
    org: &Organisation,
    seen: &[(RemarkId, i32)],
    answer: &Answer,
    (owner, now): (&PersonId, i64),
    base_url: &str,
) -> Result<(Vec<DeskItem>, bool), AppError> {
    let ids: Vec<&RemarkId> = seen.iter().map(|(id, _)| id).collect();
    crate::cases::store::lock_cases_of(c, &ids)?;
    let found = load_seen(c, seen, now, org)?;
    let lang = found[0].customer_language;
    if found.iter().any(|r| r.customer_language != lang) {
        return Err(field("/remarks", "field-one-language"));
    }
    let has_phone =
        |r: &Remark| r.contact_consent && r.customer_phone.as_deref().is_some_and(|p| !p.trim().is_empty());
    if answer.channel == Channel::Phone && !found.iter().all(has_phone) {
        return Err(field("/channel", "field-no-phone"));
    }
    let reached = |r: &Remark| match answer.channel {
        Channel::Phone => Reached::Phone,
        Channel::PassOn => Reached::PassOn,
        Channel::Auto if ConsentedRecipient::of(r).is_some() => Reached::Mail,
        Channel::Auto => Reached::PassOn,
    };
    let due = org.end_of_day(answer.promised_on);
    let late = |r: &Remark| r.due_at <= now;
    // One key per (these remarks at these versions, recipient): a retried or doubled request
    // queues nothing twice.
    let mut key_parts: Vec<String> =
        found.iter().map(|r| format!("{}@{}", r.id.as_str(), r.version)).collect();
    key_parts.sort();
    let message_key = format!("acknowledgement:{}", key_parts.join(","));
    for remark in &found {
        let how = reached(remark);
        let state =
            if how == Reached::PassOn { RemarkState::WaitingForPassOn } else { RemarkState::Acknowledged };
        let updated = diesel::update(
            remarks::table
                .find(&remark.id)
                .filter(remarks::version.eq(remark.version))
                .filter(remarks::undecided.eq(true)),
        )
        .set((
            remarks::status.eq(state),
            remarks::due_at.eq(due),
            remarks::urgency_key.eq(super::urgency::key(due, remark.feeling)),
            remarks::version.eq(remark.version + 1),
        ))
        .execute(c)?;
        if updated == 0 {
            // Another owner's change committed between our read and this write (PostgreSQL).
            let ids: Vec<&RemarkId> = seen.iter().map(|(id, _)| id).collect();
            let now_there =
                remarks::table.filter(remarks::id.eq_any(ids)).select(Remark::as_select()).load(c)?;
            return Err(stale(now_there, now, org));
        }
        let words = answer.words_for(&[remark]);
        let body = Message::compose(lang, late(remark), &words, &[remark], answer.promised_on).plain();
        let given = Given {
            how,
            owner,
            at: now,
            promised_on: Some(answer.promised_on),
            body,
            late: late(remark),
            decision: None,
            seq: remark.version + 1,
            news: None,
        };
        record(c, org, remark, &given, answer.note.as_deref())?;
    }
    let mailable: Vec<Remark> = found.iter().filter(|r| reached(r) == Reached::Mail).cloned().collect();
    let mut mailed = false;
    for (recipient, group) in ConsentedRecipient::group(&mailable) {
        let any_late = group.iter().any(|r| late(r));
        let words = answer.words_for(&group);
        let message = Message::compose(recipient.lang(), any_late, &words, &group, answer.promised_on);
        let links = crate::customers::letter::links(c, base_url, group.iter().map(|r| &r.id))?;
        let date = long_date(recipient.lang(), answer.promised_on);
        let words = (recipient.lang().t_args("ack-subject", &[("date", date.into())]), message.paragraphs());
        let kind = ("acknowledgement", message_key.clone());
        mailed |=
            mail::enqueue(c, &crate::customers::letter::mail(kind, &recipient, org, words, links), now)?;
    }
    let ids: Vec<&RemarkId> = seen.iter().map(|(id, _)| id).collect();
    // Promises moved: a case stands in the inbox by its earliest one.
    crate::cases::store::relead_cases_of(c, &ids)?;
    let mut after: Vec<Remark> =
        remarks::table.filter(remarks::id.eq_any(ids)).select(Remark::as_select()).load(c)?;
    after.sort_by_key(|r| seen.iter().position(|(id, _)| *id == r.id));
    Ok((after.into_iter().map(|r| DeskItem::of(r, now, org.time_zone)).collect(), mailed))
}

/// One answer as it is kept: how, by whom, when (to the hour and the day), the day promised
/// (none for a decision that is the last word), what the customer got, whether the promise had
/// passed, the decision it carried, and the remark's version after it.
pub struct Given<'a> {
    pub how: Reached,
    pub owner: &'a PersonId,
    pub at: i64,
    pub promised_on: Option<NaiveDate>,
    pub body: String,
    pub late: bool,
    pub decision: Option<&'a crate::ids::DecisionId>,
    pub seq: i32,
    /// `done` or `moved`: a plan's news (docs/plans.md).
    pub news: Option<&'static str>,
}

/// Keep a first answer to `remark` (the owner named; the act to the hour).
pub fn record(
    c: &mut DbConn,
    org: &Organisation,
    remark: &Remark,
    given: &Given,
    note: Option<&str>,
) -> QueryResult<()> {
    diesel::insert_into(acknowledgements::table)
        .values((
            acknowledgements::id.eq(uuid::Uuid::new_v4().to_string()),
            acknowledgements::remark_id.eq(&remark.id),
            acknowledgements::channel.eq(given.how),
            acknowledgements::owner_id.eq(given.owner),
            acknowledgements::acted_at.eq(crate::clock::to_hour(given.at)),
            acknowledgements::acted_on.eq(org.day_text(given.at)),
            acknowledgements::promised_on
                .eq(given.promised_on.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_default()),
            acknowledgements::body.eq(&given.body),
            acknowledgements::late.eq(given.late),
            acknowledgements::note.eq(note),
            acknowledgements::decision_id.eq(given.decision),
            acknowledgements::seq.eq(given.seq),
            acknowledgements::news.eq(given.news),
        ))
        .execute(c)
        .map(drop)
}
