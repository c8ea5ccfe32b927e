//! The organisation's topics: what a remark is about, labelled in each language, in the
//! admin's order. Archived topics stay on old remarks but are no longer offered.

use actix_web::{HttpResponse, post, put, web};
use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::Admin;
use crate::db::schema::topics;
use crate::db::{DbConn, write_transaction};
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::ids::TopicId;
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::Checks;

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
