//! People: accounts with roles and a language; the admin's people API; the signed-in person's
//! own profile. Nothing here knows about remarks.

pub mod admin;
pub mod me;

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use crate::auth::standing;
use crate::db::DbConn;
use crate::db::schema::users;
use crate::db::typed::TextValue;
use crate::i18n::Lang;
use crate::ids::PersonId;

/// What a person may do. A person may hold several roles.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Roles {
    pub employee: bool,
    pub owner: bool,
    pub admin: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    Employee,
    Owner,
    Admin,
}

impl Roles {
    pub fn from_list(list: &[Role]) -> Self {
        Self {
            employee: list.contains(&Role::Employee),
            owner: list.contains(&Role::Owner),
            admin: list.contains(&Role::Admin),
        }
    }

    pub fn list(self) -> Vec<Role> {
        [(self.employee, Role::Employee), (self.owner, Role::Owner), (self.admin, Role::Admin)]
            .into_iter()
            .filter_map(|(has, role)| has.then_some(role))
            .collect()
    }

    pub fn has(self, role: Role) -> bool {
        match role {
            Role::Employee => self.employee,
            Role::Owner => self.owner,
            Role::Admin => self.admin,
        }
    }

    pub fn is_empty(self) -> bool {
        !(self.employee || self.owner || self.admin)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[derive(diesel::AsExpression, diesel::FromSqlRow)]
#[diesel(sql_type = diesel::sql_types::Text)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Invited, no password yet.
    Invited,
    Active,
    Disabled,
}

impl TextValue for Status {
    const ALL: &'static [Status] = &[Status::Invited, Status::Active, Status::Disabled];

    fn text(self) -> &'static str {
        match self {
            Status::Invited => "invited",
            Status::Active => "active",
            Status::Disabled => "disabled",
        }
    }
}
crate::stored_as_text!(Status);

/// One person as stored.
#[derive(Clone, Debug)]
pub struct Person {
    pub id: PersonId,
    pub email: String,
    pub display_name: String,
    pub password_hash: Option<String>,
    pub roles: Roles,
    pub language: Lang,
    pub status: Status,
    pub messenger_epoch: i64,
    pub token_generation: i64,
    pub created_at: i64,
}

/// A `users` row as stored.
#[derive(Queryable, Selectable)]
#[diesel(table_name = users)]
struct Row {
    id: PersonId,
    email: String,
    display_name: String,
    password_hash: Option<String>,
    is_employee: bool,
    is_owner: bool,
    is_admin: bool,
    language: Lang,
    status: Status,
    messenger_epoch: i64,
    token_generation: i64,
    created_at: i64,
}

impl From<Row> for Person {
    fn from(r: Row) -> Self {
        Person {
            id: r.id,
            email: r.email,
            display_name: r.display_name,
            password_hash: r.password_hash,
            roles: Roles { employee: r.is_employee, owner: r.is_owner, admin: r.is_admin },
            language: r.language,
            status: r.status,
            messenger_epoch: r.messenger_epoch,
            token_generation: r.token_generation,
            created_at: r.created_at,
        }
    }
}

pub fn find(conn: &mut DbConn, id: &PersonId) -> QueryResult<Option<Person>> {
    Ok(users::table.find(id).select(Row::as_select()).first(conn).optional()?.map(Person::from))
}

pub fn find_by_email(conn: &mut DbConn, email: &str) -> QueryResult<Option<Person>> {
    Ok(users::table
        .filter(users::email.eq(email))
        .select(Row::as_select())
        .first(conn)
        .optional()?
        .map(Person::from))
}

/// Everyone, by name.
pub fn all(conn: &mut DbConn) -> QueryResult<Vec<Person>> {
    Ok(users::table
        .select(Row::as_select())
        .order((users::display_name.asc(), users::email.asc()))
        .load(conn)?
        .into_iter()
        .map(Person::from)
        .collect())
}

pub fn insert(conn: &mut DbConn, p: &Person) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values((
            users::id.eq(&p.id),
            users::email.eq(&p.email),
            users::display_name.eq(&p.display_name),
            users::password_hash.eq(&p.password_hash),
            users::is_employee.eq(p.roles.employee),
            users::is_owner.eq(p.roles.owner),
            users::is_admin.eq(p.roles.admin),
            users::language.eq(p.language),
            users::status.eq(p.status),
            users::messenger_epoch.eq(p.messenger_epoch),
            users::token_generation.eq(p.token_generation),
            users::created_at.eq(p.created_at),
        ))
        .execute(conn)
        .map(drop)
}

