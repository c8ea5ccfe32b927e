//! The test harness: the real app per test, on port 0, over a fresh SQLite file or a fresh
//! PostgreSQL database (earshot_test_<epoch>_<random>, dropped afterwards; leftovers older than
//! two hours are swept once per run).

use std::sync::{Arc, Once};

use actix_web::dev::ServerHandle;
use actix_web::{get, post, web};
use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use earshot::Application;
use earshot::clock::{Clock, ManualClock};
use earshot::config::{LogFormat, Settings};
use earshot::db::DatabaseUrl;
use earshot::people::{Person, Role, Roles, Status};
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

    /// Settings for an app on this database: port 0, one worker, data and keys in the temp dir
    /// (keys made beforehand, as an operator does for PostgreSQL).
    pub fn settings(&self) -> Settings {
        let key_dir = self.dir.path().join("keys");
        earshot::keys::generate_missing(&key_dir).expect("keys");
        Settings {
            data_dir: self.dir.path().join("data"),
            database_url: Some(self.url_string()),
            key_dir,
            port: 0,
            workers: Some(1),
            db_pool_size: 4,
            log_format: LogFormat::Json,
            ..Settings::default()
        }
    }
}

impl TestDb {
    /// The PostgreSQL database's name (`None` on SQLite).
    pub fn pg_name(&self) -> Option<&str> {
        self.pg_name.as_deref()
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
#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Probe {
    pub name: String,
    pub count: u32,
    pub tags: Vec<String>,
    pub nested: Option<ProbeNested>,
}

#[derive(Debug, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ProbeNested {
    pub level: u8,
}

/// Echoes a valid [`Probe`]. Mounted only by this harness, so in its API document only.
#[utoipa::path(tag = "test", request_body = Probe, responses((status = 200, body = Probe)))]
#[post("/test/probe")]
async fn probe(body: ApiJson<Probe>) -> web::Json<Probe> {
    web::Json(body.0)
}

/// A route only feedback owners may call, mounted by this harness: the authorization walk must
/// find it in the document and hold it to its extractor.
#[utoipa::path(tag = "test", security(("session" = ["owner"])), responses((status = 204)))]
#[get("/test/owners")]
async fn owners_only(_: earshot::auth::Owner) -> actix_web::HttpResponse {
    actix_web::HttpResponse::NoContent().finish()
}

fn probe_routes(cfg: &mut earshot::web::Routes) {
    cfg.service(probe).service(owners_only);
}

pub struct TestApp {
    pub address: String,
    pub port: u16,
    pub client: reqwest::Client,
    pub clock: ManualClock,
    pub mailer: earshot::mail::Mailer,
    /// The SMTP sink, when the app was started with one.
    pub smtp: Option<MailSink>,
    /// The settings it was started with (a replica gets the same).
    pub settings: Settings,
    handle: ServerHandle,
    /// Its background jobs (stopped when it is dropped).
    pub jobs: Arc<earshot::jobs::Jobs>,
    // Dropped last: the server's connections go before the database does.
    pub db: TestDb,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        // Sends the stop command now; the server winds down with the test's runtime. The
        // background threads stop before the test database is dropped.
        drop(self.handle.stop(false));
        self.jobs.stop();
    }
}

/// 2026-11-23T10:00:00Z, where every test's clock starts.
pub const T0: i64 = 1_795_428_000;

/// How an app is started: with an SMTP sink or not, and any settings changed.
#[derive(Default)]
pub struct Options {
    pub smtp: bool,
    pub tweak: Option<fn(&mut Settings)>,
}

/// Start the app on `backend` with a manual clock at [`T0`] and no SMTP (mail goes to .eml files).
pub async fn spawn_app(backend: Backend) -> TestApp {
    spawn_app_on(TestDb::new(backend)).await
}

/// Start the app with a real SMTP server (aiosmtpd) receiving its mail.
pub async fn spawn_app_with_smtp(backend: Backend) -> TestApp {
    spawn(TestDb::new(backend), Options { smtp: true, tweak: None }).await
}

