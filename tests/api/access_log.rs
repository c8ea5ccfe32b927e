//! The access log dates no employee's request: sign-in, capture, an answer, a refresh get no
//! line of their own — only a count per day, logged once the day has ended. Owners' and
//! admins' routes, and health, keep a line per request.

use serde_json::{Value, json};

use crate::helpers::{Backend, TestApp, logs};
use earshot::clock::Clock;
use earshot::people::Role;

/// The access-log lines among `lines`, parsed.
fn access(lines: &[String]) -> Vec<Value> {
    lines
        .iter()
        .filter_map(|l| serde_json::from_str::<Value>(l).ok())
        .filter(|v| v["target"] == "earshot::access")
        .collect()
}

#[tokio::test]
async fn employees_requests_are_counted_by_day_and_never_logged_one_by_one() {
    logs::capture();
    let app = TestApp::on(Backend::Sqlite).start().await;
    // A day no other test's app lives on, so this app's counts are told apart.
    app.advance(3000 * 86_400);
    let day =
        chrono::DateTime::from_timestamp(app.clock.now(), 0).expect("day").format("%Y-%m-%d").to_string();
    let mark = logs::mark();

    let owner = app.signed_in("sofie@example.be", &[Role::Owner, Role::Employee]).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let id = uuid::Uuid::new_v4().to_string();
    let body = json!({
        "id": id,
        "customer": {"name": "Mevrouw Claes", "language": "nl"},
        "facts": "Het brood was op.",
        "feeling": {"level": "frustrated"},
        "place": {"kind": "shop"},
    });
    assert_eq!(jan.post("/api/v1/remarks", &body).await.status(), 201);
    assert_eq!(jan.post("/api/v1/remarks", &body).await.status(), 201, "a replay");
    app.release_now();
    assert_eq!(
        owner.post(&format!("/api/v1/remarks/{id}/questions"), &json!({"text": "Waar?"})).await.status(),
        201
    );
    let answer = json!({"remark_id": id, "action": "answer", "text": "In de winkel"});
    assert_eq!(jan.post("/api/v1/my-remarks/actions", &answer).await.status(), 200);
    jan.refresh().await;
    assert_eq!(app.get("/healthz").await.status(), 200);

    // Not one line for an employee's request, from any app in this process.
    let employee_routes = [
        "/api/v1/session",
        "/api/v1/session/refresh",
        "/api/v1/remarks",
        "/api/v1/my-remarks/actions",
        "/api/v1/me",
    ];
    let lines = access(&logs::since(mark));
    for line in lines.iter().filter(|l| l["message"] == "request") {
        let route = line["route"].as_str().unwrap_or_default();
        assert!(!employee_routes.contains(&route), "a line of its own for {route}: {line}");
    }
    // The owner's question and the health check have theirs.
    let own = |route: &str| lines.iter().any(|l| l["message"] == "request" && l["route"] == route);
    assert!(own("/api/v1/remarks/{id}/questions") && own("/healthz"), "{lines:?}");
    let ours = |lines: &[Value]| -> Vec<Value> {
        lines
            .iter()
            .filter(|l| l["message"] == "requests of the day" && l["day"] == day.as_str())
            .cloned()
            .collect()
    };
    assert!(ours(&lines).is_empty(), "nothing of today is logged before the day has ended");

    // The next day's first request logs yesterday's counts.
    app.advance(86_400);
    let mark = logs::mark();
    assert_eq!(jan.get("/api/v1/settings").await.status(), 401, "the access token has lapsed");
    let counts = ours(&access(&logs::since(mark)));
    let count = |method: &str, route: &str, status: u64| {
        counts
            .iter()
            .find(|l| l["method"] == method && l["route"] == route && l["status"] == status)
            .and_then(|l| l["requests"].as_u64())
    };
    assert_eq!(count("POST", "/api/v1/remarks", 201), Some(2), "{counts:?}");
    assert_eq!(count("POST", "/api/v1/session", 200), Some(2));
    assert_eq!(count("POST", "/api/v1/my-remarks/actions", 200), Some(1));
    assert_eq!(count("POST", "/api/v1/session/refresh", 204), Some(1));
    assert!(counts.iter().all(|l| l.get("duration_ms").is_none()), "no duration beside a count");
}
