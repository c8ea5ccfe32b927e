//! The organisation's settings (name, sender address, time zone, promise, closed days, languages
//! offered) and its topics. Every signed-in person reads them; admins change them. SMTP is configuration,
//! never a setting: an admin who could redirect mail could read sign-in links.

pub mod calendar;
pub mod topics;

pub use topics::{Labels, Topic, insert_topic, topics};

use actix_web::{HttpResponse, get, put, web};
use chrono_tz::Tz;
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::{Admin, Authenticated};
use crate::db::DbConn;
use crate::db::schema::organisation;
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::i18n::Lang;
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
    /// After how many days a pass-on the messenger has not confirmed shows as "not confirmed".
    pub pass_on_days: i32,
}

/// The pass-on window when none is set.
pub const PASS_ON_DAYS: i32 = 7;

pub fn load(conn: &mut DbConn) -> QueryResult<Organisation> {
    type Row = (String, String, Option<String>, String, i32, String, String, String, i32);
    let (name, sender_address, reply_address, tz, value, unit, closed, languages, pass_on_days): Row =
        organisation::table
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
                organisation::pass_on_days,
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
        pass_on_days,
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
            organisation::pass_on_days.eq(org.pass_on_days),
            organisation::updated_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
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
    /// After how many days a pass-on not confirmed by the messenger shows as "not confirmed".
    pub pass_on_days: i32,
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
                pass_on_days: org.pass_on_days,
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
    /// 1 to 60 days; absent keeps what is set.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 60)]
    pub pass_on_days: Option<i32>,
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
    if change.pass_on_days.is_some_and(|days| !(1..=60).contains(&days)) {
        checks.push(FieldIssue::new("/pass_on_days", FieldCode::InvalidValue));
    }
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
        pass_on_days: change.pass_on_days.unwrap_or(PASS_ON_DAYS),
    };
    let keep_pass_on = change.pass_on_days.is_none();
    let now = state.clock.now();
    state
        .db
        .write(move |c| {
            let mut org = org;
            if keep_pass_on {
                org.pass_on_days = load(c)?.pass_on_days;
            }
            save(c, &org, now)?;
            // Remarks still waiting for their first answer follow the new promise.
            crate::triage::store::recount(c, &org, crate::triage::store::Recount::Unanswered)?;
            Ok(())
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(get_settings)
        .service(put_settings)
        .service(topics::create_topic)
        .service(topics::update_topic);
}
