//! `Application::build`: open the database (`db::open`), load the keys, bind (port 0 in tests),
//! start the background jobs, assemble routes, middleware and the shared [`AppState`]. No
//! globals. Nothing else imports this module: it sits on top of every domain.

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};

use crate::auth::jwt::Signer;
use crate::auth::limits::Limits;
use crate::auth::sealed::TokenSealer;
use crate::auth::standing::{self, Standing};
use crate::clock::{Clock, SystemClock};
use crate::config::{ConfigError, Settings};
use crate::db;
use crate::error::{self, StartError, one_line};
use crate::jobs::Jobs;
use crate::mail::transport::Transport;
use crate::mail::worker::Worker;
use crate::mail::{Delivery, Mailer};
use crate::messenger::Seals;
use crate::state::AppState;
use crate::web::{BodyLimit, BodyTimeout, pwa};
use crate::{jobs, keys};

pub use crate::routes::RouteHook;

pub struct Application {
    port: u16,
    server: Server,
    mailer: Mailer,
    jobs: StopOnDrop,
}

/// The jobs, stopped when dropped: an application dropped without being run (a failed start, a
/// test) stops its jobs too, since the runtime waits for blocking jobs when it ends.
struct StopOnDrop(Arc<Jobs>);

impl Drop for StopOnDrop {
    fn drop(&mut self) {
        self.0.stop();
    }
}

impl Application {
    pub async fn build(settings: Settings) -> Result<Self, StartError> {
        Self::build_with(settings, Arc::new(SystemClock), None).await
    }

