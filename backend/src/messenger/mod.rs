//! THE anonymity boundary: the only code that links a remark to the person who brought it in
//! (docs/architecture.md, "The messenger rule"). It seals who captured a remark (seal.rs), keeps
//! "my remarks" in memory (index.rs) and answers the reporter (api.rs). Nothing outside this
//! module opens a seal; nothing here logs a person.

pub mod api;
pub mod held;
pub mod index;
pub mod pass_on;
pub mod rotation;
pub mod seal;
pub mod thread;

use std::collections::{HashMap, HashSet};
use std::sync::{Arc, RwLock};
use std::time::{Duration, Instant};

use diesel::prelude::*;

use crate::auth::jwt::Claims;
use crate::db::schema::{held_captures, messenger_keys, messenger_seals};
use crate::db::{Db, DbConn};
use crate::error::AppError;
use crate::ids::{PersonId, RemarkId};
use index::{Id, Index};
use seal::SealKey;

/// Who brought a remark in, as the access token says. Never logged, never stored in clear.
#[derive(Clone)]
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

    pub fn new(person: &PersonId, epoch: i64) -> Self {
        Self { id: person.bytes(), epoch }
    }
}

/// PostgreSQL channel on which a replica announces a held capture (payload: the held row's name,
/// never a remark id: payloads can reach `pg_notify/` on disk).
const CHANNEL: &str = "earshot_seals";

/// The keys a process holds: the one it seals with, and every one it may open with (by id).
/// During a rotation that is the old and the new key, and new seals use the new one.
pub struct Keyring {
    sealing: Arc<SealKey>,
    by_id: HashMap<String, Arc<SealKey>>,
}

impl Keyring {
    pub fn new(keys: Vec<SealKey>) -> Option<Self> {
        let keys: Vec<Arc<SealKey>> = keys.into_iter().map(Arc::new).collect();
        // The last one given seals: the next key while a rotation runs.
        let sealing = Arc::clone(keys.last()?);
        let by_id = keys.into_iter().map(|k| (k.id().to_owned(), k)).collect();
        Some(Self { sealing, by_id })
    }

    fn ids(&self) -> Vec<String> {
        let mut ids: Vec<String> = self.by_id.keys().cloned().collect();
        ids.sort();
        ids
    }
}

/// The seals of this process: the messenger keys that make and open them, and the in-memory
/// my-remarks index they fill (who brought which remark in). Shared by every handler. Not to be
/// confused with *the messenger*, the person who brought a remark in.
pub struct Seals {
    keys: RwLock<Keyring>,
    index: Index,
}

impl Seals {
    pub fn new(keys: Keyring) -> Self {
        Self { keys: RwLock::new(keys), index: Index::default() }
    }

    fn sealing_key(&self) -> Arc<SealKey> {
        Arc::clone(&self.keys.read().unwrap_or_else(std::sync::PoisonError::into_inner).sealing)
    }

    fn all_keys(&self) -> Vec<Arc<SealKey>> {
        self.keys.read().unwrap_or_else(std::sync::PoisonError::into_inner).by_id.values().cloned().collect()
    }

    fn key(&self, id: &str) -> Option<Arc<SealKey>> {
        self.keys.read().unwrap_or_else(std::sync::PoisonError::into_inner).by_id.get(id).cloned()
    }

    /// Take up the key files as they are now (a rotation adds a next key, then promotes it).
    /// A key the database does not know (no check value) is ignored, never used to seal.
    /// The database is consulted only when the files name other keys than those in use.
    pub fn reload(&self, db: &Db, key_dir: &std::path::Path) {
        let Ok(found) = rotation::key_files(key_dir) else { return };
        let current = self.keys.read().unwrap_or_else(std::sync::PoisonError::into_inner).ids();
        let mut found_ids: Vec<String> = found.iter().map(|k| k.id().to_owned()).collect();
        found_ids.sort();
        if found_ids == current {
            return;
        }
        let checked = db.with_conn(|conn| Ok(found.iter().all(|k| check_key(conn, k).is_ok())));
        if !matches!(checked, Ok(true)) {
            tracing::warn!("a messenger key file does not match the database; keeping the keys in use");
            return;
        }
        if let Some(ring) = Keyring::new(found) {
            tracing::info!(keys = ?ring.ids(), "messenger keys reloaded");
            *self.keys.write().unwrap_or_else(std::sync::PoisonError::into_inner) = ring;
        }
    }

    pub fn index(&self) -> &Index {
        &self.index
    }

