//! `Application::build`: open and migrate the database, bind (port 0 in tests), assemble routes,
//! middleware and shared state. No globals: everything a handler needs is in [`AppState`].

use std::net::TcpListener;
use std::sync::Arc;

use actix_web::dev::{Server, ServerHandle};
use actix_web::middleware::{Compress, from_fn};
use actix_web::{App, HttpServer, web};

use tokio::sync::watch;
use tokio::task::JoinHandle;

use crate::auth::jwt::Signer;
use crate::auth::limits::Limits;
use crate::auth::token::ExpiryMask;
use crate::clock::{Clock, SystemClock};
use crate::config::{ConfigError, Settings};
use crate::db::{self, Db};
use crate::error;
use crate::mail::transport::Transport;
use crate::mail::worker::Worker;
use crate::mail::{Delivery, Mailer};
use crate::web::{BodyLimit, BodyTimeout, pwa};
use crate::{auth, instance, keys, people};

/// What every handler can reach.
pub struct AppState {
    pub db: Db,
    pub clock: Arc<dyn Clock>,
    pub settings: Arc<Settings>,
    pub signer: Signer,
    /// Hides the expiry inside one-time tokens (see `auth::token`).
    pub expiry_mask: ExpiryMask,
    pub limits: Limits,
    pub mail: Mailer,
    pub in_flight: Arc<crate::remarks::capture::InFlight>,
    pub messenger: Arc<crate::messenger::Messengers>,
}

pub use crate::routes::RouteHook;

/// Why the start failed, as one line. Configuration problems exit with 2, the rest with 1.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot open the database {target}: {reason}")]
    Database { target: String, reason: String },
    #[error("cannot migrate the database {target}: {reason}")]
    Migration { target: String, reason: String },
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: String, reason: String },
    /// A command could not do its work; the reason is for the operator.
    #[error("{0}")]
    Command(String),
}

impl StartError {
    pub fn exit_code(&self) -> u8 {
        match self {
            StartError::Config(_) => 2,
            _ => 1,
        }
    }
}

/// Errors from libpq and friends span lines; a start error is one line.
fn one_line(err: impl std::fmt::Display) -> String {
    err.to_string().split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Prepare the data directory, connect, migrate (PostgreSQL: under an advisory lock) and return
/// the pool. Blocking: call it from a blocking context.
pub fn open_database(settings: &Settings, clock: &dyn Clock) -> Result<Db, StartError> {
    settings.prepare_data_dir()?;
    let url = settings.database()?;
    let target = url.redacted();
    let mut conn =
        url.connect().map_err(|e| StartError::Database { target: target.clone(), reason: one_line(e) })?;
    privacy_checks(&mut conn, settings.strict_privacy)?;
    let applied = db::migrations::run(&mut conn)
        .map_err(|e| StartError::Migration { target: target.clone(), reason: one_line(e) })?;
    if !applied.is_empty() {
        tracing::info!(database = %target, migrations = applied.len(), "database migrated");
    }
    instance::record_installation(&mut conn, clock.now())
        .map_err(|e| StartError::Migration { target: target.clone(), reason: one_line(e) })?;
    let (rewritten, unsendable) = people::normalise_addresses(&mut conn)
        .map_err(|e| StartError::Migration { target: target.clone(), reason: one_line(e) })?;
    if rewritten > 0 {
        tracing::info!(rewritten, "e-mail addresses stored as the mailer writes them");
    }
    if unsendable > 0 {
        tracing::warn!(
            unsendable,
            "some accounts have an e-mail address no mail can be sent to: no sign-in link or reset reaches them"
        );
    }
    Db::open(&url, settings.db_pool_size).map_err(|e| StartError::Database { target, reason: one_line(e) })
}

/// On PostgreSQL: settings under which the server itself would record what earshot keeps out of
/// reach — statement parameters (who captured is sealed, but a logged INSERT next to a logged
/// sign-in is a link) or commit times. A loud warning, or a refusal with `strict_privacy`.
fn privacy_checks(conn: &mut db::DbConn, strict: bool) -> Result<(), StartError> {
    let db::DbConn::Pg(pg) = conn else { return Ok(()) };
    #[derive(diesel::QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        setting: String,
    }
    let rows: Vec<Setting> = diesel::RunQueryDsl::load(
        diesel::sql_query(
            "SELECT name::text AS name, setting::text AS setting FROM pg_settings \
             WHERE name IN ('log_statement', 'log_min_duration_statement', 'log_min_duration_sample', \
                            'log_parameter_max_length', 'track_commit_timestamp')",
        ),
        pg,
    )
    .unwrap_or_default();
    let value = |name: &str| rows.iter().find(|r| r.name == name).map(|r| r.setting.as_str());
    let mut risks = Vec::new();
    if matches!(value("log_statement"), Some("mod" | "all")) {
        risks.push("log_statement records data-changing statements");
    }
    if value("log_min_duration_statement").is_some_and(|v| v != "-1") {
        risks.push("log_min_duration_statement records statements");
    }
    if value("log_min_duration_sample").is_some_and(|v| v != "-1") {
        risks.push("log_min_duration_sample records statements");
    }
    if value("track_commit_timestamp") == Some("on") {
        risks.push("track_commit_timestamp records when each row was written");
    }
    if risks.is_empty() {
        return Ok(());
    }
    let what = risks.join("; ");
    if strict {
        return Err(StartError::Config(ConfigError::new(
            "strict_privacy",
            format!("a PostgreSQL server that keeps no statements or commit times, but {what}"),
        )));
    }
    tracing::warn!(risks = %what, "PRIVACY: this PostgreSQL server records what earshot keeps unlinkable; switch these off, or set strict_privacy to refuse to start");
    eprintln!(
        "earshot: WARNING (privacy): {what}. Switch these off in PostgreSQL, or set EARSHOT_STRICT_PRIVACY=1 to refuse to start."
    );
    Ok(())
}

