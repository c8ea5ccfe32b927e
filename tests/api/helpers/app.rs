//! The app under test: started on port 0 over its own database, with the probe routes; replicas.

use std::sync::Arc;

use actix_web::dev::ServerHandle;
use actix_web::{get, post, web};
use earshot::Application;
use earshot::clock::ManualClock;
use earshot::config::Settings;
use earshot::people::{Person, Role, Roles, Status};
use earshot::web::ApiJson;
use serde::{Deserialize, Serialize};

use super::*;

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

/// How a test app is started: `TestApp::on(backend)`, then what differs, then `.start()`.
/// By default a fresh database, a manual clock at [`T0`] and no SMTP (mail goes to .eml files).
#[must_use]
pub struct AppBuilder {
    db: TestDb,
    smtp: bool,
    tweak: Option<fn(&mut Settings)>,
}

impl TestApp {
    /// A test app on a fresh database of `backend`.
    pub fn on(backend: Backend) -> AppBuilder {
        Self::on_db(TestDb::new(backend))
    }

    /// A test app on `db` (one the test prepared).
    pub fn on_db(db: TestDb) -> AppBuilder {
        AppBuilder { db, smtp: false, tweak: None }
    }
}

impl AppBuilder {
    /// A real SMTP server (aiosmtpd) receives the app's mail.
    pub fn smtp(mut self) -> Self {
        self.smtp = true;
        self
    }

    /// An SMTP server when `wanted`.
    pub fn smtp_if(mut self, wanted: bool) -> Self {
        self.smtp = wanted;
        self
    }

    /// Change the settings before the start.
    pub fn tweak(mut self, tweak: fn(&mut Settings)) -> Self {
        self.tweak = Some(tweak);
        self
    }

    pub async fn start(self) -> TestApp {
        spawn(self.db, self.smtp, self.tweak).await
    }
}

/// The everyday shorthand: `TestApp::on(backend).start()`.
pub async fn spawn_app(backend: Backend) -> TestApp {
    TestApp::on(backend).start().await
}

async fn spawn(db: TestDb, smtp: bool, tweak: Option<fn(&mut Settings)>) -> TestApp {
    logs::capture();
    let clock = ManualClock::at(T0);
    let mut settings = db.settings();
    let smtp = smtp.then(MailSink::start);
    if let Some(sink) = &smtp {
        settings.smtp_host = Some("127.0.0.1".into());
        settings.smtp_port = Some(sink.port);
        settings.smtp_tls = earshot::config::SmtpTls::None;
    }
    if let Some(tweak) = tweak {
        tweak(&mut settings);
    }
    let running = Running::start(settings.clone(), &clock, Some(Arc::new(probe_routes))).await;
    TestApp {
        address: running.base.clone(),
        port: running.port,
        client: reqwest::Client::builder()
            // Below the server's 5 s keep-alive, as a browser's (helpers/browser.rs).
            .pool_idle_timeout(std::time::Duration::from_secs(2))
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
    /// Stop this process: the server (its requests finished) and its background jobs. What it
    /// wrote stays for a replica started after it — a restart.
    pub async fn stop(&self) {
        self.handle.stop(true).await;
        self.jobs.stop();
    }

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
            id: earshot::ids::PersonId::new(),
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
    /// Release every capture held, this hour's too (as `earshot release-held --now`): for the
    /// tests of what comes after a capture. The clock does not move.
    pub fn release_now(&self) -> usize {
        let keyring = earshot::messenger::rotation::keyring(&self.settings.key_dir).expect("keys");
        let seals = earshot::messenger::Seals::new(keyring);
        let next_hour = earshot::clock::to_hour(earshot::clock::Clock::now(&self.clock)) + 3600;
        // The app's own release job may hold the lock a moment (PostgreSQL): try again.
        for _ in 0..250 {
            let released =
                earshot::remarks::release::release_before(&mut self.db.connect(), &seals, next_hour, None);
            if let Some(n) = released.expect("release") {
                return n;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("another release held the lock for five seconds")
    }

    /// What the app's jobs alert owners with (its links, its keys, its mail worker).
    pub fn alerting(&self) -> earshot::news::alerts::Alerting {
        let keys = earshot::keys::load(&self.settings, self.db.url.backend()).expect("keys");
        earshot::news::alerts::Alerting {
            base_url: self.settings.base_url().to_owned(),
            sealer: earshot::auth::sealed::TokenSealer::new(&keys.session),
            mailer: Some(self.mailer.clone()),
        }
    }

    /// Release the captures of the hours that have ended by the app's clock (what the release
    /// job does at each hour, owners' alerts too). `release_now` alerts nobody: the tests of
    /// other things count their own mails.
    pub fn release_ended(&self) -> usize {
        let keyring = earshot::messenger::rotation::keyring(&self.settings.key_dir).expect("keys");
        let seals = earshot::messenger::Seals::new(keyring);
        let now = earshot::clock::Clock::now(&self.clock);
        for _ in 0..250 {
            let alerting = self.alerting();
            let released =
                earshot::remarks::release::release_due(&mut self.db.connect(), &seals, now, Some(&alerting));
            if let Some(n) = released.expect("release") {
                return n;
            }
            std::thread::sleep(std::time::Duration::from_millis(20));
        }
        panic!("another release held the lock for five seconds")
    }

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