    /// Seal who brought `remark` in and store the seal at once, as a released remark's (the
    /// benchmark seeds with it; captures are held, and their seals stored at the release).
    pub fn seal_stored(&self, conn: &mut DbConn, remark: &RemarkId, reporter: &Reporter) -> QueryResult<()> {
        let key = self.sealing_key();
        let seal = key.seal(remark, &reporter.id, reporter.epoch);
        diesel::insert_into(messenger_seals::table)
            .values((
                messenger_seals::remark_id.eq(remark),
                messenger_seals::key_id.eq(key.id()),
                messenger_seals::seal.eq(seal),
            ))
            .execute(conn)
            .map(drop)
    }

    /// Whether `reporter` brought `remark_id` in (in their current messenger epoch). Only this
    /// module can tell; capture asks it before answering a replay, so that nobody else learns
    /// anything from one.
    ///
    /// When the index does not know the remark yet (another replica stored it a moment ago and
    /// its announcement is still on its way), its seal is opened now.
    pub fn is_reporter(
        &self,
        conn: &mut DbConn,
        remark_id: &RemarkId,
        reporter: &Reporter,
    ) -> QueryResult<bool> {
        let remark = remark_id.bytes();
        let known = |m: &Self| m.index.is_of(&remark, reporter.id, reporter.epoch);
        if known(self) {
            return Ok(true);
        }
        self.learn(conn, std::slice::from_ref(remark_id))?;
        let names = self.held_names(remark_id);
        self.learn_held(conn, &names)?;
        Ok(known(self))
    }

    /// After the capture committed: this replica's index learns it at once.
    pub fn remember(&self, remark: &RemarkId, reporter: &Reporter) {
        self.index.insert(remark.bytes(), reporter.id, reporter.epoch);
    }

    /// Open the seal of each of these remarks and put it in the index.
    fn learn(&self, conn: &mut DbConn, remark_ids: &[RemarkId]) -> QueryResult<usize> {
        let rows: Vec<(RemarkId, String, Vec<u8>)> = messenger_seals::table
            .filter(messenger_seals::remark_id.eq_any(remark_ids))
            .select((messenger_seals::remark_id, messenger_seals::key_id, messenger_seals::seal))
            .load(conn)?;
        Ok(rows
            .into_iter()
            .filter(|(remark_id, key_id, seal)| self.open_into_index(remark_id, key_id, seal))
            .count())
    }

    fn open_into_index(&self, remark_id: &RemarkId, key_id: &str, seal: &[u8]) -> bool {
        // The key is chosen by its id, never by trying keys in turn.
        let Some(key) = self.key(key_id) else { return false };
        let Some((reporter, epoch)) = key.open(remark_id, seal) else { return false };
        self.index.insert(remark_id.bytes(), reporter, epoch);
        true
    }

    /// Build the index from every seal, streamed in pages of `remark_id` order.
    pub fn build(&self, conn: &mut DbConn) -> QueryResult<usize> {
        const PAGE: i64 = 5000;
        let started = Instant::now();
        let mut after = String::new();
        let (mut opened, mut unreadable) = (0usize, 0usize);
        loop {
            let rows: Vec<(RemarkId, String, Vec<u8>)> = messenger_seals::table
                .filter(messenger_seals::remark_id.gt(&after))
                .select((messenger_seals::remark_id, messenger_seals::key_id, messenger_seals::seal))
                .order(messenger_seals::remark_id.asc())
                .limit(PAGE)
                .load(conn)?;
            let Some(last) = rows.last().map(|r| r.0.as_str().to_owned()) else { break };
            for (remark_id, key_id, seal) in &rows {
                if self.open_into_index(remark_id, key_id, seal) {
                    opened += 1;
                } else {
                    unreadable += 1;
                }
            }
            after = last;
        }
        let held: Vec<(String, Vec<u8>)> =
            held_captures::table.select((held_captures::key_id, held_captures::sealed)).load(conn)?;
        for (key_id, sealed) in &held {
            if self.held_into_index(key_id, sealed).is_some() {
                opened += 1;
            } else {
                unreadable += 1;
            }
        }
        if unreadable > 0 {
            tracing::warn!(unreadable, "some seals could not be opened with the messenger key");
        }
        tracing::info!(seals = opened, ms = started.elapsed().as_millis() as u64, "my-remarks index built");
        Ok(opened)
    }