pub async fn spawn_app_on(db: TestDb) -> TestApp {
    spawn(db, Options::default()).await
}

pub async fn spawn(db: TestDb, options: Options) -> TestApp {
    logs::capture();
    let clock = ManualClock::at(T0);
    let mut settings = db.settings();
    let smtp = options.smtp.then(MailSink::start);
    if let Some(sink) = &smtp {
        settings.smtp_host = Some("127.0.0.1".into());
        settings.smtp_port = Some(sink.port);
        settings.smtp_tls = earshot::config::SmtpTls::None;
    }
    if let Some(tweak) = options.tweak {
        tweak(&mut settings);
    }
    let running = Running::start(settings.clone(), &clock, Some(Arc::new(probe_routes))).await;
    TestApp {
        address: running.base.clone(),
        port: running.port,
        client: reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client"),
        clock,
        mailer: running.mailer.clone(),
        smtp,
        settings,
        handle: running.handle.clone(),
        jobs: Arc::clone(&running.jobs),
        db,
    }
}

/// A started app: where it listens and how to stop it.
pub struct Running {
    pub base: String,
    pub port: u16,
    pub mailer: earshot::mail::Mailer,
    handle: ServerHandle,
    /// Its background jobs (stopped when it is dropped).
    pub jobs: Arc<earshot::jobs::Jobs>,
}

impl Running {
    async fn start(
        settings: Settings,
        clock: &ManualClock,
        routes: Option<earshot::startup::RouteHook>,
    ) -> Self {
        let app =
            Application::build_with(settings, Arc::new(clock.clone()), routes).await.expect("the app starts");
        let running = Running {
            base: format!("http://127.0.0.1:{}", app.port()),
            port: app.port(),
            mailer: app.mailer(),
            handle: app.handle(),
            jobs: app.jobs(),
        };
        tokio::spawn(app.run_until_stopped());
        running
    }
}

/// A second earshot process on the same database and keys: a replica, or a restart. Stopped
/// when dropped.
pub struct Replica(Running);

impl std::ops::Deref for Replica {
    type Target = Running;
    fn deref(&self) -> &Running {
        &self.0
    }
}

impl Drop for Replica {
    fn drop(&mut self) {
        drop(self.0.handle.stop(false));
        self.0.jobs.stop();
    }
}

impl TestApp {
    /// Start another process with this app's settings and clock.
    pub async fn replica(&self) -> Replica {
        Replica(Running::start(self.settings.clone(), &self.clock, None).await)
    }

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

    /// A new browser (its own cookies) with a CSRF token.
    pub async fn browser(&self) -> Browser {
        Browser::open(&self.address).await
    }

    /// Move the clock and let the mail worker look again.
    pub fn advance(&self, secs: i64) {
        self.clock.advance(secs);
        self.mailer.wake();
    }

    /// A person with a password, straight into the database (tests of other things than
    /// invitations start from here).
    pub fn add_person(&self, email: &str, roles: &[Role], password: &str) -> Person {
        let person = Person {
            id: uuid::Uuid::new_v4().to_string(),
            email: email.to_owned(),
            display_name: email.split('@').next().unwrap_or(email).to_owned(),
            password_hash: Some(earshot::auth::password::hash(password).expect("hash")),
            roles: Roles::from_list(roles),
            language: earshot::i18n::Lang::Nl,
            status: Status::Active,
            messenger_epoch: 0,
            token_generation: 0,
            created_at: T0,
        };
        earshot::people::insert(&mut self.db.connect(), &person).expect("insert person");
        person
    }

    /// A signed-in browser for a new person with these roles.
    pub async fn signed_in(&self, email: &str, roles: &[Role]) -> Browser {
        self.add_person(email, roles, PASSWORD);
        let browser = self.browser().await;
        let res = browser.sign_in(email, PASSWORD).await;
        assert_eq!(res.status(), 200, "sign-in of {email}");
        browser
    }
}