pub fn set_roles(conn: &mut DbConn, id: &PersonId, roles: Roles) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((
            users::is_employee.eq(roles.employee),
            users::is_owner.eq(roles.owner),
            users::is_admin.eq(roles.admin),
        ))
        .execute(conn)
        .map(drop)
}

pub fn set_profile(conn: &mut DbConn, id: &PersonId, name: &str, language: Lang) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::display_name.eq(name), users::language.eq(language)))
        .execute(conn)
        .map(drop)
}

/// Disable or re-enable; either way every session of the person ends (generation bump).
pub fn set_status(conn: &mut DbConn, id: &PersonId, status: Status) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set((users::status.eq(status), users::token_generation.eq(users::token_generation + 1)))
        .execute(conn)?;
    standing::announce_person(conn, id)
}

/// Every token issued to the person so far stops working (a new invitation replaces the old).
pub fn bump_generation(conn: &mut DbConn, id: &PersonId) -> QueryResult<()> {
    diesel::update(users::table.find(id))
        .set(users::token_generation.eq(users::token_generation + 1))
        .execute(conn)?;
    standing::announce_person(conn, id)
}

/// A new password. Every session ends (generation bump); a *reset* also starts a new messenger
/// epoch, so whoever took over the mailbox cannot read the person's earlier remarks.
pub fn set_password(
    conn: &mut DbConn,
    id: &PersonId,
    hash: &str,
    new_messenger_epoch: bool,
) -> QueryResult<()> {
    let target = users::table.find(id);
    let epoch_step: i64 = i64::from(new_messenger_epoch);
    diesel::update(target)
        .set((
            users::password_hash.eq(hash),
            users::status.eq(Status::Active),
            users::token_generation.eq(users::token_generation + 1),
            users::messenger_epoch.eq(users::messenger_epoch + epoch_step),
        ))
        .execute(conn)?;
    standing::announce_person(conn, id)
}

/// At start: addresses stored before they were checked by the mailer's parser are stored the
/// way it writes them now (a domain in another script as punycode), so the person still signs
/// in with what they type. Returns how many were rewritten and how many the mailer cannot send
/// to at all (left as they are: counted in the log, never named).
pub fn normalise_addresses(conn: &mut DbConn) -> QueryResult<(usize, usize)> {
    let stored: Vec<(PersonId, String)> = users::table.select((users::id, users::email)).load(conn)?;
    let taken: std::collections::HashSet<String> = stored.iter().map(|(_, e)| e.clone()).collect();
    let (mut rewritten, mut unsendable) = (0, 0);
    for (id, email) in &stored {
        match crate::mail::address::normalise(email) {
            Some(normal) if normal == *email => {}
            // Someone else already has the normal form: leave this one as it is.
            Some(normal) if taken.contains(&normal) => unsendable += 1,
            Some(normal) => {
                diesel::update(users::table.find(id)).set(users::email.eq(normal)).execute(conn)?;
                rewritten += 1;
            }
            None => unsendable += 1,
        }
    }
    Ok((rewritten, unsendable))
}

pub fn delete(conn: &mut DbConn, id: &PersonId) -> QueryResult<()> {
    diesel::delete(users::table.find(id)).execute(conn)?;
    standing::announce_person(conn, id)
}

/// Active admins, to keep at least one.
pub fn active_admin_count(conn: &mut DbConn) -> QueryResult<i64> {
    users::table
        .filter(users::is_admin.eq(true))
        .filter(users::status.eq(Status::Active))
        .count()
        .get_result(conn)
}

/// The person as the API shows them (never a password hash, epoch or generation).
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
pub struct PersonView {
    pub id: PersonId,
    pub email: String,
    pub name: String,
    pub roles: Vec<Role>,
    pub language: Lang,
    pub status: Status,
}

impl From<&Person> for PersonView {
    fn from(p: &Person) -> Self {
        Self {
            id: p.id.clone(),
            email: p.email.clone(),
            name: p.display_name.clone(),
            roles: p.roles.list(),
            language: p.language,
            status: p.status,
        }
    }
}
