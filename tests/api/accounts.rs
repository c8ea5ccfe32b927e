//! Accounts over HTTP: invitation by mail, sign-in, me, refresh, sign-out, mailed sign-in links,
//! password resets, rate limits, disabled accounts.

use earshot::clock::Clock;
use reqwest::Method;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, Browser, PASSWORD, TestApp, TestDb, assert_kind, problem, spawn_app};
use earshot::people::Role;

async fn invite(admin: &Browser, email: &str, lang: &str) -> serde_json::Value {
    let res = admin
        .post(
            "/api/v1/people",
            &json!({"email": email, "name": "Nele Smet", "roles": ["employee"], "language": lang}),
        )
        .await;
    assert_eq!(res.status(), 201);
    res.json().await.expect("person")
}

async fn invitation_sign_in_refresh_and_sign_out(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let person = invite(&admin, "Nele.Smet@Example.be", "nl").await;
    assert_eq!(person["email"], "nele.smet@example.be");
    assert_eq!(person["status"], "invited");

    let sink = app.smtp.as_ref().expect("sink");
    let mail = sink.wait_for(1).await.remove(0);
    assert_eq!(mail.to, "nele.smet@example.be");
    assert!(mail.subject.contains("uitgenodigd"), "{}", mail.subject);
    assert!(mail.text.contains("/invitation#token="), "{}", mail.text);
    assert!(mail.html.contains("/invitation#token="));
    let token = mail.token();

    let nele = app.browser().await;
    let res = nele.post("/api/v1/invitations/inspect", &json!({"token": token})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<serde_json::Value>().await.expect("json")["email"], "nele.smet@example.be");

    // A weak password is refused with a reason; the token still works afterwards.
    let p = problem(
        nele.post("/api/v1/invitations/accept", &json!({"token": token, "password": "nele2026"})).await,
    )
    .await;
    assert_kind(&p, 422, "invalid-body");
    assert_eq!(p.errors[0].pointer, "/password");
    assert!(!p.errors[0].detail.is_empty());

    let res = nele.post("/api/v1/invitations/accept", &json!({"token": token, "password": PASSWORD})).await;
    assert_eq!(res.status(), 200);
    let me: serde_json::Value = nele.get("/api/v1/me").await.json().await.expect("me");
    assert_eq!((me["email"].as_str(), me["status"].as_str()), (Some("nele.smet@example.be"), Some("active")));

    // Single use.
    let p = problem(
        nele.post("/api/v1/invitations/accept", &json!({"token": token, "password": PASSWORD})).await,
    )
    .await;
    assert_kind(&p, 410, "link-expired");

    // Sign in on another device; refresh works and writes nothing; sign-out ends it.
    let phone = app.browser().await;
    assert_eq!(phone.sign_in("nele.smet@example.be", PASSWORD).await.status(), 200);
    assert_eq!(phone.post("/api/v1/session/refresh", &json!({})).await.status(), 204);
    assert_eq!(phone.get("/api/v1/me").await.status(), 200);
    assert_eq!(phone.send(Method::DELETE, "/api/v1/session", None).await.status(), 204);
    assert_kind(&problem(phone.post("/api/v1/session/refresh", &json!({})).await).await, 401, "unauthorized");
    assert_kind(&problem(phone.get("/api/v1/me").await).await, 401, "unauthorized");
    // The first device is still signed in.
    assert_eq!(nele.get("/api/v1/me").await.status(), 200);
}

async fn access_tokens_expire_and_refresh_renews_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = app.signed_in("jan@example.be", &[Role::Employee]).await;
    app.advance(16 * 60);
    assert_eq!(browser.get("/api/v1/me").await.status(), 401, "the access token lives 15 minutes");
    assert_eq!(browser.post("/api/v1/session/refresh", &json!({})).await.status(), 204);
    assert_eq!(browser.get("/api/v1/me").await.status(), 200);
    // A week offline: the refresh token still works.
    app.advance(7 * 24 * 3600);
    assert_eq!(browser.post("/api/v1/session/refresh", &json!({})).await.status(), 204);
    // After 31 days it does not.
    app.advance(31 * 24 * 3600);
    assert_eq!(browser.post("/api/v1/session/refresh", &json!({})).await.status(), 401);
}

