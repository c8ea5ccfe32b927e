//! The first answer: by mail from the real SMTP server in the customer's language (the feeling
//! first, the facts, the date, the link), the apology when late, one mail per address, never a
//! customer mail without consent, by phone, and two owners at once.

use serde_json::json;

use super::{acknowledge, capture, count, day_after, desk};
use crate::both_backends;
use crate::helpers::{Backend, TestApp, assert_kind, problem};
use earshot::people::Role;

pub fn french() -> serde_json::Value {
    json!({
        "customer": {"name": "Madame Dubois", "email": "claire.dubois@example.be", "consent": true, "language": "fr"},
        "facts": "Les tartes pour la communion sont arrivées avec une heure de retard.",
        "feeling": {"level": "very_frustrated", "words": "j'étais furieuse, trente invités et rien sur la table"}
    })
}

async fn a_french_customer_reads_french_the_feeling_first(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(&jan, french()).await;
    app.release_now();
    let promised = day_after(&app, 6);
    let draft: serde_json::Value = owner
        .get(&format!("/api/v1/desk/remarks/{id}/draft?promised_on={promised}"))
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(draft["language"], "fr");
    assert_eq!(draft["late"], false);
    assert!(draft["apology"].is_null());
    assert_eq!(draft["words_other_language"], false);
    let text = draft["text"].as_str().unwrap().to_owned();
    assert!(text.contains("« j'étais furieuse"), "their own words, quoted: {text}");
    let view = desk(&owner, &id).await;
    assert_eq!(view["channel"], "mail");

    let res = acknowledge(&owner, &[&id], json!({"promised_on": promised, "text": text})).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let answer: serde_json::Value = res.json().await.unwrap();
    assert_eq!(answer["items"][0]["remark"]["state"], "acknowledged");
    assert_eq!(answer["items"][0]["version"], 2);
    assert_eq!(answer["items"][0]["late"], false);

    let mails = app.smtp.as_ref().unwrap().wait_for(1).await;
    let mail = &mails[0];
    assert_eq!(mail.to, "claire.dubois@example.be");
    assert!(mail.subject.starts_with("Votre remarque"), "{}", mail.subject);
    let body = &mail.text;
    let at = |needle: &str| body.find(needle).unwrap_or_else(|| panic!("{needle:?} in {body}"));
    assert!(at("Bonjour Madame Dubois") < at("« j'étais furieuse"));
    assert!(at("« j'étais furieuse") < at("Les tartes pour la communion"), "the feeling before the facts");
    assert!(at("Les tartes pour la communion") < at("au plus tard le"), "then the date");
    assert!(!body.contains("vous avoir fait attendre"), "on time: no apology");
    let link_at = at("/status/");
    let link = body[link_at..].split_whitespace().next().unwrap().to_owned();
    assert!(mail.html.contains(&link), "the link in both parts");

    // The link opens the customer's page, in French, with the promised day.
    let page = app.get(&link).await;
    assert_eq!(page.status(), 200);
    let csp = page.headers()["content-security-policy"].to_str().unwrap().to_owned();
    assert!(csp.starts_with("default-src 'none'") && !csp.contains("script-src"), "{csp}");
    let html = page.text().await.unwrap();
    assert!(html.contains("lang=\"fr\"") && html.contains("Les tartes pour la communion"), "{html}");
    assert!(html.contains("Notre première réponse") && !html.contains("<script"), "{html}");
    assert!(html.len() <= 14 * 1024, "{} bytes", html.len());

    // The same request again (a second click): the version moved on, nothing is sent twice.
    let again = owner
        .post(
            "/api/v1/desk/acknowledgements",
            &json!({"remarks": [{"id": id, "version": 1}], "promised_on": promised, "text": "Encore", "channel": "auto"}),
        )
        .await;
    assert_eq!(again.status(), 409);
    let stale = problem(again).await;
    assert_kind(&stale, 409, "stale");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 1);
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM acknowledgements"), 1);
    let view = desk(&owner, &id).await;
    assert_eq!(view["acknowledgements"][0]["by"], "sofie");
    assert_eq!(view["history"][0]["kind"], "acknowledged");
    assert_eq!(view["history"][0]["by"], "sofie");
    assert_eq!(
        view["due_at"].as_i64().unwrap(),
        super::end_of_day(&promised),
        "the promised day, to its end"
    );
}