    pub async fn build_with(
        settings: Settings,
        clock: Arc<dyn Clock>,
        extra_routes: Option<RouteHook>,
    ) -> Result<Self, StartError> {
        let db = {
            let settings = settings.clone();
            let clock = Arc::clone(&clock);
            tokio::task::spawn_blocking(move || db::open::open_database(&settings, clock.as_ref()))
                .await
                .map_err(|e| StartError::Database { target: "(start-up task)".into(), reason: one_line(e) })??
        };

        let keys = keys::load(&settings, db.backend())?;
        let keyring = crate::messenger::rotation::keyring(&settings.key_dir)
            .map_err(|expected| StartError::Config(ConfigError::new("key_dir", expected)))?;
        let seals = Arc::new(Seals::new(keyring));
        // Fill the my-remarks index from the stored seals; a key that opens none of them is a
        // configuration error.
        let prepared = {
            let (db, seals) = (db.clone(), Arc::clone(&seals));
            tokio::task::spawn_blocking(move || db.with_conn(|conn| Ok(seals.prepare(conn)))).await
        };
        let unreadable = || StartError::Database {
            target: "(my-remarks index)".into(),
            reason: "the seals could not be read".into(),
        };
        prepared
            .map_err(|_| unreadable())?
            .map_err(|_| unreadable())?
            .map_err(|expected| StartError::Config(ConfigError::new("key_dir", expected)))?;
        // Who may act, from the database, before the first request.
        let standing = Arc::new(Standing::default());
        let loaded = {
            let (db, standing, now) = (db.clone(), Arc::clone(&standing), clock.now());
            tokio::task::spawn_blocking(move || db.with_conn(|conn| Ok(standing.reconcile(conn, now)?))).await
        };
        if !matches!(loaded, Ok(Ok(()))) {
            return Err(StartError::Database {
                target: "(sessions)".into(),
                reason: "the people and ended sessions could not be read".into(),
            });
        }
        let transport = Transport::from_settings(&settings)?;
        if transport.delivery() == Delivery::Files {
            tracing::warn!(
                directory = %settings.data_dir.join("mail").display(),
                "no SMTP relay configured (smtp_host): mails are written as .eml files and nobody receives them"
            );
        }
        if !settings.secure_cookies() && !is_local(&settings.public_url) {
            tracing::warn!("public_url is not https: browsers will send session cookies in the clear");
        }
        let mailer = Mailer::new(transport.delivery());

        let (host, port) = settings.listen_addr();
        let addr = format!("{host}:{port}");
        let bind_error = |e: std::io::Error| StartError::Bind { addr: addr.clone(), reason: one_line(e) };
        let listener = TcpListener::bind((host, port)).map_err(bind_error)?;
        let port = listener.local_addr().map_err(bind_error)?.port();

        let body_limit = BodyLimit(settings.body_limit_bytes);
        let body_timeout = BodyTimeout(std::time::Duration::from_secs(settings.body_timeout_secs));
        let hsts = settings.secure_cookies();
        let workers = settings.workers;
        let shutdown_timeout = settings.shutdown_timeout_secs;
        let jobs = Jobs::new();
        let worker = Worker {
            db: db.clone(),
            clock: Arc::clone(&clock),
            transport,
            wake: mailer.waker(),
            poll: std::time::Duration::from_secs(settings.mail_poll_secs),
        };
        let state = web::Data::new(AppState {
            db,
            clock,
            signer: Signer::new(&keys.session),
            sealer: TokenSealer::new(&keys.session),
            standing: Arc::clone(&standing),
            limits: Limits::new(&settings),
            mail: mailer.clone(),
            in_flight: Arc::default(),
            seals: Arc::clone(&seals),
            jobs: Arc::clone(&jobs),
            access: Default::default(),
            settings: Arc::new(settings),
        });
        let pg_url = match state.settings.database()? {
            db::DatabaseUrl::Postgres(url) => Some(url),
            db::DatabaseUrl::Sqlite(_) => None,
        };
        if let Some(url) = pg_url {
            let channels = [seals.channel(), standing.channel(Arc::clone(&state.clock))];
            let db = state.db.clone();
            jobs.spawn_blocking("replica-listener", move |shutdown| {
                db::listen::listen(&db, &url, &channels, &shutdown)
            });
        }
        standing::start_upkeep(
            &jobs,
            &standing,
            &state.db,
            &state.clock,
            std::time::Duration::from_secs(state.settings.session_reconcile_secs),
        );
        let alerting = crate::news::alerts::Alerting::of(&state);
        crate::remarks::release::start(
            &jobs,
            (&state.db, &seals, &alerting),
            &state.clock,
            std::time::Duration::from_secs(state.settings.release_check_secs),
        );
        crate::news::digest::start(
            &jobs,
            (&state.db, &state.clock),
            alerting,
            std::time::Duration::from_secs(state.settings.news_check_secs),
        );
        crate::messenger::start_upkeep(
            &jobs,
            &seals,
            &state.db,
            state.settings.key_dir.clone(),
            (
                std::time::Duration::from_secs(60),
                std::time::Duration::from_secs(state.settings.key_reload_secs),
            ),
        );
        let worker = Arc::new(worker);
        jobs.spawn("mail", move |shutdown| {
            let worker = Arc::clone(&worker);
            async move { worker.run(shutdown.receiver()).await }
        });
        let counted = state.clone().into_inner();
        jobs.spawn("access-counts", move |mut shutdown| {
            let counted = Arc::clone(&counted);
            async move {
                while shutdown.sleep(std::time::Duration::from_secs(60)).await {
                    counted.access.log_ended_day(counted.clock.now());
                }
                counted.access.log_all();
            }
        });
        let housekept = state.clone().into_inner();
        jobs.spawn("housekeeping", move |shutdown| jobs::housekeeping::run(Arc::clone(&housekept), shutdown));

        let document = web::Data::new(crate::routes::document(extra_routes.as_ref()));
        let metrics = web::Data::new(crate::metrics::Metrics::new(&document));
        let server = HttpServer::new(move || {
            let extra_routes = extra_routes.clone();
            App::new()
                .app_data(state.clone())
                .app_data(body_limit)
                .app_data(body_timeout)
                // Last wrapped runs first: log, count, then headers, then problem rendering, then
                // addresses no route could serve.
                .wrap(from_fn(crate::web::refuse_control_in_url))
                .wrap(from_fn(error::localize_problems))
                .wrap(crate::web::security_headers(hsts))
                .wrap(from_fn(crate::metrics::record))
                .wrap(from_fn(crate::web::access_log))
                .app_data(document.clone())
                .app_data(metrics.clone())
                .configure(|cfg| {
                    crate::routes::mount(&mut crate::web::Routes::new(cfg), extra_routes.as_ref())
                })
                // The front end, compressed. API responses are not compressed: they mix secrets
                // with reflected input (BREACH) and are small.
                .service(web::scope("").wrap(Compress::default()).default_service(web::to(pwa::serve)))
        })
        .workers(workers.unwrap_or_else(|| std::thread::available_parallelism().map_or(2, usize::from)))
        .shutdown_timeout(shutdown_timeout)
        .listen(listener)
        .map_err(bind_error)?
        .run();

        Ok(Self { port, server, mailer, jobs: StopOnDrop(jobs) })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stop the server gracefully from elsewhere.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// This replica's background jobs: `run_until_stopped` stops them at the end, and whoever
    /// drops a running app without awaiting it stops them (tests).
    pub fn jobs(&self) -> Arc<Jobs> {
        Arc::clone(&self.jobs.0)
    }

    /// Wake the mail worker (tests use it after moving the clock).
    pub fn mailer(&self) -> Mailer {
        self.mailer.clone()
    }

    /// Serve until SIGINT/SIGTERM (or the handle) stops the server; in-flight requests finish
    /// within the shutdown timeout, then the mail worker releases what it claimed.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        self.jobs.0.stop_and_wait().await;
        result
    }
}

fn is_local(url: &str) -> bool {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(|h| matches!(h, "localhost" | "127.0.0.1" | "[::1]")))
        .unwrap_or(false)
}
