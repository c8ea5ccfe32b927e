//! Each person's choice of staff mail (`/me/news`): each decision as it is made, a daily digest
//! at their hour, or nothing; for owners, how new remarks and slipping promises reach them.

use actix_web::{HttpResponse, get, put, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::Cadence;
use crate::auth::Authenticated;
use crate::db::schema::users;
use crate::db::{DbConn, write_transaction};
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::ids::PersonId;
use crate::state::AppState;
use crate::web::ApiJson;

/// How a person hears what became of what was heard.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct NewsChoices {
    /// Decisions by mail: each as it is made, in the daily digest, or none.
    pub staff_mail: Cadence,
    /// The hour (0–23, the organisation's time zone) the digest comes.
    #[schema(minimum = 0, maximum = 23)]
    pub digest_hour: i32,
    /// Owners: new remarks and promises about to slip, as they come, in the digest, or none.
    pub owner_alerts: Cadence,
    /// Owners: how many hours before a promise ends they hear it is about to slip.
    pub slip_hours: i32,
}

/// A change of one's choices: every choice, and the owners' hours if they change.
#[derive(Clone, Copy, Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct NewsChange {
    pub staff_mail: Cadence,
    #[schema(minimum = 0, maximum = 23)]
    pub digest_hour: i32,
    pub owner_alerts: Cadence,
    /// 1 to 168 hours; absent keeps what is set.
    #[serde(default)]
    #[schema(minimum = 1, maximum = 168)]
    pub slip_hours: Option<i32>,
}

/// The most hours ahead a slipping promise may be told (a week).
pub const SLIP_HOURS_MAX: i32 = 168;

/// A person's choices as stored.
pub fn load(c: &mut DbConn, person: &PersonId) -> QueryResult<NewsChoices> {
    let (staff_mail, digest_hour, owner_alerts, slip_hours) = users::table
        .find(person)
        .select((users::staff_mail, users::digest_hour, users::owner_alerts, users::slip_hours))
        .first::<(Cadence, i32, Cadence, i32)>(c)?;
    Ok(NewsChoices { staff_mail, digest_hour, owner_alerts, slip_hours })
}

/// Store a person's choices.
pub fn save(c: &mut DbConn, person: &PersonId, choices: &NewsChoices) -> QueryResult<()> {
    diesel::update(users::table.find(person))
        .set((
            users::staff_mail.eq(choices.staff_mail),
            users::digest_hour.eq(choices.digest_hour),
            users::owner_alerts.eq(choices.owner_alerts),
            users::slip_hours.eq(choices.slip_hours),
        ))
        .execute(c)
        .map(drop)
}

/// How I hear about decisions (and, as an owner, about new remarks).
#[utoipa::path(security(("session" = [])), tag = "news",
    responses((status = 200, body = NewsChoices)))]
#[get("/me/news")]
pub async fn show(auth: Authenticated, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let id = auth.person.id;
    let choices = state.db.run(move |conn| Ok(load(conn, &id)?)).await?;
    Ok(HttpResponse::Ok().json(choices))
}

/// Choose how I hear. Only an owner chooses the owners' alerts; anyone else sends them as
/// they are.
#[utoipa::path(security(("session" = [])), tag = "news", request_body = NewsChange,
    responses((status = 200, body = NewsChoices), (status = 422, body = crate::error::Problem)))]
#[put("/me/news")]
pub async fn change(
    auth: Authenticated,
    state: web::Data<AppState>,
    body: ApiJson<NewsChange>,
) -> Result<HttpResponse, AppError> {
    let change = body.0;
    let person = auth.person;
    let mut issues = Vec::new();
    if !(0..=23).contains(&change.digest_hour) {
        issues.push(FieldIssue::new("/digest_hour", FieldCode::InvalidValue));
    }
    if change.slip_hours.is_some_and(|h| !(1..=SLIP_HOURS_MAX).contains(&h)) {
        issues.push(FieldIssue::new("/slip_hours", FieldCode::InvalidValue));
    }
    if !issues.is_empty() {
        return Err(AppError::InvalidBody(issues));
    }
    let saved = state
        .db
        .run(move |conn| {
            write_transaction(conn, |c| {
                let now = load(c, &person.id)?;
                let wanted = NewsChoices {
                    staff_mail: change.staff_mail,
                    digest_hour: change.digest_hour,
                    owner_alerts: change.owner_alerts,
                    slip_hours: change.slip_hours.unwrap_or(now.slip_hours),
                };
                let mut refused = Vec::new();
                if !person.roles.owner && wanted.owner_alerts != now.owner_alerts {
                    refused.push(FieldIssue::new("/owner_alerts", FieldCode::NotOffered));
                }
                if !person.roles.owner && wanted.slip_hours != now.slip_hours {
                    refused.push(FieldIssue::new("/slip_hours", FieldCode::NotOffered));
                }
                if !refused.is_empty() {
                    return Err(AppError::InvalidBody(refused));
                }
                save(c, &person.id, &wanted)?;
                Ok(wanted)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(saved))
}
