//! Sessions that really end: after a password change, a reset, disabling, re-enabling and a
//! sign-out, the tokens held before are refused on every route — capture included — on this
//! replica and on another one, also one started afterwards. And lockout without locking out.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, Browser, PASSWORD, TestApp};
use earshot::people::Role;

/// The cookies of one signed-in browser, kept aside: presented again after the browser (or the
/// server) forgot them, as a thief who copied them would.
struct Kept {
    cookie: String,
    csrf: String,
}

impl Kept {
    fn from(browser: &Browser, signed_in: &reqwest::Response) -> Self {
        let mut cookie: Vec<String> =
            signed_in.cookies().map(|c| format!("{}={}", c.name(), c.value())).collect();
        cookie.push(format!("earshot_csrf={}", browser.csrf));
        assert_eq!(cookie.len(), 3, "an access and a refresh cookie: {cookie:?}");
        Self { cookie: cookie.join("; "), csrf: browser.csrf.clone() }
    }

    async fn send(
        &self,
        base: &str,
        method: Method,
        path: &str,
        body: Option<serde_json::Value>,
    ) -> StatusCode {
        let mut req = reqwest::Client::new()
            .request(method, format!("{base}{path}"))
            .header("cookie", &self.cookie)
            .header("x-csrf-token", &self.csrf);
        if let Some(body) = body {
            req = req.json(&body);
        }
        req.send().await.expect("request").status()
    }

    /// What these cookies are answered on the routes a person uses, capture included.
    async fn answers(&self, base: &str) -> Vec<(String, StatusCode)> {
        let capture = json!({
            "id": uuid::Uuid::new_v4().to_string(),
            "customer": {"name": "Mevrouw Peeters", "language": "nl"},
            "facts": "De taart was te laat.",
            "feeling": {"level": "frustrated"},
            "place": {"kind": "shop"},
        });
        vec![
            ("GET /me".into(), self.send(base, Method::GET, "/api/v1/me", None).await),
            ("GET /remarks".into(), self.send(base, Method::GET, "/api/v1/remarks", None).await),
            ("GET /my-remarks".into(), self.send(base, Method::GET, "/api/v1/my-remarks", None).await),
            ("POST /remarks".into(), self.send(base, Method::POST, "/api/v1/remarks", Some(capture)).await),
            (
                "POST /session/refresh".into(),
                self.send(base, Method::POST, "/api/v1/session/refresh", Some(json!({}))).await,
            ),
        ]
    }

    async fn all_work(&self, base: &str) {
        for (route, status) in self.answers(base).await {
            assert!(status.is_success(), "{route}: {status} before the session ended");
        }
    }

