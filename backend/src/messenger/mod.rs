//! THE anonymity boundary: the only code that links a remark to the person who brought it in
//! (docs/architecture.md, "The messenger rule"). It seals who captured a remark (seal.rs), keeps
//! "my remarks" in memory (index.rs) and answers the reporter (api.rs). Nothing outside this
//! module opens a seal; nothing here logs a person.

pub mod api;
pub mod index;
pub mod seal;
pub mod thread;

use std::collections::HashSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use diesel::prelude::*;
use diesel::sql_types::Text;

use crate::auth::jwt::Claims;
use crate::db::schema::{messenger_keys, messenger_seals};
use crate::db::{Db, DbConn};
use crate::error::AppError;
use index::{Id, Index};
use seal::SealKey;

/// Who brought a remark in, as the access token says. Never logged, never stored in clear.
pub struct Reporter {
    id: Id,
    epoch: i64,
}

impl std::fmt::Debug for Reporter {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Reporter(…)")
    }
}

impl Reporter {
    pub fn from_claims(claims: &Claims) -> Option<Self> {
        Some(Self { id: uuid::Uuid::parse_str(&claims.sub).ok()?.into_bytes(), epoch: claims.epoch })
    }

    pub fn new(user_id: &str, epoch: i64) -> Option<Self> {
        Some(Self { id: uuid::Uuid::parse_str(user_id).ok()?.into_bytes(), epoch })
    }
}

fn remark_bytes(remark_id: &str) -> Option<Id> {
    uuid::Uuid::parse_str(remark_id).ok().map(uuid::Uuid::into_bytes)
}

/// PostgreSQL channel on which a replica announces a new seal (payload: the remark id only).
const CHANNEL: &str = "earshot_seals";

/// The messenger key and the index, shared by every handler of a process.
pub struct Messengers {
    key: SealKey,
    index: Index,
}

impl Messengers {
    pub fn new(key: SealKey) -> Self {
        Self { key, index: Index::default() }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Called by capture, in its transaction: seal who captured `remark_id`. On PostgreSQL the
    /// other replicas hear of it at commit.
    pub fn on_capture(&self, conn: &mut DbConn, remark_id: &str, reporter: &Reporter) -> QueryResult<()> {
        let seal = self.key.seal(remark_id, &reporter.id, reporter.epoch);
        diesel::insert_into(messenger_seals::table)
            .values((
                messenger_seals::remark_id.eq(remark_id),
                messenger_seals::key_id.eq(self.key.id()),
                messenger_seals::seal.eq(seal),
            ))
            .execute(conn)?;
        if let DbConn::Pg(c) = conn {
            diesel::sql_query("SELECT pg_notify($1, $2)")
                .bind::<Text, _>(CHANNEL)
                .bind::<Text, _>(remark_id)
                .execute(c)?;
        }
        Ok(())
    }

    /// After the capture committed: this replica's index learns it at once.
    pub fn remember(&self, remark_id: &str, reporter: &Reporter) {
        if let Some(remark) = remark_bytes(remark_id) {
            self.index.insert(remark, reporter.id, reporter.epoch);
        }
    }

    /// Open the seal of each of these remarks and put it in the index.
    fn learn(&self, conn: &mut DbConn, remark_ids: &[String]) -> QueryResult<usize> {
        let rows: Vec<(String, String, Vec<u8>)> = messenger_seals::table
            .filter(messenger_seals::remark_id.eq_any(remark_ids))
            .select((messenger_seals::remark_id, messenger_seals::key_id, messenger_seals::seal))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .filter(|(remark_id, key_id, seal)| self.open_into_index(remark_id, key_id, seal))
            .count())
    }

    fn open_into_index(&self, remark_id: &str, key_id: &str, seal: &[u8]) -> bool {
        // The key is chosen by its id, never by trying keys in turn.
        if key_id != self.key.id() {
            return false;
        }
        match (remark_bytes(remark_id), self.key.open(remark_id, seal)) {
            (Some(remark), Some((reporter, epoch))) => {
                self.index.insert(remark, reporter, epoch);
                true
            }
            _ => false,
        }
    }

    /// Build the index from every seal, streamed in pages of `remark_id` order.
    pub fn build(&self, conn: &mut DbConn) -> QueryResult<usize> {
        const PAGE: i64 = 5000;
        let started = Instant::now();
        let mut after = String::new();
        let (mut opened, mut unreadable) = (0usize, 0usize);
        loop {
            let rows: Vec<(String, String, Vec<u8>)> = messenger_seals::table
                .filter(messenger_seals::remark_id.gt(&after))
                .select((messenger_seals::remark_id, messenger_seals::key_id, messenger_seals::seal))
                .order(messenger_seals::remark_id.asc())
                .limit(PAGE)
                .load(conn)?;
            let Some(last) = rows.last().map(|r| r.0.clone()) else { break };
            for (remark_id, key_id, seal) in &rows {
                if self.open_into_index(remark_id, key_id, seal) {
                    opened += 1;
                } else {
                    unreadable += 1;
                }
            }
            after = last;
        }
        if unreadable > 0 {
            tracing::warn!(unreadable, "some seals could not be opened with the messenger key");
        }
        tracing::info!(seals = opened, ms = started.elapsed().as_millis() as u64, "my-remarks index built");
        Ok(opened)
    }

