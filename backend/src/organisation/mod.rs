//! The organisation's settings (name, sender address, time zone, promise, closed days, languages
//! offered) and its topics. Every signed-in person reads them; admins change them. SMTP is configuration,
//! never a setting: an admin who could redirect mail could read sign-in links.

pub mod calendar;

use actix_web::{HttpResponse, get, post, put, web};
use chrono_tz::Tz;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::{Admin, Authenticated};
use crate::db::schema::{organisation, topics};
use crate::db::{DbConn, write_transaction};
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::i18n::Lang;
use crate::ids::TopicId;
use crate::mail::{self, Delivery};
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::Checks;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum PromiseUnit {
    Hours,
    Days,
    /// Monday to Friday, less the closed days (docs/triage.md).
    WorkingDays,
}

/// The time the organisation gives itself to answer (an acknowledgement at the latest).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Promise {
    pub value: i32,
    pub unit: PromiseUnit,
}

#[derive(Clone, Debug)]
pub struct Organisation {
    pub name: String,
    pub sender_address: String,
    /// Where replies to our mails go (a `Reply-To`); none by default.
    pub reply_address: Option<String>,
    pub time_zone: Tz,
    pub promise: Promise,
    /// The days it is closed: working-day promises skip them.
    pub closed_days: Vec<chrono::NaiveDate>,
    pub languages: Vec<Lang>,
}

pub fn load(conn: &mut DbConn) -> QueryResult<Organisation> {
    type Row = (String, String, Option<String>, String, i32, String, String, String);
    let (name, sender_address, reply_address, tz, value, unit, closed, languages): Row = organisation::table
        .find(1)
        .select((
            organisation::name,
            organisation::sender_address,
            organisation::reply_address,
            organisation::time_zone,
            organisation::promise_value,
            organisation::promise_unit,
            organisation::closed_days,
            organisation::languages,
        ))
        .first(conn)?;
    Ok(Organisation {
        name,
        sender_address,
        reply_address,
        time_zone: tz.parse().unwrap_or(chrono_tz::Europe::Brussels),
        promise: Promise { value, unit: calendar::unit_from_text(&unit) },
        closed_days: calendar::days_from_json(&closed),
        languages: serde_json::from_str(&languages).unwrap_or_else(|_| Lang::ALL.to_vec()),
    })
}

pub fn save(conn: &mut DbConn, org: &Organisation, now: i64) -> QueryResult<()> {
    let unit = calendar::unit_text(org.promise.unit);
    diesel::update(organisation::table.find(1))
        .set((
            organisation::name.eq(&org.name),
            organisation::sender_address.eq(&org.sender_address),
            organisation::reply_address.eq(&org.reply_address),
            organisation::time_zone.eq(org.time_zone.name()),
            organisation::promise_value.eq(org.promise.value),
            organisation::promise_unit.eq(unit),
            organisation::closed_days.eq(calendar::days_to_json(&org.closed_days)),
            organisation::languages.eq(serde_json::to_string(&org.languages).unwrap_or_else(|_| "[]".into())),
            organisation::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// A topic's label in each language.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Labels {
    #[schema(schema_with = crate::web::schema::line::<80>)]
    pub nl: String,
    #[schema(schema_with = crate::web::schema::line::<80>)]
    pub fr: String,
    #[schema(schema_with = crate::web::schema::line::<80>)]
    pub en: String,
}

#[derive(Clone, Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Topic {
    pub id: TopicId,
    pub labels: Labels,
    pub position: i32,
    /// Archived topics stay on old remarks but are no longer offered.
    pub archived: bool,
}

pub fn topics(conn: &mut DbConn) -> QueryResult<Vec<Topic>> {
    let rows: Vec<(TopicId, String, String, String, i32, bool)> = topics::table
        .select((
            topics::id,
            topics::label_nl,
            topics::label_fr,
            topics::label_en,
            topics::position,
            topics::archived,
        ))
        .order((topics::position.asc(), topics::label_nl.asc()))
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, nl, fr, en, position, archived)| Topic {
            id,
            labels: Labels { nl, fr, en },
            position,
            archived,
        })
        .collect())
}

