//! The access log: method, the matched route *pattern* (never the path: it may hold ids), status
//! and duration — no user, IP, user agent, query string or size (the messenger rule in
//! docs/architecture.md).
//!
//! A log line carries its instant to the microsecond, and an instant next to "a capture came
//! in" is half an attribution (whoever knows who was where at 10:03 learns who told). So only
//! the requests `/metrics` counts — health, and routes for owners or admins only — get a line of
//! their own. Everything an employee calls (sign-in and the session, capture, their remarks and
//! answers, the settings and profile they read, the app's files) is counted by day, method,
//! route and status, and each day's counts are logged once the day (UTC) has ended: by the
//! first request after midnight, by the `access-counts` job, and — for the day so far — when the
//! process stops.

use std::collections::BTreeMap;
use std::sync::Mutex;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::middleware::Next;
use actix_web::web;

use crate::metrics::Metrics;
use crate::state::AppState;

const DAY: i64 = 24 * 3600;

/// (method, route pattern, status) → requests.
type Counts = BTreeMap<(String, String, u16), u64>;

/// The day's counts of the requests that are not logged one by one.
#[derive(Default)]
pub struct DailyCounts(Mutex<Option<(i64, Counts)>>);

impl DailyCounts {
    /// Count one request at `now` (epoch seconds); a day that has ended is logged first.
    fn count(&self, now: i64, method: &str, route: String, status: u16) {
        let mut guard = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        let today = now.div_euclid(DAY);
        if guard.as_ref().is_some_and(|(day, _)| *day != today) {
            log(guard.take());
        }
        let (_, counts) = guard.get_or_insert_with(|| (today, Counts::new()));
        *counts.entry((method.to_owned(), route, status)).or_default() += 1;
    }

    /// Log the counts of a day that has ended by `now` (the `access-counts` job).
    pub fn log_ended_day(&self, now: i64) {
        let mut guard = self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        if guard.as_ref().is_some_and(|(day, _)| *day < now.div_euclid(DAY)) {
            log(guard.take());
        }
    }

    /// Log what was counted so far (at shutdown).
    pub fn log_all(&self) {
        log(self.0.lock().unwrap_or_else(std::sync::PoisonError::into_inner).take());
    }
}

fn log(day: Option<(i64, Counts)>) {
    let Some((day, counts)) = day else { return };
    let date = chrono::DateTime::from_timestamp(day * DAY, 0)
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default();
    for ((method, route, status), requests) in counts {
        tracing::info!(
            target: "earshot::access",
            day = %date,
            method = %method,
            route = %route,
            status,
            requests,
            "requests of the day"
        );
    }
}

/// The access log middleware (outermost: it sees the final status).
pub async fn access_log(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let result = next.call(req).await;
    let elapsed_ms = started.elapsed().as_secs_f64() * 1000.0;
    let (route, status, request) = match &result {
        Ok(res) => (
            res.request().match_pattern().unwrap_or_else(|| "(static)".into()),
            res.status().as_u16(),
            Some(res.request()),
        ),
        Err(err) => ("(unrouted)".into(), err.as_response_error().status_code().as_u16(), None),
    };
    let metrics = request.and_then(|r| r.app_data::<web::Data<Metrics>>());
    if metrics.is_some_and(|m| m.counts(&method, &route)) {
        tracing::info!(
            target: "earshot::access",
            method = %method,
            route = %route,
            status,
            duration_ms = format_args!("{elapsed_ms:.1}"),
            "request"
        );
    } else if let Some(state) = request.and_then(|r| r.app_data::<web::Data<AppState>>()) {
        state.access.count(state.clock.now(), method.as_str(), route, status);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_is_logged_once_it_has_ended_and_counts_what_it_held() {
        let counts = DailyCounts::default();
        let noon = 20_000 * DAY + 12 * 3600;
        counts.count(noon, "POST", "/api/v1/remarks".into(), 201);
        counts.count(noon + 60, "POST", "/api/v1/remarks".into(), 201);
        counts.count(noon + 61, "POST", "/api/v1/session".into(), 401);
        counts.log_ended_day(noon + 3600);
        let held = counts.0.lock().expect("lock").clone().expect("still today's");
        assert_eq!(held.1.get(&("POST".into(), "/api/v1/remarks".into(), 201)), Some(&2));
        counts.log_ended_day(noon + DAY);
        assert!(counts.0.lock().expect("lock").is_none(), "yesterday was logged and forgotten");
        counts.count(noon + DAY, "GET", "/api/v1/me".into(), 200);
        counts.count(noon + 2 * DAY, "GET", "/api/v1/me".into(), 200);
        let held = counts.0.lock().expect("lock").clone().expect("today's");
        assert_eq!((held.0, held.1.len()), (20_002, 1), "a request after midnight logs the day before");
    }
}
