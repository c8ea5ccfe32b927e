//! Rotating the messenger key while replicas run (`earshot rotate-messenger-key`):
//!
//! 1. a next key is made (`messenger.next.key`, 0600) and its check value recorded; every
//!    process picks it up within `key_reload_secs` and from then on seals with it (opening with
//!    either, by key id);
//! 2. after that settles, every seal under the old key is re-sealed under the new one, in
//!    remark-id order (never reporter by reporter), in small transactions;
//! 3. when, after settling again, no seal under the old key remains, the new key replaces
//!    `messenger.key` (atomic rename), the next file goes, and the old key's check value is
//!    deleted: the old key is gone.
//!
//! On PostgreSQL with replicas on other hosts, copy `messenger.next.key` to every replica's
//! key_dir before step 2 (`--prepare` stops after step 1), and `messenger.key` after step 3.

use std::path::Path;
use std::time::Duration;

use diesel::prelude::*;

use super::held::Held;
use super::seal::SealKey;
use super::{Keyring, check_key};
use crate::db::schema::{held_captures, messenger_keys, messenger_seals};
use crate::db::{Db, DbConn, write_transaction};
use crate::ids::RemarkId;
use crate::keys::{self, write_private};

pub const CURRENT_FILE: &str = "messenger.key";
pub const NEXT_FILE: &str = "messenger.next.key";

/// The keys on disk: the current one, then the next one while a rotation runs.
pub fn key_files(key_dir: &Path) -> Result<Vec<SealKey>, String> {
    let mut found = Vec::new();
    for name in [CURRENT_FILE, NEXT_FILE] {
        let path = key_dir.join(name);
        if name == NEXT_FILE && !path.exists() {
            break;
        }
        let (id, secret) = keys::read_messenger_key(&path).map_err(|e| e.to_string())?;
        found.push(SealKey::new(&id, secret.bytes()));
    }
    Ok(found)
}

/// The keys to hold at start.
pub fn keyring(key_dir: &Path) -> Result<Keyring, String> {
    Keyring::new(key_files(key_dir)?).ok_or_else(|| "a messenger key in key_dir".to_owned())
}

#[derive(Debug, Default)]
pub struct Report {
    pub old_key: String,
    pub new_key: String,
    pub resealed: usize,
}

