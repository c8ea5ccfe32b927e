//! The rules around a decided case (docs/decisions.md): a remark added hears the decision at
//! once; one removed keeps what it was told; merging two decided cases asks which stands and
//! tells the others; reopening puts it back in the inbox and tells why; a promise passing with
//! no decision turns the case late; two owners deciding at once send one mail per customer.

use serde_json::json;

use super::{HONEST_NL, case_of, decide, decided, id_of, no_action, seen};
use crate::both_backends;
use crate::cases::{case, change, create};
use crate::desk::{capture, count, day_after, ids, inbox};
use crate::helpers::{Backend, TestApp, assert_kind, problem};
use earshot::people::Role;

fn customer(name: &str, mail: &str) -> serde_json::Value {
    json!({"customer": {"name": name, "email": mail, "consent": true}})
}

async fn add_remove_and_merge_keep_every_customer_told(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let a = capture(&jan, customer("An", "an@example.be")).await;
    let b = capture(&jan, customer("Bert", "bert@example.be")).await;
    let late = capture(&jan, customer("Lien", "lien@example.be")).await;
    let other = capture(&jan, customer("Omar", "omar@example.be")).await;
    app.release_now();
    let case_ab = id_of(&create(&sofie, "Brood op", &[&a, &b]).await);
    decided(&sofie, &case_ab, no_action("nl", HONEST_NL)).await;
    let smtp = app.smtp.as_ref().unwrap();
    smtp.wait_for(2).await;

    // A remark added to a decided case hears its decision at once.
    let v = case(&sofie, &case_ab).await;
    let added = change(&sofie, &case_ab, "add", json!({"version": v["version"], "remarks": [late]})).await;
    assert_eq!(added.status(), 200);
    let lien = smtp.wait_for(3).await.into_iter().find(|m| m.to == "lien@example.be").expect("Lien is told");
    assert!(lien.text.contains("Onze oven bakt"), "{}", lien.text);
    let view = case(&sofie, &case_ab).await;
    assert!(view["remarks"].as_array().unwrap().iter().all(|r| r["remark"]["state"] == "decided"));

    // A remark taken out keeps the decision it was told, in a case of its own.
    let taken =
        change(&sofie, &case_ab, "remove", json!({"version": view["version"], "remarks": [late]})).await;
    assert_eq!(taken.status(), 200);
    let own = crate::desk::desk(&sofie, &late).await;
    assert_eq!(own["remark"]["state"], "decided", "still decided");
    let own_case = own["case"]["id"].as_str().expect("in a case of its own").to_owned();
    assert_ne!(own_case, case_ab);
    assert_eq!(case(&sofie, &own_case).await["decision"]["kind"], "no_action", "a copy of what it was told");
    assert!(!ids(&inbox(&sofie, "").await).contains(&late), "not back in the inbox");
    let v = case(&sofie, &own_case).await;
    let emptied =
        change(&sofie, &own_case, "remove", json!({"version": v["version"], "remarks": [late]})).await;
    assert_eq!(problem(emptied).await.errors[0].pointer, "/remarks", "a decided case keeps one");
    assert_eq!(smtp.messages().len(), 3, "taking out tells nobody");

    // Merging two decided cases: which decision stands?
    let case_o = id_of(&case_of(&sofie, &other).await);
    let act = json!({"kind": "act", "hear_again_on": day_after(&app, 20),
        "texts": [{"language": "nl", "outcome": "We bakken op zaterdag om negen uur een tweede keer."}]});
    decided(&sofie, &case_o, act).await;
    smtp.wait_for(4).await;
    let (mine, theirs) = (case(&sofie, &case_ab).await, case(&sofie, &case_o).await);
    let merge = |keep: Option<&str>| json!({"version": mine["version"], "other": {"id": case_o, "version": theirs["version"]}, "keep": keep});
    let unsaid = change(&sofie, &case_ab, "merge", merge(None)).await;
    assert_eq!(problem(unsaid).await.errors[0].pointer, "/keep");
    let merged = change(&sofie, &case_ab, "merge", merge(Some("other"))).await;
    assert_eq!(merged.status(), 200, "{}", merged.text().await.unwrap_or_default());
    let view = case(&sofie, &case_ab).await;
    assert_eq!(view["decision"]["kind"], "act", "the other's decision stands");
    // An and Bert hear of the change; Omar, who was told it, hears nothing new.
    let mails = smtp.wait_for(6).await;
    for to in ["an@example.be", "bert@example.be"] {
        let told = mails.iter().filter(|m| m.to == to && m.text.contains("tweede keer")).count();
        assert_eq!(told, 1, "{to}");
    }
    assert_eq!(mails.iter().filter(|m| m.to == "omar@example.be").count(), 1);
}

