//! The pass-on path: a customer without an address (or consent) hears through the colleague
//! who heard them. The reporter sees the item and confirms it; the owner sees the day only, or
//! "not confirmed" after the organisation's window — and nothing written names the reporter.

use serde_json::{Value, json};

use super::{acknowledge, capture, count, day_after, desk};
use crate::both_backends;
use crate::helpers::{Backend, Browser, spawn_app};
use earshot::people::Role;

async fn mine(browser: &Browser) -> Value {
    let res = browser.get("/api/v1/my-remarks").await;
    assert_eq!(res.status(), 200);
    res.json().await.expect("my remarks")
}

fn item<'a>(mine: &'a Value, id: &str) -> &'a Value {
    mine["items"].as_array().unwrap().iter().find(|i| i["id"] == id).expect("the remark in my remarks")
}

async fn the_messenger_passes_it_on_and_the_owner_sees_the_day(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let lotte = app.signed_in("lotte@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(
        &jan,
        json!({"customer": {"name": "Mr Smith", "language": "en"}, "feeling": {"words": "I was fuming"}}),
    )
    .await;
    app.release_now();
    assert_eq!(desk(&owner, &id).await["channel"], "pass_on");
    let res = acknowledge(
        &owner,
        &[&id],
        json!({"promised_on": day_after(&app, 4), "text": "You told us you were fuming. We understand."}),
    )
    .await;
    assert_eq!(res.status(), 200);
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 0, "nobody is mailed");

    let jans = mine(&jan).await;
    assert_eq!(jans["waiting"], 1, "the badge");
    let pass_on = &item(&jans, &id)["pass_on"];
    assert_eq!(pass_on["language"], "en");
    assert!(pass_on["text"].as_str().unwrap().contains("You told us you were fuming"), "{pass_on}");
    assert!(pass_on["text"].as_str().unwrap().contains("By "), "the date, in English: {pass_on}");
    assert!(pass_on["done_on"].is_null());
    let lottes = mine(&lotte).await;
    assert_eq!(lottes["waiting"], 0);
    assert!(lottes["items"].as_array().unwrap().is_empty());
    // Lotte did not hear it: her "done" is as "not found" as a remark that does not exist.
    let done = json!({"remark_id": id, "action": "passed_on"});
    assert_eq!(lotte.post("/api/v1/my-remarks/actions", &done).await.status(), 404);

    app.advance(26 * 3600);
    jan.refresh().await;
    owner.refresh().await;
    assert_eq!(jan.post("/api/v1/my-remarks/actions", &done).await.status(), 200);
    assert_eq!(jan.post("/api/v1/my-remarks/actions", &done).await.status(), 200, "twice is harmless");
    let jans = mine(&jan).await;
    assert_eq!(jans["waiting"], 0);
    let tomorrow = day_after(&app, 0);
    assert_eq!(item(&jans, &id)["pass_on"]["done_on"], tomorrow.as_str());

    let view = desk(&owner, &id).await;
    assert_eq!(view["remark"]["state"], "acknowledged");
    let ack = &view["acknowledgements"][0];
    assert_eq!(ack["pass_on"]["confirmed_on"], tomorrow.as_str());
    assert_eq!(ack["pass_on"]["unconfirmed"], false);
    let passed: Vec<&Value> =
        view["history"].as_array().unwrap().iter().filter(|h| h["kind"] == "passed_on").collect();
    assert_eq!(passed.len(), 1);
    assert!(passed[0]["by"].is_null(), "the messenger is never named");
    assert_eq!(passed[0]["day"], tomorrow.as_str());
    let body = serde_json::to_string(&view).unwrap();
    assert!(!body.contains("jan"), "nothing about the reporter: {body}");
}

async fn a_pass_on_not_confirmed_shows_after_the_window(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(&jan, json!({})).await;
    app.release_now();
    assert_eq!(acknowledge(&owner, &[&id], json!({"promised_on": day_after(&app, 20)})).await.status(), 200);
    app.advance(6 * 86_400);
    owner.refresh().await;
    assert_eq!(desk(&owner, &id).await["acknowledgements"][0]["pass_on"]["unconfirmed"], false);
    app.advance(86_400);
    owner.refresh().await;
    let view = desk(&owner, &id).await;
    assert_eq!(view["acknowledgements"][0]["pass_on"]["unconfirmed"], true, "seven days: not confirmed");
    assert_eq!(view["remark"]["state"], "waiting_for_pass_on");
    // The answer is the same whoever the reporter is and whatever became of them: the owner's
    // view of a reporter who reset their password is byte for byte the one before.
    let before = serde_json::to_string(&view).unwrap();
    let _ = app.reset_and_sign_in("jan@example.be").await;
    assert_eq!(serde_json::to_string(&desk(&owner, &id).await).unwrap(), before);
}

both_backends!(
    the_messenger_passes_it_on_and_the_owner_sees_the_day,
    a_pass_on_not_confirmed_shows_after_the_window
);
