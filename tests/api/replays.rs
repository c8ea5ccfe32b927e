//! A capture's id sent again. Its reporter gets the first answer again (or 422 for another
//! body); anyone else one answer that depends on nothing they sent — so a colleague cannot
//! confirm a guessed customer address by replaying a remark's id. And the Idempotency-Key header
//! as the IETF draft has it: once, plain or quoted, the same request as the id in the body.

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Browser, assert_kind, problem, spawn_app};
use earshot::people::Role;

fn remark(id: &str, customer: Value) -> Value {
    json!({
        "id": id,
        "customer": customer,
        "facts": "Het brood was oud.",
        "feeling": {"level": "frustrated", "words": "Elke zaterdag hetzelfde."},
        "place": {"kind": "hairdresser"},
    })
}

fn with_contact(email: &str) -> Value {
    json!({"name": "Mevrouw Claes", "email": email, "phone": "0475 12 34 56", "consent": true, "language": "nl"})
}

async fn send(browser: &Browser, body: &Value) -> (u16, String) {
    let res = browser.post("/api/v1/remarks", body).await;
    (res.status().as_u16(), res.text().await.expect("body"))
}

async fn nobody_but_the_reporter_learns_anything_from_a_replay(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let lotte = app.signed_in("lotte@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner, Role::Employee]).await;
    let id = uuid::Uuid::new_v4().to_string();
    let original = remark(&id, with_contact("an.claes@example.be"));
    let (status, first) = send(&jan, &original).await;
    assert_eq!(status, 201);
    assert!(first.contains("an.claes@example.be"), "the capturer's receipt has the contact");

    let right = original.clone();
    let wrong = remark(&id, with_contact("someone.else@example.be"));
    let none = remark(&id, json!({"name": "Mevrouw Claes", "language": "nl"}));
    for other in [&lotte, &owner] {
        let answers = [send(other, &right).await, send(other, &wrong).await, send(other, &none).await];
        assert!(answers.iter().all(|a| *a == answers[0]), "byte-identical: {answers:?}");
        let (status, body) = &answers[0];
        assert_eq!(*status, 409);
        let p: earshot::error::Problem = serde_json::from_str(body).expect("problem");
        assert_kind(&p, 409, "already-captured");
        for secret in ["claes", "0475", "consent", "someone.else", "email", "phone"] {
            assert!(!body.to_lowercase().contains(secret), "no contact detail ({secret}) in {body}");
        }
    }
    // The reporter: the first answer again, and 422 for another body.
    assert_eq!(send(&jan, &original).await, (201, first));
    let p = problem(jan.post("/api/v1/remarks", &wrong).await).await;
    assert_kind(&p, 422, "idempotency-mismatch");
}

/// A stored id is answered from what is stored: never "in progress" — which would tell a
/// colleague replaying it the moment the reporter's phone sends it again.
async fn a_stored_id_is_never_in_progress_whoever_sends_it(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let lotte = app.signed_in("lotte@example.be", &[Role::Employee]).await;
    let body = remark(&uuid::Uuid::new_v4().to_string(), with_contact("an.claes@example.be"));
    let (status, first) = send(&jan, &body).await;
    assert_eq!(status, 201);
    let (by_jan, by_lotte) = tokio::join!(
        futures_util::future::join_all((0..20).map(|_| send(&jan, &body))),
        futures_util::future::join_all((0..20).map(|_| send(&lotte, &body))),
    );
    assert!(by_jan.iter().all(|a| *a == (201, first.clone())), "the reporter: the original each time");
    assert!(by_lotte.iter().all(|a| *a == by_lotte[0]), "a colleague: one answer");
    assert_eq!(by_lotte[0].0, 409);
    assert!(by_lotte[0].1.contains("urn:earshot:problem:already-captured"), "{}", by_lotte[0].1);
}

async fn after_a_reset_the_reporters_old_capture_is_already_captured(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let body = remark(&uuid::Uuid::new_v4().to_string(), with_contact("an.claes@example.be"));
    assert_eq!(send(&jan, &body).await.0, 201);
    // A reset by mail starts a new messenger epoch: the old capture is no longer "theirs" to
    // the server, and the phone's outbox, sending it again, is told it arrived.
    let again = app.reset_and_sign_in("jan@example.be").await;
    let p = problem(again.post("/api/v1/remarks", &body).await).await;
    assert_kind(&p, 409, "already-captured");
}

async fn post_with_keys(browser: &Browser, keys: &[&str], body: &Value) -> reqwest::Response {
    let mut req =
        browser.client.post(browser.url("/api/v1/remarks")).header("x-csrf-token", &browser.csrf).json(body);
    for key in keys {
        req = req.header("idempotency-key", *key);
    }
    req.send().await.expect("request")
}

async fn the_idempotency_key_is_given_once_in_the_header_or_the_body(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let contact = with_contact("an.claes@example.be");
    let without_id = |id: &str| {
        let mut body = remark(id, contact.clone());
        body.as_object_mut().expect("object").remove("id");
        body
    };

    // Two keys are refused, never one silently chosen — as two headers or as a list.
    let (a, b) = (uuid::Uuid::new_v4().to_string(), uuid::Uuid::new_v4().to_string());
    for keys in [vec![a.as_str(), b.as_str()], vec![a.as_str(), a.as_str()]] {
        let p = problem(post_with_keys(&jan, &keys, &without_id(&a)).await).await;
        assert_kind(&p, 400, "idempotency-key-repeated");
    }
    let list = format!("{a}, {b}");
    let p = problem(post_with_keys(&jan, &[&list], &without_id(&a)).await).await;
    assert_kind(&p, 400, "idempotency-key-repeated");

    // In the header first (quoted, as a structured-field string), in the body on the replay:
    // the same request, answered with the original.
    let quoted = format!("\"{a}\"");
    let first = post_with_keys(&jan, &[&quoted], &without_id(&a)).await;
    assert_eq!(first.status(), 201);
    let first = first.text().await.expect("body");
    assert_eq!(send(&jan, &remark(&a, contact.clone())).await, (201, first.clone()));
    // And the other way round.
    assert_eq!(send(&jan, &remark(&b, contact.clone())).await.0, 201);
    let replay = post_with_keys(&jan, &[&b], &without_id(&b)).await;
    assert_eq!(replay.status(), 201);
    assert!(replay.text().await.expect("body").contains(&b));
    // The same id in both places is fine; different ids are not.
    let res = post_with_keys(&jan, &[&a], &remark(&a, contact.clone())).await;
    assert_eq!(res.text().await.expect("body"), first);
    let p = problem(post_with_keys(&jan, &[&b], &remark(&a, contact)).await).await;
    assert_kind(&p, 422, "invalid-body");
}

both_backends!(
    nobody_but_the_reporter_learns_anything_from_a_replay,
    a_stored_id_is_never_in_progress_whoever_sends_it,
    after_a_reset_the_reporters_old_capture_is_already_captured,
    the_idempotency_key_is_given_once_in_the_header_or_the_body,
);