async fn sign_in_links_work_once_in_the_browser_that_asked(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    app.add_person("lotte@example.be", &[Role::Employee], PASSWORD);
    let sink = app.smtp.as_ref().expect("sink");

    let asking = app.browser().await;
    let res = asking.post("/api/v1/session/link", &json!({"email": "lotte@example.be"})).await;
    assert_eq!(res.status(), 202);
    // An unknown address gets the same answer, and no mail.
    let res = asking.post("/api/v1/session/link", &json!({"email": "nobody@example.be"})).await;
    assert_eq!(res.status(), 202);
    let mail = sink.wait_for(1).await.remove(0);
    assert!(mail.text.contains("/sign-in#token="), "{}", mail.text);
    let token = mail.token();

    let other = app.browser().await;
    let p = problem(other.post("/api/v1/session/link/redeem", &json!({"token": token})).await).await;
    assert_kind(&p, 403, "link-other-browser");

    let res = asking.post("/api/v1/session/link/redeem", &json!({"token": token})).await;
    assert_eq!(res.status(), 200);
    assert_eq!(asking.get("/api/v1/me").await.status(), 200);
    let p = problem(asking.post("/api/v1/session/link/redeem", &json!({"token": token})).await).await;
    assert_kind(&p, 410, "link-expired");

    // A link older than 15 minutes does not work.
    let late = app.browser().await;
    assert_eq!(late.post("/api/v1/session/link", &json!({"email": "lotte@example.be"})).await.status(), 202);
    let token = sink.wait_for(2).await.remove(1).token();
    app.advance(16 * 60);
    assert_kind(
        &problem(late.post("/api/v1/session/link/redeem", &json!({"token": token})).await).await,
        410,
        "link-expired",
    );
    assert_eq!(sink.messages().len(), 2, "nothing for the unknown address");
}

async fn a_reset_ends_every_session_and_starts_a_new_messenger_epoch(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let laptop = app.signed_in("pieter@example.be", &[Role::Employee]).await;
    let phone = app.browser().await;
    assert_eq!(
        phone.post("/api/v1/password-reset", &json!({"email": "pieter@example.be"})).await.status(),
        202
    );
    let token = app.smtp.as_ref().expect("sink").wait_for(1).await.remove(0).token();
    let new_password = "harbour violet ticket seven";
    let res = phone
        .post("/api/v1/password-reset/complete", &json!({"token": token, "password": new_password}))
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(phone.get("/api/v1/me").await.status(), 200, "the resetting browser is signed in");

    // The old session is dead: its access token and its refresh token.
    assert_eq!(laptop.get("/api/v1/me").await.status(), 401);
    assert_eq!(laptop.post("/api/v1/session/refresh", &json!({})).await.status(), 401);
    // The old password no longer works, the new one does.
    let fresh = app.browser().await;
    assert_eq!(fresh.sign_in("pieter@example.be", PASSWORD).await.status(), 401);
    assert_eq!(fresh.sign_in("pieter@example.be", new_password).await.status(), 200);

    let person = earshot::people::find_by_email(&mut app.db.connect(), "pieter@example.be")
        .expect("query")
        .expect("person");
    assert_eq!(person.messenger_epoch, 1, "a reset starts a new messenger epoch");
    assert_kind(
        &problem(
            phone
                .post("/api/v1/password-reset/complete", &json!({"token": token, "password": new_password}))
                .await,
        )
        .await,
        410,
        "link-expired",
    );
}

async fn wrong_passwords_are_limited_and_unknown_accounts_look_the_same(backend: Backend) {
    let app = spawn_app(backend).await;
    app.add_person("tom@example.be", &[Role::Employee], PASSWORD);
    let browser = app.browser().await;
    let wrong = problem(browser.sign_in("tom@example.be", "not the password").await).await;
    let unknown = problem(browser.sign_in("ghost@example.be", "not the password").await).await;
    assert_kind(&wrong, 401, "invalid-credentials");
    assert_eq!(serde_json::to_string(&wrong).ok(), serde_json::to_string(&unknown).ok(), "same body");

    for _ in 0..4 {
        assert_eq!(browser.sign_in("tom@example.be", "still wrong").await.status(), 401);
    }
    let res = browser.sign_in("tom@example.be", PASSWORD).await;
    assert_eq!(res.status(), 429, "the sixth attempt in a minute is refused, even with the right password");
    let retry: u64 = res
        .headers()
        .get("retry-after")
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse().ok())
        .expect("Retry-After");
    assert!((1..=60).contains(&retry), "{retry}");
    assert_kind(&problem(res).await, 429, "too-many-requests");
}

