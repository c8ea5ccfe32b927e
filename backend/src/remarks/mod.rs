//! Remarks: what a customer said, as an employee captured it (capture.rs), and how every
//! colleague reads what comes in (read.rs, search.rs). A remark names its customer, never its
//! messenger: nothing here knows who captured it.

pub mod capture;
pub mod in_flight;
pub mod read;
pub mod release;
pub mod search;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::db::DbConn;
use crate::db::schema::remarks;
use crate::db::typed::{IntegerValue, TextValue};
use crate::i18n::Lang;
use crate::ids::{RemarkId, TopicId};

/// How the customer felt, from very frustrated to delighted. Stored as 1 to 5.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Integer)]
#[serde(rename_all = "snake_case")]
pub enum Feeling {
    VeryFrustrated,
    Frustrated,
    Neutral,
    Pleased,
    Delighted,
}

impl IntegerValue for Feeling {
    const ALL: &'static [Feeling] = &[
        Feeling::VeryFrustrated,
        Feeling::Frustrated,
        Feeling::Neutral,
        Feeling::Pleased,
        Feeling::Delighted,
    ];

    /// 1 (very frustrated) to 5 (delighted), as stored.
    fn number(self) -> i32 {
        match self {
            Feeling::VeryFrustrated => 1,
            Feeling::Frustrated => 2,
            Feeling::Neutral => 3,
            Feeling::Pleased => 4,
            Feeling::Delighted => 5,
        }
    }
}
crate::stored_as_integer!(Feeling);

/// Where the remark was heard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
pub enum PlaceKind {
    Party,
    School,
    SportsClub,
    Hairdresser,
    Shop,
    Family,
    Other,
}

impl TextValue for PlaceKind {
    const ALL: &'static [PlaceKind] = &[
        PlaceKind::Party,
        PlaceKind::School,
        PlaceKind::SportsClub,
        PlaceKind::Hairdresser,
        PlaceKind::Shop,
        PlaceKind::Family,
        PlaceKind::Other,
    ];

    fn text(self) -> &'static str {
        match self {
            PlaceKind::Party => "party",
            PlaceKind::School => "school",
            PlaceKind::SportsClub => "sports_club",
            PlaceKind::Hairdresser => "hairdresser",
            PlaceKind::Shop => "shop",
            PlaceKind::Family => "family",
            PlaceKind::Other => "other",
        }
    }
}
crate::stored_as_text!(PlaceKind);

/// Where a remark is on its way to an answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "snake_case")]
pub enum RemarkState {
    /// Not yet answered by the feedback owner.
    New,
    /// The customer has had a first answer, naming when the real one comes.
    Acknowledged,
    /// The first answer waits for the colleague who heard it to pass it on.
    WaitingForPassOn,
    /// The owner decided what becomes of it (docs/decisions.md): out of the inbox.
    Decided,
}

impl TextValue for RemarkState {
    const ALL: &'static [RemarkState] =
        &[RemarkState::New, RemarkState::Acknowledged, RemarkState::WaitingForPassOn, RemarkState::Decided];

    fn text(self) -> &'static str {
        match self {
            RemarkState::New => "new",
            RemarkState::Acknowledged => "acknowledged",
            RemarkState::WaitingForPassOn => "waiting_for_pass_on",
            RemarkState::Decided => "decided",
        }
    }
}
crate::stored_as_text!(RemarkState);

/// A remark as stored (and, while held, sealed in its held row as JSON).
#[derive(Clone, Debug, Queryable, Selectable, Insertable, Serialize, Deserialize)]
#[diesel(table_name = remarks)]
pub struct Remark {
    pub id: RemarkId,
    pub customer_name: String,
    pub customer_email: Option<String>,
    pub customer_phone: Option<String>,
    pub contact_consent: bool,
    pub customer_language: Lang,
    pub facts: String,
    pub feeling: Feeling,
    pub feeling_words: String,
    pub place_kind: PlaceKind,
    pub place_detail: String,
    pub heard_on: String,
    pub topic_id: Option<TopicId>,
    pub status: RemarkState,
    /// Kept to the hour; never shown.
    pub created_at: i64,
    /// The current promise's instant (set at the release: `triage::store`).
    #[serde(default)]
    pub due_at: i64,
    /// Its place in the inbox (`triage::urgency::key`).
    #[serde(default)]
    pub urgency_key: i64,
    /// Counts the owner's changes: a change that saw an older one is refused (409).
    #[serde(default = "first_version")]
    pub version: i32,
    /// In the inbox until it is decided.
    #[serde(default = "undecided")]
    pub undecided: bool,
    /// The day the customer asked to be forgotten (`customers::forget`): name and contact gone.
    #[serde(default)]
    pub forgotten_on: Option<String>,
}

