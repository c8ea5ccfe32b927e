//! Cases over HTTP (issue 20): make, add, remove, merge, split, rename; one case per remark,
//! also under two owners at once; the inbox's one row per case; the first answer to a whole
//! case in every customer's language; the suggestions on a labelled set.

mod answer;
mod membership;
mod suggestions;

use serde_json::{Value, json};

use crate::helpers::Browser;

pub async fn create(owner: &Browser, title: &str, remarks: &[&str]) -> Value {
    let res = owner.post("/api/v1/desk/cases", &json!({"title": title, "remarks": remarks})).await;
    assert_eq!(res.status(), 201, "create: {}", res.text().await.unwrap_or_default());
    res.json().await.expect("case")
}

pub async fn case(owner: &Browser, id: &str) -> Value {
    let res = owner.get(&format!("/api/v1/desk/cases/{id}")).await;
    assert_eq!(res.status(), 200, "case view");
    res.json().await.expect("case")
}

/// A change to case `id` (`add`, `remove`, `merge`, `split`).
pub async fn change(owner: &Browser, id: &str, what: &str, body: Value) -> reqwest::Response {
    owner.post(&format!("/api/v1/desk/cases/{id}/{what}"), &body).await
}

/// The remark ids of a case view, sorted.
pub fn members(view: &Value) -> Vec<String> {
    let mut ids: Vec<String> = view["remarks"]
        .as_array()
        .expect("remarks")
        .iter()
        .map(|i| i["remark"]["id"].as_str().expect("id").to_owned())
        .collect();
    ids.sort();
    ids
}

pub fn sorted(ids: &[&str]) -> Vec<String> {
    let mut all: Vec<String> = ids.iter().map(|s| (*s).to_owned()).collect();
    all.sort();
    all
}

/// The kinds of a case's history, in order.
pub fn kinds(view: &Value) -> Vec<String> {
    view["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

/// Rename (or refile) case `id`.
pub async fn rename(owner: &Browser, id: &str, body: Value) -> reqwest::Response {
    owner.send(reqwest::Method::PUT, &format!("/api/v1/desk/cases/{id}"), Some(&body)).await
}