async fn reopening_and_a_passed_promise_never_leave_silence(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let a = capture(&jan, customer("An", "an@example.be")).await;
    app.release_now();
    let id = id_of(&case_of(&sofie, &a).await);
    // A first answer names a day; the day passes with no decision: late in the inbox.
    let v = seen(&sofie, &id, json!({})).await;
    let ack = json!({"version": v["version"], "remarks": v["remarks"], "promised_on": day_after(&app, 1),
        "texts": [{"language": "nl", "text": "We zoeken het uit."}], "channel": "auto"});
    assert_eq!(sofie.post(&format!("/api/v1/desk/cases/{id}/acknowledgement"), &ack).await.status(), 200);
    app.advance(50 * 3600);
    sofie.refresh().await;
    let row = &inbox(&sofie, "").await["items"][0];
    assert_eq!((row["remark"]["id"].as_str(), row["late"].as_bool()), (Some(a.as_str()), Some(true)));
    let draft: serde_json::Value =
        sofie.get(&format!("/api/v1/desk/cases/{id}/draft")).await.json().await.unwrap();
    assert!(
        draft["drafts"][0]["preview"].as_str().unwrap().starts_with("Het spijt ons"),
        "a new day, apology first"
    );

    // Decided late: the apology opens it.
    decided(&sofie, &id, no_action("nl", HONEST_NL)).await;
    let mails = app.smtp.as_ref().unwrap().wait_for(2).await;
    let decision = mails.iter().find(|m| m.text.contains("Onze oven")).expect("the decision");
    let apology = decision.text.find("Het spijt ons").expect("the apology");
    assert!(apology < decision.text.find("Onze oven").expect("the reason"), "{}", decision.text);

    // Reopened, with the reason and a new day: back in the inbox, An told why.
    let v = case(&sofie, &id).await;
    let url = format!("/api/v1/desk/cases/{id}/reopen");
    let reopen = |texts: serde_json::Value| json!({"version": v["version"], "promised_on": day_after(&app, 10), "texts": texts});
    let wrong = sofie.post(&url, &reopen(json!([{"language": "fr", "text": "Nous regardons."}]))).await;
    assert_eq!(problem(wrong).await.errors[0].pointer, "/texts");
    let res = sofie
        .post(
            &url,
            &reopen(json!([{"language": "nl", "text": "Een nieuwe oven is goedkoper dan we dachten."}])),
        )
        .await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let view: serde_json::Value = res.json().await.unwrap();
    assert!(view["decision"].is_null());
    assert_eq!(view["decisions"][0]["ended"], "reopened");
    assert_eq!(view["remarks"][0]["remark"]["state"], "acknowledged");
    assert!(ids(&inbox(&sofie, "").await).contains(&a), "back in the inbox");
    let mails = app.smtp.as_ref().unwrap().wait_for(3).await;
    let why = mails.iter().find(|m| m.text.contains("goedkoper")).expect("told why");
    assert!(why.text.contains("opnieuw"), "{}", why.text);
    let again = sofie.post(&url, &reopen(json!([{"language": "nl", "text": "x"}]))).await;
    assert_kind(&problem(again).await, 409, "stale");
}

async fn two_owners_deciding_at_once_send_one_mail_each(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let piet = app.signed_in("piet@example.be", &[Role::Owner]).await;
    let a = capture(&jan, customer("An", "an@example.be")).await;
    let b = capture(&jan, customer("Bert", "bert@example.be")).await;
    app.release_now();
    let id = id_of(&create(&sofie, "Brood op", &[&a, &b]).await);
    let body = seen(&sofie, &id, no_action("nl", HONEST_NL)).await;
    let url = format!("/api/v1/desk/cases/{id}/decision");
    let (one, two) = tokio::join!(sofie.post(&url, &body), piet.post(&url, &body));
    let mut statuses = [one.status().as_u16(), two.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409]);
    app.smtp.as_ref().unwrap().wait_for(2).await;
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 2, "one mail per customer");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM decisions"), 1);
    let huge = decide(&piet, &id, json!({"kind": "praise", "version": i32::MAX})).await;
    assert_kind(&problem(huge).await, 409, "stale");
    let unexplained = decide(&piet, &id, json!({"kind": "praise", "texts": [{"language": "nl"}]})).await;
    assert_eq!(problem(unexplained).await.errors[0].pointer, "/texts/0/change", "a change says why");
}

both_backends!(
    add_remove_and_merge_keep_every_customer_told,
    reopening_and_a_passed_promise_never_leave_silence,
    two_owners_deciding_at_once_send_one_mail_each
);
