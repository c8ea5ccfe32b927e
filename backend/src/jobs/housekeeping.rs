//! Periodic clean-up in every replica.

use std::sync::Arc;

use super::Shutdown;
use crate::auth;
use crate::db::{self, DbConn};
use crate::state::AppState;

/// The hourly purge: expired one-time tokens and ended sessions dropped, then gone from the
/// files too (the WAL truncated on SQLite, the tables vacuumed on PostgreSQL).
pub fn purge_expired(conn: &mut DbConn, now: i64) -> diesel::QueryResult<()> {
    auth::one_time::purge_expired(conn, now)?;
    auth::standing::purge_expired(conn, now)?;
    crate::news::one_touch::purge_expired(conn, now)?;
    db::forget_deleted(conn, &["one_time_tokens", "ended_sessions", "one_touch_tokens"])
}

/// Periodic clean-up in every replica (idempotent, so N replicas may all do it): forget
/// recovered rate-limit keys each minute; drop expired one-time tokens and ended sessions each hour.
pub async fn run(state: Arc<AppState>, mut shutdown: Shutdown) {
    let mut minutes: u64 = 0;
    while shutdown.sleep(std::time::Duration::from_secs(60)).await {
        state.limits.sweep();
        minutes += 1;
        if minutes % 60 == 0 {
            let now = state.clock.now();
            let purged = state.db.run(move |conn| Ok(purge_expired(conn, now)?)).await;
            if purged.is_err() {
                tracing::warn!("housekeeping could not purge expired tokens; it tries again in an hour");
            }
        }
    }
}