async fn a_late_answer_opens_with_an_apology(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(&jan, json!({"customer": {"email": "an@example.be", "consent": true}})).await;
    app.release_now();
    app.advance(50 * 3600);
    owner.refresh().await;
    let draft: serde_json::Value =
        owner.get(&format!("/api/v1/desk/remarks/{id}/draft")).await.json().await.unwrap();
    assert_eq!(draft["late"], true);
    assert!(draft["preview"].as_str().unwrap().starts_with("Het spijt ons"), "{}", draft["preview"]);
    let res = acknowledge(&owner, &[&id], json!({"promised_on": day_after(&app, 2)})).await;
    assert_eq!(res.status(), 200);
    let mail = &app.smtp.as_ref().unwrap().wait_for(1).await[0];
    let after_greeting = mail.text.split_once("Beste Mevrouw Claes,").unwrap().1.trim_start();
    assert!(after_greeting.starts_with("Het spijt ons"), "{}", mail.text);
    let view = desk(&owner, &id).await;
    assert_eq!(view["acknowledgements"][0]["late"], true, "answered after the promise: counted late: {view}");
    assert_eq!(view["late"], false, "the new promise runs");
}

async fn one_mail_per_address_and_none_without_consent(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let first = capture(
        &jan,
        json!({"customer": {"email": "an@example.be", "consent": true}, "facts": "Eerste: het brood"}),
    )
    .await;
    let second = capture(
        &jan,
        json!({"customer": {"email": "AN@example.be", "consent": true}, "facts": "Tweede: de taart"}),
    )
    .await;
    let other =
        capture(&jan, json!({"customer": {"name": "Jo", "email": "jo@example.be", "consent": true}})).await;
    let declined =
        capture(&jan, json!({"customer": {"name": "Kim", "email": "kim@example.be", "consent": false}}))
            .await;
    let french = capture(&jan, french()).await;
    app.release_now();
    let promised = day_after(&app, 4);

    let mixed = acknowledge(&owner, &[&first, &french], json!({"promised_on": promised})).await;
    assert_eq!(mixed.status(), 422, "one language per answer");
    assert_eq!(problem(mixed).await.errors[0].pointer, "/remarks");

    let res =
        acknowledge(&owner, &[&first, &second, &other, &declined], json!({"promised_on": promised})).await;
    assert_eq!(res.status(), 200);
    let answer: serde_json::Value = res.json().await.unwrap();
    let states: Vec<&str> =
        answer["items"].as_array().unwrap().iter().map(|i| i["remark"]["state"].as_str().unwrap()).collect();
    assert_eq!(states, ["acknowledged", "acknowledged", "acknowledged", "waiting_for_pass_on"]);
    app.smtp.as_ref().unwrap().wait_for(2).await;
    // A third mail, if one were wrongly queued, has arrived once the outbox holds no unsent row.
    crate::helpers::wait_until(15, || {
        (count(&app, "SELECT COUNT(*) AS n FROM mail_outbox WHERE status <> 'sent'") == 0).then_some(())
    })
    .await
    .expect("outbox drained");
    let mails = app.smtp.as_ref().unwrap().messages();
    assert_eq!(mails.len(), 2, "one per address");
    let to_an = mails.iter().find(|m| m.to == "an@example.be").expect("a mail to an");
    assert!(
        to_an.text.contains("Eerste: het brood") && to_an.text.contains("Tweede: de taart"),
        "{}",
        to_an.text
    );
    assert_eq!(to_an.text.matches("/status/").count(), 3, "a link per remark, and one to stop the mails");
    assert_eq!(to_an.text.matches("/stop").count(), 1);
    assert!(mails.iter().all(|m| m.to != "kim@example.be"), "no consent, no mail");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 2);
}

