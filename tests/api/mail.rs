//! The mail outbox against a real SMTP server: mails wait out an outage and are delivered once,
//! a dead lease is taken over, replicas never send the same row twice, and without SMTP mails
//! become .eml files.

use std::collections::BTreeSet;

use diesel::prelude::*;
use earshot::db::schema::mail_outbox;
use earshot::people::Role;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, Browser, TestApp, spawn_app, wait_until};

async fn invite(admin: &Browser, email: &str) {
    let res = admin
        .post("/api/v1/people", &json!({"email": email, "name": "Someone", "roles": ["employee"]}))
        .await;
    assert_eq!(res.status(), 201);
}

type Row = (String, String, i32, Option<String>, String);

fn rows(app: &TestApp) -> Vec<Row> {
    mail_outbox::table
        .select((
            mail_outbox::id,
            mail_outbox::status,
            mail_outbox::attempts,
            mail_outbox::last_error,
            mail_outbox::recipient,
        ))
        .order(mail_outbox::created_at.asc())
        .load(&mut app.db.connect())
        .expect("outbox")
}

/// Wait until every row of the outbox satisfies `check`.
async fn wait_rows(app: &TestApp, what: &str, check: impl Fn(&Row) -> bool) -> Vec<Row> {
    wait_until(15, || {
        let rows = rows(app);
        (!rows.is_empty() && rows.iter().all(&check)).then_some(rows)
    })
    .await
    .unwrap_or_else(|| panic!("outbox never reached: {what}; now {:?}", rows(app)))
}

async fn mails_wait_out_an_outage_and_arrive_once(backend: Backend) {
    let mut app = TestApp::on(backend).smtp().start().await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    app.smtp.as_mut().expect("sink").stop();
    invite(&admin, "one@example.be").await;
    invite(&admin, "two@example.be").await;
    let failed = wait_rows(&app, "tried once and waiting", |r| r.1 == "pending" && r.2 >= 1).await;
    assert!(failed.iter().all(|r| r.3.is_some()), "the reason is kept: {failed:?}");
    let settings: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(settings["mail"]["waiting"], 2);

    app.smtp.as_mut().expect("sink").restart();
    app.advance(2 * 3600);
    let sink = app.smtp.as_ref().expect("sink");
    let mails = sink.wait_for(2).await;
    wait_rows(&app, "sent", |r| r.1 == "sent").await;
    // Later rounds send nothing again.
    app.advance(2 * 3600);
    admin.refresh().await;
    invite(&admin, "three@example.be").await;
    let mails_after = sink.wait_for(3).await;
    let ids: BTreeSet<&str> = mails_after.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!(ids.len(), 3, "each mail once, by Message-ID: {ids:?}");
    assert_eq!(mails_after.len(), 3);
    let recipients: BTreeSet<&str> = mails.iter().map(|m| m.to.as_str()).collect();
    assert_eq!(recipients, BTreeSet::from(["one@example.be", "two@example.be"]));

    // The Message-ID is the row's id; once sent, the row forgets recipient and bodies.
    let sent = wait_rows(&app, "sent", |r| r.1 == "sent").await;
    for mail in &mails_after {
        let id = mail.message_id.split('@').next().expect("id");
        assert!(sent.iter().any(|r| r.0 == id), "{} matches a row", mail.message_id);
    }
    assert!(sent.iter().all(|r| r.4.is_empty()), "recipients cleared");
    let bodies: Vec<(String, String)> = mail_outbox::table
        .select((mail_outbox::body_text, mail_outbox::body_html))
        .load(&mut app.db.connect())
        .expect("bodies");
    assert!(bodies.iter().all(|(t, h)| t.is_empty() && h.is_empty()), "bodies with links cleared");
    let settings: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!((settings["mail"]["waiting"].as_i64(), settings["mail"]["dead"].as_i64()), (Some(0), Some(0)));
    assert_eq!(settings["mail"]["delivery"], "smtp");
}

