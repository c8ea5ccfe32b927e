//! The signed-in person's own account: who am I, my name and language, my password.

use actix_web::{HttpResponse, get, patch, post, web};
use serde::Deserialize;

use crate::auth::session::{fresh_session, signed_in};
use crate::auth::{Authenticated, password};
use crate::db::write_transaction;
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::i18n::Lang;
use crate::organisation;
use crate::people::{self, PersonView};
use crate::state::AppState;
use crate::web::ApiJson;
use crate::web::validate::Checks;

/// Who is signed in.
#[utoipa::path(security(("session" = [])), tag = "me",
    responses((status = 200, body = PersonView)))]
#[get("/me")]
pub async fn me(auth: Authenticated) -> HttpResponse {
    HttpResponse::Ok().json(PersonView::from(&auth.person))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProfileChange {
    #[schema(schema_with = crate::web::schema::optional_line::<120>)]
    pub name: Option<String>,
    pub language: Option<Lang>,
}

/// Change my name or language.
#[utoipa::path(security(("session" = [])), tag = "me", request_body = ProfileChange,
    responses((status = 200, body = PersonView)))]
#[patch("/me")]
pub async fn update(
    auth: Authenticated,
    state: web::Data<AppState>,
    body: ApiJson<ProfileChange>,
) -> Result<HttpResponse, AppError> {
    let person = auth.person;
    let change = body.0;
    let updated = state
        .db
        .run(move |conn| {
            let org = organisation::load(conn)?;
            let mut checks = Checks::new();
            let name = match &change.name {
                Some(n) => checks.line("/name", n, 120),
                None => person.display_name.clone(),
            };
            let language = change.language.unwrap_or(person.language);
            if !org.languages.contains(&language) {
                checks.push(FieldIssue::new("/language", FieldCode::NotOffered));
            }
            checks.finish()?;
            write_transaction(conn, |c| people::set_profile(c, &person.id, &name, language))?;
            people::find(conn, &person.id)?.ok_or(AppError::NotFound)
        })
        .await?;
    Ok(HttpResponse::Ok().json(PersonView::from(&updated)))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PasswordChange {
    pub current_password: String,
    pub new_password: String,
}

/// Change my password. Every other session ends; this one continues with fresh tokens. (Unlike a
/// reset by mail, "my remarks" keeps everything: knowing the old password proves who you are.)
#[utoipa::path(security(("session" = [])), tag = "me", request_body = PasswordChange,
    responses((status = 200, body = PersonView)))]
#[post("/me/password")]
pub async fn change_password(
    auth: Authenticated,
    state: web::Data<AppState>,
    body: ApiJson<PasswordChange>,
) -> Result<HttpResponse, AppError> {
    let person = auth.person;
    let change = body.0;
    let (now, sealer) = (state.clock.now(), state.sealer.clone());
    let (person, session) = state
        .db
        .run(move |conn| {
            if !password::verify(person.password_hash.as_deref(), &change.current_password) {
                return Err(AppError::forbidden("wrong-password"));
            }
            password::check_strength(
                "/new_password",
                &change.new_password,
                &[&person.email, &person.display_name],
            )
            .map_err(|issue| AppError::InvalidBody(vec![issue]))?;
            let hash =
                password::hash(&change.new_password).map_err(|e| AppError::internal("password hash", e))?;
            write_transaction(conn, |c| {
                people::set_password(c, &person.id, &hash, false)?;
                fresh_session(c, &sealer, &person.id, now)
            })
        })
        .await?;
    signed_in(&state, &person, session, now)
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(me).service(update).service(change_password);
}