async fn a_phone_call_is_noted_and_mails_nobody(backend: Backend) {
    let app = spawn(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let phone = capture(&jan, json!({"customer": {"phone": "0475 12 34 56", "consent": true}})).await;
    let no_consent = capture(&jan, json!({"customer": {"phone": "0475 12 34 57", "consent": false}})).await;
    app.release_now();
    let promised = day_after(&app, 3);
    assert_eq!(desk(&owner, &phone).await["can_call"], true);
    assert_eq!(desk(&owner, &no_consent).await["can_call"], false);
    let without_note =
        acknowledge(&owner, &[&phone], json!({"promised_on": promised, "channel": "phone"})).await;
    assert_eq!(without_note.status(), 422);
    assert_eq!(problem(without_note).await.errors[0].pointer, "/note");
    let refused = acknowledge(
        &owner,
        &[&no_consent],
        json!({"promised_on": promised, "channel": "phone", "note": "Gebeld"}),
    )
    .await;
    assert_eq!(refused.status(), 422);
    assert_eq!(problem(refused).await.errors[0].pointer, "/channel");
    let res = acknowledge(&owner, &[&phone], json!({"promised_on": promised, "channel": "phone", "note": "Gebeld om 14u, ze was blij met het telefoontje."})).await;
    assert_eq!(res.status(), 200);
    let view = desk(&owner, &phone).await;
    assert_eq!(view["remark"]["state"], "acknowledged");
    assert_eq!(view["acknowledgements"][0]["channel"], "phone");
    assert_eq!(view["acknowledgements"][0]["note"], "Gebeld om 14u, ze was blij met het telefoontje.");
    assert_eq!(view["history"][0]["kind"], "called");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 0);
}

async fn spawn(backend: Backend) -> TestApp {
    TestApp::on(backend).start().await
}

async fn wrong_answers_are_refused_field_by_field(backend: Backend) {
    let app = spawn(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(&jan, json!({})).await;
    app.release_now();
    let today = day_after(&app, 0);
    let cases = [
        (json!({"promised_on": today}), "/promised_on"),
        (json!({"promised_on": day_after(&app, 91)}), "/promised_on"),
        (json!({"promised_on": "2026-11-31"}), "/promised_on"),
        (json!({"promised_on": day_after(&app, 2), "text": "  "}), "/text"),
        (json!({"promised_on": day_after(&app, 2), "text": "a\u{0}b"}), "/text"),
    ];
    for (body, pointer) in cases {
        let res = acknowledge(&owner, &[&id], body.clone()).await;
        assert_eq!(res.status(), 422, "{body}");
        assert_eq!(problem(res).await.errors[0].pointer, pointer, "{body}");
    }
    let twice = owner
        .post(
            "/api/v1/desk/acknowledgements",
            &json!({"remarks": [{"id": id, "version": 1}, {"id": id, "version": 1}], "promised_on": day_after(&app, 2), "text": "x", "channel": "auto"}),
        )
        .await;
    assert_eq!(twice.status(), 422);
    let unknown = owner
        .post(
            "/api/v1/desk/acknowledgements",
            &json!({"remarks": [{"id": uuid::Uuid::new_v4().to_string(), "version": 1}], "promised_on": day_after(&app, 2), "text": "x", "channel": "auto"}),
        )
        .await;
    assert_eq!(unknown.status(), 404);
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM acknowledgements"), 0);
}

async fn two_owners_at_once_answer_once(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let tom = app.signed_in("tom@example.be", &[Role::Owner]).await;
    let id = capture(&jan, json!({"customer": {"email": "an@example.be", "consent": true}})).await;
    app.release_now();
    let body = json!({"remarks": [{"id": id, "version": 1}], "promised_on": day_after(&app, 3), "text": "Dank u.", "channel": "auto"});
    let (a, b) = tokio::join!(
        sofie.post("/api/v1/desk/acknowledgements", &body),
        tom.post("/api/v1/desk/acknowledgements", &body)
    );
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort();
    assert_eq!(statuses, [200, 409]);
    let lost = if a.status() == 409 { a } else { b };
    let stale = problem(lost).await;
    let current = stale.current.expect("the state as it is now");
    assert_eq!(current[0]["version"], 2);
    assert_eq!(current[0]["remark"]["state"], "acknowledged");
    app.smtp.as_ref().unwrap().wait_for(1).await;
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 1, "the customer hears once");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM acknowledgements"), 1);
}

both_backends!(
    a_french_customer_reads_french_the_feeling_first,
    a_late_answer_opens_with_an_apology,
    one_mail_per_address_and_none_without_consent,
    a_phone_call_is_noted_and_mails_nobody,
    wrong_answers_are_refused_field_by_field,
    two_owners_at_once_answer_once,
);
