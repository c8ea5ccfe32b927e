//! The test harness: the real app per test, on port 0, over a fresh SQLite file or a fresh
//! PostgreSQL database (earshot_test_<epoch>_<random>, dropped afterwards; leftovers older than
//! two hours are swept once per run).

use std::sync::{Arc, Once};

use actix_web::dev::ServerHandle;
use actix_web::web;
use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use earshot::Application;
use earshot::clock::{Clock, ManualClock};
use earshot::config::{LogFormat, Settings};
use earshot::db::DatabaseUrl;
use earshot::web::ApiJson;
use serde::{Deserialize, Serialize};
use tempfile::TempDir;

/// Generates `sqlite` and `postgres` variants of an async test taking a [`Backend`].
/// The test script skips every test whose name contains `postgres` when PostgreSQL is absent
/// (and fails instead under CI).
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await;
            }
            #[tokio::test]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await;
            }
        }
    )+};
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// The maintenance database the PostgreSQL tests create their own databases from.
pub fn pg_admin_url() -> String {
    std::env::var("EARSHOT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

fn pg_admin() -> PgConnection {
    PgConnection::establish(&pg_admin_url()).unwrap_or_else(|e| {
        panic!(
            "PostgreSQL at EARSHOT_TEST_PG is unreachable ({e}); the test script skips these tests when it is"
        )
    })
}

const TEST_DB_PREFIX: &str = "earshot_test_";

fn now_secs() -> i64 {
    earshot::clock::SystemClock.now()
}

/// Drop test databases left behind by crashed runs (older than two hours, so never a live one).
fn sweep_leftovers(admin: &mut PgConnection) {
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        datname: String,
    }
    let names: Vec<Name> = sql_query(format!(
        "SELECT datname::text AS datname FROM pg_database WHERE datname LIKE '{TEST_DB_PREFIX}%'"
    ))
    .load(admin)
    .unwrap_or_default();
    for Name { datname } in names {
        let created: Option<i64> = datname
            .strip_prefix(TEST_DB_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|ts| ts.parse().ok());
        if created.is_none_or(|t| now_secs() - t > 2 * 3600) {
            let _ = sql_query(format!("DROP DATABASE IF EXISTS \"{datname}\" WITH (FORCE)")).execute(admin);
        }
    }
}

/// A database that belongs to one test and disappears with it.
pub struct TestDb {
    pub url: DatabaseUrl,
    /// Holds the data directory (and the SQLite file); removed on drop.
    pub dir: TempDir,
    pg_name: Option<String>,
}

impl TestDb {
    pub fn new(backend: Backend) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => {
                Self { url: DatabaseUrl::Sqlite(dir.path().join("earshot.sqlite3")), dir, pg_name: None }
            }
            Backend::Postgres => {
                static SWEEP: Once = Once::new();
                let mut admin = pg_admin();
                SWEEP.call_once(|| sweep_leftovers(&mut admin));
                let name = format!(
                    "{TEST_DB_PREFIX}{}_{}",
                    now_secs(),
                    uuid::Uuid::new_v4().simple().to_string().get(..12).unwrap_or("x")
                );
                sql_query(format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut admin)
                    .expect("create test database");
                let mut url = url::Url::parse(&pg_admin_url()).expect("EARSHOT_TEST_PG is a URL");
                url.set_path(&format!("/{name}"));
                Self { url: DatabaseUrl::Postgres(url.to_string()), dir, pg_name: Some(name) }
            }
        }
    }

    /// The URL as EARSHOT_DATABASE_URL would give it.
    pub fn url_string(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }

    pub fn connect(&self) -> earshot::db::DbConn {
        self.url.connect().expect("connect to the test database")
    }

    /// Settings for an app on this database: port 0, one worker, data in the temp dir.
    pub fn settings(&self) -> Settings {
        Settings {
            data_dir: self.dir.path().join("data"),
            database_url: Some(self.url_string()),
            port: 0,
            workers: Some(1),
            db_pool_size: 4,
            log_format: LogFormat::Json,
            ..Settings::default()
        }
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name {
            if let Ok(mut admin) = PgConnection::establish(&pg_admin_url()) {
                let _ =
                    sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&mut admin);
            }
        }
    }
}

/// A body with every kind of field, for exercising the shared JSON machinery.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Probe {
    pub name: String,
    pub count: u32,
    pub tags: Vec<String>,
    pub nested: Option<ProbeNested>,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProbeNested {
    pub level: u8,
}

/// POST /api/v1/test/probe echoes a valid [`Probe`]; mounted only by this harness.
fn probe_routes(cfg: &mut web::ServiceConfig) {
    cfg.service(
        web::resource("/test/probe")
            .route(web::post().to(|body: ApiJson<Probe>| async move { web::Json(body.0) })),
    );
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub client: reqwest::Client,
    /// Moves time for tests of promises and expiries (later suites).
    #[allow(dead_code)]
    pub clock: ManualClock,
    handle: ServerHandle,
    // Dropped last: the server's connections go before the database does.
    pub db: TestDb,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Sends the stop command now; the server winds down with the test's runtime.
        drop(self.handle.stop(false));
    }
}

/// Start the app on `backend` with a manual clock at 2026-11-23T10:00:00Z.
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_on(TestDb::new(backend)).await
}

pub async fn spawn_app_on(db: TestDb) -> TestApp {
    let clock = ManualClock::at(1_795_428_000);
    let app = Application::build_with(db.settings(), Arc::new(clock.clone()), Some(Arc::new(probe_routes)))
        .await
        .expect("the app starts");
    let port = app.port();
    let handle = app.handle();
    tokio::spawn(app.run_until_stopped());
    TestApp {
        address: format!("http://127.0.0.1:{port}"),
        port,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        clock,
        handle,
        db,
    }
}

impl TestApp {
    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(self.url(path)).send().await.expect("request")
    }

    /// A bodiless request with an Accept-Language header.
    pub async fn send_in(&self, method: reqwest::Method, path: &str, lang: &str) -> reqwest::Response {
        self.client
            .request(method, self.url(path))
            .header("accept-language", lang)
            .send()
            .await
            .expect("request")
    }
}

/// Assert a problem's status and `type` slug.
pub fn assert_kind(problem: &earshot::error::Problem, status: u16, slug: &str) {
    assert_eq!(
        (problem.status, problem.kind.as_str()),
        (status, format!("urn:earshot:problem:{slug}").as_str()),
        "{problem:?}"
    );
}

/// The parsed problem document of an error response, after checking its media type.
pub async fn problem(res: reqwest::Response) -> earshot::error::Problem {
    let content_type =
        res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(content_type, "application/problem+json", "status {}", res.status());
    let status = res.status().as_u16();
    let problem: earshot::error::Problem = res.json().await.expect("problem JSON");
    assert_eq!(problem.status, status, "the body's status matches the response's");
    problem
}