async fn a_disabled_account_is_refused_everywhere(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let person = app.add_person("camille@example.be", &[Role::Employee], PASSWORD);
    let camille = app.browser().await;
    assert_eq!(camille.sign_in("camille@example.be", PASSWORD).await.status(), 200);

    let res = admin
        .send(
            Method::PATCH,
            &format!("/api/v1/people/{}", person.id.as_str()),
            Some(&json!({"status": "disabled"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    for path in ["/api/v1/me", "/api/v1/settings"] {
        assert_eq!(camille.get(path).await.status(), 401, "{path}");
    }
    assert_eq!(camille.post("/api/v1/session/refresh", &json!({})).await.status(), 401);
    assert_eq!(camille.sign_in("camille@example.be", PASSWORD).await.status(), 401);
    // Re-enabled, the person signs in again.
    let res = admin
        .send(
            Method::PATCH,
            &format!("/api/v1/people/{}", person.id.as_str()),
            Some(&json!({"status": "active"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(camille.sign_in("camille@example.be", PASSWORD).await.status(), 200);
}

async fn a_password_change_keeps_this_session_and_ends_the_others(backend: Backend) {
    let app = spawn_app(backend).await;
    let here = app.signed_in("emma@example.be", &[Role::Employee]).await;
    let there = app.browser().await;
    assert_eq!(there.sign_in("emma@example.be", PASSWORD).await.status(), 200);
    let p = problem(
        here.post("/api/v1/me/password", &json!({"current_password": "nope", "new_password": "x"})).await,
    )
    .await;
    assert_kind(&p, 403, "wrong-password");
    let res = here
        .post(
            "/api/v1/me/password",
            &json!({"current_password": PASSWORD, "new_password": "quiet orange bridge falcon"}),
        )
        .await;
    assert_eq!(res.status(), 200);
    assert_eq!(here.get("/api/v1/me").await.status(), 200);
    assert_eq!(there.get("/api/v1/me").await.status(), 401);
    let person =
        earshot::people::find_by_email(&mut app.db.connect(), "emma@example.be").expect("q").expect("p");
    assert_eq!(person.messenger_epoch, 0, "a change (not a reset) keeps the messenger epoch");
}

/// A refresh must write nothing: not a row, not a byte of the SQLite file or its WAL.
async fn a_refresh_writes_nothing(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = app.signed_in("nora@example.be", &[Role::Employee]).await;
    let before = crate::helpers::database_digest(&app.db);
    let files_before = sqlite_bytes(&app);
    for _ in 0..3 {
        assert_eq!(browser.post("/api/v1/session/refresh", &json!({})).await.status(), 204);
        assert_eq!(browser.get("/api/v1/me").await.status(), 200);
        assert_eq!(browser.get("/api/v1/settings").await.status(), 200);
    }
    assert_eq!(crate::helpers::database_digest(&app.db), before, "no row changed");
    assert_eq!(sqlite_bytes(&app), files_before, "no byte of the database or its WAL changed");
}

/// The hourly purge drops the sessions ended by a sign-out once their refresh tokens would have
/// expired, from the tables and from the files: on SQLite no byte of the session's hash is left
/// in the database file or its WAL; on PostgreSQL the table was vacuumed.
async fn the_hourly_purge_leaves_no_expired_session_in_the_files(backend: Backend) {
    use diesel::prelude::*;
    use earshot::db::schema::ended_sessions;
    let app = spawn_app(backend).await;
    let browser = app.signed_in("nora@example.be", &[Role::Employee]).await;
    assert_eq!(browser.send(reqwest::Method::DELETE, "/api/v1/session", None).await.status(), 204);
    let mut conn = app.db.connect();
    let hash: String = ended_sessions::table
        .select(ended_sessions::session_hash)
        .first(&mut conn)
        .expect("an ended session");
    let in_files = |app: &TestApp| {
        sqlite_bytes(app)
            .map(|(main, wal)| [main, wal].concat().windows(hash.len()).any(|w| w == hash.as_bytes()))
    };
    assert_ne!(in_files(&app), Some(false), "the search finds the token before the purge");

    app.advance(32 * 86_400);
    earshot::jobs::housekeeping::purge_expired(&mut conn, app.clock.now()).expect("purge");
    let left: i64 = ended_sessions::table.count().get_result(&mut conn).expect("count");
    assert_eq!(left, 0, "the expired session is gone from the table");
    match backend {
        Backend::Sqlite => assert_eq!(in_files(&app), Some(false), "and from the database file and its WAL"),
        Backend::Postgres => {
            #[derive(QueryableByName)]
            struct Vacuumed {
                #[diesel(sql_type = diesel::sql_types::Bool)]
                done: bool,
            }
            let vacuumed = crate::helpers::wait_until(5, || {
                diesel::sql_query(
                    "SELECT last_vacuum IS NOT NULL AS done FROM pg_stat_user_tables WHERE relname = 'ended_sessions'",
                )
                .get_result::<Vacuumed>(&mut app.db.connect())
                .ok()
                .filter(|v| v.done)
            })
            .await;
            assert!(vacuumed.is_some(), "ended_sessions was vacuumed");
        }
    }
}

fn sqlite_bytes(app: &TestApp) -> Option<(Vec<u8>, Vec<u8>)> {
    match &app.db.url {
        earshot::db::DatabaseUrl::Sqlite(path) => {
            let wal = std::fs::read(path.with_extension("sqlite3-wal")).unwrap_or_default();
            Some((std::fs::read(path).expect("db file"), wal))
        }
        earshot::db::DatabaseUrl::Postgres(_) => None,
    }
}

async fn the_demo_signs_in(backend: Backend) {
    let db = TestDb::new(backend);
    let mut conn = db.connect();
    earshot::db::migrations::run(&mut conn).expect("migrate");
    let accounts = earshot::demo::seed(&mut conn, crate::helpers::T0).expect("seed");
    drop(conn);
    assert_eq!(accounts.len(), 11);
    assert_eq!(accounts.iter().filter(|a| a.roles.owner).count(), 2);
    assert_eq!(accounts.iter().filter(|a| a.roles.admin).count(), 1);
    let app = TestApp::on_db(db).start().await;
    let browser = app.browser().await;
    let jan = accounts.iter().find(|a| a.email.starts_with("jan@")).expect("jan");
    assert_eq!(browser.sign_in(&jan.email, &jan.password).await.status(), 200);
    let settings: serde_json::Value = browser.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(settings["name"], "Bakkerij De Gouden Korst");
    assert_eq!(settings["topics"].as_array().map(Vec::len), Some(6));
    // The desk has a case of two, and suggests the third remark about the bread for it.
    let sofie = accounts.iter().find(|a| a.roles.owner).expect("an owner");
    let owner = app.browser().await;
    assert_eq!(owner.sign_in(&sofie.email, &sofie.password).await.status(), 200);
    let inbox: serde_json::Value =
        owner.get("/api/v1/desk/inbox?q=stokbrood").await.json().await.expect("inbox");
    let lone = inbox["items"][0]["remark"]["id"].as_str().expect("Mevrouw Verhoeven's remark").to_owned();
    let found: serde_json::Value = owner
        .get(&format!("/api/v1/desk/remarks/{lone}/suggestions"))
        .await
        .json()
        .await
        .expect("suggestions");
    let case = &found["items"][0]["case"];
    assert_eq!(
        (case["title"].as_str(), case["remarks"].as_i64()),
        (Some("Zaterdag om tien uur is het brood op"), Some(2)),
        "{found}"
    );
    // Two remarks are decided (out of the inbox), each its customer's answer.
    let decided = "SELECT COUNT(*) AS n FROM acknowledgements a JOIN decisions d ON d.id = a.decision_id \
        JOIN remarks r ON r.id = a.remark_id WHERE r.status = 'decided' AND NOT r.undecided";
    assert_eq!(crate::helpers::count(&app.db, decided), 2);
    let whole: serde_json::Value =
        owner.get("/api/v1/desk/inbox?limit=100").await.json().await.expect("inbox");
    assert!(!whole.to_string().contains("Familie Peeters"), "a decided remark is not in the inbox");
    assert!(
        earshot::demo::seed(&mut app.db.connect(), crate::helpers::T0).is_err(),
        "only into an empty installation"
    );
}

both_backends!(
    invitation_sign_in_refresh_and_sign_out,
    access_tokens_expire_and_refresh_renews_them,
    sign_in_links_work_once_in_the_browser_that_asked,
    a_reset_ends_every_session_and_starts_a_new_messenger_epoch,
    wrong_passwords_are_limited_and_unknown_accounts_look_the_same,
    a_disabled_account_is_refused_everywhere,
    link_requests_answer_before_the_address_is_looked_up,
    the_hourly_purge_leaves_no_expired_session_in_the_files,
    a_password_change_keeps_this_session_and_ends_the_others,
    a_refresh_writes_nothing,
    the_demo_signs_in,
);

/// A link or reset request answers before the address is looked up, so an address with an
/// account takes no longer than one without: shown by answering while the database is locked.
async fn link_requests_answer_before_the_address_is_looked_up(backend: Backend) {
    use diesel::connection::SimpleConnection;
    let app = TestApp::on(backend).smtp().start().await;
    app.add_person("lotte@example.be", &[Role::Employee], PASSWORD);
    let sink = app.smtp.as_ref().expect("sink");
    let browser = app.browser().await;
    let mut lock = app.db.connect();
    lock.batch_execute(match backend {
        Backend::Sqlite => "BEGIN IMMEDIATE",
        Backend::Postgres => "BEGIN; LOCK TABLE users IN ACCESS EXCLUSIVE MODE",
    })
    .expect("lock the database");
    // Well under SQLite's busy timeout (5 s): a handler that looked the address up first would
    // still be waiting for the lock.
    let within = std::time::Duration::from_secs(3);
    for (path, email) in [
        ("/api/v1/session/link", "lotte@example.be"),
        ("/api/v1/session/link", "nobody@example.be"),
        ("/api/v1/password-reset", "lotte@example.be"),
        ("/api/v1/password-reset", "nobody@example.be"),
    ] {
        let res = tokio::time::timeout(within, browser.post(path, &json!({"email": email})))
            .await
            .unwrap_or_else(|_| panic!("{path} for {email} waited for the database"));
        assert_eq!(res.status(), 202, "{path} for {email}");
    }
    lock.batch_execute("COMMIT").expect("unlock");
    // The work happens after the answer: a link and a reset, both to the known address.
    let mails = sink.wait_for(2).await;
    assert!(mails.iter().all(|m| m.to.contains("lotte@example.be")), "{mails:?}");
    let texts: Vec<&str> = mails.iter().map(|m| m.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.contains("/sign-in#token=")), "{texts:?}");
    assert!(texts.iter().any(|t| t.contains("/reset-password#token=")), "{texts:?}");
}

/// Same timing for an unknown account and a wrong password: both check one argon2 hash.
#[tokio::test]
async fn unknown_accounts_and_wrong_passwords_take_the_same_time() {
    let app = TestApp::on(Backend::Sqlite).tweak(|s| s.sign_in_attempts_per_minute = 1000).start().await;
    app.add_person("tom@example.be", &[Role::Employee], PASSWORD);
    let browser = app.browser().await;
    let mut known = Vec::new();
    let mut unknown = Vec::new();
    for i in 0..12 {
        let t = std::time::Instant::now();
        assert_eq!(browser.sign_in("tom@example.be", "wrong password").await.status(), 401);
        known.push(t.elapsed().as_secs_f64());
        let t = std::time::Instant::now();
        assert_eq!(browser.sign_in(&format!("ghost{i}@example.be"), "wrong password").await.status(), 401);
        unknown.push(t.elapsed().as_secs_f64());
    }
    let median = |v: &mut Vec<f64>| {
        v.sort_by(f64::total_cmp);
        v[v.len() / 2]
    };
    let (k, u) = (median(&mut known), median(&mut unknown));
    let ratio = k / u;
    assert!((0.5..2.0).contains(&ratio), "median wrong password {k:.4}s vs unknown account {u:.4}s");
}
