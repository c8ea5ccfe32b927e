//! HTTP as clients expect it: error bodies that are what their headers say, slow bodies cut
//! off, HSTS behind https, 405 with Allow for a known path asked with another method.

use std::time::Duration;

use reqwest::Method;
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::both_backends;
use crate::helpers::{Backend, TestApp, TestDb, assert_kind, problem, spawn_app};

fn header(res: &reqwest::Response, name: &str) -> Option<String> {
    res.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned)
}

async fn error_bodies_outside_the_api_are_not_labelled_compressed(backend: Backend) {
    let app = spawn_app(backend).await;
    for (method, path) in [
        (Method::GET, "/assets/index-0000dead.js"),
        (Method::GET, "/no-such-file.png"),
        (Method::POST, "/healthz"),
        (Method::PUT, "/"),
    ] {
        let res = app
            .client
            .request(method.clone(), app.url(path))
            .header("accept-encoding", "gzip, br")
            .send()
            .await
            .expect("request");
        assert!(res.status().is_client_error(), "{method} {path}: {}", res.status());
        assert_eq!(
            header(&res, "content-encoding"),
            None,
            "{method} {path}: a plain body is not labelled gzip"
        );
        // The body is what the headers say: plain problem JSON.
        let p = problem(res).await;
        assert!(p.kind.starts_with("urn:earshot:problem:"), "{p:?}");
    }
}

/// Send `head` and `body` over a raw connection and read what comes back within `within`.
async fn raw_exchange(app: &TestApp, head: String, body: &[u8], within: Duration) -> String {
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.expect("connect");
    stream.write_all(head.as_bytes()).await.expect("head");
    stream.write_all(body).await.expect("body");
    let mut response = Vec::new();
    // Until the server closes the connection (it must), or the deadline.
    let read = tokio::time::timeout(within, stream.read_to_end(&mut response)).await;
    assert!(read.is_ok(), "the server held the connection: {}", String::from_utf8_lossy(&response));
    String::from_utf8_lossy(&response).into_owned()
}

async fn a_body_shorter_than_announced_is_cut_off_with_408(backend: Backend) {
    let db = TestDb::new(backend);
    let app = TestApp::on_db(db).tweak(|s| s.body_timeout_secs = 1).start().await;
    let browser = app.browser().await;
    for path in ["/api/v1/test/probe", "/api/v1/session/refresh"] {
        let head = format!(
            "POST {path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
             Content-Length: 100\r\nCookie: earshot_csrf={token}\r\nX-CSRF-Token: {token}\r\n\r\n",
            token = browser.csrf
        );
        let started = std::time::Instant::now();
        let response = raw_exchange(&app, head, b"{\"name\":", Duration::from_secs(15)).await;
        assert!(response.starts_with("HTTP/1.1 408"), "{path}: {response}");
        assert!(response.contains("urn:earshot:problem:request-timeout"), "{response}");
        assert!(started.elapsed() < Duration::from_secs(10), "cut off after a second of silence");
    }
    // A byte now and then (never a second of silence) is cut off too, after six seconds.
    let head = format!(
        "POST /api/v1/test/probe HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n\
         Content-Length: 1000\r\nCookie: earshot_csrf={token}\r\nX-CSRF-Token: {token}\r\n\r\n",
        token = browser.csrf
    );
    let mut stream = tokio::net::TcpStream::connect(("127.0.0.1", app.port)).await.expect("connect");
    stream.write_all(head.as_bytes()).await.expect("head");
    let started = std::time::Instant::now();
    let mut response = Vec::new();
    let mut buf = [0_u8; 4096];
    while started.elapsed() < Duration::from_secs(15) {
        match tokio::time::timeout(Duration::from_millis(300), stream.read(&mut buf)).await {
            Ok(Ok(0) | Err(_)) => break,
            Ok(Ok(n)) => response.extend_from_slice(&buf[..n]),
            Err(_) => {}
        }
        if stream.write_all(b" ").await.is_err() {
            let _ = tokio::time::timeout(Duration::from_secs(2), stream.read_to_end(&mut response)).await;
            break;
        }
    }
    let response = String::from_utf8_lossy(&response);
    assert!(response.starts_with("HTTP/1.1 408"), "a trickle: {response}");
    assert!(started.elapsed() < Duration::from_secs(10), "within six silences");
    // A body that arrives whole is read as ever.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

async fn https_deployments_send_hsts(backend: Backend) {
    let plain = spawn_app(backend).await;
    assert_eq!(header(&plain.get("/healthz").await, "strict-transport-security"), None, "not over http");
    let app =
        TestApp::on(backend).tweak(|s| s.public_url = "https://earshot.example.be".into()).start().await;
    for path in ["/healthz", "/api/v1/session/csrf", "/", "/api/v1/nothing"] {
        let res = app.get(path).await;
        assert_eq!(header(&res, "strict-transport-security").as_deref(), Some("max-age=63072000"), "{path}");
    }
}

async fn known_paths_asked_with_another_method_are_405_with_allow(backend: Backend) {
    let app = spawn_app(backend).await;
    let browser = app.browser().await;
    let remark = uuid::Uuid::new_v4();
    for (method, path, allow) in [
        (Method::TRACE, "/api/v1/remarks".to_owned(), "GET, POST"),
        (Method::OPTIONS, format!("/api/v1/remarks/{remark}/thread"), "GET"),
        (Method::PUT, "/api/v1/my-remarks".to_owned(), "GET"),
        (Method::DELETE, "/api/v1/settings".to_owned(), "GET, PUT"),
        (Method::TRACE, "/healthz".to_owned(), "GET"),
        (Method::HEAD, "/healthz".to_owned(), "GET"),
        (Method::HEAD, "/api/v1/me".to_owned(), "GET, PATCH"),
        (Method::POST, "/readyz".to_owned(), "GET"),
        (Method::TRACE, "/".to_owned(), "GET, HEAD"),
    ] {
        let res = browser.send(method.clone(), &path, None).await;
        assert_eq!(header(&res, "allow").as_deref(), Some(allow), "{method} {path}");
        if method == Method::HEAD {
            assert_eq!(res.status(), 405, "{path}: HEAD gets the status, no body");
            continue;
        }
        assert_kind(&problem(res).await, 405, "method-not-allowed");
    }
    // Methods no route changes state with need no CSRF token to be told so.
    let propfind = Method::from_bytes(b"PROPFIND").expect("method");
    for method in [Method::TRACE, Method::OPTIONS, propfind] {
        let res = app.send_in(method.clone(), "/api/v1/remarks", "en").await;
        assert_eq!(header(&res, "allow").as_deref(), Some("GET, POST"), "{method} without a token");
        assert_kind(&problem(res).await, 405, "method-not-allowed");
    }
    // A path the API does not have stays a 404.
    let res = browser.send(Method::TRACE, "/api/v1/nothing", None).await;
    assert_kind(&problem(res).await, 404, "not-found");
}

both_backends!(
    error_bodies_outside_the_api_are_not_labelled_compressed,
    a_body_shorter_than_announced_is_cut_off_with_408,
    https_deployments_send_hsts,
    known_paths_asked_with_another_method_are_405_with_allow,
);
