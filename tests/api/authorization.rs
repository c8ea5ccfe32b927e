//! Every endpoint has an authorization rule. This walks the OpenAPI document, so a new route
//! cannot slip through: each non-public operation must refuse a missing, a forged and an
//! expired access token with 401 — before it looks at the body.

use base64::Engine;
use reqwest::Method;
use serde_json::json;

use crate::both_backends;
use crate::helpers::{Backend, PASSWORD, assert_kind, problem, spawn_app};
use earshot::people::Role;

/// Operations anyone may call: health, the metrics (unless a metrics token is configured:
/// tests/api/metrics.rs), the API description, and the ways to sign in.
const PUBLIC: &[(&str, &str)] = &[
    ("get", "/healthz"),
    ("get", "/readyz"),
    ("get", "/metrics"),
    ("get", "/api/v1/openapi.json"),
    // The customer's page: the token in its path is the whole authorization.
    ("get", "/status/{token}"),
    ("get", "/status/{token}/help"),
    ("post", "/status/{token}/help"),
    ("get", "/status/{token}/stop"),
    ("post", "/status/{token}/stop"),
    ("get", "/status/{token}/forget"),
    ("post", "/status/{token}/forget"),
    // A staff mail's unsubscribe link and an alert's one-touch link: the same.
    ("get", "/mail/unsubscribe/{token}"),
    ("post", "/mail/unsubscribe/{token}"),
    ("get", "/touch/{token}"),
    ("post", "/touch/{token}"),
    ("get", "/api/v1/session/csrf"),
    ("post", "/api/v1/session"),
    ("delete", "/api/v1/session"),
    ("post", "/api/v1/session/refresh"),
    ("post", "/api/v1/session/link"),
    ("post", "/api/v1/session/link/redeem"),
    ("post", "/api/v1/password-reset"),
    ("post", "/api/v1/password-reset/complete"),
    ("post", "/api/v1/invitations/inspect"),
    ("post", "/api/v1/invitations/accept"),
    // The harness's probe of the shared JSON machinery (tests/api/helpers.rs).
    ("post", "/api/v1/test/probe"),
];

async fn every_private_operation_refuses_missing_forged_and_expired_tokens(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.expect("openapi");
    let paths = doc["paths"].as_object().expect("paths");

    // A real, valid token to take apart.
    app.add_person("eve@example.be", &[Role::Admin, Role::Owner, Role::Employee], PASSWORD);
    let browser = app.browser().await;
    let res = browser.sign_in("eve@example.be", PASSWORD).await;
    let jwt = res
        .cookies()
        .find(|c| c.name() == "earshot_access")
        .map(|c| c.value().to_owned())
        .expect("access cookie");
    let forged = forge(&jwt);

    let mut checked = 0;
    let mut public_seen = 0;
    for (path, operations) in paths {
        for method in operations.as_object().expect("operations").keys() {
            if PUBLIC.contains(&(method.as_str(), path.as_str())) {
                public_seen += 1;
                continue;
            }
            let url = path.replace("{id}", "3f1e9c52-1c3b-4b7e-9a57-2d1f1d6c4a10");
            let method: Method = method.to_uppercase().parse().expect("method");
            for (what, cookie) in
                [("missing", None), ("forged", Some(forged.clone())), ("expired", Some(jwt.clone()))]
            {
                if what == "expired" {
                    app.clock.advance(16 * 60);
                }
                let mut req = app
                    .client
                    .request(method.clone(), app.url(&url))
                    .header("x-csrf-token", &browser.csrf)
                    .header("content-type", "application/json")
                    .body("{}");
                let mut cookies = format!("earshot_csrf={}", browser.csrf);
                if let Some(token) = cookie {
                    cookies.push_str(&format!("; earshot_access={token}"));
                }
                req = req.header("cookie", cookies);
                let res = req.send().await.expect("request");
                assert_eq!(res.status(), 401, "{method} {path} with a {what} token");
                assert_kind(&problem(res).await, 401, "unauthorized");
                if what == "expired" {
                    app.clock.advance(-16 * 60);
                }
            }
            checked += 1;
        }
    }
    assert_eq!(public_seen, PUBLIC.len(), "every public operation is in the document");
    assert!(checked >= 10, "only {checked} private operations found");
}

