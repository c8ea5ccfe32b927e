//! The owner's view of one remark (docs/triage.md): the remark with its contact details and
//! consent, how a first answer would reach the customer, the answers given, the history and the
//! thread with the messenger — owners named, the messenger never, days only — and the draft of
//! a first answer in the customer's language.

use actix_web::{HttpResponse, get, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::acknowledge::{DraftDays, Reached};
use super::draft::{self, Message};
use super::inbox::DeskItem;
use crate::auth::Owner;
use crate::db::DbConn;
use crate::db::schema::{acknowledgements, decisions, users};
use crate::error::AppError;
use crate::i18n::Lang;
use crate::ids::RemarkId;
use crate::mail::customer::ConsentedRecipient;
use crate::messenger::thread::{self, MESSENGER};
use crate::organisation::Organisation;
use crate::remarks::Remark;
use crate::state::AppState;

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PassOnView {
    /// The day the messenger said they told the customer.
    pub confirmed_on: Option<String>,
    /// Not confirmed after the organisation's `pass_on_days` (never why).
    pub unconfirmed: bool,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct AcknowledgementView {
    pub channel: Reached,
    /// The owner who answered.
    pub by: String,
    pub day: String,
    pub promised_on: String,
    /// What the customer read (or was told).
    pub text: String,
    /// Given after the promise had passed.
    pub late: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pass_on: Option<PassOnView>,
    /// The decision it told (docs/decisions.md); absent for a first answer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<crate::decisions::DecisionKind>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum HistoryKind {
    Acknowledged,
    Called,
    AskedToPassOn,
    PassedOn,
    Question,
    Answer,
    /// A decision was told (by mail, a call or the colleague).
    Decided,
    /// The owner is to call the customer.
    AskedToCall,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct HistoryEntry {
    pub kind: HistoryKind,
    /// The owner who did it; `null` for what the messenger did (never named).
    pub by: Option<String>,
    pub day: String,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DeskRemark {
    #[serde(flatten)]
    pub item: DeskItem,
    pub now: i64,
    /// How a first answer reaches the customer by default: by mail (consent and an address) or
    /// passed on by the colleague who heard it.
    pub channel: Reached,
    /// The customer consented and gave a phone number.
    pub can_call: bool,
    pub acknowledgements: Vec<AcknowledgementView>,
    /// Oldest first.
    pub history: Vec<HistoryEntry>,
    pub thread: Vec<thread::Message>,
}

type AckRow = (
    Reached,
    String,
    String,
    String,
    String,
    bool,
    Option<String>,
    Option<String>,
    Option<crate::decisions::DecisionKind>,
);

fn answers(
    conn: &mut DbConn,
    id: &RemarkId,
    org: &Organisation,
    now: i64,
) -> QueryResult<Vec<AcknowledgementView>> {
    let rows: Vec<AckRow> = acknowledgements::table
        .inner_join(users::table.on(users::id.eq(acknowledgements::owner_id)))
        .left_join(decisions::table.on(decisions::id.nullable().eq(acknowledgements::decision_id)))
        .filter(acknowledgements::remark_id.eq(id))
        .order((acknowledgements::acted_at.asc(), acknowledgements::seq.asc()))
        .select((
            acknowledgements::channel,
            users::display_name,
            acknowledgements::acted_on,
            acknowledgements::promised_on,
            acknowledgements::body,
            acknowledgements::late,
            acknowledgements::note,
            acknowledgements::passed_on_on,
            decisions::kind.nullable(),
        ))
        .load(conn)?;
    let today = org.day_of(now);
    Ok(rows
        .into_iter()
        .map(|(channel, by, day, promised_on, text, late, note, passed_on, decision)| {
            let waited = crate::web::validate::exact_day(&day).map_or(0, |d| (today - d).num_days());
            let pass_on = matches!(channel, Reached::PassOn | Reached::Call).then(|| PassOnView {
                unconfirmed: passed_on.is_none() && waited >= i64::from(org.pass_on_days),
                confirmed_on: passed_on,
            });
            AcknowledgementView { channel, by, day, promised_on, text, late, note, pass_on, decision }
        })
        .collect())
}

fn history(answers: &[AcknowledgementView], messages: &[thread::Message]) -> Vec<HistoryEntry> {
    let mut all = Vec::new();
    for a in answers {
        let kind = match (a.channel, a.decision) {
            (_, Some(_)) => HistoryKind::Decided,
            (Reached::Mail, None) => HistoryKind::Acknowledged,
            (Reached::Phone, None) => HistoryKind::Called,
            (Reached::PassOn, None) => HistoryKind::AskedToPassOn,
            (Reached::Call, None) => HistoryKind::AskedToCall,
        };
        all.push(HistoryEntry { kind, by: Some(a.by.clone()), day: a.day.clone() });
        if a.channel == Reached::Call
            && let Some(day) = &a.pass_on.as_ref().and_then(|p| p.confirmed_on.clone())
        {
            all.push(HistoryEntry { kind: HistoryKind::Called, by: Some(a.by.clone()), day: day.clone() });
            continue;
        }
        if let Some(day) = a.pass_on.as_ref().and_then(|p| p.confirmed_on.clone()) {
            all.push(HistoryEntry { kind: HistoryKind::PassedOn, by: None, day });
        }
    }
    for m in messages {
        let kind = if m.author == MESSENGER { HistoryKind::Answer } else { HistoryKind::Question };
        all.push(HistoryEntry { kind, by: None, day: m.day.clone() });
    }
    // By day; within a day as they happened (answers, then the thread).
    all.sort_by(|a, b| a.day.cmp(&b.day));
    all
}

fn reached_by_default(remark: &Remark) -> Reached {
    if ConsentedRecipient::of(remark).is_some() { Reached::Mail } else { Reached::PassOn }
}

/// One remark as the owner works on it (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "desk",
    responses((status = 200, body = DeskRemark), (status = 404, body = crate::error::Problem)))]
#[get("/desk/remarks/{id}")]
pub async fn view(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
) -> Result<HttpResponse, AppError> {
    let id = RemarkId::parse(&id).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let view = state
        .db
        .run(move |conn| {
            crate::db::read_snapshot(conn, |conn| {
                let remark = crate::remarks::find(conn, &id)?.ok_or(AppError::NotFound)?;
                let org = crate::organisation::load(conn)?;
                let answers = answers(conn, &id, &org, now)?;
                let messages = thread::thread(conn, &id)?;
                let can_call = remark.contact_consent
                    && remark.customer_phone.as_deref().is_some_and(|p| !p.trim().is_empty());
                let mut item = [DeskItem::of(remark.clone(), now, org.time_zone)];
                crate::cases::attach(conn, &mut item)?;
                let [item] = item;
                Ok::<_, AppError>(DeskRemark {
                    channel: reached_by_default(&remark),
                    can_call,
                    history: history(&answers, &messages),
                    acknowledgements: answers,
                    thread: messages,
                    now,
                    item,
                })
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
pub struct DraftQuery {
    /// By when the real answer comes (`YYYY-MM-DD`); a week from today by default.
    pub promised_on: Option<String>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Draft {
    /// The customer's language: the draft is in it.
    pub language: Lang,
    pub promised_on: String,
    /// The first and the last day that may be promised (tomorrow, and 90 days from today).
    pub earliest: String,
    pub latest: String,
    /// The promise has passed: the answer opens with an apology.
    pub late: bool,
    /// Added by the server when late.
    pub apology: Option<String>,
    /// The owner's part, prefilled: the customer's feeling first, in their words.
    pub text: String,
    /// Added by the server: what they told us.
    pub facts: Vec<String>,
    /// Added by the server: by when the real answer comes.
    pub date_line: String,
    /// The noted feeling words read as another language than the customer's.
    pub words_other_language: bool,
    /// The whole answer as the customer reads it.
    pub preview: String,
}

/// A first answer's draft, in the customer's language (feedback owners).
#[utoipa::path(security(("session" = ["owner"])), tag = "desk", params(DraftQuery),
    responses((status = 200, body = Draft), (status = 404, body = crate::error::Problem),
        (status = 422, description = "`promised_on` is not a day after today, at most 90 days ahead",
            body = crate::error::Problem)))]
#[get("/desk/remarks/{id}/draft")]
pub async fn draft_answer(
    _: Owner,
    state: web::Data<AppState>,
    id: web::Path<String>,
    query: web::Query<DraftQuery>,
) -> Result<HttpResponse, AppError> {
    let id = RemarkId::parse(&id).ok_or(AppError::NotFound)?;
    let now = state.clock.now();
    let given = query.into_inner().promised_on;
    let draft = state
        .db
        .run(move |conn| {
            let remark = crate::remarks::find(conn, &id)?.ok_or(AppError::NotFound)?;
            let org = crate::organisation::load(conn)?;
            let days = DraftDays::of(given.as_deref(), org.day_of(now))?;
            let promised_on = days.promised_on;
            let lang = remark.customer_language;
            let late = remark.due_at <= now;
            let text = draft::feeling_text(&remark);
            let message = Message::compose(lang, late, &text, &[&remark], promised_on);
            Ok::<_, AppError>(Draft {
                language: lang,
                promised_on: days.promised_text,
                earliest: days.earliest,
                latest: days.latest,
                late,
                words_other_language: draft::words_other_language(&remark),
                preview: message.plain(),
                apology: message.apology,
                text: message.text,
                facts: message.facts,
                date_line: message.date_line,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(draft))
}