async fn an_expired_lease_is_taken_over_and_a_live_one_is_not(backend: Backend) {
    let mut app = TestApp::on(backend).smtp().start().await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    app.smtp.as_mut().expect("sink").stop();
    invite(&admin, "crashed@example.be").await;
    let rows = wait_rows(&app, "tried once", |r| r.1 == "pending" && r.2 >= 1).await;
    // As if a worker claimed the row and died before marking it: a lease of five minutes.
    let now = earshot::clock::Clock::now(&app.clock);
    diesel::update(mail_outbox::table.find(&rows[0].0))
        .set((
            mail_outbox::status.eq("sending"),
            mail_outbox::claim_id.eq("a-worker-that-died"),
            mail_outbox::lease_until.eq(now + 300),
            mail_outbox::next_attempt_at.eq(now),
        ))
        .execute(&mut app.db.connect())
        .expect("fake a claim");
    app.smtp.as_mut().expect("sink").restart();
    // Another mail, due now: once it arrives, the worker has done a round and left the leased row.
    invite(&admin, "other@example.be").await;
    let sink = app.smtp.as_ref().expect("sink");
    let first = sink.wait_for(1).await;
    assert_eq!(first.len(), 1);
    assert_eq!(first[0].to, "other@example.be");
    // Past the lease, the row is sent again.
    app.advance(301);
    let all = sink.wait_for(2).await;
    assert_eq!(all[1].to, "crashed@example.be");
}

async fn mails_are_given_up_after_three_days_visibly(backend: Backend) {
    let mut app = TestApp::on(backend).smtp().start().await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    app.smtp.as_mut().expect("sink").stop();
    invite(&admin, "far@example.be").await;
    wait_rows(&app, "tried once", |r| r.1 == "pending" && r.2 >= 1).await;
    app.advance(4 * 24 * 3600);
    wait_rows(&app, "given up", |r| r.1 == "dead").await;
    admin.refresh().await;
    let settings: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(settings["mail"]["dead"], 1);
}

async fn without_smtp_mails_become_eml_files(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    invite(&admin, "files@example.be").await;
    let dir = app.db.dir.path().join("data/mail");
    let file = wait_until(15, || {
        std::fs::read_dir(&dir)
            .ok()?
            .filter_map(Result::ok)
            .map(|e| e.path())
            .find(|p| p.extension().is_some_and(|x| x == "eml"))
    })
    .await
    .expect("an .eml file");
    let mail = crate::helpers::Received::parse(&std::fs::read(&file).expect("read"));
    assert_eq!(mail.to, "files@example.be");
    assert!(mail.text.contains("/invitation#token="));
    let stem = file.file_stem().and_then(|s| s.to_str()).expect("name").to_owned();
    assert!(mail.message_id.starts_with(&stem), "{} ~ {stem}", mail.message_id);
    let settings: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(settings["mail"]["delivery"], "files");
}

/// Put a mail straight into the outbox, as if something had queued it (validation refuses
/// what a poisoned one holds, so it can only come from an older version or a bug).
fn queue_raw(app: &TestApp, sender_name: &str, subject: &str, recipient: &str, due: i64) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    diesel::insert_into(mail_outbox::table)
        .values((
            mail_outbox::id.eq(&id),
            mail_outbox::dedupe_key.eq(&id),
            mail_outbox::kind.eq("test"),
            mail_outbox::sender.eq("feedback@example.be"),
            mail_outbox::sender_name.eq(sender_name),
            mail_outbox::recipient.eq(recipient),
            mail_outbox::subject.eq(subject),
            mail_outbox::body_text.eq("Hallo"),
            mail_outbox::body_html.eq("<p>Hallo</p>"),
            mail_outbox::status.eq("pending"),
            mail_outbox::attempts.eq(0),
            mail_outbox::next_attempt_at.eq(due),
            mail_outbox::created_at.eq(due),
        ))
        .execute(&mut app.db.connect())
        .expect("queue a mail");
    id
}