/// Same header and claims, signature of another key: the kind of token an attacker can make.
fn forge(jwt: &str) -> String {
    let engine = base64::engine::general_purpose::URL_SAFE_NO_PAD;
    let mut parts = jwt.split('.');
    let (header, claims) = (parts.next().expect("header"), parts.next().expect("claims"));
    let signature = engine.encode([7u8; 32]);
    format!("{header}.{claims}.{signature}")
}

async fn roles_are_enforced(backend: Backend) {
    let app = spawn_app(backend).await;
    let employee = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner, Role::Employee]).await;
    for browser in [&employee, &owner] {
        assert_kind(&problem(browser.get("/api/v1/people").await).await, 403, "forbidden");
        let res = browser
            .post("/api/v1/people", &json!({"email": "x@example.be", "name": "X", "roles": ["admin"]}))
            .await;
        assert_kind(&problem(res).await, 403, "forbidden");
        let res = browser.post("/api/v1/topics", &json!({"labels": {"nl": "a", "fr": "b", "en": "c"}})).await;
        assert_kind(&problem(res).await, 403, "forbidden");
    }
    // Everyone signed in reads the settings, without the admin's parts.
    let settings: serde_json::Value = employee.get("/api/v1/settings").await.json().await.expect("settings");
    assert!(settings.get("sender_address").is_none() && settings.get("mail").is_none(), "{settings}");
}

async fn state_changing_requests_without_the_csrf_token_are_refused(backend: Backend) {
    let app = spawn_app(backend).await;
    app.add_person("lucas@example.be", &[Role::Employee], PASSWORD);
    let browser = app.browser().await;
    let body = json!({"email": "lucas@example.be", "password": PASSWORD});
    // No header at all.
    let res = browser.client.post(app.url("/api/v1/session")).json(&body).send().await.expect("request");
    assert_kind(&problem(res).await, 403, "csrf");
    // A header that does not match the cookie.
    let res = browser
        .client
        .post(app.url("/api/v1/session"))
        .header("x-csrf-token", "a".repeat(43))
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_kind(&problem(res).await, 403, "csrf");
    // A cross-site request, even with the token.
    let res = browser
        .client
        .post(app.url("/api/v1/session"))
        .header("x-csrf-token", &browser.csrf)
        .header("sec-fetch-site", "cross-site")
        .json(&body)
        .send()
        .await
        .expect("request");
    assert_kind(&problem(res).await, 403, "csrf");
    // Signed in, a PATCH without the token is refused too.
    assert_eq!(browser.sign_in("lucas@example.be", PASSWORD).await.status(), 200);
    let res = browser
        .client
        .patch(app.url("/api/v1/me"))
        .json(&json!({"name": "L"}))
        .send()
        .await
        .expect("request");
    assert_kind(&problem(res).await, 403, "csrf");
    let res = browser.send(Method::PATCH, "/api/v1/me", Some(&json!({"name": "Lucas L."}))).await;
    assert_eq!(res.status(), 200);
}

/// The roles an operation's `session` security requirement names: `None` for a public one,
/// `Some([])` for anyone signed in.
fn roles_in_document(operation: &serde_json::Value) -> Option<Vec<String>> {
    let requirements = operation.get("security")?.as_array()?;
    let mut roles: Option<Vec<String>> = None;
    for requirement in requirements {
        if let Some(scopes) = requirement.get("session").and_then(|s| s.as_array()) {
            roles
                .get_or_insert_with(Vec::new)
                .extend(scopes.iter().filter_map(|s| s.as_str()).map(str::to_owned));
        }
    }
    roles
}

