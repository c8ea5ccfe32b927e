//! Single-use tokens mailed to people: invitations, sign-in links, password resets.

use diesel::prelude::*;

use crate::auth::token::{self, ExpiryMask};
use crate::db::DbConn;
use crate::db::schema::one_time_tokens;
use crate::ids::PersonId;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Purpose {
    Invitation,
    SignInLink,
    PasswordReset,
}

impl Purpose {
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

/// Store a new token for `user_id`; returns the token to mail (never stored or logged).
pub fn create(
    conn: &mut DbConn,
    mask: &ExpiryMask,
    purpose: Purpose,
    user_id: &PersonId,
    browser_hash: Option<String>,
    now: i64,
) -> QueryResult<String> {
    let expires_at = now + purpose.lifetime_secs();
    let token = mask.token(expires_at);
    diesel::insert_into(one_time_tokens::table)
        .values((
            one_time_tokens::token_hash.eq(token::hash(&token)),
            one_time_tokens::purpose.eq(purpose.as_str()),
            one_time_tokens::user_id.eq(user_id),
            one_time_tokens::browser_hash.eq(browser_hash),
            one_time_tokens::expires_at.eq(token::day_ceiling(expires_at)),
        ))
        .execute(conn)?;
    Ok(token)
}

/// A live token of this purpose: (user id, browser hash). Expired, used or unknown: `None`.
pub fn find(
    conn: &mut DbConn,
    mask: &ExpiryMask,
    purpose: Purpose,
    token: &str,
    now: i64,
) -> QueryResult<Option<(PersonId, Option<String>)>> {
    if mask.expiry(token).is_none_or(|expiry| expiry <= now) {
        return Ok(None);
    }
    one_time_tokens::table
        .find(token::hash(token))
        .filter(one_time_tokens::purpose.eq(purpose.as_str()))
        .select((one_time_tokens::user_id, one_time_tokens::browser_hash))
        .first(conn)
        .optional()
}

/// Use a token up.
pub fn consume(conn: &mut DbConn, token: &str) -> QueryResult<()> {
    diesel::delete(one_time_tokens::table.find(token::hash(token))).execute(conn).map(drop)
}

/// Forget every token of this purpose a person has (a new invitation replaces the old one; a
/// reset ends every other reset link).
pub fn delete_for(conn: &mut DbConn, user_id: &PersonId, purpose: Purpose) -> QueryResult<()> {
    diesel::delete(
        one_time_tokens::table
            .filter(one_time_tokens::user_id.eq(user_id))
            .filter(one_time_tokens::purpose.eq(purpose.as_str())),
    )
    .execute(conn)
    .map(drop)
}

/// Drop tokens whose day has passed (housekeeping).
pub fn purge_expired(conn: &mut DbConn, now: i64) -> QueryResult<usize> {
    diesel::delete(one_time_tokens::table.filter(one_time_tokens::expires_at.le(now))).execute(conn)
}
