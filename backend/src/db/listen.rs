//! PostgreSQL notifications between replicas, on one connection per replica: each domain that
//! keeps something in memory (the my-remarks index, who may act) names its channel, what to do
//! with what it hears, and how to catch up after a time of not listening. A notification is a
//! hint, never the truth: what it names is read from the database, and each domain also
//! reconciles on its own timer. SQLite has one process per file and needs none of this.

use std::time::Duration;

use diesel::prelude::*;

use super::{Db, DbConn};
use crate::jobs::Shutdown;

type Heard = Box<dyn Fn(&mut DbConn, &[String]) -> QueryResult<()> + Send + Sync>;
type CatchUp = Box<dyn Fn(&mut DbConn) -> QueryResult<()> + Send + Sync>;

/// Announce `payload` on `channel` to the other replicas, at the commit of the caller's
/// transaction (PostgreSQL; on SQLite there are none, and nothing is done).
pub fn notify(conn: &mut DbConn, channel: &str, payload: &str) -> QueryResult<()> {
    if let DbConn::Pg(c) = conn {
        diesel::sql_query("SELECT pg_notify($1, $2)")
            .bind::<diesel::sql_types::Text, _>(channel)
            .bind::<diesel::sql_types::Text, _>(payload)
            .execute(c)?;
    }
    Ok(())
}

/// One channel a replica listens on.
pub struct Channel {
    pub name: &'static str,
    /// The payloads heard since the last look, on a pooled connection.
    pub heard: Heard,
    /// After (re)connecting: whatever was announced meanwhile.
    pub catch_up: CatchUp,
}

impl Channel {
    pub fn new(
        name: &'static str,
        heard: impl Fn(&mut DbConn, &[String]) -> QueryResult<()> + Send + Sync + 'static,
        catch_up: impl Fn(&mut DbConn) -> QueryResult<()> + Send + Sync + 'static,
    ) -> Self {
        Self { name, heard: Box::new(heard), catch_up: Box::new(catch_up) }
    }
}

/// Listen on every channel until shutdown, on a blocking thread: polled every 250 ms on its own
/// connection, reconnecting (after 5 s) when the connection is lost or refuses to listen.
pub fn listen(db: &Db, url: &str, channels: &[Channel], shutdown: &Shutdown) {
    while !shutdown.is_set() {
        let mut conn = match diesel::PgConnection::establish(url) {
            Ok(conn) => conn,
            Err(_) => {
                tracing::warn!("the replica listener cannot connect; it tries again in 5 s");
                pause(shutdown, 20);
                continue;
            }
        };
        let listening = channels
            .iter()
            .all(|c| diesel::sql_query(format!("LISTEN {}", c.name)).execute(&mut conn).is_ok());
        if !listening {
            // A server that refuses LISTEN (a standby in recovery): wait as after a failed
            // connection instead of reconnecting at once, again and again.
            tracing::warn!("the replica listener cannot listen; it tries again in 5 s");
            pause(shutdown, 20);
            continue;
        }
        // Anything announced while we were not listening is caught up on now.
        for channel in channels {
            let _ = db.with_conn(|c| Ok((channel.catch_up)(c)?));
        }
        while !shutdown.is_set() {
            let mut heard: Vec<(String, String)> = Vec::new();
            let mut broken = false;
            // A broken connection yields errors without end: stop reading at the first one.
            for note in conn.notifications_iter() {
                match note {
                    Ok(n) => heard.push((n.channel, n.payload)),
                    Err(_) => {
                        broken = true;
                        break;
                    }
                }
            }
            if broken {
                // Lost the connection (the server restarted, or the database went away): wait
                // a moment rather than hammer it; the catch-up covers the gap.
                pause(shutdown, 4);
                break;
            }
            for channel in channels {
                let payloads: Vec<String> =
                    heard.iter().filter(|(name, _)| name == channel.name).map(|(_, p)| p.clone()).collect();
                if !payloads.is_empty() && db.with_conn(|c| Ok((channel.heard)(c, &payloads)?)).is_err() {
                    tracing::warn!(
                        channel = channel.name,
                        "could not read what was announced; the reconciliation will"
                    );
                }
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

/// Sleep `quarters` × 250 ms on a blocking thread, cut short by shutdown.
fn pause(shutdown: &Shutdown, quarters: u32) {
    for _ in 0..quarters {
        if shutdown.is_set() {
            return;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
}
