//! The scrape: gauges read now (the mail backlog and outbox, broken promises, the jobs), then
//! the registry as text.

use std::future::{Ready, ready};

use actix_web::http::header;
use actix_web::{FromRequest, HttpRequest, HttpResponse, dev::Payload, get, web};
use prometheus_client::encoding::text::encode;
use sha2::{Digest, Sha256};

use super::{Day, Job, MailState, Metrics};
use crate::error::AppError;
use crate::state::AppState;

/// Who may scrape: anyone when no `metrics_token` is configured (keep /metrics off the public
/// proxy then), else a caller with `Authorization: Bearer <metrics_token>`.
pub struct Scraper;

impl FromRequest for Scraper {
    type Error = AppError;
    type Future = Ready<Result<Self, AppError>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let Some(state) = req.app_data::<web::Data<AppState>>() else {
            return ready(Err(AppError::Internal));
        };
        let Some(expected) = state.settings.metrics_token.as_deref() else { return ready(Ok(Scraper)) };
        let given = req
            .headers()
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .unwrap_or_default();
        // Digests compared, so the time taken says nothing about how much of the token matched.
        let same = Sha256::digest(given.as_bytes()) == Sha256::digest(expected.as_bytes());
        ready(if same { Ok(Scraper) } else { Err(AppError::Unauthorized) })
    }
}

/// Prometheus text (OpenMetrics when asked for). No label names a person; see `metrics`.
#[utoipa::path(tag = "operations",
    responses((status = 200, description = "The metrics, as Prometheus text", content_type = "text/plain", body = String),
        (status = 401, description = "A metrics token is configured and was not given", body = crate::error::Problem,
            content_type = "application/problem+json")))]
#[get("/metrics")]
pub async fn serve_metrics(
    _: Scraper,
    req: HttpRequest,
    state: web::Data<AppState>,
    metrics: web::Data<Metrics>,
) -> Result<HttpResponse, AppError> {
    let now = state.clock.now();
    let readings = state.db.run(move |conn| Ok(super::loop_figures::read(conn, now)?)).await;
    match readings {
        Ok(r) => {
            metrics.database_up.set(1);
            metrics.mail_waiting.set(r.backlog.waiting);
            metrics.mail_oldest_seconds.set(r.backlog.oldest_seconds);
            metrics.mail_dead.set(r.backlog.dead);
            for (state, n) in r.outbox {
                metrics.outbox.get_or_create(&MailState { state: state.to_owned() }).set(n);
            }
            for (day, n) in [("today", r.breached_today), ("yesterday", r.breached_yesterday)] {
                metrics.promises_breached.get_or_create(&Day { day: day.to_owned() }).set(n);
            }
        }
        Err(_) => {
            metrics.database_up.set(0);
        }
    }
    let down = state.jobs.down();
    for job in state.jobs.running().into_iter().chain(down.iter().copied()) {
        metrics.jobs_up.get_or_create(&Job { job: job.to_owned() }).set(i64::from(!down.contains(&job)));
    }
    for (job, n) in state.jobs.restarts() {
        metrics
            .job_restarts
            .get_or_create(&Job { job: job.to_owned() })
            .set(i64::try_from(n).unwrap_or(i64::MAX));
    }
    let mut text = String::new();
    encode(&mut text, &metrics.registry).map_err(|e| AppError::internal("metrics", e))?;
    let open_metrics = req
        .headers()
        .get(header::ACCEPT)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|a| a.contains("application/openmetrics-text"));
    // The same text serves both: OpenMetrics' `# EOF` is a comment to the classic parser.
    let content_type = if open_metrics {
        "application/openmetrics-text; version=1.0.0; charset=utf-8"
    } else {
        "text/plain; version=0.0.4; charset=utf-8"
    };
    Ok(HttpResponse::Ok().content_type(content_type).body(text))
}
