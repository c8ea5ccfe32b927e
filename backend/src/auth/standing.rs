//! Who may act, known in memory by every replica: each person's token generation and whether
//! they are active, and the sessions that were signed out. Every route's guard checks a token
//! against it — the capture route too, which reads nothing from the database — so a password
//! change, a reset, disabling or re-enabling someone, or a sign-out ends those sessions at once.
//!
//! Filled at start from `users` and `ended_sessions`, told of each change by the code that made
//! it (after its commit), told of other replicas' changes by PostgreSQL notifications (channel
//! [`CHANNEL`]), and reconciled with the database every `session_reconcile_secs`. A generation
//! only grows (every change of status bumps it too), so a late or stale reading never undoes a
//! newer one: for each person the highest generation seen wins.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Duration;

use diesel::prelude::*;

use crate::clock::Clock;
use crate::db::listen::Channel;
use crate::db::schema::{ended_sessions, users};
use crate::db::{Db, DbConn};
use crate::ids::PersonId;
use crate::jobs::Jobs;
use crate::people::{Person, Status};

/// The PostgreSQL channel on which replicas announce a change (payload `person:<id>` or
/// `ended:<session hash>`).
pub const CHANNEL: &str = "earshot_standing";

#[derive(Default)]
pub struct Standing {
    /// Each person's generation, and whether they are active at that generation.
    people: RwLock<HashMap<PersonId, (i64, bool)>>,
    /// Ended sessions by hash, with the day their refresh token expires.
    ended: RwLock<HashMap<String, i64>>,
}

fn read<T>(lock: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    lock.read().unwrap_or_else(std::sync::PoisonError::into_inner)
}

fn write<T>(lock: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    lock.write().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl Standing {
    /// Whether a token of `person` at `generation`, in `session`, may act now.
    pub fn may_act(&self, person: &PersonId, generation: i64, session_hash: &str) -> bool {
        let standing = read(&self.people).get(person).copied();
        standing == Some((generation, true)) && !read(&self.ended).contains_key(session_hash)
    }

    pub fn is_ended(&self, session_hash: &str) -> bool {
        read(&self.ended).contains_key(session_hash)
    }

    /// A person as just read or written: remembered unless something newer is known.
    pub fn saw(&self, person: &Person) {
        self.note(person.id.clone(), person.token_generation, person.status == Status::Active);
    }

    fn note(&self, id: PersonId, generation: i64, active: bool) {
        let mut people = write(&self.people);
        let known = people.entry(id).or_insert((generation, active));
        if generation >= known.0 {
            *known = (generation, active);
        }
    }

    /// One person again, from the database (a notification named them).
    pub fn learn(&self, conn: &mut DbConn, id: &PersonId) -> QueryResult<()> {
        let row: Option<(i64, Status)> =
            users::table.find(id).select((users::token_generation, users::status)).first(conn).optional()?;
        match row {
            Some((generation, status)) => self.note(id.clone(), generation, status == Status::Active),
            None => {
                write(&self.people).remove(id);
            }
        }
        Ok(())
    }

    /// Everyone and every ended session again, from the database (at start and now and then).
    pub fn reconcile(&self, conn: &mut DbConn, now: i64) -> QueryResult<()> {
        let rows: Vec<(PersonId, i64, Status)> =
            users::table.select((users::id, users::token_generation, users::status)).load(conn)?;
        let ended: Vec<(String, i64)> = ended_sessions::table
            .filter(ended_sessions::expires_at.gt(now))
            .select((ended_sessions::session_hash, ended_sessions::expires_at))
            .load(conn)?;
        {
            let mut people = write(&self.people);
            let stored: std::collections::HashSet<&PersonId> = rows.iter().map(|(id, _, _)| id).collect();
            people.retain(|id, _| stored.contains(id));
        }
        for (id, generation, status) in rows {
            self.note(id, generation, status == Status::Active);
        }
        let mut known = write(&self.ended);
        known.retain(|_, expires| *expires > now);
        known.extend(ended);
        Ok(())
    }

    /// Remember an ended session (this replica; others hear of it by notification).
    pub fn ended(&self, session_hash: String, expires_at: i64) {
        write(&self.ended).insert(session_hash, expires_at);
    }

    /// A notification from another replica.
    pub fn heard(&self, conn: &mut DbConn, payload: &str) -> QueryResult<()> {
        if let Some(id) = payload.strip_prefix("person:").and_then(PersonId::parse) {
            return self.learn(conn, &id);
        }
        if let Some(hash) = payload.strip_prefix("ended:") {
            let row: Option<i64> =
                ended_sessions::table.find(hash).select(ended_sessions::expires_at).first(conn).optional()?;
            if let Some(expires_at) = row {
                self.ended(hash.to_owned(), expires_at);
            }
        }
        Ok(())
    }
}

/// In the transaction that changes a person's generation or status: the other replicas hear
/// of it at commit (PostgreSQL; on SQLite there are none).
pub fn announce_person(conn: &mut DbConn, id: &PersonId) -> QueryResult<()> {
    announce(conn, &format!("person:{}", id.as_str()))
}

fn announce(conn: &mut DbConn, payload: &str) -> QueryResult<()> {
    crate::db::listen::notify(conn, CHANNEL, payload)
}

/// Sign-out: the session is kept as ended until its refresh token would have expired — by its
/// hash and expiry day only, nothing of the person.
pub fn end_session(conn: &mut DbConn, session_hash: &str, expires_at: i64) -> QueryResult<()> {
    crate::insert_or_nothing!(
        conn,
        ended_sessions::table,
        (ended_sessions::session_hash.eq(session_hash), ended_sessions::expires_at.eq(expires_at)),
        on ended_sessions::session_hash
    )?;
    announce(conn, &format!("ended:{session_hash}"))
}

/// Drop ended sessions whose refresh tokens have expired anyway (housekeeping).
pub fn purge_expired(conn: &mut DbConn, now: i64) -> QueryResult<usize> {
    diesel::delete(ended_sessions::table.filter(ended_sessions::expires_at.le(now))).execute(conn)
}

impl Standing {
    /// Other replicas' changes, for the replica listener.
    pub fn channel(self: &Arc<Self>, clock: Arc<dyn Clock>) -> Channel {
        let (heard, caught) = (Arc::clone(self), Arc::clone(self));
        Channel::new(
            CHANNEL,
            move |conn, payloads| payloads.iter().try_for_each(|p| heard.heard(conn, p)),
            move |conn| caught.reconcile(conn, clock.now()),
        )
    }
}

/// Read everyone's standing and the ended sessions again every `every`, in every replica.
pub fn start_upkeep(
    jobs: &Arc<Jobs>,
    standing: &Arc<Standing>,
    db: &Db,
    clock: &Arc<dyn Clock>,
    every: Duration,
) {
    let (standing, db, clock) = (Arc::clone(standing), db.clone(), Arc::clone(clock));
    jobs.spawn("sessions-reconcile", move |mut shutdown| {
        let (standing, db, clock) = (Arc::clone(&standing), db.clone(), Arc::clone(&clock));
        async move {
            while shutdown.sleep(every).await {
                let (standing, now) = (Arc::clone(&standing), clock.now());
                if db.run(move |conn| Ok(standing.reconcile(conn, now)?)).await.is_err() {
                    tracing::warn!("the sessions' reconciliation failed; it tries again");
                }
            }
        }
    });
}
