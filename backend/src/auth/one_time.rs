//! Single-use tokens mailed to people: invitations, sign-in links, password resets.

use diesel::prelude::*;

use crate::auth::sealed::{Sealed, TokenSealer};
use crate::auth::token;
use crate::db::DbConn;
use crate::db::schema::one_time_tokens;
use crate::ids::PersonId;
use crate::people::Person;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    SignInLink,
    PasswordReset,
}

impl Purpose {
    fn sealed(self) -> Sealed {
        match self {
            Purpose::Invitation => Sealed::Invitation,
            Purpose::SignInLink => Sealed::SignInLink,
            Purpose::PasswordReset => Sealed::PasswordReset,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Purpose::Invitation => "invitation",
            Purpose::SignInLink => "sign_in_link",
            Purpose::PasswordReset => "password_reset",
        }
    }

    /// How long a token of this kind works.
    pub fn lifetime_secs(self) -> i64 {
        match self {
            Purpose::Invitation => 7 * token::DAY,
            Purpose::SignInLink => 15 * 60,
            Purpose::PasswordReset => 60 * 60,
        }
    }
}

/// Store a new token for `person` (by its hash only: the person, their generation and the exact
/// expiry are sealed inside the token); returns the token to mail (never stored or logged).
pub fn create(
    conn: &mut DbConn,
    sealer: &TokenSealer,
    purpose: Purpose,
    person: &Person,
    browser_hash: Option<String>,
    now: i64,
) -> QueryResult<String> {
    let expires_at = now + purpose.lifetime_secs();
    let token = sealer.seal(purpose.sealed(), &person.id, person.token_generation, expires_at);
    diesel::insert_into(one_time_tokens::table)
        .values((
            one_time_tokens::token_hash.eq(token::hash(&token)),
            one_time_tokens::purpose.eq(purpose.as_str()),
            one_time_tokens::browser_hash.eq(browser_hash),
            one_time_tokens::expires_at.eq(token::day_ceiling(expires_at)),
        ))
        .execute(conn)?;
    Ok(token)
}

/// A live, unused token of this purpose, as presented.
pub struct Presented {
    pub person: PersonId,
    /// The person's token generation when it was made: a later change makes it worthless.
    pub generation: i64,
    /// The browser a sign-in link is bound to (its cookie's hash).
    pub browser_hash: Option<String>,
}

/// The token of this purpose, when it is ours, live and not used yet; else `None`.
pub fn find(
    conn: &mut DbConn,
    sealer: &TokenSealer,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> QueryResult<Option<Presented>> {
    let Some(carried) = sealer.open_live(purpose.sealed(), token, now) else { return Ok(None) };
    let stored: Option<Option<String>> = one_time_tokens::table
        .find(token::hash(token))
        .filter(one_time_tokens::purpose.eq(purpose.as_str()))
        .select(one_time_tokens::browser_hash)
        .first(conn)
        .optional()?;
    Ok(stored.map(|browser_hash| Presented {
        person: carried.person,
        generation: carried.generation,
        browser_hash,
    }))
}

/// Use a token up.
pub fn consume(conn: &mut DbConn, token: &str) -> QueryResult<()> {
    diesel::delete(one_time_tokens::table.find(token::hash(token))).execute(conn).map(drop)
}

/// Drop tokens whose day has passed (housekeeping).
pub fn purge_expired(conn: &mut DbConn, now: i64) -> QueryResult<usize> {
    diesel::delete(one_time_tokens::table.filter(one_time_tokens::expires_at.le(now))).execute(conn)
}