impl TestApp {
    /// Reset `email`'s password as the mailed link does (a new messenger epoch, every session
    /// ended), and sign in with the new one in a new browser.
    pub async fn reset_and_sign_in(&self, email: &str) -> Browser {
        const NEW: &str = "a brand new passphrase here";
        let person =
            earshot::people::find_by_email(&mut self.db.connect(), email).expect("q").expect("person");
        let hash = earshot::auth::password::hash(NEW).expect("hash");
        earshot::people::set_password(&mut self.db.connect(), &person.id, &hash, true).expect("reset");
        let browser = self.browser().await;
        assert_eq!(browser.sign_in(email, NEW).await.status(), 200, "sign-in after the reset");
        browser
    }
}

/// Add the topic "Levering" (as `admin`) and return it.
pub async fn add_topic(admin: &Browser) -> serde_json::Value {
    let res = admin
        .post(
            "/api/v1/topics",
            &serde_json::json!({"labels": {"nl": "Levering", "fr": "Livraison", "en": "Delivery"}}),
        )
        .await;
    assert_eq!(res.status(), 201, "topic added");
    res.json().await.expect("topic")
}

/// The password [`TestApp::signed_in`] people have.
pub const PASSWORD: &str = "lamp cactus orbit meadow";

/// A browser: its own cookie jar, the CSRF header on every state-changing request. A clone is
/// another tab of the same browser.
#[derive(Clone)]
pub struct Browser {
    base: String,
    pub client: reqwest::Client,
    pub csrf: String,
}

impl Browser {
    pub async fn open(base: &str) -> Self {
        let client = reqwest::Client::builder()
            .cookie_store(true)
            // Below the server's 5 s keep-alive, so a pooled connection is never one it just closed.
            .pool_idle_timeout(std::time::Duration::from_secs(2))
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        let res = client.get(format!("{base}/api/v1/session/csrf")).send().await.expect("csrf");
        assert_eq!(res.status(), 200);
        let csrf =
            res.json::<serde_json::Value>().await.expect("json")["token"].as_str().expect("token").to_owned();
        Self { base: base.to_owned(), client, csrf }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> reqwest::Response {
        let mut req =
            self.client.request(method, format!("{}{path}", self.base)).header("x-csrf-token", &self.csrf);
        if let Some(body) = body {
            req = req.json(body);
        }
        req.send().await.expect("request")
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.send(reqwest::Method::POST, path, Some(body)).await
    }

    /// A fresh access token (after a test moved the clock past its 15 minutes).
    pub async fn refresh(&self) {
        let res = self.post("/api/v1/session/refresh", &serde_json::json!({})).await;
        assert_eq!(res.status(), 204, "refresh");
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> reqwest::Response {
        self.post("/api/v1/session", &serde_json::json!({"email": email, "password": password})).await
    }
}

/// A real SMTP server (aiosmtpd, see tests/smtp_sink.py) writing what it receives to a folder.
pub struct MailSink {
    pub port: u16,
    dir: TempDir,
    child: Option<std::process::Child>,
}

impl MailSink {
    pub fn start() -> Self {
        let dir = tempfile::tempdir().expect("sink dir");
        let (child, port) = Self::launch(dir.path(), 0);
        Self { port, dir, child: Some(child) }
    }

    fn launch(dir: &std::path::Path, port: u16) -> (std::process::Child, u16) {
        use std::io::BufRead;
        let python = std::env::var("EARSHOT_TEST_PYTHON").unwrap_or_else(|_| "/usr/bin/python3".into());
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/smtp_sink.py");
        let mut child = std::process::Command::new(&python)
            .arg(script)
            .arg(dir)
            .arg(port.to_string())
            .stdout(std::process::Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("cannot start the SMTP sink with {python} (tests/run installs aiosmtpd): {e}")
            });
        let stdout = child.stdout.take().expect("stdout");
        let mut line = String::new();
        std::io::BufReader::new(stdout).read_line(&mut line).expect("port line");
        let port = line
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("the SMTP sink did not start (is aiosmtpd installed for {python}?)"));
        (child, port)
    }

