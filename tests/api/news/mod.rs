//! Everyone hears (issue 23): the decision feed and its figures, each person's choice of staff
//! mail, the decision mail as it is made, the daily digest per language with its one fixed
//! line, one-click unsubscribe, and three processes on one PostgreSQL database sending every
//! mail once.

mod alerts;
mod digest;
mod feed;
mod replicas;

use serde_json::{Value, json};

use crate::decisions::{HONEST_NL, case_of, decided, id_of, no_action};
use crate::desk::capture;
use crate::helpers::{Browser, TestApp};

/// Choose how `person` hears (a PUT of every choice; `owner_alerts` as it was).
pub async fn choose(person: &Browser, staff_mail: &str, digest_hour: i32) {
    let now: Value = person.get("/api/v1/me/news").await.json().await.expect("choices");
    let body =
        json!({"staff_mail": staff_mail, "digest_hour": digest_hour, "owner_alerts": now["owner_alerts"]});
    let res = person.send(reqwest::Method::PUT, "/api/v1/me/news", Some(&body)).await;
    assert_eq!(res.status(), 200, "choose: {}", res.text().await.unwrap_or_default());
}

/// Speak `lang` in the app (and in mail).
pub async fn speak(person: &Browser, lang: &str) {
    let res = person.send(reqwest::Method::PATCH, "/api/v1/me", Some(&json!({"language": lang}))).await;
    assert_eq!(res.status(), 200, "language");
}

/// Capture a remark by `reporter`, release it, and have `owner` decide "no action" on it: the
/// case's id.
pub async fn decided_case(app: &TestApp, reporter: &Browser, owner: &Browser, facts: &str) -> String {
    let id = capture(reporter, json!({"facts": facts})).await;
    app.release_now();
    let case = id_of(&case_of(owner, &id).await);
    decided(owner, &case, no_action("nl", HONEST_NL)).await;
    case
}

/// The outbox rows of `kind`.
pub fn queued(app: &TestApp, kind: &str) -> i64 {
    crate::desk::count(app, &format!("SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = '{kind}'"))
}

/// Run the digest round as the job does at `now` (after the app's own round, which may hold
/// the lock a moment): how many digests it queued.
pub fn digest_round(app: &TestApp) -> usize {
    let alerting = app.alerting();
    let now = earshot::clock::Clock::now(&app.clock);
    for _ in 0..250 {
        let sent = earshot::news::digest::send_due(&mut app.db.connect(), &alerting, now);
        if let Some(n) = sent.expect("digest round") {
            return n;
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    panic!("another round held the lock for five seconds")
}
