//! Time is injected: production reads the system clock, tests move a manual one instead of
//! sleeping. Instants are whole seconds since the Unix epoch, UTC (what the database stores).

use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};
use std::time::{SystemTime, UNIX_EPOCH};

pub trait Clock: Send + Sync + 'static {
    /// Seconds since 1970-01-01T00:00:00Z.
    fn now(&self) -> i64;
}

/// Kept to the hour: what the messenger rule allows on remarks and per-user rows.
pub fn to_hour(epoch_secs: i64) -> i64 {
    epoch_secs - epoch_secs.rem_euclid(3600)
}

#[derive(Debug, Default, Clone, Copy)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> i64 {
        SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
    }
}

/// A clock that only moves when told to; clones share the same time.
#[derive(Debug, Clone)]
pub struct ManualClock(Arc<AtomicI64>);

impl ManualClock {
    pub fn at(epoch_secs: i64) -> Self {
        Self(Arc::new(AtomicI64::new(epoch_secs)))
    }

    pub fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }

    pub fn set(&self, epoch_secs: i64) {
        self.0.store(epoch_secs, Ordering::SeqCst);
    }
}

impl Clock for ManualClock {
    fn now(&self) -> i64 {
        self.0.load(Ordering::SeqCst)
    }
}

/// The system clock, moved forward on request: only for `serve --test-clock`, which the browser
/// tests start so that a promise can run late before their eyes. Time keeps flowing.
#[derive(Debug, Clone, Default)]
pub struct MovableClock(Arc<AtomicI64>);

impl MovableClock {
    pub fn advance(&self, secs: i64) {
        self.0.fetch_add(secs, Ordering::SeqCst);
    }
}

impl Clock for MovableClock {
    fn now(&self) -> i64 {
        SystemClock.now() + self.0.load(Ordering::SeqCst)
    }
}

/// `POST /api/v1/test/clock {"advance_secs": n}`, mounted only by `serve --test-clock`: never
/// in a production start (the route is not even in that start's API document).
pub mod movable {
    use actix_web::{HttpResponse, post, web};

    use super::{Clock, MovableClock};
    use crate::state::AppState;

    #[derive(Debug, serde::Deserialize, utoipa::ToSchema)]
    #[serde(deny_unknown_fields)]
    pub struct Advance {
        #[schema(minimum = 0, maximum = 31_536_000)]
        pub advance_secs: i64,
    }

    #[derive(Debug, serde::Serialize, utoipa::ToSchema)]
    pub struct Now {
        pub now: i64,
    }

    /// Move the test clock forward (test starts only).
    #[utoipa::path(tag = "test", request_body = Advance, responses((status = 200, body = Now)))]
    #[post("/test/clock")]
    pub async fn advance(
        clock: web::Data<MovableClock>,
        state: web::Data<AppState>,
        body: crate::web::ApiJson<Advance>,
    ) -> Result<HttpResponse, crate::error::AppError> {
        if !(0..=31_536_000).contains(&body.0.advance_secs) {
            return Err(crate::error::AppError::field(
                "/advance_secs",
                crate::error::FieldCode::InvalidValue,
            ));
        }
        clock.advance(body.0.advance_secs);
        state.mail.wake();
        Ok(HttpResponse::Ok().json(Now { now: clock.now() }))
    }

    /// The routes `serve --test-clock` adds, for `clock`.
    pub fn routes(clock: MovableClock) -> crate::routes::RouteHook {
        std::sync::Arc::new(move |cfg: &mut crate::web::Routes| {
            cfg.app_data(web::Data::new(clock.clone())).service(advance);
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn to_hour_truncates_down_including_before_the_epoch() {
        assert_eq!(to_hour(7_199), 3_600);
        assert_eq!(to_hour(7_200), 7_200);
        assert_eq!(to_hour(-1), -3_600);
    }

    #[test]
    fn manual_clock_moves_only_when_told_and_clones_share_time() {
        let clock = ManualClock::at(1_000);
        let other = clock.clone();
        clock.advance(60);
        assert_eq!(other.now(), 1_060);
        other.set(5);
        assert_eq!(clock.now(), 5);
    }
}