pub fn insert_topic(conn: &mut DbConn, labels: &Labels) -> QueryResult<Topic> {
    let position: Option<i32> = topics::table.select(diesel::dsl::max(topics::position)).first(conn)?;
    let topic = Topic {
        id: TopicId::new(),
        labels: labels.clone(),
        position: position.map_or(1, |p| p + 1),
        archived: false,
    };
    diesel::insert_into(topics::table)
        .values((
            topics::id.eq(&topic.id),
            topics::label_nl.eq(&labels.nl),
            topics::label_fr.eq(&labels.fr),
            topics::label_en.eq(&labels.en),
            topics::position.eq(topic.position),
            topics::archived.eq(false),
        ))
        .execute(conn)?;
    Ok(topic)
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct MailStatus {
    pub delivery: Delivery,
    /// Mails queued or being sent.
    pub waiting: i64,
    /// Mails given up after days of failures.
    pub dead: i64,
}

/// The settings as every signed-in person sees them; admins also see the sender and mail.
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SettingsView {
    pub name: String,
    pub time_zone: String,
    pub promise: Promise,
    /// The days the organisation is closed (`YYYY-MM-DD`), in order.
    pub closed_days: Vec<String>,
    pub languages: Vec<Lang>,
    pub topics: Vec<Topic>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sender_address: Option<String>,
    /// Admins only: where replies to our mails go (`null`: nowhere, the default).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<String>)]
    pub reply_address: Option<Option<String>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub mail: Option<MailStatus>,
}

/// The organisation's settings and topics.
#[utoipa::path(security(("session" = [])), tag = "settings",
    responses((status = 200, body = SettingsView)))]
#[get("/settings")]
pub async fn get_settings(auth: Authenticated, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let admin = auth.person.roles.admin;
    let delivery = state.mail.delivery;
    let view = state
        .db
        .run(move |conn| {
            let org = load(conn)?;
            let mail = if admin {
                let (waiting, dead) = mail::counts(conn)?;
                Some(MailStatus { delivery, waiting, dead })
            } else {
                None
            };
            Ok(SettingsView {
                name: org.name,
                time_zone: org.time_zone.name().to_owned(),
                promise: org.promise,
                closed_days: org.closed_days.iter().map(|d| d.format("%Y-%m-%d").to_string()).collect(),
                languages: org.languages,
                topics: topics(conn)?,
                sender_address: admin.then_some(org.sender_address),
                reply_address: admin.then_some(org.reply_address),
                mail,
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(view))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct SettingsChange {
    #[schema(schema_with = crate::web::schema::line::<120>)]
    pub name: String,
    #[schema(schema_with = crate::web::schema::email)]
    pub sender_address: String,
    /// Where replies to our mails go: absent, `null` or empty for none (mails then come from an
    /// address nobody reads).
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::optional_email)]
    pub reply_address: Option<String>,
    /// An IANA time zone, e.g. `Europe/Brussels`.
    #[schema(schema_with = crate::web::schema::time_zone)]
    pub time_zone: String,
    #[schema(schema_with = crate::web::schema::promise)]
    pub promise: Promise,
    /// The days the organisation is closed (`YYYY-MM-DD`): absent or empty for none.
    #[serde(default)]
    #[schema(schema_with = crate::web::schema::closed_days)]
    pub closed_days: Vec<String>,
    #[schema(schema_with = crate::web::schema::languages)]
    pub languages: Vec<Lang>,
}

/// Change the organisation's settings (admins).
#[utoipa::path(security(("session" = ["admin"])), tag = "settings", request_body = SettingsChange,
    responses((status = 204)))]
