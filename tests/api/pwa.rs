//! The embedded front end: served with its CSP and cache rules, compressed, SPA fallback only
//! for navigations. The test script builds the PWA first and sets EARSHOT_TEST_REQUIRE_PWA=1;
//! a plain `cargo test` without Node checks the "not built" page instead.

use crate::helpers::{Backend, TestApp, spawn_app};

fn header<'a>(res: &'a reqwest::Response, name: &str) -> &'a str {
    res.headers().get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
}

async fn navigate(app: &TestApp, path: &str) -> reqwest::Response {
    app.client
        .get(app.url(path))
        .header("sec-fetch-mode", "navigate")
        .header("accept", "text/html")
        .send()
        .await
        .expect("request")
}

#[tokio::test]
async fn the_front_end_is_served_with_csp_and_cache_headers() {
    let app = spawn_app(Backend::Sqlite).await;
    if !earshot::web::pwa::is_built() {
        assert!(
            std::env::var("EARSHOT_TEST_REQUIRE_PWA").is_err(),
            "the binary was built without pwa/dist although the test script built it"
        );
        let res = navigate(&app, "/").await;
        assert_eq!(res.status(), 200);
        let body = res.text().await.expect("body");
        assert!(body.contains("npm run build --prefix pwa"), "{body}");
        return;
    }

    let res = navigate(&app, "/").await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "text/html; charset=utf-8");
    assert_eq!(header(&res, "cache-control"), "no-cache");
    let csp = header(&res, "content-security-policy").to_owned();
    assert!(csp.contains("default-src 'self'") && csp.contains("script-src 'self'"), "{csp}");
    assert!(!csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    let index = res.text().await.expect("index.html");
    assert!(!index.contains("<script>"), "no inline script: the CSP would block it");

    let script = index
        .split('"')
        .find(|s| s.starts_with("/assets/") && s.ends_with(".js"))
        .expect("index.html references a hashed script")
        .to_owned();
    let res = app.get(&script).await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "cache-control"), "public, max-age=31536000, immutable");
    assert!(header(&res, "content-type").starts_with("text/javascript"), "{}", header(&res, "content-type"));
    let etag = header(&res, "etag").to_owned();
    assert!(etag.starts_with('"'));

    let res = app.client.get(app.url(&script)).header("if-none-match", &etag).send().await.expect("request");
    assert_eq!(res.status(), 304);

    let res =
        app.client.get(app.url(&script)).header("accept-encoding", "gzip").send().await.expect("request");
    assert_eq!(header(&res, "content-encoding"), "gzip");
    let res = app.client.get(app.url(&script)).header("accept-encoding", "br").send().await.expect("request");
    assert_eq!(header(&res, "content-encoding"), "br");

    let res = app.get("/manifest.webmanifest").await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "cache-control"), "no-cache");
}

#[tokio::test]
async fn only_navigations_fall_back_to_the_app() {
    let app = spawn_app(Backend::Sqlite).await;
    // A deep link opened in the browser gets the app (or the not-built page).
    let res = navigate(&app, "/my-remarks").await;
    assert_eq!(res.status(), 200);
    assert!(header(&res, "content-type").starts_with("text/html"));
    // A fetch of an unknown path, a missing asset or an unknown API route does not.
    assert_eq!(app.get("/my-remarks").await.status(), 404);
    assert_eq!(navigate(&app, "/assets/gone-12345678.js").await.status(), 404);
    let res = navigate(&app, "/api/v1/nothing").await;
    assert_eq!(res.status(), 404);
    assert_eq!(header(&res, "content-type"), "application/problem+json");
}

#[tokio::test]
async fn api_responses_are_not_compressed() {
    let app = spawn_app(Backend::Sqlite).await;
    let res = app
        .client
        .get(app.url("/api/v1/openapi.json"))
        .header("accept-encoding", "gzip, br")
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 200);
    assert!(res.headers().get("content-encoding").is_none());
}

#[tokio::test]
async fn the_openapi_document_describes_the_api() {
    let app = spawn_app(Backend::Sqlite).await;
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status(), 200);
    assert_eq!(header(&res, "content-type"), "application/json");
    let doc: serde_json::Value = res.json().await.expect("json");
    assert!(doc["openapi"].as_str().is_some_and(|v| v.starts_with("3.")));
    for path in ["/healthz", "/readyz", "/api/v1/openapi.json"] {
        assert!(doc["paths"][path]["get"].is_object(), "{path} is documented");
    }
    assert!(doc["components"]["schemas"]["Problem"].is_object());
}
