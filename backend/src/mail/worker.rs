//! The delivery worker, one in every replica. It claims due rows in a short transaction (status
//! `sending`, a claim id and a lease; `FOR UPDATE SKIP LOCKED` on PostgreSQL so replicas never
//! claim the same row), commits, sends outside any transaction, then marks each row.
//!
//! Policy for a lease that expires in `sending` (the process died between claim and mark):
//! the row is claimed again and sent again. The only duplicate window is a crash after the
//! server's 250 and before our `sent` mark; SMTP cannot promise more than that.

use std::panic::AssertUnwindSafe;
use std::sync::Arc;
use std::time::Duration;

use diesel::prelude::*;
use diesel::sql_types::{BigInt, Text};
use futures_util::FutureExt;
use rand::Rng;
use tokio::sync::{Notify, watch};

use super::transport::{Outgoing, SendError, Transport};
use crate::clock::Clock;
use crate::db::schema::mail_outbox;
use crate::db::{Db, DbConn, write_transaction};
use crate::error::AppError;

pub const PENDING: &str = "pending";
pub const SENDING: &str = "sending";
pub const SENT: &str = "sent";
pub const DEAD: &str = "dead";

/// Rows claimed per round.
const BATCH: i64 = 10;
/// How long a claim holds before another worker may take the row over.
const LEASE_SECS: i64 = 5 * 60;
/// Give a mail up (visibly: status `dead`) when it could not be delivered for this long.
pub const GIVE_UP_SECS: i64 = 3 * 24 * 3600;
/// First retry after 30 s, doubling, at most an hour apart.
const BACKOFF_BASE_SECS: i64 = 30;
const BACKOFF_MAX_SECS: i64 = 3600;

pub struct Worker {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub transport: Transport,
    pub wake: Arc<Notify>,
    pub poll: Duration,
}

impl Worker {
    /// Deliver until `shutdown` turns true; then release what was claimed but not tried.
    pub async fn run(&self, mut shutdown: watch::Receiver<bool>) {
        let claim_id = uuid::Uuid::new_v4().to_string();
        loop {
            if *shutdown.borrow() {
                break;
            }
            // A failed claim was logged where it happened; the next round tries again.
            let claimed = self.claim(&claim_id).await.unwrap_or_default();
            let full = claimed.len() as i64 == BATCH;
            for (i, row) in claimed.iter().enumerate() {
                if *shutdown.borrow() {
                    self.release(&claim_id, &claimed[i..]).await;
                    return;
                }
                // A mail whose sending panics (in a library, say) is that mail's failure, not
                // the worker's: it becomes dead and the rest go on.
                let result = AssertUnwindSafe(self.transport.send(row))
                    .catch_unwind()
                    .await
                    .unwrap_or_else(|_| Err(SendError::Permanent("the mail could not be sent".into())));
                if let Err(e) = self.record(&claim_id, row, result).await {
                    tracing::warn!(error = %e, "could not record a mail delivery; the lease will expire and it is retried");
                }
            }
            if full {
                continue;
            }
            tokio::select! {
                () = self.wake.notified() => {}
                () = tokio::time::sleep(self.poll) => {}
                _ = shutdown.changed() => {}
            }
        }
    }

    async fn claim(&self, claim_id: &str) -> Result<Vec<Outgoing>, AppError> {
        let now = self.clock.now();
        let claim_id = claim_id.to_owned();
        self.db
            .run(move |conn| {
                write_transaction(conn, |c| {
                    claim_due(c, &claim_id, now)?;
                    load_claimed(c, &claim_id)
                })
                .map_err(AppError::from)
            })
            .await
    }

    async fn record(
        &self,
        claim_id: &str,
        row: &Outgoing,
        result: Result<(), SendError>,
    ) -> Result<(), AppError> {
        let now = self.clock.now();
        let (id, claim) = (row.id.clone(), claim_id.to_owned());
        let outcome = match result {
            Ok(()) => Outcome::Sent,
            Err(SendError::Permanent(reason)) => Outcome::Failed { permanent: true, reason },
            Err(SendError::Transient(reason)) => Outcome::Failed { permanent: false, reason },
        };
        if let Outcome::Failed { permanent, .. } = &outcome {
            // The server's words may name the recipient: they stay in the row, not in the log.
            tracing::warn!(permanent = *permanent, "mail delivery failed");
        }
        self.db.run(move |conn| mark(conn, &id, &claim, outcome, now)).await
    }

    /// Give back rows claimed but not tried (at shutdown), so another replica sends them now
    /// rather than after the lease.
    async fn release(&self, claim_id: &str, rows: &[Outgoing]) {
        let ids: Vec<String> = rows.iter().map(|r| r.id.clone()).collect();
        let claim = claim_id.to_owned();
        let released = self
            .db
            .run(move |conn| {
                diesel::update(
                    mail_outbox::table
                        .filter(mail_outbox::id.eq_any(ids))
                        .filter(mail_outbox::claim_id.eq(claim)),
                )
                .set((
                    mail_outbox::status.eq(PENDING),
                    mail_outbox::attempts.eq(mail_outbox::attempts - 1),
                    mail_outbox::claim_id.eq(None::<String>),
                    mail_outbox::lease_until.eq(None::<i64>),
                ))
                .execute(conn)?;
                Ok(())
            })
            .await;
        if released.is_err() {
            tracing::warn!("could not release claimed mail at shutdown; it is retried when the lease ends");
        }
    }
}

enum Outcome {
    Sent,
    Failed { permanent: bool, reason: String },
}