    /// Stop accepting mail (the server goes away).
    pub fn stop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }

    /// Start again on the same port.
    pub fn restart(&mut self) {
        self.stop();
        let (child, _) = Self::launch(self.dir.path(), self.port);
        self.child = Some(child);
    }

    /// Where the received messages are written, one .eml file each.
    pub fn dir(&self) -> &std::path::Path {
        self.dir.path()
    }

    /// Every message received so far, parsed.
    pub fn messages(&self) -> Vec<Received> {
        let mut paths: Vec<_> = std::fs::read_dir(self.dir.path())
            .expect("sink dir")
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|x| x == "eml"))
            .collect();
        paths.sort();
        paths.iter().map(|p| Received::parse(&std::fs::read(p).expect("read eml"))).collect()
    }

    /// Wait (on the condition, up to 15 s) until at least `n` messages arrived.
    pub async fn wait_for(&self, n: usize) -> Vec<Received> {
        wait_until(15, || {
            let messages = self.messages();
            (messages.len() >= n).then_some(messages)
        })
        .await
        .unwrap_or_else(|| panic!("expected {n} mails, got {}", self.messages().len()))
    }
}

impl Drop for MailSink {
    fn drop(&mut self) {
        self.stop();
    }
}

/// A received mail, decoded.
#[derive(Debug, Clone)]
pub struct Received {
    pub message_id: String,
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
}

impl Received {
    pub fn parse(bytes: &[u8]) -> Self {
        let m = mail_parser::MessageParser::default().parse(bytes).expect("a mail");
        Self {
            message_id: m.message_id().unwrap_or_default().to_owned(),
            to: m.to().and_then(|a| a.first()).and_then(|a| a.address()).unwrap_or_default().to_owned(),
            subject: m.subject().unwrap_or_default().to_owned(),
            text: m.body_text(0).map(|t| t.into_owned()).unwrap_or_default(),
            html: m.body_html(0).map(|t| t.into_owned()).unwrap_or_default(),
        }
    }

    /// The token after `#token=` in the mail's link.
    pub fn token(&self) -> String {
        let start = self.text.find("#token=").expect("a link with a token") + "#token=".len();
        self.text[start..].split_whitespace().next().expect("token").to_owned()
    }
}

/// Poll `check` every 20 ms until it yields, for at most `secs` seconds.
pub async fn wait_until<T>(secs: u64, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if std::time::Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
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

/// A digest of every row of every application table, to prove that requests wrote nothing.
pub fn database_digest(db: &TestDb) -> Vec<(String, i64, String)> {
    use earshot::db::introspect;
    #[derive(diesel::QueryableByName)]
    struct Digest {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
        #[diesel(sql_type = diesel::sql_types::Text)]
        content: String,
    }
    let mut conn = db.connect();
    let tables: std::collections::BTreeSet<String> =
        introspect::columns(&mut conn).expect("columns").into_iter().map(|c| c.table).collect();
    tables
        .into_iter()
        .map(|table| {
            let columns: Vec<String> = introspect::columns(&mut conn)
                .expect("columns")
                .into_iter()
                .filter(|c| c.table == table)
                .map(|c| match (c.family.as_str(), &db.url) {
                    ("binary", DatabaseUrl::Sqlite(_)) => format!("COALESCE(hex({}), '∅')", c.name),
                    ("binary", DatabaseUrl::Postgres(_)) => format!("COALESCE(encode({}, 'hex'), '∅')", c.name),
                    _ => format!("COALESCE(CAST({} AS TEXT), '∅')", c.name),
                })
                .collect();
            let row = columns.join(" || '|' || ");
            let agg = match &db.url {
                DatabaseUrl::Sqlite(_) => "group_concat(r, ';')".to_owned(),
                DatabaseUrl::Postgres(_) => "string_agg(r, ';' ORDER BY r)".to_owned(),
            };
            let sql = format!(
                "SELECT COUNT(*) AS n, COALESCE({agg}, '') AS content FROM (SELECT {row} AS r FROM {table} ORDER BY r) AS t"
            );
            let d: Digest = sql_query(sql).get_result(&mut conn).expect("digest");
            (table, d.n, d.content)
        })
        .collect()
}

/// Every line the apps in this test process log, in the production JSON format, kept for the
/// anonymity audit (which looks for its own users' identifiers, so other tests' lines are
/// harmless noise). Captured at debug level, trace for earshot: stricter than any deployment.
pub mod logs {
    use std::sync::{Mutex, Once};

    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{EnvFilter, Layer};

    static LINES: Mutex<Vec<u8>> = Mutex::new(Vec::new());

    struct Sink;

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            LINES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Install the capturing subscriber (once per process). EARSHOT_TEST_LOG=debug also shows
    /// the logs while debugging a test.
    pub fn capture() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let captured = earshot::telemetry::json_layer(|| Sink).with_filter(EnvFilter::new(
                "debug,earshot=trace,reqwest=off,hyper=off,hyper_util=off,h2=off,rustls=off",
            ));
            let shown = std::env::var("EARSHOT_TEST_LOG").ok().map(|filter| {
                tracing_subscriber::fmt::layer().with_test_writer().with_filter(EnvFilter::new(filter))
            });
            let _ = tracing_subscriber::registry().with(captured).with(shown).try_init();
        });
    }

    /// How many bytes were captured so far (a mark to read from).
    pub fn mark() -> usize {
        LINES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
    }

    /// The lines captured since `mark`.
    pub fn since(mark: usize) -> Vec<String> {
        let bytes = LINES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        String::from_utf8_lossy(bytes.get(mark..).unwrap_or_default()).lines().map(str::to_owned).collect()
    }
}

