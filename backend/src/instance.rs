//! Facts about this installation, kept in `instance_meta`.

use diesel::prelude::*;

use crate::db::DbConn;
use crate::db::schema::instance_meta;

const INSTALLED_AT: &str = "installed_at";

/// Record when this installation was first started (once; later starts and racing replicas
/// leave the first value).
pub fn record_installation(conn: &mut DbConn, now: i64) -> QueryResult<()> {
    crate::insert_or_nothing!(
        conn,
        instance_meta::table,
        (
            instance_meta::key.eq(INSTALLED_AT),
            instance_meta::value.eq(now.to_string()),
            instance_meta::updated_at.eq(now),
        ),
        on instance_meta::key
    )
    .map(drop)
}

/// When this installation was first started, in epoch seconds.
pub fn installed_at(conn: &mut DbConn) -> QueryResult<Option<i64>> {
    let value: Option<String> =
        instance_meta::table.find(INSTALLED_AT).select(instance_meta::value).first(conn).optional()?;
    Ok(value.and_then(|v| v.parse().ok()))
}
