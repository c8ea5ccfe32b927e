//! /metrics: Prometheus text with the jobs, the mail backlog and the staff routes — and no
//! series that moves with what an employee does (a scrape every 15 s would date it).

use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use earshot::people::Role;

async fn scrape(app: &TestApp) -> Vec<String> {
    let res = app.get("/metrics").await;
    assert_eq!(res.status(), 200);
    let kind = res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert!(kind.starts_with("text/plain; version=0.0.4"), "{kind}");
    let text = res.text().await.expect("text");
    // Samples only, in order; each is `name{labels} value`.
    text.lines().filter(|l| !l.starts_with('#') && !l.is_empty()).map(str::to_owned).collect()
}

fn capture_body() -> serde_json::Value {
    json!({
        "id": uuid::Uuid::new_v4().to_string(),
        "customer": {"name": "Mevrouw Claes", "email": "an@example.be", "consent": true, "language": "nl"},
        "facts": "Het brood was om tien uur op.",
        "feeling": {"level": "frustrated"},
        "place": {"kind": "shop"},
    })
}

/// Around sign-ins (password and link), refreshes, captures, the reporter's own views and an
/// answer, every sample stays what it was; an admin's call, the control, does move one.
async fn no_series_moves_with_captures_sign_ins_or_answers(backend: Backend) {
    let mut app = TestApp::on(backend).smtp().start().await;
    // Twenty past: a mail queued now keeps 10:00 as its hour, already "more than ten minutes ago".
    app.advance(20 * 60);
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let first = capture_body();
    let res = jan.post("/api/v1/remarks", &first).await;
    assert_eq!(res.status(), 201, "{}", res.text().await.unwrap_or_default());
    let id = first["id"].as_str().expect("id").to_owned();
    app.release_now();
    let asked = owner.post(&format!("/api/v1/remarks/{id}/questions"), &json!({"text": "Welke dag?"})).await;
    assert_eq!(asked.status(), 201);

    let before = scrape(&app).await;
    assert!(before.iter().any(|l| l == "earshot_job_up{job=\"mail\"} 1"), "{before:#?}");
    assert!(before.iter().any(|l| l == "earshot_mail_dead 0"), "{before:#?}");
    assert!(
        before.iter().any(|l| l.starts_with(
            "earshot_http_requests_total{method=\"POST\",route=\"/api/v1/remarks/{id}/questions\""
        )),
        "the owner's question is counted: {before:#?}"
    );

    // What employees do, several times over.
    for i in 0..3 {
        let lotte = app.signed_in(&format!("lotte{i}@example.be"), &[Role::Employee]).await;
        assert_eq!(lotte.post("/api/v1/session/refresh", &json!({})).await.status(), 204);
        assert_eq!(lotte.get("/api/v1/me").await.status(), 200);
        assert_eq!(lotte.get("/api/v1/settings").await.status(), 200);
        assert_eq!(lotte.post("/api/v1/remarks", &capture_body()).await.status(), 201);
        assert_eq!(lotte.get("/api/v1/my-remarks").await.status(), 200);
        assert_eq!(lotte.get("/api/v1/remarks").await.status(), 200);
        assert_eq!(lotte.send(reqwest::Method::DELETE, "/api/v1/session", None).await.status(), 204);
    }
    let asking = app.browser().await;
    assert_eq!(asking.post("/api/v1/session/link", &json!({"email": "jan@example.be"})).await.status(), 202);
    let mail = app.smtp.as_ref().expect("sink").wait_for(1).await;
    let redeemed = asking.post("/api/v1/session/link/redeem", &json!({"token": mail[0].token()})).await;
    assert_eq!(redeemed.status(), 200);
    let answer = json!({"remark_id": id, "action": "answer", "text": "Dinsdag"});
    assert_eq!(jan.post("/api/v1/my-remarks/actions", &answer).await.status(), 200);

    // With the relay gone, a link request waits in the outbox (tried and failed): still nothing
    // moves — the backlog takes a mail in only when an hour begins.
    app.smtp.as_mut().expect("sink").stop();
    assert_eq!(asking.post("/api/v1/session/link", &json!({"email": "jan@example.be"})).await.status(), 202);
    app.mailer.wake();
    let pending_tried = "SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'pending' AND attempts > 0";
    let tried =
        crate::helpers::wait_until(20, || (crate::helpers::count(&app.db, pending_tried) == 1).then_some(()))
            .await;
    assert!(tried.is_some(), "the worker tried the mail and keeps it");

    let after = scrape(&app).await;
    assert_eq!(before, after, "a series moved with an employee's request");

    // Two hours on, the mail that still waits is counted: the gauge can move, at an hour.
    app.advance(2 * 3600);
    let later = scrape(&app).await;
    assert!(later.iter().any(|l| l == "earshot_mail_waiting 1"), "{later:#?}");
    assert!(later.iter().any(|l| l == "earshot_mail_outbox{state=\"pending\"} 1"), "{later:#?}");
    assert!(later.iter().any(|l| l == "earshot_job_restarts{job=\"mail\"} 0"), "{later:#?}");
    app.advance(-2 * 3600);

    // The control: an admin's request is counted, so the comparison above can fail.
    assert_eq!(admin.get("/api/v1/people").await.status(), 200);
    let control = scrape(&app).await;
    let moved: Vec<&String> = control.iter().filter(|l| !after.contains(l)).collect();
    assert!(
        moved.iter().any(|l| l.starts_with(
            "earshot_http_requests_total{method=\"GET\",route=\"/api/v1/people\",status=\"200\"} 1"
        )),
        "{moved:#?}"
    );
    // No label names a person or holds an id (patterns only).
    for line in &control {
        assert!(!line.contains("@") && !line.contains(&id), "{line}");
    }
}

/// A promise that passes unanswered is counted on the day it broke, then as yesterday's.
async fn broken_promises_are_counted_by_day(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    assert_eq!(jan.post("/api/v1/remarks", &capture_body()).await.status(), 201);
    app.release_now();
    let line = |day: &str, n: i64| format!("earshot_promises_breached{{day=\"{day}\"}} {n}");
    let now = scrape(&app).await;
    assert!(now.contains(&line("today", 0)) && now.contains(&line("yesterday", 0)), "{now:#?}");
    // 48 hours (the promise) and one: it broke today, 11:00 in Brussels.
    app.advance(49 * 3600);
    let broke = scrape(&app).await;
    assert!(broke.contains(&line("today", 1)) && broke.contains(&line("yesterday", 0)), "{broke:#?}");
    app.advance(24 * 3600);
    let after = scrape(&app).await;
    assert!(after.contains(&line("today", 0)) && after.contains(&line("yesterday", 1)), "{after:#?}");
}

/// With a metrics token configured, a scrape without it is refused.
async fn a_metrics_token_is_required_when_set(backend: Backend) {
    let tweak: fn(&mut earshot::Settings) = |s| s.metrics_token = Some("a-long-scrape-token-0123".into());
    let app = TestApp::on(backend).tweak(tweak).start().await;
    assert_eq!(app.get("/metrics").await.status(), 401);
    let client = reqwest::Client::new();
    let wrong =
        client.get(app.url("/metrics")).bearer_auth("a-long-scrape-token-0124").send().await.expect("send");
    assert_eq!(wrong.status(), 401);
    let right =
        client.get(app.url("/metrics")).bearer_auth("a-long-scrape-token-0123").send().await.expect("send");
    assert_eq!(right.status(), 200);
}

both_backends!(
    broken_promises_are_counted_by_day,
    no_series_moves_with_captures_sign_ins_or_answers,
    a_metrics_token_is_required_when_set
);
