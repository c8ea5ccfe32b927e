//! The admin's people API: invitations (re-send, revoke), roles, status, and what admins may
//! never do.

use reqwest::Method;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, TestApp, assert_kind, problem, spawn_app};
use earshot::people::Role;

async fn admins_cannot_set_anyones_password_or_email(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let jan = app.add_person("jan@example.be", &[Role::Employee], PASSWORD);
    let path = format!("/api/v1/people/{}", jan.id.as_str());
    for body in [
        json!({"password": "new secret words here"}),
        json!({"email": "mine@example.be"}),
        json!({"name": "J", "email": "x@y.be"}),
    ] {
        let p = problem(admin.send(Method::PATCH, &path, Some(&body)).await).await;
        assert_kind(&p, 403, "credentials-are-personal");
    }
    let fresh = app.browser().await;
    assert_eq!(fresh.sign_in("jan@example.be", PASSWORD).await.status(), 200, "unchanged");
}

async fn roles_change_and_one_active_admin_always_remains(backend: Backend) {
    let app = spawn_app(backend).await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let me: serde_json::Value = admin.get("/api/v1/me").await.json().await.expect("me");
    let my_path = format!("/api/v1/people/{}", me["id"].as_str().expect("id"));
    let p = problem(admin.send(Method::PATCH, &my_path, Some(&json!({"roles": ["employee"]}))).await).await;
    assert_kind(&p, 409, "last-admin");
    let p = problem(admin.send(Method::PATCH, &my_path, Some(&json!({"status": "disabled"}))).await).await;
    assert_kind(&p, 409, "cannot-disable-self");
    let p = problem(admin.send(Method::PATCH, &my_path, Some(&json!({"roles": []}))).await).await;
    assert_kind(&p, 422, "invalid-body");

    let sofie = app.add_person("sofie@example.be", &[Role::Employee], PASSWORD);
    let res = admin
        .send(
            Method::PATCH,
            &format!("/api/v1/people/{}", sofie.id.as_str()),
            Some(&json!({"roles": ["owner", "admin"], "language": "fr"})),
        )
        .await;
    assert_eq!(res.status(), 200);
    let view: serde_json::Value = res.json().await.expect("person");
    assert_eq!(view["roles"], json!(["owner", "admin"]));
    assert_eq!(view["language"], "fr");
    // Now there are two admins, so the first may step down.
    let res = admin.send(Method::PATCH, &my_path, Some(&json!({"roles": ["employee"]}))).await;
    assert_eq!(res.status(), 200);
    assert_eq!(admin.get("/api/v1/people").await.status(), 403, "roles apply at once");
}

async fn invitations_can_be_resent_and_revoked(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let admin = app.signed_in("admin@example.be", &[Role::Admin]).await;
    let sink = app.smtp.as_ref().expect("sink");
    let res = admin.post("/api/v1/people", &json!({"email": "nina@example.be", "name": "Nina", "roles": ["employee", "owner"], "language": "fr"})).await;
    assert_eq!(res.status(), 201);
    let nina: serde_json::Value = res.json().await.expect("person");
    let id = nina["id"].as_str().expect("id").to_owned();
    let first = sink.wait_for(1).await.remove(0);
    assert!(first.subject.contains("invité"), "in the invitee's language: {}", first.subject);

    // The same address again: 409.
    let res = admin
        .post("/api/v1/people", &json!({"email": "NINA@example.be", "name": "N", "roles": ["employee"]}))
        .await;
    assert_kind(&problem(res).await, 409, "email-taken");
    // A bad invitation: every field reported at once.
    let res =
        admin.post("/api/v1/people", &json!({"email": "not-an-address", "name": " ", "roles": []})).await;
    let p = problem(res).await;
    let pointers: Vec<&str> = p.errors.iter().map(|e| e.pointer.as_str()).collect();
    assert_eq!(pointers, ["/email", "/name", "/roles"]);

    assert_eq!(admin.post(&format!("/api/v1/people/{id}/invitation"), &json!({})).await.status(), 202);
    let second = sink.wait_for(2).await.remove(1);
    assert_ne!(first.token(), second.token());
    let invitee = app.browser().await;
    let old = invitee.post("/api/v1/invitations/inspect", &json!({"token": first.token()})).await;
    assert_eq!(old.status(), 410, "the re-sent invitation replaces the old link");
    assert_eq!(
        invitee.post("/api/v1/invitations/inspect", &json!({"token": second.token()})).await.status(),
        200
    );

    assert_eq!(
        admin.send(Method::DELETE, &format!("/api/v1/people/{id}/invitation"), None).await.status(),
        204
    );
    assert_eq!(
        invitee.post("/api/v1/invitations/inspect", &json!({"token": second.token()})).await.status(),
        410
    );
    let everyone: Vec<serde_json::Value> = admin.get("/api/v1/people").await.json().await.expect("people");
    assert!(everyone.iter().all(|p| p["email"] != "nina@example.be"));
    let res = admin.send(Method::DELETE, &format!("/api/v1/people/{id}/invitation"), None).await;
    assert_kind(&problem(res).await, 404, "not-found");
}

both_backends!(
    admins_cannot_set_anyones_password_or_email,
    roles_change_and_one_active_admin_always_remains,
    invitations_can_be_resent_and_revoked,
);
