//! The admin's people API: list, invite (and re-send or revoke an invitation), change roles,
//! disable and enable. Admins never set anyone's password or e-mail address.

use actix_web::http::StatusCode;
use actix_web::{HttpResponse, delete, get, patch, post, web};
use serde::Deserialize;

use crate::auth::Admin;
use crate::auth::one_time::{self, Purpose};
use crate::auth::sealed::TokenSealer;
use crate::auth::token;
use crate::db::{DbConn, write_transaction};
use crate::error::{AppError, FieldCode, FieldIssue};
use crate::i18n::Lang;
use crate::ids::PersonId;
use crate::mail::{self, Mail, render};
use crate::organisation::{self, Organisation};
use crate::people::{self, Person, PersonView, Role, Roles, Status};
use crate::state::AppState;
use crate::web::validate::Checks;
use crate::web::{ApiJson, NoBody};

/// Everyone, invited, active and disabled (admins).
#[utoipa::path(security(("session" = ["admin"])), tag = "people",
    responses((status = 200, body = [PersonView])))]
#[get("/people")]
pub async fn list(_: Admin, state: web::Data<AppState>) -> Result<HttpResponse, AppError> {
    let everyone = state.db.run(|conn| Ok(people::all(conn)?)).await?;
    Ok(HttpResponse::Ok().json(everyone.iter().map(PersonView::from).collect::<Vec<_>>()))
}

#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Invitation {
    #[schema(schema_with = crate::web::schema::email)]
    pub email: String,
    #[schema(schema_with = crate::web::schema::line::<120>)]
    pub name: String,
    #[schema(schema_with = crate::web::schema::roles)]
    pub roles: Vec<Role>,
    /// Default: the organisation's first language.
    pub language: Option<Lang>,
}

/// Create an invited person and queue their invitation mail (in the caller's transaction).
/// Returns the person and the invitation token (for `earshot create-admin`, which prints it).
pub fn invite(
    conn: &mut DbConn,
    sealer: &TokenSealer,
    org: &Organisation,
    person: Person,
    base_url: &str,
    now: i64,
) -> Result<(Person, String), AppError> {
    write_transaction(conn, |c| {
        if people::find_by_email(c, &person.email)?.is_some() {
            return Err(AppError::conflict("email-taken"));
        }
        people::insert(c, &person)?;
        let token = queue_invitation(c, sealer, org, &person, base_url, now)?;
        Ok((person, token))
    })
}

fn queue_invitation(
    conn: &mut DbConn,
    sealer: &TokenSealer,
    org: &Organisation,
    person: &Person,
    base_url: &str,
    now: i64,
) -> Result<String, AppError> {
    let token = one_time::create(conn, sealer, Purpose::Invitation, person, None, now)?;
    let link = format!("{base_url}/invitation#token={token}");
    let days = Purpose::Invitation.lifetime_secs() / token::DAY;
    let content = render::invitation(person.language, &org.name, &person.display_name, &link, days);
    let key = format!("invitation:{}", token::hash(&token));
    mail::enqueue(conn, &Mail::to_person("invitation", key, person, org, content), now)?;
    Ok(token)
}

fn check_roles(checks: &mut Checks, roles: &[Role]) -> Roles {
    checks.unique("/roles", roles);
    let roles = Roles::from_list(roles);
    if roles.is_empty() {
        checks.push(FieldIssue::new("/roles", FieldCode::Blank));
    }
    roles
}

fn check_language(checks: &mut Checks, org: &Organisation, lang: Lang) {
    if !org.languages.contains(&lang) {
        checks.push(FieldIssue::new("/language", FieldCode::NotOffered));
    }
}

/// Invite someone by e-mail address, with roles (admins). They get a mail with a link that
/// works once, for seven days.
#[utoipa::path(security(("session" = ["admin"])), tag = "people", request_body = Invitation,
    responses((status = 201, body = PersonView), (status = 409, body = crate::error::Problem)))]
#[post("/people")]
pub async fn create(
    _: Admin,
    state: web::Data<AppState>,
    body: ApiJson<Invitation>,
) -> Result<HttpResponse, AppError> {
    let invitation = body.0;
    let (now, base, sealer) = (state.clock.now(), state.settings.base_url().to_owned(), state.sealer.clone());
    let person = state
        .db
        .run(move |conn| {
            let org = organisation::load(conn)?;
            let mut checks = Checks::new();
            let email = checks.email("/email", &invitation.email);
            let name = checks.line("/name", &invitation.name, 120);
            let roles = check_roles(&mut checks, &invitation.roles);
            let language = invitation.language.unwrap_or(org.languages.first().copied().unwrap_or_default());
            check_language(&mut checks, &org, language);
            checks.finish()?;
            let person = new_invitee(email, name, roles, language, now);
            Ok(invite(conn, &sealer, &org, person, &base, now)?.0)
        })
        .await?;
    state.mail.wake();
    Ok(HttpResponse::Created().json(PersonView::from(&person)))
}

/// A person who has been invited and has no password yet.
pub fn new_invitee(email: String, name: String, roles: Roles, language: Lang, now: i64) -> Person {
    Person {
        id: PersonId::new(),
        email,
        display_name: name,
        password_hash: None,
        roles,
        language,
        status: Status::Invited,
        messenger_epoch: 0,
        token_generation: 0,
        created_at: crate::clock::to_hour(now),
    }
}

fn invited(conn: &mut DbConn, id: &PersonId) -> Result<Person, AppError> {
    let person = people::find(conn, id)?.ok_or(AppError::NotFound)?;
    if person.status != Status::Invited {
        return Err(AppError::conflict("not-invited"));
    }
    Ok(person)
}

