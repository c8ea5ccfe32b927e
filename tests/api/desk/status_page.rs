//! The customer's status page: works without script, at most 14 KB, in their language; an
//! unknown token is the same 404 in the same time; rate-limited per address.

use std::time::Instant;

use serde_json::json;

use super::{acknowledge, capture, day_after};
use crate::both_backends;
use crate::helpers::{Backend, TestApp};
use earshot::people::Role;

/// Acknowledge one remark by mail and return its status link (read from the mail).
async fn a_link(app: &TestApp) -> String {
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(&jan, json!({"customer": {"email": "an@example.be", "consent": true}})).await;
    app.release_now();
    assert_eq!(acknowledge(&owner, &[&id], json!({"promised_on": day_after(app, 5)})).await.status(), 200);
    let mail = &app.smtp.as_ref().unwrap().wait_for(1).await[0];
    let at = mail.text.find("/status/").expect("a link");
    let start = mail.text[..at].rfind("http").expect("absolute");
    mail.text[start..].split_whitespace().next().unwrap().to_owned()
}

fn median(mut samples: Vec<f64>) -> f64 {
    samples.sort_by(f64::total_cmp);
    samples[samples.len() / 2]
}

async fn an_unknown_link_is_the_same_404_in_the_same_time(backend: Backend) {
    let app = TestApp::on(backend).smtp().tweak(|s| s.status_pages_per_minute_per_ip = 100_000).start().await;
    let link = a_link(&app).await;
    let path = &link[link.find("/status/").unwrap()..];
    let page = app.get(path).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Beste") || html.contains("Uw opmerking"), "{html}");
    assert!(html.len() <= 14 * 1024 && !html.contains("<script"));

    let unknown = app.get("/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!(unknown.status(), 404);
    assert!(unknown.headers()["content-type"].to_str().unwrap().starts_with("text/html"));
    let body = unknown.text().await.unwrap();
    assert!(body.contains("Deze link kennen we niet"), "{body}");
    let too_short = app.get("/status/x").await;
    assert_eq!(too_short.status(), 404);
    assert_eq!(too_short.text().await.unwrap(), body, "every unknown link, the same page");

    // 200 of each, interleaved, after a warm-up: the medians within 10 % of each other.
    for _ in 0..20 {
        app.get(path).await;
        app.get("/status/warmup").await;
    }
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for i in 0..200 {
        let fake = format!("/status/{}", earshot::auth::token::random());
        for (target, samples) in [(path, &mut known), (fake.as_str(), &mut unknown)] {
            let started = Instant::now();
            let res = app.get(target).await;
            let _ = res.bytes().await;
            samples.push(started.elapsed().as_secs_f64());
        }
        let _ = i;
    }
    let (k, u) = (median(known), median(unknown));
    let ratio = u / k;
    println!("status page medians: known {:.3} ms, unknown {:.3} ms, ratio {ratio:.3}", k * 1e3, u * 1e3);
    assert!((0.9..=1.1).contains(&ratio), "known {k:.6} s, unknown {u:.6} s");
}

async fn guessing_from_one_address_is_slowed(backend: Backend) {
    let app = TestApp::on(backend).tweak(|s| s.status_pages_per_minute_per_ip = 5).start().await;
    for _ in 0..5 {
        assert_eq!(app.get("/status/guess").await.status(), 404);
    }
    let refused = app.send_in(reqwest::Method::GET, "/status/guess", "fr").await;
    assert_eq!(refused.status(), 429);
    assert!(refused.headers().contains_key("retry-after"));
    assert!(refused.text().await.unwrap().contains("trop souvent"));
}

both_backends!(an_unknown_link_is_the_same_404_in_the_same_time, guessing_from_one_address_is_slowed);