/// Record a delivery attempt on a row this worker still holds.
fn mark(conn: &mut DbConn, id: &str, claim: &str, outcome: Outcome, now: i64) -> Result<(), AppError> {
    let held = mail_outbox::table.filter(mail_outbox::id.eq(id)).filter(mail_outbox::claim_id.eq(claim));
    let released = (mail_outbox::claim_id.eq(None::<String>), mail_outbox::lease_until.eq(None::<i64>));
    match outcome {
        // Sent: forget the recipient and the bodies (they may hold one-time links).
        Outcome::Sent => diesel::update(held)
            .set((
                mail_outbox::status.eq(SENT),
                mail_outbox::recipient.eq(""),
                mail_outbox::body_text.eq(""),
                mail_outbox::body_html.eq(""),
                mail_outbox::unsubscribe.eq(None::<String>),
                mail_outbox::next_attempt_at.eq(0_i64),
                mail_outbox::last_error.eq(None::<String>),
                released,
            ))
            .execute(conn)?,
        Outcome::Failed { permanent, reason } => {
            let reason: String = reason.chars().take(500).collect();
            let (attempts, created_at): (i32, i64) =
                held.select((mail_outbox::attempts, mail_outbox::created_at)).first(conn)?;
            if permanent || now - created_at > GIVE_UP_SECS {
                tracing::error!("a mail was given up; the admin sees it in the settings");
                diesel::update(held)
                    .set((
                        mail_outbox::status.eq(DEAD),
                        mail_outbox::body_text.eq(""),
                        mail_outbox::body_html.eq(""),
                        mail_outbox::unsubscribe.eq(None::<String>),
                        mail_outbox::last_error.eq(reason),
                        released,
                    ))
                    .execute(conn)?
            } else {
                diesel::update(held)
                    .set((
                        mail_outbox::status.eq(PENDING),
                        mail_outbox::next_attempt_at.eq(now + backoff(attempts)),
                        mail_outbox::last_error.eq(reason),
                        released,
                    ))
                    .execute(conn)?
            }
        }
    };
    Ok(())
}

/// 30 s × 2^(attempts−1), at most an hour, ±50 % jitter so retries of many mails spread out.
fn backoff(attempts: i32) -> i64 {
    let exponent = u32::try_from(attempts.saturating_sub(1).clamp(0, 20)).unwrap_or(0);
    let base = BACKOFF_BASE_SECS.saturating_mul(1_i64 << exponent).min(BACKOFF_MAX_SECS);
    let jitter = rand::thread_rng().gen_range(0.5..1.5);
    ((base as f64) * jitter).round() as i64
}

/// Mark due rows (pending and due, or sending with an expired lease) as ours.
fn claim_due(conn: &mut DbConn, claim_id: &str, now: i64) -> QueryResult<usize> {
    match conn {
        // Replicas claim concurrently: skip rows another transaction holds.
        DbConn::Pg(c) => diesel::sql_query(
            "UPDATE mail_outbox SET status = 'sending', claim_id = $1, lease_until = $2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM mail_outbox \
                          WHERE (status = 'pending' AND next_attempt_at <= $3) OR (status = 'sending' AND lease_until < $3) \
                          ORDER BY next_attempt_at LIMIT $4 FOR UPDATE SKIP LOCKED)",
        )
        .bind::<Text, _>(claim_id)
        .bind::<BigInt, _>(now + LEASE_SECS)
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(BATCH)
        .execute(c),
        // One writer at a time (BEGIN IMMEDIATE): no locking clause needed, or available.
        DbConn::Sqlite(c) => diesel::sql_query(
            "UPDATE mail_outbox SET status = 'sending', claim_id = ?1, lease_until = ?2, attempts = attempts + 1 \
             WHERE id IN (SELECT id FROM mail_outbox \
                          WHERE (status = 'pending' AND next_attempt_at <= ?3) OR (status = 'sending' AND lease_until < ?3) \
                          ORDER BY next_attempt_at LIMIT ?4)",
        )
        .bind::<Text, _>(claim_id)
        .bind::<BigInt, _>(now + LEASE_SECS)
        .bind::<BigInt, _>(now)
        .bind::<BigInt, _>(BATCH)
        .execute(c),
    }
}

fn load_claimed(conn: &mut DbConn, claim_id: &str) -> QueryResult<Vec<Outgoing>> {
    type Row = (String, String, String, Option<String>, String, String, String, String, Option<String>);
    let rows: Vec<Row> = mail_outbox::table
        .filter(mail_outbox::claim_id.eq(claim_id))
        .filter(mail_outbox::status.eq(SENDING))
        .select((
            mail_outbox::id,
            mail_outbox::sender,
            mail_outbox::sender_name,
            mail_outbox::reply_to,
            mail_outbox::recipient,
            mail_outbox::subject,
            mail_outbox::body_text,
            mail_outbox::body_html,
            mail_outbox::unsubscribe,
        ))
        .order(mail_outbox::next_attempt_at.asc())
        .load(conn)?;
    Ok(rows
        .into_iter()
        .map(|(id, sender, sender_name, reply_to, recipient, subject, text, html, unsubscribe)| Outgoing {
            id,
            sender,
            sender_name,
            reply_to,
            recipient,
            subject,
            text,
            html,
            unsubscribe,
        })
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_with_jitter_and_is_capped() {
        for _ in 0..100 {
            let first = backoff(1);
            assert!((15..=45).contains(&first), "{first}");
            let third = backoff(3);
            assert!((60..=180).contains(&third), "{third}");
            let late = backoff(30);
            assert!((1800..=5400).contains(&late), "{late}");
        }
    }
}
