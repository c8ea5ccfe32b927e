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
#[serde(deny_unknown_fields)]
pub struct NewsChoices {
    /// Decisions by mail: each as it is made, in the daily digest, or none.
    pub staff_mail: Cadence,
    /// The hour (0–23, the organisation's time zone) the digest comes.
    #[schema(minimum = 0, maximum = 23)]
    pub digest_hour: i32,
    /// Owners: new remarks and promises about to slip, as they come, in the digest, or none.
    pub owner_alerts: Cadence,
}

/// A person's choices as stored.
pub fn load(c: &mut DbConn, person: &PersonId) -> QueryResult<NewsChoices> {
    let (staff_mail, digest_hour, owner_alerts) = users::table
        .find(person)
        .select((users::staff_mail, users::digest_hour, users::owner_alerts))
        .first::<(Cadence, i32, Cadence)>(c)?;
    Ok(NewsChoices { staff_mail, digest_hour, owner_alerts })
}

/// Store a person's choices.
pub fn save(c: &mut DbConn, person: &PersonId, choices: &NewsChoices) -> QueryResult<()> {
    diesel::update(users::table.find(person))
        .set((
            users::staff_mail.eq(choices.staff_mail),
            users::digest_hour.eq(choices.digest_hour),
            users::owner_alerts.eq(choices.owner_alerts),
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
#[utoipa::path(security(("session" = [])), tag = "news", request_body = NewsChoices,
    responses((status = 200, body = NewsChoices), (status = 422, body = crate::error::Problem)))]
#[put("/me/news")]
pub async fn change(
    auth: Authenticated,
    state: web::Data<AppState>,
    body: ApiJson<NewsChoices>,
) -> Result<HttpResponse, AppError> {
    let wanted = body.0;
    let person = auth.person;
    if !(0..=23).contains(&wanted.digest_hour) {
        return Err(AppError::InvalidBody(vec![FieldIssue::new("/digest_hour", FieldCode::InvalidValue)]));
    }
    let saved = state
        .db
        .run(move |conn| {
            write_transaction(conn, |c| {
                let now = load(c, &person.id)?;
                if !person.roles.owner && wanted.owner_alerts != now.owner_alerts {
                    return Err(AppError::InvalidBody(vec![FieldIssue::new(
                        "/owner_alerts",
                        FieldCode::NotOffered,
                    )]));
                }
                save(c, &person.id, &wanted)?;
                Ok(wanted)
            })
        })
        .await?;
    Ok(HttpResponse::Ok().json(saved))
}
