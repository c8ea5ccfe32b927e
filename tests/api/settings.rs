//! The organisation's settings and topics: admins change them, everyone signed in reads them.

use reqwest::Method;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, assert_kind, problem, spawn_app};
use earshot::people::Role;

fn valid() -> serde_json::Value {
    json!({
        "name": "Bakkerij Peeters",
        "sender_address": "Feedback@Bakkerij-Peeters.be",
        "time_zone": "Europe/Brussels",
        "promise": {"value": 2, "unit": "days"},
        "languages": ["nl", "fr"]
    })
}

async fn admins_change_the_settings_and_everyone_reads_them(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let employee = app.signed_in("jan@example.be", &[Role::Employee]).await;

    let defaults: serde_json::Value = employee.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(defaults["promise"], json!({"value": 48, "unit": "hours"}), "48 hours by default");
    assert_eq!(defaults["languages"], json!(["nl", "fr", "en"]));

    assert_eq!(admin.send(Method::PUT, "/api/v1/settings", Some(&valid())).await.status(), 204);
    let seen: serde_json::Value = employee.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(seen["name"], "Bakkerij Peeters");
    assert_eq!(seen["promise"], json!({"value": 2, "unit": "days"}));
    assert_eq!(seen["languages"], json!(["nl", "fr"]));
    let as_admin: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(as_admin["sender_address"], "feedback@bakkerij-peeters.be");

    let p = problem(employee.send(Method::PUT, "/api/v1/settings", Some(&valid())).await).await;
    assert_kind(&p, 403, "forbidden");

    // Everything wrong at once, each field named.
    let bad = json!({
        "name": "",
        "sender_address": "nope",
        "time_zone": "Europe/Gent",
        "promise": {"value": 0, "unit": "days"},
        "languages": []
    });
    let p = problem(admin.send(Method::PUT, "/api/v1/settings", Some(&bad)).await).await;
    assert_kind(&p, 422, "invalid-body");
    let pointers: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/name", "/sender_address", "/time_zone", "/promise/value", "/languages"]);
    // A language no longer offered cannot be chosen.
    let p = problem(employee.send(Method::PATCH, "/api/v1/me", Some(&json!({"language": "en"}))).await).await;
    assert_eq!(p.errors[0].code, earshot::error::FieldCode::NotOffered);
    assert_eq!(
        employee.send(Method::PATCH, "/api/v1/me", Some(&json!({"language": "fr"}))).await.status(),
        200
    );
}

async fn topics_are_added_renamed_and_archived(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let labels = json!({"labels": {"nl": "Levering", "fr": "Livraison", "en": "Delivery"}});
    let res = admin.post("/api/v1/topics", &labels).await;
    assert_eq!(res.status(), 201);
    let topic: serde_json::Value = res.json().await.expect("topic");
    let second: serde_json::Value = admin
        .post("/api/v1/topics", &json!({"labels": {"nl": "Prijzen", "fr": "Prix", "en": "Prices"}}))
        .await
        .json()
        .await
        .expect("topic");
    assert_eq!((topic["position"].as_i64(), second["position"].as_i64()), (Some(1), Some(2)));

    let id = topic["id"].as_str().expect("id");
    let change = json!({"labels": {"nl": "Levering aan huis", "fr": "Livraison à domicile", "en": "Home delivery"}, "position": 3, "archived": true});
    let res = admin.send(Method::PUT, &format!("/api/v1/topics/{id}"), Some(&change)).await;
    assert_eq!(res.status(), 200);
    let settings: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    let topics = settings["topics"].as_array().expect("topics");
    assert_eq!(topics[0]["labels"]["nl"], "Prijzen", "ordered by position");
    assert_eq!(topics[1]["archived"], true);

    let p = problem(
        admin.post("/api/v1/topics", &json!({"labels": {"nl": "", "fr": "x", "en": "y".repeat(81)}})).await,
    )
    .await;
    let pointers: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/labels/nl", "/labels/en"]);
    let res =
        admin.send(Method::PUT, "/api/v1/topics/00000000-0000-4000-8000-000000000000", Some(&change)).await;
    assert_kind(&problem(res).await, 404, "not-found");
}

/// A promise in working days, with the days the organisation is closed: kept as given (the days
/// in order), refused field by field when wrong, and counted by the promise clock as set.
async fn a_promise_in_working_days_skips_the_closed_days(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let mut settings = valid();
    settings["promise"] = json!({"value": 2, "unit": "working_days"});
    settings["closed_days"] = json!(["2027-04-01", "2027-03-29"]);
    assert_eq!(admin.send(Method::PUT, "/api/v1/settings", Some(&settings)).await.status(), 204);
    let seen: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(seen["promise"], json!({"value": 2, "unit": "working_days"}));
    assert_eq!(seen["closed_days"], json!(["2027-03-29", "2027-04-01"]));
    // Saturday 27 March 2027, 10:00 in Brussels (the night summer time starts): Monday is
    // closed, so Tuesday and Wednesday are the two working days; due when Wednesday ends.
    let org = earshot::organisation::load(&mut app.db.connect()).expect("organisation");
    let came_in = 1_806_138_000; // 2027-03-27T09:00:00Z
    assert_eq!(org.due(came_in), 1_806_530_400, "2027-03-31T22:00:00Z, midnight in Brussels");

    for (closed, pointer) in [
        (json!(["2027-03-29", "2027-02-30"]), "/closed_days/1"),
        (json!(["2027-3-29"]), "/closed_days/0"),
        (json!(["2027-03-29", "2027-03-29"]), "/closed_days"),
    ] {
        settings["closed_days"] = closed;
        let p = problem(admin.send(Method::PUT, "/api/v1/settings", Some(&settings)).await).await;
        assert_kind(&p, 422, "invalid-body");
        assert_eq!(p.errors.iter().map(|e| e.pointer.as_str()).collect::<Vec<_>>(), [pointer]);
    }
    // Absent: none (the whole settings are replaced).
    settings.as_object_mut().expect("object").remove("closed_days");
    assert_eq!(admin.send(Method::PUT, "/api/v1/settings", Some(&settings)).await.status(), 204);
    let seen: serde_json::Value = admin.get("/api/v1/settings").await.json().await.expect("settings");
    assert_eq!(seen["closed_days"], json!([]));
}

both_backends!(
    admins_change_the_settings_and_everyone_reads_them,
    topics_are_added_renamed_and_archived,
    a_promise_in_working_days_skips_the_closed_days
);
