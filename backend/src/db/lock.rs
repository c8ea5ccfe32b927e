//! Work that must run in one replica at a time: a PostgreSQL advisory lock, named.
//!
//! Every replica may try; the one that gets the lock does the work, the others skip this round
//! and try at the next. On SQLite there is one process per file, so the work simply runs.

use diesel::sql_types::{BigInt, Bool};
use diesel::{QueryableByName, RunQueryDsl, sql_query};

use super::{DbConn, write_transaction};

/// A 64-bit advisory-lock key for `name`, the same in every replica and every build (FNV-1a;
/// the standard library's hasher is seeded per process). Prefixed so that our keys do not meet
/// another application's on a shared server.
pub fn key(name: &str) -> i64 {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in b"earshot:".iter().chain(name.as_bytes()) {
        hash ^= u64::from(*byte);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    i64::from_ne_bytes(hash.to_ne_bytes())
}

#[derive(QueryableByName)]
struct Taken {
    #[diesel(sql_type = Bool)]
    taken: bool,
}

/// Run `work` in a write transaction if no other replica is running the job `name` now;
/// `Ok(None)` when one is (then this replica skips this round). The lock is held until the
/// transaction ends, so it cannot outlive a crash.
pub fn once_across_replicas<T, E, F>(conn: &mut DbConn, name: &str, work: F) -> Result<Option<T>, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    write_transaction(conn, |conn| {
        if let DbConn::Pg(pg) = conn {
            let lock =
                sql_query("SELECT pg_try_advisory_xact_lock($1) AS taken").bind::<BigInt, _>(key(name));
            if !lock.get_result::<Taken>(pg)?.taken {
                return Ok(None);
            }
        }
        work(conn).map(Some)
    })
}