#[put("/settings")]
pub async fn put_settings(
    _: Admin,
    state: web::Data<AppState>,
    body: ApiJson<SettingsChange>,
) -> Result<HttpResponse, AppError> {
    let change = body.0;
    let mut checks = Checks::new();
    let name = checks.line("/name", &change.name, 120);
    let sender_address = checks.email("/sender_address", &change.sender_address);
    let reply_address = change
        .reply_address
        .as_deref()
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(|a| checks.email("/reply_address", a));
    // One of the names the document lists, as listed (it is picked, not typed).
    let time_zone = change.time_zone.parse::<Tz>().ok();
    if time_zone.is_none() {
        checks.push(FieldIssue::new("/time_zone", FieldCode::InvalidValue).with_hint("field-time-zone"));
    }
    let max = match change.promise.unit {
        PromiseUnit::Hours => 24 * 30,
        PromiseUnit::Days | PromiseUnit::WorkingDays => 30,
    };
    let closed_days = calendar::check_closed_days(&mut checks, &change.closed_days);
    if !(1..=max).contains(&change.promise.value) {
        checks.push(FieldIssue::new("/promise/value", FieldCode::InvalidValue).with_hint("field-promise"));
    }
    checks.unique("/languages", &change.languages);
    let languages = change.languages;
    if languages.is_empty() {
        checks.push(FieldIssue::new("/languages", FieldCode::Blank));
    }
    checks.finish()?;
    let org = Organisation {
        name,
        sender_address,
        reply_address,
        time_zone: time_zone.unwrap_or(chrono_tz::Europe::Brussels),
        promise: change.promise,
        closed_days,
        languages,
    };
    let now = state.clock.now();
    state.db.write(move |c| Ok(save(c, &org, now)?)).await?;
    Ok(HttpResponse::NoContent().finish())
}

fn check_labels(checks: &mut Checks, labels: &Labels) -> Labels {
    Labels {
        nl: checks.line("/labels/nl", &labels.nl, 80),
        fr: checks.line("/labels/fr", &labels.fr, 80),
        en: checks.line("/labels/en", &labels.en, 80),
    }
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewTopic {
    pub labels: Labels,
}

/// Add a topic at the end of the list (admins).
#[utoipa::path(security(("session" = ["admin"])), tag = "settings", request_body = NewTopic,
    responses((status = 201, body = Topic)))]
#[post("/topics")]
pub async fn create_topic(
    _: Admin,
    state: web::Data<AppState>,
    body: ApiJson<NewTopic>,
) -> Result<HttpResponse, AppError> {
    let mut checks = Checks::new();
    let labels = check_labels(&mut checks, &body.0.labels);
    checks.finish()?;
    let topic = state.db.write(move |c| Ok(insert_topic(c, &labels)?)).await?;
    Ok(HttpResponse::Created().json(topic))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TopicChange {
    pub labels: Labels,
    #[schema(minimum = 1, maximum = 10000)]
    pub position: i32,
    pub archived: bool,
}

/// Rename, move or archive a topic (admins).
#[utoipa::path(security(("session" = ["admin"])), tag = "settings", request_body = TopicChange,
    responses((status = 200, body = Topic), (status = 404, body = crate::error::Problem)))]
#[put("/topics/{id}")]
pub async fn update_topic(
    _: Admin,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<TopicChange>,
) -> Result<HttpResponse, AppError> {
    let change = body.0;
    let mut checks = Checks::new();
    let labels = check_labels(&mut checks, &change.labels);
    if !(1..=10_000).contains(&change.position) {
        checks.push(FieldIssue::new("/position", FieldCode::InvalidValue));
    }
    checks.finish()?;
    // Not an id the app made: no such topic.
    let id = TopicId::parse(&id).ok_or(AppError::NotFound)?;
    let topic = Topic { id: id.clone(), labels, position: change.position, archived: change.archived };
    let updated = topic.clone();
    let changed = state
        .db
        .run(move |conn| {
            Ok(write_transaction(conn, |c| {
                diesel::update(topics::table.find(&id))
                    .set((
                        topics::label_nl.eq(&topic.labels.nl),
                        topics::label_fr.eq(&topic.labels.fr),
                        topics::label_en.eq(&topic.labels.en),
                        topics::position.eq(topic.position),
                        topics::archived.eq(topic.archived),
                    ))
                    .execute(c)
            })?)
        })
        .await?;
    if changed == 0 {
        return Err(AppError::NotFound);
    }
    Ok(HttpResponse::Ok().json(updated))
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(get_settings).service(put_settings).service(create_topic).service(update_topic);
}
