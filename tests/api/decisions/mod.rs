//! Decisions over HTTP (issue 21): every kind and what it requires, each customer's mail in
//! their language from the real SMTP server, duplicates and their chains, the rules around a
//! decided case (add, remove, merge, reopen, change), two owners at once, who may decide.

mod duplicates;
mod kinds;
mod rules;

use serde_json::{Value, json};

use crate::cases::case;
use crate::helpers::Browser;

/// A case of one for remark `id` (its view).
pub async fn case_of(owner: &Browser, id: &str) -> Value {
    let res = owner.post(&format!("/api/v1/desk/remarks/{id}/case"), &json!({})).await;
    assert!(res.status().is_success(), "case of one: {}", res.status());
    res.json().await.expect("case")
}

/// `body` with the case's version and every remark as seen now.
pub async fn seen(owner: &Browser, id: &str, body: Value) -> Value {
    let view = case(owner, id).await;
    let remarks: Vec<Value> = view["remarks"]
        .as_array()
        .expect("remarks")
        .iter()
        .map(|i| json!({"id": i["remark"]["id"], "version": i["version"]}))
        .collect();
    let mut full = json!({"version": view["version"], "remarks": remarks});
    for (k, v) in body.as_object().expect("object") {
        full[k] = v.clone();
    }
    full
}

/// Decide case `id` with `body` (the versions filled in as seen now).
pub async fn decide(owner: &Browser, id: &str, body: Value) -> reqwest::Response {
    let full = seen(owner, id, body).await;
    owner.post(&format!("/api/v1/desk/cases/{id}/decision"), &full).await
}

/// The preview of deciding case `id` with `body`.
pub async fn preview(owner: &Browser, id: &str, body: Value) -> Value {
    let full = seen(owner, id, body).await;
    let res = owner.post(&format!("/api/v1/desk/cases/{id}/decision/preview"), &full).await;
    assert_eq!(res.status(), 200, "preview: {}", res.text().await.unwrap_or_default());
    res.json().await.expect("preview")
}

/// Decide, expecting 200; the case view.
pub async fn decided(owner: &Browser, id: &str, body: Value) -> Value {
    let res = decide(owner, id, body).await;
    assert_eq!(res.status(), 200, "decide: {}", res.text().await.unwrap_or_default());
    res.json().await.expect("case")
}

pub fn no_action(lang: &str, reason: &str) -> Value {
    json!({"kind": "no_action", "texts": [{"language": lang, "outcome": reason}]})
}

/// The warning codes of a previewed mail.
pub fn warnings(mail: &Value) -> Vec<String> {
    mail["warnings"]
        .as_array()
        .expect("warnings")
        .iter()
        .map(|w| w["code"].as_str().unwrap().to_owned())
        .collect()
}

pub fn id_of(view: &Value) -> String {
    view["id"].as_str().expect("id").to_owned()
}

/// The status page a mail links to (its path).
pub fn status_path(text: &str) -> String {
    let at = text.find("/status/").expect("a status link");
    text[at..].split_whitespace().next().expect("link").to_owned()
}

pub const HONEST_NL: &str = "Onze oven bakt 200 broden per ochtend. Een tweede oven kost meer dan de \
    zaterdag opbrengt, dus we bakken voorlopig niet bij; reserveren kan wel tot vrijdagavond.";
