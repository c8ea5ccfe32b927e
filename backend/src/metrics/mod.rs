//! `/metrics`, Prometheus text for operators: requests by route pattern and status, latency
//! histograms, the mail backlog, the outbox by state, dead mails, jobs up and their restarts,
//! promises broken today and yesterday.
//!
//! What is left out, on purpose (the messenger rule, docs/privacy.md): no label names a person
//! or holds an id; and no series moves with what an employee does — a counter scraped every 15 s
//! would date each capture, sign-in, refresh or answer to the quarter minute, which with who was
//! where at that moment is half an attribution. So only the routes no employee calls as an
//! employee are counted: those for owners or admins only, and health (see [`counted`]). The
//! mail gauges count only mails queued before the previous hour began (`mail::backlog`): a mail
//! keeps only its hour, and enters the counts when an hour begins, never when someone asks for
//! a sign-in link.

mod loop_figures;
mod scrape;

pub use scrape::serve_metrics;

use std::collections::HashMap;
use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::Method;
use actix_web::middleware::Next;
use actix_web::web;
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{Histogram, exponential_buckets};
use prometheus_client::registry::Registry;

use crate::openapi::{Document, roles_of};

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Answered {
    method: String,
    route: String,
    status: u16,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Route {
    method: String,
    route: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Job {
    job: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct MailState {
    state: String,
}

#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
struct Day {
    day: String,
}

fn latency() -> Histogram {
    // 5 ms to about 10 s.
    Histogram::new(exponential_buckets(0.005, 2.0, 12))
}

/// One replica's metrics (a registry per application: tests run many in one process).
pub struct Metrics {
    registry: Registry,
    /// Route pattern → the methods counted on it (looked up without allocating, per request).
    counted: HashMap<String, Vec<Method>>,
    requests: Family<Answered, Counter>,
    durations: Family<Route, Histogram, fn() -> Histogram>,
    mail_waiting: Gauge,
    mail_oldest_seconds: Gauge,
    mail_dead: Gauge,
    database_up: Gauge,
    jobs_up: Family<Job, Gauge>,
    job_restarts: Family<Job, Gauge>,
    outbox: Family<MailState, Gauge>,
    promises_breached: Family<Day, Gauge>,
}

impl Metrics {
    /// Metrics for the routes of `document`, counting those [`counted`] allows.
    pub fn new(document: &Document) -> Self {
        let mut registry = Registry::with_prefix("earshot");
        let requests = Family::<Answered, Counter>::default();
        registry.register(
            "http_requests",
            "Requests answered, by route pattern and status (owner, admin and health routes only)",
            requests.clone(),
        );
        let durations = Family::<Route, Histogram, fn() -> Histogram>::new_with_constructor(latency);
        registry.register(
            "http_request_duration_seconds",
            "Time to answer, by route pattern (the routes counted above)",
            durations.clone(),
        );
        let gauge = |registry: &mut Registry, name: &str, help: &str| {
            let g = Gauge::default();
            registry.register(name, help, g.clone());
            g
        };
        let mail_waiting =
            gauge(&mut registry, "mail_waiting", "Mails not yet sent, queued before the previous hour began");
        let mail_oldest_seconds = gauge(
            &mut registry,
            "mail_oldest_waiting_seconds",
            "How long the oldest of those has waited (0: none)",
        );
        let mail_dead =
            gauge(&mut registry, "mail_dead", "Mails given up on, queued before the previous hour began");
        let database_up = gauge(&mut registry, "database_up", "1 when the database answered this scrape");
        let jobs_up = Family::<Job, Gauge>::default();
        registry.register(
            "job_up",
            "1 when the background job runs, 0 while it waits to restart",
            jobs_up.clone(),
        );
        let job_restarts = Family::<Job, Gauge>::default();
        registry.register(
            "job_restarts",
            "Times the background job stopped and was started again since this replica started",
            job_restarts.clone(),
        );
        let outbox = Family::<MailState, Gauge>::default();
        registry.register(
            "mail_outbox",
            "Mails in the outbox by state, queued before the previous hour began",
            outbox.clone(),
        );
        let promises_breached = Family::<Day, Gauge>::default();
        registry.register(
            "promises_breached",
            "Customers whose promise broke (answered late or not at all), the organisation's today so far and yesterday",
            promises_breached.clone(),
        );
        Self {
            registry,
            counted: counted(document),
            requests,
            durations,
            mail_waiting,
            mail_oldest_seconds,
            mail_dead,
            database_up,
            jobs_up,
            job_restarts,
            outbox,
            promises_breached,
        }
    }

    /// Whether requests of this (method, route pattern) are counted (and logged one by one).
    pub fn counts(&self, method: &Method, route: &str) -> bool {
        self.counted.get(route).is_some_and(|methods| methods.contains(method))
    }

    fn observe(&self, method: &Method, route: &str, status: u16, seconds: f64) {
        if !self.counts(method, route) {
            return;
        }
        let (method, route) = (method.as_str().to_owned(), route.to_owned());
        self.requests.get_or_create(&Answered { method: method.clone(), route: route.clone(), status }).inc();
        self.durations.get_or_create(&Route { method, route }).observe(seconds);
    }
}

/// The operations whose requests are counted: health, and those for owners or admins only.
/// Everything an employee calls — sign-in and the session, their profile, the settings the
/// capture form reads, capture, reading remarks, their own remarks and answers — is not; nor is
/// `/metrics` itself.
pub fn counted(document: &Document) -> HashMap<String, Vec<Method>> {
    let mut counted: HashMap<String, Vec<Method>> = HashMap::new();
    for (method, path, _) in document.operations().filter(|(_, path, op)| is_counted(path, op)) {
        counted.entry(path).or_default().push(method);
    }
    counted
}

fn is_counted(path: &str, op: &utoipa::openapi::path::Operation) -> bool {
    let tag = op.tags.as_ref().and_then(|t| t.first()).map(String::as_str);
    let health = tag == Some("operations") && path != "/metrics" && !path.ends_with("openapi.json");
    let staff_only = roles_of(op).is_some_and(|r| !r.is_empty() && !r.iter().any(|r| r == "employee"));
    health || staff_only
}

/// Counts each answered request of a counted route (after the routing, so the pattern is known).
pub async fn record(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let started = Instant::now();
    let method = req.method().clone();
    let res = next.call(req).await?;
    if let (Some(metrics), Some(route)) =
        (res.request().app_data::<web::Data<Metrics>>(), res.request().match_pattern())
    {
        metrics.observe(&method, &route, res.status().as_u16(), started.elapsed().as_secs_f64());
    }
    Ok(res)
}
