//! Embedded migrations, one set per backend, run on the concrete connection at start.

use diesel::sql_types::BigInt;
use diesel::{RunQueryDsl, sql_query};
use diesel_migrations::{EmbeddedMigrations, MigrationHarness, embed_migrations};

use super::DbConn;

pub const SQLITE: EmbeddedMigrations = embed_migrations!("migrations/sqlite");
pub const POSTGRES: EmbeddedMigrations = embed_migrations!("migrations/postgres");

/// Any 64-bit constant shared by all replicas; spells "earshot" in ASCII.
const MIGRATION_LOCK: i64 = 0x0065_6172_7368_6f74;

type MigrationError = Box<dyn std::error::Error + Send + Sync>;

/// Apply every pending migration; returns the versions applied. On PostgreSQL this holds an
/// advisory lock, so replicas that start together migrate one after the other.
pub fn run(conn: &mut DbConn) -> Result<Vec<String>, MigrationError> {
    let applied = match conn {
        DbConn::Sqlite(c) => c.run_pending_migrations(SQLITE)?.iter().map(ToString::to_string).collect(),
        DbConn::Pg(c) => {
            sql_query("SELECT pg_advisory_lock($1)").bind::<BigInt, _>(MIGRATION_LOCK).execute(c)?;
            let result =
                c.run_pending_migrations(POSTGRES).map(|v| v.iter().map(ToString::to_string).collect());
            sql_query("SELECT pg_advisory_unlock($1)").bind::<BigInt, _>(MIGRATION_LOCK).execute(c)?;
            result?
        }
    };
    Ok(applied)
}

/// True when this binary knows a migration the database has not had.
pub fn pending(conn: &mut DbConn) -> Result<bool, MigrationError> {
    match conn {
        DbConn::Sqlite(c) => c.has_pending_migration(SQLITE),
        DbConn::Pg(c) => c.has_pending_migration(POSTGRES),
    }
}
