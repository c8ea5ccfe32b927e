//! Owners' alerts: new remarks at their release (not at capture), promises about to slip, and
//! the one-touch link — a GET changes nothing, the POST answers once, a second use and an
//! expired link are refused with a page.

use serde_json::{Value, json};

use super::choose;
use crate::both_backends;
use crate::desk::{capture, count};
use crate::helpers::{Backend, TestApp};
use earshot::people::Role;

fn touch_path(text: &str) -> String {
    let at = text.find("/touch/").expect("a one-touch link");
    text[at..].split_whitespace().next().expect("link").to_owned()
}

async fn an_owner_answers_a_new_remark_in_one_touch_once(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let _piet = app.signed_in("piet@example.be", &[Role::Owner]).await;
    let email = json!({"customer": {"name": "Mevrouw Claes", "language": "nl",
        "email": "claes@example.be", "consent": true}});
    let id = capture(&jan, email).await;
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 0, "nothing at capture");

    app.advance(3600);
    sofie.refresh().await;
    assert_eq!(app.release_ended(), 1);
    let sink = app.smtp.as_ref().unwrap();
    let mails = sink.wait_for(2).await;
    let mail = mails.iter().find(|m| m.to == "sofie@example.be").expect("an alert for each owner");
    assert!(mails.iter().any(|m| m.to == "piet@example.be"));
    assert_eq!(mail.subject, "Een nieuwe opmerking kwam binnen");
    assert!(mail.text.contains("De taarten voor het communiefeest"), "{}", mail.text);
    assert!(!mail.text.contains("jan"), "never the reporter: {}", mail.text);
    assert!(mail.header("List-Unsubscribe").is_some());
    assert!(mail.text.contains(&format!("/owner/{id}")), "open the remark");
    let path = touch_path(&mail.text);

    // A GET (a person, or a link scanner) only asks.
    let page = app.get(&path).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Ja, verstuur dit antwoord"), "{html}");
    assert!(html.contains("Ik stond daar met dertig gasten"), "the prefilled answer: {html}");
    let remark: Value = sofie.get(&format!("/api/v1/desk/remarks/{id}")).await.json().await.unwrap();
    assert_eq!(remark["remark"]["state"], "new", "a GET changes nothing: {remark}");

    let first = app.client.post(app.url(&path)).body("confirm=yes").send().await.unwrap();
    assert_eq!(first.status(), 200);
    assert!(first.text().await.unwrap().contains("Verstuurd"));
    let remark: Value = sofie.get(&format!("/api/v1/desk/remarks/{id}")).await.json().await.unwrap();
    assert_eq!(remark["remark"]["state"], "acknowledged", "{remark}");
    let answer = sink.wait_for(3).await.into_iter().find(|m| m.to == "claes@example.be").expect("her answer");
    assert!(answer.text.contains("Ik stond daar met dertig gasten"), "{}", answer.text);
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM acknowledgements"), 1);

    let again = app.client.post(app.url(&path)).body("confirm=yes").send().await.unwrap();
    assert_eq!(again.status(), 410, "a second use");
    assert!(again.text().await.unwrap().contains("Deze link is al gebruikt"));
    let other = touch_path(&mails.iter().find(|m| m.to == "piet@example.be").unwrap().text);
    let late = app.client.post(app.url(&other)).body("confirm=yes").send().await.unwrap();
    assert_eq!(late.status(), 409, "answered meanwhile");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM acknowledgements"), 1, "answered once");
    assert_eq!(app.get("/touch/unknown-token").await.status(), 404);
}

async fn a_slipping_promise_is_told_once_and_an_old_link_has_expired(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    choose(&sofie, "none", 8).await;
    capture(&jan, json!({})).await;
    app.advance(3600);
    app.release_ended();
    let sink = app.smtp.as_ref().unwrap();
    let alert = sink.wait_for(1).await.remove(0);
    let path = touch_path(&alert.text);

    // The promise (two working days here) comes within Sofie's 24 hours: one alert, once.
    let mut told = 0;
    for _ in 0..4 * 24 {
        app.advance(3600);
        super::digest_round(&app);
        told = super::queued(&app, "owner_slipping");
        if told > 0 {
            break;
        }
    }
    assert_eq!(told, 1, "the promise about to slip");
    for _ in 0..3 {
        app.advance(3600);
        super::digest_round(&app);
    }
    assert_eq!(super::queued(&app, "owner_slipping"), 1, "told once");
    let slipping = sink.wait_for(2).await.into_iter().find(|m| m.subject.contains("belofte")).expect("slip");
    assert_eq!(slipping.subject, "Een belofte dreigt te verlopen");

    // The first alert's link was good for a day.
    let expired = app.client.post(app.url(&path)).body("confirm=yes").send().await.unwrap();
    assert_eq!(expired.status(), 410);
    assert!(expired.text().await.unwrap().contains("Deze link werkt niet meer"));
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM acknowledgements"), 0);
}

both_backends!(
    an_owner_answers_a_new_remark_in_one_touch_once,
    a_slipping_promise_is_told_once_and_an_old_link_has_expired
);