pub struct Application {
    port: u16,
    server: Server,
    mailer: Mailer,
    stop_background: watch::Sender<bool>,
    stop_upkeep: Arc<std::sync::atomic::AtomicBool>,
    background: Vec<JoinHandle<()>>,
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
            tokio::task::spawn_blocking(move || open_database(&settings, clock.as_ref())).await.map_err(
                |e| StartError::Database { target: "(start-up task)".into(), reason: one_line(e) },
            )??
        };

        let keys = keys::load(&settings, db.backend())?;
        let keyring = crate::messenger::rotation::keyring(&settings.key_dir)
            .map_err(|expected| StartError::Config(ConfigError::new("key_dir", expected)))?;
        let messengers = Arc::new(crate::messenger::Messengers::new(keyring));
        let prepared = {
            let (db, messengers) = (db.clone(), Arc::clone(&messengers));
            tokio::task::spawn_blocking(move || db.with_conn(|conn| Ok(messengers.prepare(conn)))).await
        };
        match prepared {
            Ok(Ok(Ok(_))) => {}
            Ok(Ok(Err(expected))) => return Err(StartError::Config(ConfigError::new("key_dir", expected))),
            _ => {
                return Err(StartError::Database {
                    target: "(my-remarks index)".into(),
                    reason: "the seals could not be read".into(),
                });
            }
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
        let (stop_background, stopped) = watch::channel(false);
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
            expiry_mask: ExpiryMask::new(&keys.session),
            limits: Limits::new(
                settings.requests_per_minute_per_ip,
                settings.sign_in_attempts_per_minute,
                settings.captures_per_minute_per_ip,
                settings.trusted_proxies.clone(),
            ),
            mail: mailer.clone(),
            in_flight: Arc::default(),
            messenger: Arc::clone(&messengers),
            settings: Arc::new(settings),
        });
        let stop_upkeep = Arc::new(std::sync::atomic::AtomicBool::new(false));
        let pg_url = match state.settings.database()? {
            db::DatabaseUrl::Postgres(url) => Some(url),
            db::DatabaseUrl::Sqlite(_) => None,
        };
        crate::messenger::spawn_upkeep(
            Arc::clone(&messengers),
            state.db.clone(),
            pg_url,
            state.settings.key_dir.clone(),
            (
                std::time::Duration::from_secs(60),
                std::time::Duration::from_secs(state.settings.key_reload_secs),
            ),
            Arc::clone(&stop_upkeep),
        );
        let background = vec![
            tokio::spawn({
                let worker = Arc::new(worker);
                crate::mail::worker::supervise(mailer.health(), stopped.clone(), move |shutdown| {
                    let worker = Arc::clone(&worker);
                    async move { worker.run(shutdown).await }
                })
            }),
            tokio::spawn(housekeeping(state.clone().into_inner(), stopped)),
        ];

        let document = web::Data::new(crate::routes::document(extra_routes.as_ref()));
        let server = HttpServer::new(move || {
            let extra_routes = extra_routes.clone();
            App::new()
                .app_data(state.clone())
                .app_data(body_limit)
                .app_data(body_timeout)
                // Last wrapped runs first: log, then headers, then problem rendering, then
                // addresses no route could serve.
                .wrap(from_fn(crate::web::refuse_control_in_url))
                .wrap(from_fn(error::localize_problems))
                .wrap(crate::web::security_headers(hsts))
                .wrap(from_fn(crate::web::access_log))
                .app_data(document.clone())
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

        Ok(Self { port, server, mailer, stop_background, stop_upkeep, background })
    }

    /// The port actually bound (useful with port 0).
    pub fn port(&self) -> u16 {
        self.port
    }

    /// Stop the server gracefully from elsewhere.
    pub fn handle(&self) -> ServerHandle {
        self.server.handle()
    }

    /// A flag that stops the background threads (the my-remarks upkeep) when set; set by
    /// `run_until_stopped` at the end, and by whoever drops a running app without awaiting it.
    pub fn background_stopper(&self) -> Arc<std::sync::atomic::AtomicBool> {
        Arc::clone(&self.stop_upkeep)
    }

    /// Wake the mail worker (tests use it after moving the clock).
    pub fn mailer(&self) -> Mailer {
        self.mailer.clone()
    }

    /// Serve until SIGINT/SIGTERM (or the handle) stops the server; in-flight requests finish
    /// within the shutdown timeout, then the mail worker releases what it claimed.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let result = self.server.await;
        let _ = self.stop_background.send(true);
        self.stop_upkeep.store(true, std::sync::atomic::Ordering::Relaxed);
        for task in self.background {
            let _ = task.await;
        }
        result
    }
}