/// Where PostgreSQL writes its server log (tests/run finds it), and how far it was at `mark`.
pub struct ServerLog {
    path: std::path::PathBuf,
    start: u64,
}

impl ServerLog {
    /// None when the log is unknown: then the test says so, and fails under CI.
    pub fn mark() -> Option<Self> {
        let Some(path) = std::env::var_os("EARSHOT_TEST_PG_LOG").map(std::path::PathBuf::from) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "EARSHOT_TEST_PG_LOG is not set: PostgreSQL's server log must be read under CI"
            );
            eprintln!("EARSHOT_TEST_PG_LOG is not set: PostgreSQL's server log is not read in this run");
            return None;
        };
        let start = std::fs::metadata(&path).map(|m| m.len()).unwrap_or_else(|e| {
            panic!("cannot read PostgreSQL's server log {}: {e}", path.display());
        });
        Some(Self { path, start })
    }

    pub fn lines_since_mark(&self) -> Vec<String> {
        let bytes = std::fs::read(&self.path).expect("read the server log");
        String::from_utf8_lossy(bytes.get(self.start as usize..).unwrap_or_default())
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Make sure every line of the server log names its database (`%d` in `log_line_prefix`;
    /// Debian's default has it), so one test's lines can be told from another's. Set with
    /// ALTER SYSTEM and a reload when missing.
    pub fn name_databases() {
        let mut admin = pg_admin();
        #[derive(diesel::QueryableByName)]
        struct Prefix {
            #[diesel(sql_type = diesel::sql_types::Text)]
            log_line_prefix: String,
        }
        let prefix: Prefix =
            sql_query("SHOW log_line_prefix").get_result(&mut admin).expect("log_line_prefix");
        if !prefix.log_line_prefix.contains("%d") {
            sql_query("ALTER SYSTEM SET log_line_prefix = '%m [%p] %q%u@%d '")
                .execute(&mut admin)
                .expect("set");
            sql_query("SELECT pg_reload_conf()").execute(&mut admin).expect("reload");
        }
    }

    /// The ERROR (and worse) lines the server logged for database `name` since the mark.
    pub fn errors_of(&self, name: &str) -> Vec<String> {
        let tag = format!("@{name} ");
        self.lines_since_mark()
            .into_iter()
            .filter(|l| l.contains(&tag) && ["ERROR:", "FATAL:", "PANIC:"].iter().any(|e| l.contains(e)))
            .filter(|l| !l.contains("terminating connection due to administrator command"))
            .collect()
    }
}
