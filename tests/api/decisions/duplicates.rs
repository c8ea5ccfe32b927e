//! Duplicates: a case's customers hear another case's decision — now if it has one, else that
//! it is pending and by when, then when it comes and at each change; chains resolve to the
//! root; a case cannot duplicate itself nor close a circle.

use serde_json::json;

use super::{HONEST_NL, case_of, decide, decided, id_of, no_action};
use crate::both_backends;
use crate::desk::{capture, count};
use crate::helpers::{Backend, TestApp, problem};
use earshot::people::Role;

async fn duplicates_hear_the_roots_decision_and_its_changes(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let customer =
        |name: &str, mail: &str| json!({"customer": {"name": name, "email": mail, "consent": true}});
    let a = capture(&jan, customer("An", "an@example.be")).await;
    let b = capture(&jan, customer("Bert", "bert@example.be")).await;
    let c = capture(&jan, customer("Carla", "carla@example.be")).await;
    app.release_now();
    let (ca, cb, cc) = (
        id_of(&case_of(&sofie, &a).await),
        id_of(&case_of(&sofie, &b).await),
        id_of(&case_of(&sofie, &c).await),
    );
    let duplicate = |of: &str| json!({"kind": "duplicate", "duplicate_of": of});

    let itself = problem(decide(&sofie, &cb, duplicate(&cb)).await).await;
    assert_eq!((itself.status, itself.errors[0].pointer.as_str()), (422, "/duplicate_of"));
    let unknown = problem(decide(&sofie, &cb, duplicate(&uuid::Uuid::new_v4().to_string())).await).await;
    assert_eq!(unknown.errors[0].pointer, "/duplicate_of");
    let worded = decide(
        &sofie,
        &cb,
        json!({"kind": "duplicate", "duplicate_of": ca, "texts": [{"language": "nl", "outcome": "x"}]}),
    )
    .await;
    assert_eq!(problem(worded).await.errors[0].pointer, "/texts", "a duplicate has no words of its own");

    // B duplicates A, which has no decision yet: Bert hears it is pending, and by when.
    let view = decided(&sofie, &cb, duplicate(&ca)).await;
    assert_eq!(view["decision"]["duplicate_of"]["id"], ca.as_str());
    let pending = &app.smtp.as_ref().unwrap().wait_for(1).await[0];
    assert_eq!(pending.to, "bert@example.be");
    assert!(pending.text.contains("Anderen vertelden ons hetzelfde"), "{}", pending.text);
    // C duplicates B: it resolves to the root, A.
    let view = decided(&sofie, &cc, duplicate(&cb)).await;
    assert_eq!(view["decision"]["duplicate_of"]["id"], ca.as_str(), "a duplicate of a duplicate: the root");
    app.smtp.as_ref().unwrap().wait_for(2).await;
    // A duplicating C would close a circle.
    let circle = problem(decide(&sofie, &ca, duplicate(&cc)).await).await;
    assert_eq!(circle.errors[0].pointer, "/duplicate_of");
    assert!(circle.errors[0].detail.contains("dubbel"), "{}", circle.errors[0].detail);

    // A decides: An, Bert and Carla all hear it.
    let root = decided(&sofie, &ca, no_action("nl", HONEST_NL)).await;
    let mut dups: Vec<&str> =
        root["duplicates"].as_array().unwrap().iter().map(|d| d["id"].as_str().unwrap()).collect();
    dups.sort_unstable();
    let mut expected = vec![cb.as_str(), cc.as_str()];
    expected.sort_unstable();
    assert_eq!(dups, expected);
    let mails = app.smtp.as_ref().unwrap().wait_for(5).await;
    for to in ["an@example.be", "bert@example.be", "carla@example.be"] {
        let told = mails.iter().filter(|m| m.to == to && m.text.contains("Onze oven bakt")).count();
        assert_eq!(told, 1, "{to} hears the root's decision once");
    }
    let bert = mails.iter().rev().find(|m| m.to == "bert@example.be").unwrap();
    assert!(bert.text.contains("samen over beslist"), "told it was decided together: {}", bert.text);

    // A changes its decision (with the reason why): the duplicates hear the change too.
    let change = json!({"kind": "act", "hear_again_on": crate::desk::day_after(&app, 30),
        "texts": [{"language": "nl", "outcome": "We bakken toch een tweede keer, om negen uur."}]});
    let unexplained = decide(&sofie, &ca, change.clone()).await;
    assert_eq!(problem(unexplained).await.errors[0].pointer, "/texts/0/change", "a change says why");
    let mut explained = change;
    explained["texts"][0]["change"] = json!("Veel klanten vroegen het, en een bakker kan vroeger beginnen.");
    let view = decided(&sofie, &ca, explained).await;
    assert_eq!(view["decisions"].as_array().unwrap().len(), 2, "both versions kept");
    assert_eq!(view["decisions"][0]["ended"], "changed");
    let mails = app.smtp.as_ref().unwrap().wait_for(8).await;
    for to in ["an@example.be", "bert@example.be", "carla@example.be"] {
        let told =
            mails.iter().filter(|m| m.to == to && m.text.contains("We hebben ons besluit veranderd")).count();
        assert_eq!(told, 1, "{to} hears the change once");
    }
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 8);
}

both_backends!(duplicates_hear_the_roots_decision_and_its_changes);
