//! Action plans over HTTP (issue 22): the lifecycle with the moved clock — late task, late
//! plan, moved with an apology, all done and one "done" mail per customer address — a disabled
//! assignee, the decision changing under a plan, and who may see and do what.

mod access;
mod lifecycle;

use serde_json::{Value, json};

use crate::decisions::{decided, id_of};
use crate::desk::day_after;
use crate::helpers::{Browser, TestApp};

/// The id of the active colleague called `name`, as the plan editor lists them.
pub async fn colleague(owner: &Browser, name: &str) -> String {
    let all: Value = owner.get("/api/v1/desk/colleagues").await.json().await.expect("colleagues");
    all.as_array()
        .expect("list")
        .iter()
        .find(|c| c["name"] == name)
        .unwrap_or_else(|| panic!("{name} in {all}"))["id"]
        .as_str()
        .expect("id")
        .to_owned()
}

/// Decide case `id` "act", customers hearing by `days` from now (in Dutch and English).
pub async fn act(app: &TestApp, owner: &Browser, id: &str, days: i64) -> Value {
    let texts = json!([
        {"language": "nl", "outcome": "Vanaf januari bakken we op zaterdag om negen uur een tweede keer."},
        {"language": "en", "outcome": "From January we bake a second batch at nine on Saturdays."}
    ]);
    let langs: Vec<String> = crate::cases::case(owner, id).await["languages"]
        .as_array()
        .expect("languages")
        .iter()
        .map(|l| l.as_str().unwrap().to_owned())
        .collect();
    let texts: Vec<Value> = texts
        .as_array()
        .unwrap()
        .iter()
        .filter(|t| langs.iter().any(|l| t["language"] == *l))
        .cloned()
        .collect();
    decided(owner, id, json!({"kind": "act", "hear_again_on": day_after(app, days), "texts": texts})).await
}

/// A task for `assignee` due `days` from now.
pub fn task(app: &TestApp, description: &str, assignee: &str, days: i64) -> Value {
    json!({"description": description, "assignee": assignee, "due_on": day_after(app, days)})
}

/// Make the plan of case `id` with `tasks`.
pub async fn make(owner: &Browser, id: &str, tasks: Value) -> reqwest::Response {
    let version = crate::cases::case(owner, id).await["version"].clone();
    owner.post(&format!("/api/v1/desk/cases/{id}/plan"), &json!({"version": version, "tasks": tasks})).await
}

/// The plan made (201), as the case shows it.
pub async fn made(owner: &Browser, id: &str, tasks: Value) -> Value {
    let res = make(owner, id, tasks).await;
    assert_eq!(res.status(), 201, "plan: {}", res.text().await.unwrap_or_default());
    let view: Value = res.json().await.expect("case");
    view["plan"].clone()
}

pub async fn my_tasks(person: &Browser) -> Value {
    let res = person.get("/api/v1/me/tasks").await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("my tasks")
}

pub async fn plans(owner: &Browser) -> Value {
    let res = owner.get("/api/v1/desk/plans").await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("plans")
}

pub fn task_ids(plan: &Value) -> Vec<String> {
    plan["tasks"].as_array().expect("tasks").iter().map(|t| t["id"].as_str().unwrap().to_owned()).collect()
}

pub fn history_kinds(case: &Value) -> Vec<String> {
    case["history"]
        .as_array()
        .expect("history")
        .iter()
        .map(|e| e["kind"].as_str().unwrap().to_owned())
        .collect()
}

pub fn plan_id(plan: &Value) -> String {
    id_of(plan)
}