    /// Bring the index in line with the seals and the held captures by set difference of remark
    /// ids (sequences commit out of order, so no "everything after id X"). Both are read in ONE
    /// statement: a release moving rows from held to sealed in between would otherwise make
    /// fresh captures vanish from "my remarks".
    pub fn reconcile(&self, conn: &mut DbConn) -> QueryResult<(usize, usize)> {
        #[derive(QueryableByName)]
        struct Stored {
            #[diesel(sql_type = diesel::sql_types::Text)]
            name: String,
            #[diesel(sql_type = diesel::sql_types::Text)]
            key_id: String,
            #[diesel(sql_type = diesel::sql_types::Nullable<diesel::sql_types::Binary>)]
            sealed: Option<Vec<u8>>,
        }
        let rows: Vec<Stored> = diesel::sql_query(
            "SELECT remark_id AS name, key_id, NULL AS sealed FROM messenger_seals \
             UNION ALL SELECT held_name AS name, key_id, sealed FROM held_captures",
        )
        .load(conn)?;
        let mut stored: HashSet<Id> = HashSet::with_capacity(rows.len());
        for row in &rows {
            match &row.sealed {
                None => stored.extend(RemarkId::parse(&row.name).map(|id| id.bytes())),
                Some(sealed) => stored.extend(self.held_into_index(&row.key_id, sealed).map(|id| id.bytes())),
            }
        }
        let known = self.index.known();
        let missing: Vec<RemarkId> = stored.difference(&known).map(|id| RemarkId::from_bytes(*id)).collect();
        let gone: Vec<Id> = known.difference(&stored).copied().collect();
        for remark in &gone {
            self.index.remove(remark);
        }
        let added = missing.chunks(500).map(|chunk| self.learn(conn, chunk)).sum::<QueryResult<usize>>()?;
        Ok((added, gone.len()))
    }
}

impl Seals {
    /// At start: check the key against the database, then build the index. The error says what
    /// was expected, for a one-line start-up failure.
    pub fn prepare(&self, conn: &mut DbConn) -> Result<usize, String> {
        let keys: Vec<Arc<SealKey>> = self
            .keys
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .by_id
            .values()
            .cloned()
            .collect();
        for key in &keys {
            check_key(conn, key)?;
        }
        self.build(conn).map_err(|e| format!("readable seals ({e})"))
    }
}

/// At start: the key must be one this database was sealed with. The first start records it.
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
        None if recorded.is_empty() => {
            // Another replica starting at the same moment may record its key first: then
            // nothing is inserted, and its value is compared.
            crate::insert_or_nothing!(
                conn,
                messenger_keys::table,
                (messenger_keys::key_id.eq(key.id()), messenger_keys::check_value.eq(key.check_value())),
                on messenger_keys::key_id
            )
            .map_err(|e| e.to_string())?;
            let recorded: Option<String> = messenger_keys::table
                .find(key.id())
                .select(messenger_keys::check_value)
                .first(conn)
                .optional()
                .map_err(|e| e.to_string())?;
            match recorded {
                Some(check) if check == key.check_value() => Ok(()),
                _ => Err(format!(
                    "the messenger key this database was sealed with; messenger.key holds key {}",
                    key.id()
                )),
            }
        }
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

/// Background upkeep in every replica, as jobs: a look at the key files every `reload_every` (a
/// rotation adds and promotes keys) and a reconciliation every `reconcile_every`. Other replicas'
/// seals are heard on PostgreSQL through [`Seals::channel`].
pub fn start_upkeep(
    jobs: &Arc<crate::jobs::Jobs>,
    seals: &Arc<Seals>,
    db: &Db,
    key_dir: std::path::PathBuf,
    (reconcile_every, reload_every): (Duration, Duration),
) {
    let (m, d) = (Arc::clone(seals), db.clone());
    jobs.spawn("messenger-keys", move |mut shutdown| {
        let (m, d, key_dir) = (Arc::clone(&m), d.clone(), key_dir.clone());
        async move {
            while shutdown.sleep(reload_every).await {
                let (m, d, key_dir) = (Arc::clone(&m), d.clone(), key_dir.clone());
                let _ = tokio::task::spawn_blocking(move || m.reload(&d, &key_dir)).await;
            }
        }
    });
    let (m, d) = (Arc::clone(seals), db.clone());
    jobs.spawn("messenger-reconcile", move |mut shutdown| {
        let (m, d) = (Arc::clone(&m), d.clone());
        async move {
            while shutdown.sleep(reconcile_every).await {
                let m = Arc::clone(&m);
                if d.run(move |conn| Ok(m.reconcile(conn)?)).await.is_err() {
                    tracing::warn!("my-remarks reconciliation failed; it tries again");
                }
            }
        }
    });
}

impl Seals {
    /// Other replicas' held captures (payload: the held row's name), for the replica listener.
    pub fn channel(self: &Arc<Self>) -> crate::db::listen::Channel {
        let (heard, caught) = (Arc::clone(self), Arc::clone(self));
        crate::db::listen::Channel::new(
            CHANNEL,
            // The payload is a held row's name: its capture is opened into the index.
            move |conn, payloads| heard.learn_held(conn, payloads).map(drop),
            move |conn| caught.reconcile(conn).map(drop),
        )
    }
}

/// Errors for the reporter's own views: "not yours" is exactly "not found".
pub fn not_found() -> AppError {
    AppError::NotFound
}