/// Step 1: make the next key (unless there is one) and record its check value.
pub fn prepare(db: &Db, key_dir: &Path) -> Result<String, String> {
    let next_path = key_dir.join(NEXT_FILE);
    if !next_path.exists() {
        let mut bytes = [0u8; 32];
        rand::RngCore::fill_bytes(&mut rand::rngs::OsRng, &mut bytes);
        let line = format!(
            "{} {}",
            keys::new_key_id(),
            base64::Engine::encode(&base64::engine::general_purpose::STANDARD, bytes)
        );
        write_private(&next_path, &line).map_err(|e| format!("cannot write {}: {e}", next_path.display()))?;
    }
    let keys = key_files(key_dir)?;
    let next = keys.get(1).ok_or("the next key could not be read")?;
    db.with_conn(|conn| {
        let known: i64 =
            messenger_keys::table.filter(messenger_keys::key_id.eq(next.id())).count().get_result(conn)?;
        if known == 0 {
            diesel::insert_into(messenger_keys::table)
                .values((
                    messenger_keys::key_id.eq(next.id()),
                    messenger_keys::check_value.eq(next.check_value()),
                ))
                .execute(conn)?;
        }
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    db.with_conn(|conn| Ok(check_key(conn, next))).map_err(|e| e.to_string())??;
    Ok(next.id().to_owned())
}

/// Steps 2 and 3. `settle`: how long running processes need to take up key files (a little
/// more than their `key_reload_secs`).
pub fn rotate(db: &Db, key_dir: &Path, settle: Duration) -> Result<Report, String> {
    prepare(db, key_dir)?;
    let keys = key_files(key_dir)?;
    let (old, new) = match keys.as_slice() {
        [old, new] => (old, new),
        _ => return Err("both the current and the next messenger key".to_owned()),
    };
    db.with_conn(|conn| Ok(check_key(conn, old))).map_err(|e| e.to_string())??;
    std::thread::sleep(settle);
    let mut resealed = 0;
    loop {
        resealed += db.with_conn(|conn| Ok(reseal_all(conn, old, new)?)).map_err(|e| e.to_string())?;
        resealed += db.with_conn(|conn| Ok(reseal_held(conn, old, new)?)).map_err(|e| e.to_string())?;
        // Let any process that sealed with the old key until its last reload finish, then look again.
        std::thread::sleep(settle);
        let left: i64 = db
            .with_conn(|conn| {
                let seals: i64 = messenger_seals::table
                    .filter(messenger_seals::key_id.eq(old.id()))
                    .count()
                    .get_result(conn)?;
                let held: i64 = held_captures::table
                    .filter(held_captures::key_id.eq(old.id()))
                    .count()
                    .get_result(conn)?;
                Ok(seals + held)
            })
            .map_err(|e| e.to_string())?;
        if left == 0 {
            break;
        }
    }
    promote(key_dir)?;
    db.with_conn(|conn| {
        diesel::delete(messenger_keys::table.filter(messenger_keys::key_id.eq(old.id()))).execute(conn)?;
        Ok(())
    })
    .map_err(|e| e.to_string())?;
    Ok(Report { old_key: old.id().to_owned(), new_key: new.id().to_owned(), resealed })
}

/// Re-seal every seal under `old`, in remark-id order, 500 per transaction.
fn reseal_all(conn: &mut DbConn, old: &SealKey, new: &SealKey) -> QueryResult<usize> {
    let mut after = String::new();
    let mut done = 0;
    loop {
        let batch: Vec<(RemarkId, Vec<u8>)> = messenger_seals::table
            .filter(messenger_seals::key_id.eq(old.id()))
            .filter(messenger_seals::remark_id.gt(&after))
            .select((messenger_seals::remark_id, messenger_seals::seal))
            .order(messenger_seals::remark_id.asc())
            .limit(500)
            .load(conn)?;
        let Some(last) = batch.last().map(|b| b.0.as_str().to_owned()) else { return Ok(done) };
        write_transaction(conn, |c| {
            for (remark_id, seal) in &batch {
                // A seal the old key cannot open was never readable: it is left as it is.
                let Some((reporter, epoch)) = old.open(remark_id, seal) else { continue };
                let resealed = new.seal(remark_id, &reporter, epoch);
                done += diesel::update(
                    messenger_seals::table
                        .filter(messenger_seals::remark_id.eq(remark_id))
                        .filter(messenger_seals::key_id.eq(old.id())),
                )
                .set((messenger_seals::key_id.eq(new.id()), messenger_seals::seal.eq(resealed)))
                .execute(c)?;
            }
            Ok::<_, diesel::result::Error>(())
        })?;
        after = last;
    }
}

/// Re-seal every held capture under `old` (`messenger::held`): its seal and its row, under a new
/// name, in one transaction per row. A row the old key cannot open is left as it is.
fn reseal_held(conn: &mut DbConn, old: &SealKey, new: &SealKey) -> QueryResult<usize> {
    let rows: Vec<(String, i64, Vec<u8>)> = held_captures::table
        .filter(held_captures::key_id.eq(old.id()))
        .select((held_captures::held_name, held_captures::hour, held_captures::sealed))
        .load(conn)?;
    let mut done = 0;
    for (name, hour, sealed) in rows {
        let Some(mut held) = old.open_held(&sealed).and_then(|p| serde_json::from_slice::<Held>(&p).ok())
        else {
            continue;
        };
        let Some((reporter, epoch)) = old.open(&held.remark.id, &held.seal) else { continue };
        held.seal = new.seal(&held.remark.id, &reporter, epoch);
        let plain = serde_json::to_vec(&held).unwrap_or_default();
        write_transaction(conn, |c| {
            // Released meanwhile: nothing to re-seal here (the seal row is re-sealed above).
            if diesel::delete(held_captures::table.find(&name)).execute(c)? == 1 {
                diesel::insert_into(held_captures::table)
                    .values((
                        held_captures::held_name.eq(new.held_name(&held.remark.id)),
                        held_captures::hour.eq(hour),
                        held_captures::key_id.eq(new.id()),
                        held_captures::sealed.eq(new.seal_held(&plain)),
                    ))
                    .execute(c)?;
                done += 1;
            }
            Ok::<_, diesel::result::Error>(())
        })?;
    }
    Ok(done)
}

/// The next key becomes the key: written over `messenger.key` by an atomic rename, and the
/// next file removed.
fn promote(key_dir: &Path) -> Result<(), String> {
    let next = key_dir.join(NEXT_FILE);
    let line = std::fs::read_to_string(&next).map_err(|e| format!("cannot read {}: {e}", next.display()))?;
    let staged = key_dir.join(".messenger.key.new");
    let _ = std::fs::remove_file(&staged);
    write_private(&staged, line.trim()).map_err(|e| format!("cannot write {}: {e}", staged.display()))?;
    std::fs::rename(&staged, key_dir.join(CURRENT_FILE))
        .map_err(|e| format!("cannot replace the key: {e}"))?;
    std::fs::remove_file(&next).map_err(|e| format!("cannot remove {}: {e}", next.display()))
}