fn is_local(url: &str) -> bool {
    url::Url::parse(url)
        .ok()
        .and_then(|u| u.host_str().map(|h| matches!(h, "localhost" | "127.0.0.1" | "[::1]")))
        .unwrap_or(false)
}

/// The hourly purge: expired one-time and refresh tokens dropped, then gone from the files too
/// (the WAL truncated on SQLite, the tables vacuumed on PostgreSQL).
pub fn purge_expired(conn: &mut crate::db::DbConn, now: i64) -> diesel::QueryResult<()> {
    auth::one_time::purge_expired(conn, now)?;
    auth::session::purge_expired(conn, now)?;
    crate::db::forget_deleted(conn, &["one_time_tokens", "refresh_tokens"])
}

/// Periodic clean-up in every replica (idempotent, so N replicas may all do it): forget
/// recovered rate-limit keys each minute; drop expired one-time and refresh tokens each hour.
async fn housekeeping(state: Arc<AppState>, mut stop: watch::Receiver<bool>) {
    let mut minutes: u64 = 0;
    loop {
        tokio::select! {
            () = tokio::time::sleep(std::time::Duration::from_secs(60)) => {}
            _ = stop.changed() => return,
        }
        state.limits.sweep();
        minutes += 1;
        if minutes % 60 == 0 {
            let now = state.clock.now();
            let purged = state.db.run(move |conn| Ok(purge_expired(conn, now)?)).await;
            if purged.is_err() {
                tracing::warn!("housekeeping could not purge expired tokens; it tries again in an hour");
            }
        }
    }
}
