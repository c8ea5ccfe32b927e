//! The status link's token: 256 random bits, one per link, stored only as its SHA-256 hash
//! beside the remark it opens. Each mail that carries a link mints its own; every one keeps
//! working (a customer may open an older mail).

use diesel::prelude::*;

use crate::auth::token;
use crate::db::DbConn;
use crate::db::schema::status_tokens;
use crate::ids::RemarkId;

/// A new link's token for `remark`; only its hash is stored.
pub fn mint(conn: &mut DbConn, remark: &RemarkId) -> QueryResult<String> {
    let secret = token::random();
    diesel::insert_into(status_tokens::table)
        .values((status_tokens::token_hash.eq(token::hash(&secret)), status_tokens::remark_id.eq(remark)))
        .execute(conn)?;
    Ok(secret)
}

/// The remark a token opens, if any. The same single lookup whether it exists or not.
pub fn remark_of(conn: &mut DbConn, secret: &str) -> QueryResult<Option<RemarkId>> {
    status_tokens::table.find(token::hash(secret)).select(status_tokens::remark_id).first(conn).optional()
}

/// The link a customer opens.
pub fn link(base_url: &str, secret: &str) -> String {
    format!("{base_url}/status/{secret}")
}