impl Remark {
    /// A new remark of `name`, in `lang`, with these facts and feeling and nothing else: no
    /// contact, no feeling words, no place detail or day. The demo, the status page's decoy and
    /// tests fill in what they need.
    pub fn of_customer(name: &str, lang: Lang, facts: &str, feeling: Feeling) -> Self {
        Self {
            id: RemarkId::new(),
            customer_name: name.to_owned(),
            customer_email: None,
            customer_phone: None,
            contact_consent: false,
            customer_language: lang,
            facts: facts.to_owned(),
            feeling,
            feeling_words: String::new(),
            place_kind: PlaceKind::Other,
            place_detail: String::new(),
            heard_on: String::new(),
            topic_id: None,
            status: RemarkState::New,
            created_at: 0,
            due_at: 0,
            urgency_key: 0,
            version: first_version(),
            undecided: undecided(),
            forgotten_on: None,
        }
    }
}

fn first_version() -> i32 {
    1
}

fn undecided() -> bool {
    true
}

pub fn find(conn: &mut DbConn, id: &RemarkId) -> QueryResult<Option<Remark>> {
    remarks::table.find(id).select(Remark::as_select()).first(conn).optional()
}

/// Take the next position in a remark's thread (1, 2, …); `None` when there is no such remark.
/// The UPDATE locks the remark's row until the caller's transaction ends, so concurrent writers
/// queue: a row lock on PostgreSQL, the single writer on SQLite. Call it in a write transaction.
pub fn next_thread_position(conn: &mut DbConn, id: &RemarkId) -> QueryResult<Option<i32>> {
    let updated = diesel::update(remarks::table.find(id))
        .set(remarks::thread_length.eq(remarks::thread_length + 1))
        .execute(conn)?;
    if updated == 0 {
        return Ok(None);
    }
    remarks::table.find(id).select(remarks::thread_length).first(conn).map(Some)
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct CustomerView {
    pub name: String,
    pub language: Lang,
    /// Only for feedback owners (and in the capturer's own receipt).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    /// Whether the customer agreed to be contacted. Only with the contact details.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub consent: Option<bool>,
    /// The customer asked to be forgotten: their name and contact details are erased (the name
    /// is then empty). Only when so.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub forgotten: bool,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct FeelingView {
    pub level: Feeling,
    /// The customer's own words about how they felt.
    pub words: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PlaceView {
    pub kind: PlaceKind,
    pub detail: String,
}

/// A remark as the API shows it: the day it was heard, never a time, never who brought it in.
#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct RemarkView {
    pub id: RemarkId,
    pub customer: CustomerView,
    pub facts: String,
    pub feeling: FeelingView,
    pub place: PlaceView,
    /// The day it was heard, `YYYY-MM-DD`.
    pub heard_on: String,
    /// The day it came in, `YYYY-MM-DD` in the organisation's time zone: lists group by it.
    /// Within a day remarks come by the hour, and within an hour in no order of arrival.
    pub came_in_on: String,
    pub topic_id: Option<TopicId>,
    /// `new` until the feedback owner triages it.
    pub state: RemarkState,
}

impl RemarkView {
    /// `with_contact`: feedback owners, and the capturer's receipt. `zone`: the organisation's
    /// time zone, for the day it came in.
    pub fn of(remark: Remark, with_contact: bool, zone: chrono_tz::Tz) -> Self {
        let contact = with_contact.then_some(());
        let came_in_on = chrono::DateTime::from_timestamp(remark.created_at, 0)
            .map(|at| at.with_timezone(&zone).format("%Y-%m-%d").to_string())
            .unwrap_or_default();
        Self {
            id: remark.id,
            customer: CustomerView {
                name: remark.customer_name,
                language: remark.customer_language,
                email: contact.and(remark.customer_email),
                phone: contact.and(remark.customer_phone),
                consent: contact.map(|()| remark.contact_consent),
                forgotten: remark.forgotten_on.is_some(),
            },
            facts: remark.facts,
            feeling: FeelingView { level: remark.feeling, words: remark.feeling_words },
            place: PlaceView { kind: remark.place_kind, detail: remark.place_detail },
            heard_on: remark.heard_on,
            came_in_on,
            topic_id: remark.topic_id,
            state: remark.status,
        }
    }
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(capture::capture).service(read::list).service(read::get);
}