    /// Bring the index in line with the seals by set difference of remark ids (sequences commit
    /// out of order, so no "everything after id X").
    pub fn reconcile(&self, conn: &mut DbConn) -> QueryResult<(usize, usize)> {
        let stored: HashSet<Id> = messenger_seals::table
            .select(messenger_seals::remark_id)
            .load::<String>(conn)?
            .iter()
            .filter_map(|id| remark_bytes(id))
            .collect();
        let known = self.index.known();
        let missing: Vec<String> = stored
            .difference(&known)
            .map(|id| uuid::Uuid::from_bytes(*id).hyphenated().to_string())
            .collect();
        let gone: Vec<Id> = known.difference(&stored).copied().collect();
        for remark in &gone {
            self.index.remove(remark);
        }
        let added = missing.chunks(500).map(|chunk| self.learn(conn, chunk)).sum::<QueryResult<usize>>()?;
        Ok((added, gone.len()))
    }
}

impl Messengers {
    /// At start: check the key against the database, then build the index. The error says what
    /// was expected, for a one-line start-up failure.
    pub fn prepare(&self, conn: &mut DbConn) -> Result<usize, String> {
        check_key(conn, &self.key)?;
        self.build(conn).map_err(|e| format!("readable seals ({e})"))
    }
}

/// At start: the key must be the one this database was sealed with. The first start records it.
pub fn check_key(conn: &mut DbConn, key: &SealKey) -> Result<(), String> {
    let recorded: Vec<(String, String)> = messenger_keys::table
        .select((messenger_keys::key_id, messenger_keys::check_value))
        .load(conn)
        .map_err(|e| e.to_string())?;
    match recorded.iter().find(|(id, _)| id == key.id()) {
        Some((_, check)) if *check == key.check_value() => Ok(()),
        Some(_) => Err(format!(
            "the messenger key this database was sealed with; messenger.key holds key {} with other bytes",
            key.id()
        )),
        None if recorded.is_empty() => diesel::insert_into(messenger_keys::table)
            .values((messenger_keys::key_id.eq(key.id()), messenger_keys::check_value.eq(key.check_value())))
            .execute(conn)
            .map(drop)
            .map_err(|e| e.to_string()),
        None => {
            let ids: Vec<&str> = recorded.iter().map(|(id, _)| id.as_str()).collect();
            Err(format!(
                "the messenger key this database was sealed with (key {}); messenger.key holds key {}",
                ids.join(", "),
                key.id()
            ))
        }
    }
}

/// Background upkeep of the index in every replica: on PostgreSQL a listener for other
/// replicas' seals (polled every 250 ms on its own connection), and everywhere a reconciliation
/// every `every`.
pub fn spawn_upkeep(
    messengers: Arc<Messengers>,
    db: Db,
    pg_url: Option<String>,
    every: Duration,
    stop: Arc<AtomicBool>,
) {
    if let Some(url) = pg_url {
        let (messengers, db, stop) = (Arc::clone(&messengers), db.clone(), Arc::clone(&stop));
        std::thread::spawn(move || listen(&messengers, &db, &url, &stop));
    }
    std::thread::spawn(move || {
        let mut last = Instant::now();
        while !stop.load(Ordering::Relaxed) {
            std::thread::sleep(Duration::from_millis(200));
            if last.elapsed() < every {
                continue;
            }
            last = Instant::now();
            if db.with_conn(|conn| Ok(messengers.reconcile(conn)?)).is_err() {
                tracing::warn!("my-remarks reconciliation failed; it tries again");
            }
        }
    });
}

fn listen(messengers: &Messengers, db: &Db, url: &str, stop: &AtomicBool) {
    while !stop.load(Ordering::Relaxed) {
        let mut conn = match diesel::PgConnection::establish(url) {
            Ok(conn) => conn,
            Err(_) => {
                tracing::warn!("the seal listener cannot connect; it tries again in 5 s");
                std::thread::sleep(Duration::from_secs(5));
                continue;
            }
        };
        if diesel::sql_query(format!("LISTEN {CHANNEL}")).execute(&mut conn).is_err() {
            continue;
        }
        // Anything announced while we were not listening is caught by this reconciliation.
        let _ = db.with_conn(|c| Ok(messengers.reconcile(c)?));
        while !stop.load(Ordering::Relaxed) {
            let mut heard = Vec::new();
            let mut broken = false;
            for note in conn.notifications_iter() {
                match note {
                    Ok(n) => heard.push(n.payload),
                    Err(_) => broken = true,
                }
            }
            if broken {
                // Lost the connection (the server restarted, or the database went away): wait
                // a moment rather than hammer it; the reconciliation covers the gap.
                std::thread::sleep(Duration::from_secs(1));
                break;
            }
            if !heard.is_empty() && db.with_conn(|c| Ok(messengers.learn(c, &heard)?)).is_err() {
                tracing::warn!("could not read announced seals; the reconciliation will");
            }
            std::thread::sleep(Duration::from_millis(250));
        }
    }
}

/// Errors for the reporter's own views: "not yours" is exactly "not found".
pub fn not_found() -> AppError {
    AppError::NotFound
}