async fn a_poisoned_mail_dies_alone_and_the_worker_goes_on(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let now = earshot::clock::Clock::now(&app.clock);
    // In the order the worker takes them: good, poisoned (a header injection), poisoned (a
    // control character, an address no relay takes), good. (PostgreSQL cannot even store a NUL.)
    let first = queue_raw(&app, "Bakkerij Peeters", "Eerste", "een@example.be", now - 40);
    let injected = queue_raw(&app, "Bakkerij\r\nBcc: all@example.be", "Welkom", "twee@example.be", now - 30);
    let controlled = queue_raw(&app, "Bakkerij", "Welkom\u{7}", "\"drie vier\"@example.be", now - 20);
    let last = queue_raw(&app, "Bakkerij Peeters", "Laatste", "vijf@example.be", now - 10);
    app.mailer.wake();
    let mails = app.smtp.as_ref().expect("sink").wait_for(2).await;
    let subjects: BTreeSet<&str> = mails.iter().map(|m| m.subject.as_str()).collect();
    assert_eq!(subjects, BTreeSet::from(["Eerste", "Laatste"]), "both good mails delivered");
    let rows = wait_rows(&app, "settled", |r| r.1 == "sent" || r.1 == "dead").await;
    let status = |id: &str| rows.iter().find(|r| r.0 == id).map(|r| (r.1.clone(), r.3.clone())).expect("row");
    assert_eq!(status(&first).0, "sent");
    assert_eq!(status(&last).0, "sent");
    for poisoned in [&injected, &controlled] {
        let (state, reason) = status(poisoned);
        assert_eq!(state, "dead", "{rows:?}");
        assert!(reason.is_some_and(|r| r.starts_with("invalid ")), "the reason is kept");
    }
    // The admin sees the count; the worker still runs (readiness says so) and sends what comes.
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let settings: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(settings["mail"]["dead"], 2);
    assert_eq!(app.get("/readyz").await.status(), 200);
    invite(&admin, "zes@example.be").await;
    let mails = app.smtp.as_ref().expect("sink").wait_for(3).await;
    assert!(mails.iter().any(|m| m.to == "zes@example.be"));
}

async fn mails_say_they_are_automatic_and_where_replies_go(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let change = json!({
        "name": "Bakkerij Peeters",
        "sender_address": "noreply@bakkerij-peeters.be",
        "reply_address": "klanten@bakkerij-peeters.be",
        "time_zone": "Europe/Brussels",
        "promise": {"value": 48, "unit": "hours"},
        "languages": ["nl", "fr", "en"],
    });
    assert_eq!(admin.send(reqwest::Method::PUT, "/api/v1/settings", Some(&change)).await.status(), 204);
    invite(&admin, "an@example.be").await;
    let sink = app.smtp.as_ref().expect("sink");
    sink.wait_for(1).await;
    let raw = std::fs::read_dir(sink.dir())
        .expect("sink dir")
        .filter_map(Result::ok)
        .find(|e| e.path().extension().is_some_and(|x| x == "eml"))
        .map(|e| std::fs::read_to_string(e.path()).expect("read"))
        .expect("a mail");
    let headers: Vec<&str> = raw.split("\r\n\r\n").next().unwrap_or_default().lines().collect();
    assert!(headers.contains(&"Auto-Submitted: auto-generated"), "{headers:?}");
    assert!(headers.contains(&"Reply-To: klanten@bakkerij-peeters.be"), "{headers:?}");
    assert!(headers.iter().any(|h| h.starts_with("From: ") && h.contains("<noreply@bakkerij-peeters.be>")));
}

both_backends!(
    a_poisoned_mail_dies_alone_and_the_worker_goes_on,
    mails_say_they_are_automatic_and_where_replies_go,
    mails_wait_out_an_outage_and_arrive_once,
    an_expired_lease_is_taken_over_and_a_live_one_is_not,
    mails_are_given_up_after_three_days_visibly,
    without_smtp_mails_become_eml_files,
);

/// Two replicas on one PostgreSQL database, each with its worker: 20 mails, each sent once.
#[tokio::test]
async fn two_postgres_replicas_send_each_mail_once() {
    let mut app = TestApp::on(Backend::Postgres).smtp().start().await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    app.smtp.as_mut().expect("sink").stop();
    for i in 0..20 {
        invite(&admin, &format!("p{i}@example.be")).await;
    }
    wait_rows(&app, "all tried once", |r| r.1 == "pending" && r.2 >= 1).await;
    // The same settings, so the same SMTP sink.
    let replica = app.replica().await;

    app.smtp.as_mut().expect("sink").restart();
    app.advance(2 * 3600);
    replica.mailer.wake();
    let mails = app.smtp.as_ref().expect("sink").wait_for(20).await;
    wait_rows(&app, "all sent", |r| r.1 == "sent").await;
    let ids: BTreeSet<&str> = mails.iter().map(|m| m.message_id.as_str()).collect();
    assert_eq!((mails.len(), ids.len()), (20, 20), "20 mails, 20 distinct Message-IDs");
}
