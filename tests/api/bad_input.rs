//! Every kind of bad input gets a 4xx problem+json with a translated title — never a 500.

use earshot::i18n::Lang;
use serde_json::json;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::both_backends;
use reqwest::Method;

use crate::helpers::{Backend, Browser, assert_kind, problem, spawn_app};

const PROBE: &str = "/api/v1/test/probe";

async fn post_raw(app: &Browser, content_type: &str, body: Vec<u8>, lang: &str) -> reqwest::Response {
    app.client
        .post(app.url(PROBE))
        .header("x-csrf-token", &app.csrf)
        .header("content-type", content_type)
        .header("accept-language", lang)
        .body(body)
        .send()
        .await
        .expect("request")
}

fn valid() -> serde_json::Value {
    json!({"name": "Jan", "count": 3, "tags": ["a"], "nested": {"level": 2}})
}

async fn a_valid_body_is_accepted(backend: Backend) {
    let app = spawn_app(backend).await;
    let b = app.browser().await;
    let res = post_raw(&b, "application/json", valid().to_string().into_bytes(), "nl").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<serde_json::Value>().await.expect("json"), valid());
}

async fn malformed_json_is_400_with_its_position(backend: Backend) {
    let app = spawn_app(backend).await;
    let b = app.browser().await;
    for body in [&b"{\"name\": "[..], b"", b"not json", b"{\"name\":\"a\",\"count\":1,\"tags\":[]} x"] {
        let p = problem(post_raw(&b, "application/json", body.to_vec(), "en").await).await;
        assert_eq!(p.kind, "urn:earshot:problem:malformed-json", "{body:?}");
        assert_eq!(p.status, 400);
        assert!(p.detail.as_deref().is_some_and(|d| d.contains("line 1")), "{:?}", p.detail);
    }
}

async fn bad_utf8_is_400(backend: Backend) {
    let app = spawn_app(backend).await;
    let b = app.browser().await;
    let body = b"{\"name\":\"\xff\xfe\",\"count\":1,\"tags\":[]}".to_vec();
    let p = problem(post_raw(&b, "application/json", body, "nl").await).await;
    assert_kind(&p, 400, "malformed-json");
}

async fn wrong_types_unknown_and_missing_fields_are_422_with_pointers(backend: Backend) {
    let app = spawn_app(backend).await;
    let b = app.browser().await;
    let cases = [
        (json!({"name": "a", "count": "three", "tags": []}), "/count", "invalid-type"),
        (json!({"name": "a", "count": 1, "tags": [], "admin": true}), "/admin", "unknown"),
        (json!({"name": "a", "tags": []}), "/count", "missing"),
        (json!({"name": "a", "count": -1, "tags": []}), "/count", "invalid-value"),
        (json!({"name": "a", "count": 1, "tags": [1]}), "/tags/0", "invalid-type"),
        (
            json!({"name": "a", "count": 1, "tags": [], "nested": {"level": 999}}),
            "/nested/level",
            "invalid-value",
        ),
        (json!("just a string"), "", "invalid-type"),
    ];
    for (body, pointer, code) in cases {
        let res = post_raw(&b, "application/json", body.to_string().into_bytes(), "fr").await;
        assert_eq!(res.status(), 422, "{body}");
        let p = problem(res).await;
        assert_eq!(p.kind, "urn:earshot:problem:invalid-body");
        assert_eq!(p.title, Lang::Fr.t("problem-invalid-body"));
        assert_eq!(p.errors.len(), 1, "{body}");
        let field = &p.errors[0];
        assert_eq!(field.pointer, pointer, "{body}");
        assert_eq!(serde_json::to_value(field.code).expect("code"), json!(code), "{body}");
        assert!(!field.detail.is_empty());
    }
}

async fn wrong_content_type_is_415(backend: Backend) {
    let app = spawn_app(backend).await;
    let b = app.browser().await;
    for content_type in ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]
    {
        let p = problem(post_raw(&b, content_type, valid().to_string().into_bytes(), "en").await).await;
        assert_kind(&p, 415, "unsupported-media-type");
    }
    let res = b
        .client
        .post(app.url(PROBE))
        .header("x-csrf-token", &b.csrf)
        .body(valid().to_string())
        .send()
        .await
        .expect("request");
    assert_eq!(res.status(), 415, "no content type at all");
    // application/problem+json and other +json types are JSON too.
    let res = post_raw(&b, "application/merge-patch+json", valid().to_string().into_bytes(), "en").await;
    assert_eq!(res.status(), 200);
}