    /// Every route refuses these cookies, within `secs` (another replica may hear of it late).
    async fn refused_within(&self, base: &str, secs: u64, what: &str) {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
        loop {
            let answers = self.answers(base).await;
            if answers.iter().all(|(_, s)| *s == StatusCode::UNAUTHORIZED) {
                return;
            }
            assert!(std::time::Instant::now() < deadline, "{what}: still accepted at {base}: {answers:?}");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
}

#[derive(Clone, Copy, Debug)]
enum Ending {
    PasswordChange,
    Reset,
    Disable,
    Reenable,
    SignOut,
}

async fn patch_status(admin: &Browser, person: &earshot::people::Person, status: &str) {
    let path = format!("/api/v1/people/{}", person.id.as_str());
    let res = admin.send(Method::PATCH, &path, Some(&json!({"status": status}))).await;
    assert_eq!(res.status(), 200, "{status}");
}

async fn end(
    app: &TestApp,
    ending: Ending,
    old: &Browser,
    person: &earshot::people::Person,
    admin: &Browser,
) {
    let email = &person.email;
    match ending {
        Ending::PasswordChange => {
            let here = app.browser().await;
            assert_eq!(here.sign_in(email, PASSWORD).await.status(), 200);
            let change = json!({"current_password": PASSWORD, "new_password": "quiet orange bridge falcon"});
            assert_eq!(here.post("/api/v1/me/password", &change).await.status(), 200);
        }
        Ending::Reset => {
            let phone = app.browser().await;
            assert_eq!(phone.post("/api/v1/password-reset", &json!({"email": email})).await.status(), 202);
            let token = app.smtp.as_ref().expect("sink").wait_for(1).await.remove(0).token();
            let body = json!({"token": token, "password": "harbour violet ticket seven"});
            assert_eq!(phone.post("/api/v1/password-reset/complete", &body).await.status(), 200);
        }
        Ending::Disable => patch_status(admin, person, "disabled").await,
        Ending::Reenable => {
            patch_status(admin, person, "disabled").await;
            patch_status(admin, person, "active").await;
        }
        Ending::SignOut => {
            assert_eq!(old.send(Method::DELETE, "/api/v1/session", None).await.status(), 204);
        }
    }
}

/// For each way a session ends: the tokens held before it are refused on every route, here, on
/// a replica that was running (by notification on PostgreSQL, by reconciliation on SQLite) and
/// on one started afterwards (a restart).
async fn an_ended_session_is_refused_everywhere(backend: Backend) {
    for ending in [Ending::PasswordChange, Ending::Reset, Ending::Disable, Ending::Reenable, Ending::SignOut]
    {
        let app = TestApp::on(backend).smtp().tweak(|s| s.session_reconcile_secs = 1).start().await;
        let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
        let person = app.add_person("ruben@example.be", &[Role::Employee], PASSWORD);
        let running = app.replica().await;
        let old = app.browser().await;
        let signed_in = old.sign_in(&person.email, PASSWORD).await;
        assert_eq!(signed_in.status(), 200);
        let kept = Kept::from(&old, &signed_in);
        kept.all_work(&app.address).await;
        kept.all_work(&running.base).await;

        end(&app, ending, &old, &person, &admin).await;
        let what = format!("{ending:?} ({backend:?})");
        kept.refused_within(&app.address, 0, &what).await;
        kept.refused_within(&running.base, 5, &format!("{what}, the running replica")).await;
        let restarted = app.replica().await;
        kept.refused_within(&restarted.base, 0, &format!("{what}, a replica started afterwards")).await;
    }
}

/// A replica that hears nothing (the change was made in the database by hand, no notification)
/// learns it at its next reconciliation.
async fn a_replica_reconciles_what_it_did_not_hear(backend: Backend) {
    use diesel::RunQueryDsl;
    let app = TestApp::on(backend).tweak(|s| s.session_reconcile_secs = 1).start().await;
    let person = app.add_person("ines@example.be", &[Role::Employee], PASSWORD);
    let replica = app.replica().await;
    let browser = app.browser().await;
    let signed_in = browser.sign_in(&person.email, PASSWORD).await;
    let kept = Kept::from(&browser, &signed_in);
    kept.all_work(&replica.base).await;
    diesel::sql_query(format!(
        "UPDATE users SET status = 'disabled', token_generation = token_generation + 1 WHERE id = '{}'",
        person.id.as_str()
    ))
    .execute(&mut app.db.connect())
    .expect("disable by hand");
    kept.refused_within(&replica.base, 10, "a change made by hand").await;
    kept.refused_within(&app.address, 10, "a change made by hand, the first replica").await;
}

/// One browser signing out ends its own session only.
async fn a_sign_out_ends_only_its_own_session(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    app.add_person("lien@example.be", &[Role::Employee], PASSWORD);
    let (laptop, phone) = (app.browser().await, app.browser().await);
    let on_laptop = laptop.sign_in("lien@example.be", PASSWORD).await;
    let kept_laptop = Kept::from(&laptop, &on_laptop);
    let on_phone = phone.sign_in("lien@example.be", PASSWORD).await;
    let kept_phone = Kept::from(&phone, &on_phone);
    assert_eq!(laptop.send(Method::DELETE, "/api/v1/session", None).await.status(), 204);
    kept_laptop.refused_within(&app.address, 0, "the signed-out laptop").await;
    kept_phone.all_work(&app.address).await;
}

both_backends!(
    an_ended_session_is_refused_everywhere,
    a_replica_reconciles_what_it_did_not_hear,
    a_sign_out_ends_only_its_own_session
);

/// A client behind the trusted proxy (127.0.0.1), as the address it forwards.
async fn sign_in_from(app: &TestApp, address: &str, password: &str) -> StatusCode {
    let browser = app.browser().await;
    browser
        .client
        .post(app.url("/api/v1/session"))
        .header("x-csrf-token", &browser.csrf)
        .header("x-forwarded-for", address)
        .json(&json!({"email": "tom@example.be", "password": password}))
        .send()
        .await
        .expect("request")
        .status()
}

/// A hundred wrong guesses from one address do not keep the person out from another; guesses
/// spread over many addresses still stop at the account's ceiling.
#[tokio::test]
async fn guesses_lock_out_their_own_address_and_the_ceiling_holds_across_addresses() {
    let app = TestApp::on(Backend::Sqlite)
        .tweak(|s| {
            s.trusted_proxies = vec!["127.0.0.1".parse().expect("ip")];
            s.requests_per_minute_per_ip = 1000;
        })
        .start()
        .await;
    app.add_person("tom@example.be", &[Role::Employee], PASSWORD);
    let mut refused = 0;
    for _ in 0..100 {
        let status = sign_in_from(&app, "203.0.113.9", "a wrong guess").await;
        assert!(matches!(status.as_u16(), 401 | 429), "{status}");
        refused += usize::from(status == StatusCode::TOO_MANY_REQUESTS);
    }
    assert!(refused >= 90, "the guessing address is slowed down: {refused} of 100 refused");
    assert_eq!(sign_in_from(&app, "198.51.100.7", PASSWORD).await, StatusCode::OK, "the person, elsewhere");

    // Spread over many addresses, five guesses each at most: the account's ceiling (30 a
    // minute) stops them, and then no address gets through.
    let mut statuses = Vec::new();
    for i in 0..40 {
        statuses.push(sign_in_from(&app, &format!("192.0.2.{i}"), "another guess").await);
    }
    assert!(statuses.contains(&StatusCode::TOO_MANY_REQUESTS), "the ceiling: {statuses:?}");
    assert_eq!(sign_in_from(&app, "192.0.2.200", PASSWORD).await, StatusCode::TOO_MANY_REQUESTS);
}
