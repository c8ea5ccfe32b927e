//! The release of held captures (`messenger::held`): every held row of an hour that has ended —
//! not "hour H": late commits and clock skew are covered — becomes a remark, its seal, its
//! idempotency row and its search entry, written in random order, and the held rows go, in one
//! transaction. On PostgreSQL under an advisory lock, so with N replicas exactly one releases;
//! idempotent, so a crash mid-release rolls back and the next run does it. Afterwards the
//! deleted rows go from the files too (`db::forget_deleted`).
//!
//! The `release` job runs it at start and whenever an hour has begun since its last run.

use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;
use rand::seq::SliceRandom;

use super::search;
use crate::clock::{Clock, to_hour};
use crate::db::schema::{capture_keys, held_captures, remarks};
use crate::db::{self, Db, DbConn};
use crate::error::AppError;
use crate::jobs::Jobs;
use crate::messenger::Seals;
use crate::news::alerts::Alerting;

/// Release what is due at `now`; returns how many remarks were released (`None`: another
/// replica is releasing now).
pub fn release_due(
    conn: &mut DbConn,
    seals: &Seals,
    now: i64,
    alerting: Option<&Alerting>,
) -> Result<Option<usize>, AppError> {
    release_before(conn, seals, to_hour(now), alerting)
}

/// Release every held row of an hour before `hour`. (`earshot release-held --now` passes the
/// next hour, for demos and tests: this hour's captures are then dated to less than an hour.)
/// With `alerting`, the owners who want new remarks as they come are mailed, in the same
/// transaction (`news::alerts`); the alert is dated `hour`, like the release.
pub fn release_before(
    conn: &mut DbConn,
    seals: &Seals,
    hour: i64,
    alerting: Option<&Alerting>,
) -> Result<Option<usize>, AppError> {
    let released = db::lock::once_across_replicas(conn, "release-held-captures", |c| {
        let (mut due, unreadable) = seals.due(c, hour)?;
        if unreadable > 0 {
            tracing::warn!(unreadable, "held captures under a key this process does not hold wait");
        }
        due.shuffle(&mut rand::thread_rng());
        let org = crate::organisation::load(c)?;
        let mut released = 0;
        let mut new = Vec::new();
        for item in &due {
            let mut remark = item.held.remark.clone();
            crate::triage::store::stamp(&mut remark, &org);
            let remark = &remark;
            // Already released (a replay held twice across a rotation): the first one stands.
            if crate::insert_or_nothing!(c, remarks::table, remark, on remarks::id)? == 1 {
                search::index(c, remark)?;
                crate::cases::terms::index(c, remark)?;
                crate::insert_or_nothing!(
                    c,
                    capture_keys::table,
                    (
                        capture_keys::id.eq(&remark.id),
                        capture_keys::fingerprint.eq(&item.held.fingerprint),
                        capture_keys::status.eq(201),
                        capture_keys::remark_id.eq(&remark.id),
                    ),
                    on capture_keys::id
                )?;
                seals.keep_seal(c, item)?;
                released += 1;
                new.push(remark.clone());
            }
        }
        // The held rows go after every remark is in: a delete written next to the insert it
        // belongs to would pair, in PostgreSQL's WAL, each remark with its held row — and so
        // with the exact instant that row was committed.
        for names in due.chunks(500) {
            let names: Vec<&str> = names.iter().map(|item| item.name.as_str()).collect();
            diesel::delete(held_captures::table.filter(held_captures::held_name.eq_any(names))).execute(c)?;
        }
        // After every remark is in, in the same shuffled order: the alert's rows (its mails,
        // its one-touch links) say no more of arrival than the remarks do.
        let alerted = match alerting {
            Some(a) => crate::news::alerts::released(c, &org, &new, a, hour)?,
            None => false,
        };
        Ok::<_, AppError>((released, due.len(), alerted))
    })?;
    if let Some((_, moved, alerted)) = released {
        if moved > 0 {
            db::forget_deleted(conn, &["held_captures"])?;
        }
        if alerted && let Some(a) = alerting {
            a.wake();
        }
    }
    Ok(released.map(|(released, ..)| released))
}

/// At start and whenever an hour has begun since the last run (looked at each `every`).
pub fn start(
    jobs: &Arc<Jobs>,
    (db, seals, alerting): (&Db, &Arc<Seals>, &Alerting),
    clock: &Arc<dyn Clock>,
    every: Duration,
) {
    let (db, seals, clock, alerting) = (db.clone(), Arc::clone(seals), Arc::clone(clock), alerting.clone());
    jobs.spawn("release", move |mut shutdown| {
        let (db, seals, clock, alerting) =
            (db.clone(), Arc::clone(&seals), Arc::clone(&clock), alerting.clone());
        async move {
            let mut done_for: Option<i64> = None;
            loop {
                let hour = to_hour(clock.now());
                if done_for != Some(hour) {
                    let (seals, now, alerting) = (Arc::clone(&seals), clock.now(), alerting.clone());
                    match db.run(move |conn| release_due(conn, &seals, now, Some(&alerting))).await {
                        Ok(Some(_)) => done_for = Some(hour),
                        // Another replica is releasing: look again at the next round.
                        Ok(None) => {}
                        Err(_) => tracing::warn!("held captures could not be released; it tries again"),
                    }
                }
                if !shutdown.sleep(every).await {
                    return;
                }
            }
        }
    });
}