async fn oversize_bodies_are_413_whether_declared_or_streamed(backend: Backend) {
    let app = spawn_app(backend).await;
    let b = app.browser().await;
    let big = format!(r#"{{"name":"{}","count":1,"tags":[]}}"#, "x".repeat(70 * 1024));
    let p = problem(post_raw(&b, "application/json", big.clone().into_bytes(), "nl").await).await;
    assert_kind(&p, 413, "payload-too-large");
    assert!(p.detail.as_deref().is_some_and(|d| d.contains("65536")), "{:?}", p.detail);

    // Chunked, so the server only learns the size while reading.
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.expect("connect");
    let mut request = format!(
        "POST {PROBE} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Accept-Language: en\r\nTransfer-Encoding: chunked\r\nConnection: close\r\n\
         Cookie: earshot_csrf={token}\r\nX-CSRF-Token: {token}\r\n\r\n",
        token = b.csrf
    )
    .into_bytes();
    for chunk in big.as_bytes().chunks(8 * 1024) {
        request.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        request.extend_from_slice(chunk);
        request.extend_from_slice(b"\r\n");
    }
    request.extend_from_slice(b"0\r\n\r\n");
    // The server may answer and close before it has read everything; that is fine.
    let _ = stream.write_all(&request).await;
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response).await;
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 413"), "{response}");
    assert!(response.contains("urn:earshot:problem:payload-too-large"), "{response}");
    assert!(response.contains(&Lang::En.t("problem-payload-too-large")), "{response}");
}

async fn titles_follow_accept_language_and_default_to_dutch(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut titles = Vec::new();
    for (header, lang) in [
        (None, Lang::Nl),
        (Some("nl-BE"), Lang::Nl),
        (Some("fr-BE,fr;q=0.9,en;q=0.5"), Lang::Fr),
        (Some("en-GB"), Lang::En),
        (Some("de-DE"), Lang::Nl),
    ] {
        let mut req = app.client.get(app.url("/api/v1/no-such-thing"));
        if let Some(h) = header {
            req = req.header("accept-language", h);
        }
        let res = req.send().await.expect("request");
        assert_eq!(res.status(), 404);
        assert_eq!(res.headers().get("content-language").and_then(|v| v.to_str().ok()), Some(lang.code()));
        let p = problem(res).await;
        assert_eq!(p.kind, "urn:earshot:problem:not-found");
        assert_eq!(p.title, lang.t("problem-not-found"), "{header:?}");
        titles.push(p.title);
    }
    assert_eq!(titles[0], "Niet gevonden.");
    assert_eq!(titles[2], "Introuvable.");
    assert_eq!(titles[3], "Not found.");
}

async fn wrong_methods_are_405_problems(backend: Backend) {
    let app = spawn_app(backend).await;
    let p = problem(app.send_in(Method::DELETE, "/healthz", "nl").await).await;
    assert_kind(&p, 405, "method-not-allowed");
    let p = problem(app.send_in(Method::GET, PROBE, "fr").await).await;
    assert_kind(&p, 405, "method-not-allowed");
    assert_eq!(p.title, Lang::Fr.t("problem-method-not-allowed"));
    let p = problem(app.send_in(Method::PUT, "/", "en").await).await;
    assert_kind(&p, 405, "method-not-allowed");
}

async fn errors_are_never_cached_and_carry_security_headers(backend: Backend) {
    let app = spawn_app(backend).await;
    let res = app.get("/api/v1/nothing").await;
    let h = res.headers();
    assert_eq!(h.get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    assert!(h.get("content-security-policy").is_some());
    assert_eq!(h.get("x-content-type-options").and_then(|v| v.to_str().ok()), Some("nosniff"));
}

both_backends!(
    a_valid_body_is_accepted,
    malformed_json_is_400_with_its_position,
    bad_utf8_is_400,
    wrong_types_unknown_and_missing_fields_are_422_with_pointers,
    wrong_content_type_is_415,
    oversize_bodies_are_413_whether_declared_or_streamed,
    titles_follow_accept_language_and_default_to_dutch,
    wrong_methods_are_405_problems,
    errors_are_never_cached_and_carry_security_headers,
);