/// Send a new invitation (the old link stops working) (admins).
#[utoipa::path(security(("session" = ["admin"])), tag = "people",
    responses((status = 202), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[post("/people/{id}/invitation")]
pub async fn resend(
    _: Admin,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: NoBody,
) -> Result<HttpResponse, AppError> {
    let id = PersonId::parse(&id).ok_or(AppError::NotFound)?;
    let (now, base) = (state.clock.now(), state.settings.base_url().to_owned());
    let sealer = state.sealer.clone();
    state
        .db
        .write(move |c| {
            let person = invited(c, &id)?;
            let org = organisation::load(c)?;
            // A new generation: the link sent before stops working (it carries the old one).
            people::bump_generation(c, &person.id)?;
            let person = people::find(c, &person.id)?.ok_or(AppError::NotFound)?;
            queue_invitation(c, &sealer, &org, &person, &base, now).map(drop)
        })
        .await?;
    state.mail.wake();
    Ok(HttpResponse::Accepted().finish())
}

/// Withdraw an invitation that was not accepted yet: the invited person is removed (admins).
#[utoipa::path(security(("session" = ["admin"])), tag = "people",
    responses((status = 204), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[delete("/people/{id}/invitation")]
pub async fn revoke(
    _: Admin,
    state: web::Data<AppState>,
    id: web::Path<String>,
    _: NoBody,
) -> Result<HttpResponse, AppError> {
    let id = PersonId::parse(&id).ok_or(AppError::NotFound)?;
    state
        .db
        .write(move |c| {
            let person = invited(c, &id)?;
            Ok(people::delete(c, &person.id)?)
        })
        .await?;
    Ok(HttpResponse::NoContent().finish())
}

/// What an admin may change about someone. `email` and `password` are named only to be refused
/// with a clear 403: nobody but the person sets them.
#[derive(Debug, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct PersonChange {
    #[schema(schema_with = crate::web::schema::optional_line::<120>)]
    pub name: Option<String>,
    pub language: Option<Lang>,
    #[schema(schema_with = crate::web::schema::optional_roles)]
    pub roles: Option<Vec<Role>>,
    /// `active` or `disabled`. Disabling ends every session of the person at once.
    pub status: Option<Status>,
    #[schema(value_type = Option<String>)]
    pub email: Option<serde_json::Value>,
    #[schema(value_type = Option<String>)]
    pub password: Option<serde_json::Value>,
}

/// Change someone's name, language, roles or status (admins). There is always one active admin.
#[utoipa::path(security(("session" = ["admin"])), tag = "people", request_body = PersonChange,
    responses((status = 200, body = PersonView), (status = 404, body = crate::error::Problem), (status = 409, body = crate::error::Problem)))]
#[patch("/people/{id}")]
pub async fn update(
    auth: Admin,
    state: web::Data<AppState>,
    id: web::Path<String>,
    body: ApiJson<PersonChange>,
) -> Result<HttpResponse, AppError> {
    let change = body.0;
    if change.email.is_some() || change.password.is_some() {
        return Err(AppError::forbidden("credentials-are-personal"));
    }
    let id = PersonId::parse(&id).ok_or(AppError::NotFound)?;
    let me = auth.person.id.clone();
    let person = state
        .db
        .write(move |c| {
            let person = people::find(c, &id)?.ok_or(AppError::NotFound)?;
            let org = organisation::load(c)?;
            let mut checks = Checks::new();
            let name = change.name.as_deref().map(|n| checks.line("/name", n, 120));
            let roles = change.roles.as_deref().map(|r| check_roles(&mut checks, r));
            if let Some(lang) = change.language {
                check_language(&mut checks, &org, lang);
            }
            checks.finish()?;
            apply(c, &person, &me, name, change.language, roles, change.status)?;
            people::find(c, &person.id)?.ok_or(AppError::NotFound)
        })
        .await?;
    // Committed: this replica knows at once (the others hear it from PostgreSQL, or reconcile).
    state.standing.saw(&person);
    Ok(HttpResponse::Ok().json(PersonView::from(&person)))
}

fn apply(
    conn: &mut DbConn,
    person: &Person,
    me: &PersonId,
    name: Option<String>,
    language: Option<Lang>,
    roles: Option<Roles>,
    status: Option<Status>,
) -> Result<(), AppError> {
    if name.is_some() || language.is_some() {
        let name = name.unwrap_or_else(|| person.display_name.clone());
        people::set_profile(conn, &person.id, &name, language.unwrap_or(person.language))?;
    }
    if let Some(roles) = roles {
        people::set_roles(conn, &person.id, roles)?;
    }
    match status {
        None => {}
        Some(s) if s == person.status => {}
        Some(Status::Invited) => return Err(AppError::field("/status", FieldCode::InvalidValue)),
        Some(Status::Active) if person.status == Status::Invited => {
            return Err(AppError::conflict("not-accepted-yet"));
        }
        Some(Status::Disabled) if person.id == *me => return Err(AppError::conflict("cannot-disable-self")),
        Some(s) => people::set_status(conn, &person.id, s)?,
    }
    // Checked after the change, inside the transaction: the last active admin stays one.
    if people::active_admin_count(conn)? == 0 {
        return Err(AppError::Refused { status: StatusCode::CONFLICT, slug: "last-admin" });
    }
    Ok(())
}

pub fn routes(cfg: &mut crate::web::Routes) {
    cfg.service(list).service(create).service(resend).service(revoke).service(update);
}
