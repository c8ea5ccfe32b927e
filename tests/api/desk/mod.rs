//! The owner's desk over HTTP (issue 19): the inbox's order and filters, the promise, the first
//! answer by mail, passed on or by phone, the customer's status page, two owners at once.

pub mod acknowledge;
mod inbox;
mod pass_on;
mod status_page;

use serde_json::{Value, json};

use crate::helpers::{Browser, TestApp};

/// A capture of Mevrouw Claes with `patch` merged in; its id.
pub async fn capture(browser: &Browser, patch: Value) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let mut body = json!({
        "id": id,
        "customer": {"name": "Mevrouw Claes", "language": "nl"},
        "facts": "De taarten voor het communiefeest waren een uur te laat geleverd.",
        "feeling": {"level": "frustrated", "words": "Ik stond daar met dertig gasten en niets op tafel."},
        "place": {"kind": "school"},
        "heard_on": "2026-11-20"
    });
    merge(&mut body, &patch);
    let res = browser.post("/api/v1/remarks", &body).await;
    assert_eq!(res.status(), 201, "capture: {}", res.text().await.unwrap_or_default());
    id
}

fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}

pub async fn inbox(owner: &Browser, query: &str) -> Value {
    let res = owner.get(&format!("/api/v1/desk/inbox{query}")).await;
    assert_eq!(res.status(), 200, "inbox{query}");
    res.json().await.expect("inbox")
}

/// The ids of an inbox page, in order.
pub fn ids(page: &Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["remark"]["id"].as_str().expect("id").to_owned())
        .collect()
}

pub async fn desk(owner: &Browser, id: &str) -> Value {
    let res = owner.get(&format!("/api/v1/desk/remarks/{id}")).await;
    assert_eq!(res.status(), 200, "desk view");
    res.json().await.expect("desk view")
}

/// The day `days` after the app's clock, `YYYY-MM-DD` (the test organisation is in Brussels).
pub fn day_after(app: &TestApp, days: i64) -> String {
    let now = earshot::clock::Clock::now(&app.clock);
    chrono::DateTime::from_timestamp(now + days * 86_400, 0)
        .expect("day")
        .with_timezone(&chrono_tz::Europe::Brussels)
        .format("%Y-%m-%d")
        .to_string()
}

/// The instant `day` (`YYYY-MM-DD`) ends in Brussels.
pub fn end_of_day(day: &str) -> i64 {
    use chrono::TimeZone;
    let next = chrono::NaiveDate::parse_from_str(day, "%Y-%m-%d").expect("day").succ_opt().expect("next");
    chrono_tz::Europe::Brussels
        .from_local_datetime(&next.and_hms_opt(0, 0, 0).expect("midnight"))
        .earliest()
        .expect("exists")
        .timestamp()
}

/// Acknowledge `ids` as seen at their current version.
pub async fn acknowledge(owner: &Browser, ids: &[&str], body: Value) -> reqwest::Response {
    let mut seen = Vec::new();
    for id in ids {
        let view = desk(owner, id).await;
        seen.push(json!({"id": id, "version": view["version"]}));
    }
    let mut request = json!({"remarks": seen, "text": "Dank u dat u het ons vertelde.", "channel": "auto"});
    merge(&mut request, &body);
    owner.post("/api/v1/desk/acknowledgements", &request).await
}

/// Rows of a table, by SQL.
pub fn count(app: &TestApp, sql: &str) -> i64 {
    crate::helpers::count(&app.db, sql)
}