/// Every mounted operation — the document is collected from the mounting, the harness's own
/// test routes included — called as nobody, an employee, an owner and an admin: it answers each
/// exactly as its extractor's role (named in the document) says.
async fn every_mounted_operation_admits_exactly_the_roles_it_names(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.expect("openapi");
    let callers = [
        ("an employee", app.signed_in("employee@example.be", &[Role::Employee]).await, "employee"),
        ("an owner", app.signed_in("owner@example.be", &[Role::Owner]).await, "owner"),
        ("an admin", app.signed_in("admin@example.be", &[Role::Admin]).await, "admin"),
    ];
    let nobody = app.browser().await;
    let mut walked = Vec::new();
    for (path, operations) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in operations.as_object().expect("operations") {
            let Some(roles) = roles_in_document(operation) else { continue };
            let url = path.replace("{id}", "3f1e9c52-1c3b-4b7e-9a57-2d1f1d6c4a10");
            let method: Method = method.to_uppercase().parse().expect("method");
            let body = (method != Method::GET).then(|| json!({}));
            let res = nobody.send(method.clone(), &url, body.as_ref()).await;
            assert_eq!(res.status(), 401, "{method} {path} without a session");
            for (who, browser, role) in &callers {
                let res = browser.send(method.clone(), &url, body.as_ref()).await;
                let status = res.status().as_u16();
                let kind = if status == 403 { problem(res).await.kind } else { String::new() };
                let refused = kind == "urn:earshot:problem:forbidden";
                let admitted = roles.is_empty() || roles.iter().any(|r| r == role);
                assert_ne!(status, 401, "{method} {path} as {who}");
                assert_eq!(refused, !admitted, "{method} {path} as {who} (for {roles:?}): {status} {kind}");
            }
            walked.push(format!("{method} {path}"));
        }
    }
    assert!(
        walked.contains(&"GET /api/v1/test/owners".to_owned()),
        "the harness's route is walked: {walked:?}"
    );
    assert!(walked.len() >= 20, "only {} signed-in operations: {walked:?}", walked.len());
}

/// A route mounted by a test build is in the document, as mounted, with its role.
async fn a_route_mounted_in_a_test_build_is_in_the_document(backend: Backend) {
    let app = spawn_app(backend).await;
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.expect("openapi");
    let owners = &doc["paths"]["/api/v1/test/owners"]["get"];
    assert_eq!(roles_in_document(owners), Some(vec!["owner".to_owned()]), "{owners}");
    assert!(doc["paths"]["/api/v1/test/probe"]["post"]["requestBody"].is_object());
    // Every problem is documented as problem+json, and the shared ones are there — except the
    // pages a mail's link opens (the status page, unsubscribe, one-touch), whose refusals are
    // their own HTML pages.
    for (path, operations) in doc["paths"].as_object().expect("paths") {
        for (method, operation) in operations.as_object().expect("operations") {
            for (status, response) in operation["responses"].as_object().expect("responses") {
                if status.starts_with('4') || status.starts_with('5') {
                    let types: Vec<&String> =
                        response["content"].as_object().expect("content").keys().collect();
                    let page_of_its_own = (path.starts_with("/status/")
                        && (["404", "429"].contains(&status.as_str())
                            || (path.ends_with("/help")
                                && method == "post"
                                && ["400", "409"].contains(&status.as_str()))))
                        || ((path.starts_with("/mail/unsubscribe/") || path.starts_with("/touch/"))
                            && ["404", "409", "410"].contains(&status.as_str()));
                    if page_of_its_own {
                        assert!(types.iter().any(|t| t.starts_with("text/html")), "{method} {path} {status}");
                    } else {
                        assert_eq!(types, ["application/problem+json"], "{method} {path} {status}");
                    }
                }
            }
            assert!(operation["responses"].get("500").is_some(), "{method} {path}");
        }
    }
    assert!(owners["responses"].get("401").is_some() && owners["responses"].get("403").is_some());
}

both_backends!(
    every_mounted_operation_admits_exactly_the_roles_it_names,
    a_route_mounted_in_a_test_build_is_in_the_document,
    every_private_operation_refuses_missing_forged_and_expired_tokens,
    roles_are_enforced,
    state_changing_requests_without_the_csrf_token_are_refused,
);
