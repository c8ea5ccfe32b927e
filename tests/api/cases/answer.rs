//! The first answer to a whole case: each customer in their language, their own feeling first
//! (never another customer's), one mail per address, pass-ons for the others; exactly the
//! case's languages and remarks.

use serde_json::json;

use super::{case, create};
use crate::both_backends;
use crate::desk::{capture, count, day_after};
use crate::helpers::{Backend, TestApp, assert_kind, problem};
use earshot::people::Role;

async fn every_customer_of_a_case_hears_once_in_their_language(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let an = json!({"customer": {"name": "An Peeters", "email": "an@example.be", "consent": true}});
    let first =
        capture(&jan, json!({"customer": an["customer"], "feeling": {"words": "ik was woedend"}})).await;
    let second = capture(
        &jan,
        json!({"customer": {"name": "An Peeters", "email": "AN@example.be", "consent": true}, "facts": "Weer te laat, de week erna.", "feeling": {"words": "opnieuw!"}}),
    )
    .await;
    let claire = capture(&jan, crate::desk::acknowledge::french()).await;
    let quiet =
        capture(&jan, json!({"customer": {"name": "Meneer Wouters"}, "feeling": {"words": "jammer"}})).await;
    app.release_now();
    let made = create(&sofie, "Taarten te laat", &[&first, &second, &claire, &quiet]).await;
    let id = made["id"].as_str().unwrap().to_owned();
    assert_eq!(made["languages"], json!(["nl", "fr"]));

    let draft: serde_json::Value =
        sofie.get(&format!("/api/v1/desk/cases/{id}/draft")).await.json().await.unwrap();
    let langs: Vec<&str> =
        draft["drafts"].as_array().unwrap().iter().map(|d| d["language"].as_str().unwrap()).collect();
    assert_eq!(langs, ["nl", "fr"]);
    assert_eq!(draft["drafts"][0]["customers"], 2, "An and Meneer Wouters");
    assert!(draft["drafts"][1]["text"].as_str().unwrap().contains("Vous n'êtes pas"));

    let seen: Vec<serde_json::Value> = made["remarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| json!({"id": i["remark"]["id"], "version": i["version"]}))
        .collect();
    let promised = day_after(&app, 5);
    let body = |texts: serde_json::Value| json!({"version": made["version"], "remarks": seen, "promised_on": promised, "texts": texts, "channel": "auto"});
    let url = format!("/api/v1/desk/cases/{id}/acknowledgement");
    // Every language the case's customers speak, and only those.
    let missing = sofie.post(&url, &body(json!([{"language": "nl", "text": "Dank u."}]))).await;
    assert_eq!(problem(missing).await.errors[0].pointer, "/texts");
    let extra = sofie
        .post(&url, &body(json!([{"language": "nl", "text": "a"}, {"language": "fr", "text": "b"}, {"language": "en", "text": "c"}])))
        .await;
    assert_eq!(problem(extra).await.errors[0].pointer, "/texts");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM acknowledgements"), 0, "refused: nothing kept");

    let texts = json!([{"language": "nl", "text": "We zoeken uit hoe dit kon."}, {"language": "fr", "text": "Nous cherchons comment c'est arrivé."}]);
    let res = sofie.post(&url, &body(texts.clone())).await;
    assert_eq!(res.status(), 200, "{}", res.text().await.unwrap_or_default());
    let after: serde_json::Value = res.json().await.unwrap();
    let states: Vec<(&str, &str)> = after["remarks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| (i["remark"]["customer"]["name"].as_str().unwrap(), i["remark"]["state"].as_str().unwrap()))
        .collect();
    assert!(states.contains(&("Meneer Wouters", "waiting_for_pass_on")), "{states:?}");
    assert_eq!(states.iter().filter(|(_, s)| *s == "acknowledged").count(), 3);
    assert_eq!(after["history"].as_array().unwrap().last().unwrap()["kind"], "acknowledged");

    let mails = app.smtp.as_ref().unwrap().wait_for(2).await;
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 2, "one mail per address");
    let to_an = mails.iter().find(|m| m.to == "an@example.be").expect("An's mail");
    let to_claire = mails.iter().find(|m| m.to == "claire.dubois@example.be").expect("Claire's mail");
    let (an_text, claire_text) = (&to_an.text, &to_claire.text);
    assert!(
        an_text.contains("ik was woedend") && an_text.contains("opnieuw!"),
        "her own feelings: {an_text}"
    );
    assert!(an_text.find("ik was woedend") < an_text.find("We zoeken uit"), "the feeling first");
    assert!(!an_text.contains("jammer") && !an_text.contains("furieuse"), "never another customer's words");
    assert!(
        claire_text.contains("j'étais furieuse") && claire_text.contains("Nous cherchons"),
        "{claire_text}"
    );
    assert!(!claire_text.contains("woedend") && !claire_text.contains("We zoeken"), "{claire_text}");

    // The same request again saw old versions: nothing is sent twice.
    let again = sofie.post(&url, &body(texts)).await;
    assert_kind(&problem(again).await, 409, "stale");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox"), 2);
    assert_eq!(case(&sofie, &id).await["remarks"].as_array().unwrap().len(), 4);
}

async fn an_answer_names_exactly_the_cases_remarks(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let (x, y) = (capture(&jan, json!({})).await, capture(&jan, json!({})).await);
    app.release_now();
    let made = create(&sofie, "A", &[&x, &y]).await;
    let id = made["id"].as_str().unwrap();
    let res = sofie
        .post(
            &format!("/api/v1/desk/cases/{id}/acknowledgement"),
            &json!({"version": 1, "remarks": [{"id": x, "version": 1}], "promised_on": day_after(&app, 2),
                    "texts": [{"language": "nl", "text": "Dank u."}], "channel": "pass_on"}),
        )
        .await;
    let stale = problem(res).await;
    assert_kind(&stale, 409, "stale");
    assert_eq!(stale.current.unwrap()["remarks"].as_array().unwrap().len(), 2, "the case as it is");
    let phone = sofie
        .post(
            &format!("/api/v1/desk/cases/{id}/acknowledgement"),
            &json!({"version": 1, "remarks": [], "promised_on": day_after(&app, 2), "texts": [], "channel": "phone"}),
        )
        .await;
    assert_eq!(phone.status(), 422, "a call is one customer: not for a case");
    let twice = sofie
        .post(
            &format!("/api/v1/desk/cases/{id}/acknowledgement"),
            &json!({"version": 1, "remarks": [{"id": x, "version": 1}, {"id": x, "version": 1}],
                    "promised_on": day_after(&app, 2), "texts": [{"language": "nl", "text": "Dank u."}], "channel": "auto"}),
        )
        .await;
    assert_eq!(problem(twice).await.errors[0].pointer, "/remarks", "each remark once");
}

both_backends!(
    every_customer_of_a_case_hears_once_in_their_language,
    an_answer_names_exactly_the_cases_remarks
);
