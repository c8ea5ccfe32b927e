//! Held captures: a capture waits, opaque, until its hour has ended (docs/privacy.md, "Held
//! captures"). At capture one row is committed that names no remark in the clear: the HMAC of
//! the remark's id under a key derived from the messenger key (so a replay finds it), the hour,
//! the key's id, and the whole capture — the remark, its seal, the body's fingerprint — sealed
//! and padded to a size bucket. The write-ahead log dates "an opaque capture", never a remark.
//! `remarks::release` moves an ended hour's rows into the remark tables in random order.
//!
//! Only the reporter sees a held capture (in "my remarks": the index opens held rows as it
//! opens seals); colleagues, owners, search and figures see a remark from its release on.

use diesel::prelude::*;
use serde::{Deserialize, Serialize};

use super::{CHANNEL, Reporter, Seals};
use crate::db::DbConn;
use crate::db::schema::{capture_keys, held_captures, messenger_seals};
use crate::ids::RemarkId;
use crate::remarks::Remark;

/// What a held row holds, once opened.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Held {
    pub remark: Remark,
    /// Who brought it in, sealed to the remark (as `messenger_seals` will keep it).
    pub seal: Vec<u8>,
    /// The capture's body, hashed: a replay with another body is refused.
    pub fingerprint: String,
}

/// A held row opened, with what the release needs to move it.
pub struct Due {
    pub name: String,
    pub key_id: String,
    pub held: Held,
}

impl Seals {
    /// In the capture's transaction: hold it under the sealing key. `Ok(false)` when a capture
    /// of this id is held already (another send of it committed first). On PostgreSQL the other
    /// replicas hear of it at commit, by the row's name — never the remark's id.
    pub fn hold(
        &self,
        conn: &mut DbConn,
        remark: &Remark,
        fingerprint: &str,
        reporter: &Reporter,
    ) -> QueryResult<bool> {
        let key = self.sealing_key();
        let held = Held {
            remark: remark.clone(),
            seal: key.seal(&remark.id, &reporter.id, reporter.epoch),
            fingerprint: fingerprint.to_owned(),
        };
        let plain = serde_json::to_vec(&held).unwrap_or_default();
        let name = key.held_name(&remark.id);
        let inserted = crate::insert_or_nothing!(
            conn,
            held_captures::table,
            (
                held_captures::held_name.eq(&name),
                held_captures::hour.eq(remark.created_at),
                held_captures::key_id.eq(key.id()),
                held_captures::sealed.eq(key.seal_held(&plain)),
            ),
            on held_captures::held_name
        )?;
        if inserted > 0 {
            crate::db::listen::notify(conn, CHANNEL, &name)?;
        }
        Ok(inserted > 0)
    }

    /// The names a held capture of `id` would have under each key this process holds (one of
    /// them during a rotation, until its rows are re-sealed).
    pub(super) fn held_names(&self, id: &RemarkId) -> Vec<String> {
        self.all_keys().iter().map(|k| k.held_name(id)).collect()
    }

    /// Whether a capture of `id` is stored, released or held — asked in ONE statement, so that
    /// a release committing meanwhile cannot make it look like neither.
    pub fn is_taken(&self, conn: &mut DbConn, id: &RemarkId) -> QueryResult<bool> {
        use diesel::dsl::exists;
        diesel::select(
            exists(capture_keys::table.find(id)).or(exists(
                held_captures::table.filter(held_captures::held_name.eq_any(self.held_names(id))),
            )),
        )
        .get_result(conn)
    }

    /// The held capture of `id`, if it is held.
    pub fn find_held(&self, conn: &mut DbConn, id: &RemarkId) -> QueryResult<Option<Held>> {
        let rows: Vec<(String, Vec<u8>)> = held_captures::table
            .filter(held_captures::held_name.eq_any(self.held_names(id)))
            .select((held_captures::key_id, held_captures::sealed))
            .load(conn)?;
        Ok(rows
            .iter()
            .find_map(|(key_id, sealed)| self.open_held(key_id, sealed))
            .filter(|h| h.remark.id == *id))
    }

    pub(super) fn open_held(&self, key_id: &str, sealed: &[u8]) -> Option<Held> {
        let plain = self.key(key_id)?.open_held(sealed)?;
        serde_json::from_slice(&plain).ok()
    }

    /// Open a held row and put who brought it in into the index.
    pub(super) fn held_into_index(&self, key_id: &str, sealed: &[u8]) -> Option<RemarkId> {
        let held = self.open_held(key_id, sealed)?;
        self.open_into_index(&held.remark.id, key_id, &held.seal).then_some(held.remark.id)
    }

    /// Learn the held rows of these names (another replica held them).
    pub(super) fn learn_held(&self, conn: &mut DbConn, names: &[String]) -> QueryResult<usize> {
        let rows: Vec<(String, Vec<u8>)> = held_captures::table
            .filter(held_captures::held_name.eq_any(names))
            .select((held_captures::key_id, held_captures::sealed))
            .load(conn)?;
        Ok(rows.iter().filter(|(key_id, sealed)| self.held_into_index(key_id, sealed).is_some()).count())
    }

    /// Every held row of an hour before `hour`, opened; and how many could not be opened (a key
    /// this process does not hold: they stay, and are counted in the log).
    pub fn due(&self, conn: &mut DbConn, hour: i64) -> QueryResult<(Vec<Due>, usize)> {
        let rows: Vec<(String, String, Vec<u8>)> = held_captures::table
            .filter(held_captures::hour.lt(hour))
            .select((held_captures::held_name, held_captures::key_id, held_captures::sealed))
            .load(conn)?;
        let total = rows.len();
        let due: Vec<Due> = rows
            .into_iter()
            .filter_map(|(name, key_id, sealed)| {
                let held = self.open_held(&key_id, &sealed)?;
                Some(Due { name, key_id, held })
            })
            .collect();
        let unreadable = total - due.len();
        Ok((due, unreadable))
    }

    /// At the release: the seal of a released remark, as the held row kept it.
    pub fn keep_seal(&self, conn: &mut DbConn, due: &Due) -> QueryResult<usize> {
        crate::insert_or_nothing!(
            conn,
            messenger_seals::table,
            (
                messenger_seals::remark_id.eq(&due.held.remark.id),
                messenger_seals::key_id.eq(&due.key_id),
                messenger_seals::seal.eq(&due.held.seal),
            ),
            on messenger_seals::remark_id
        )
    }
}
