//! Every kind and what it requires; the mail each customer reads, in their language, the
//! feeling first; the apology when late; the canned-phrase warning; who may decide.

use serde_json::json;

use super::{HONEST_NL, case_of, decide, decided, id_of, no_action, preview, status_path, warnings};
use crate::both_backends;
use crate::desk::{capture, count, day_after, inbox};
use crate::helpers::{Backend, TestApp, problem};
use earshot::people::Role;

async fn a_french_no_action_is_french_feeling_first_with_its_reason(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(&jan, crate::desk::acknowledge::french()).await;
    app.release_now();
    let case = id_of(&case_of(&sofie, &id).await);
    let again = case_of(&sofie, &id).await;
    assert_eq!(id_of(&again), case, "a remark in a case gives its case");

    // Who may decide: owners only.
    let url = format!("/api/v1/desk/cases/{case}/decision");
    assert_eq!(jan.post(&url, &json!({})).await.status(), 403);
    assert_eq!(app.get(&format!("/api/v1/desk/cases/{case}/decision/draft")).await.status(), 401);

    let none = decide(&sofie, &case, json!({"kind": "no_action", "texts": []})).await;
    assert_eq!(problem(none).await.errors[0].pointer, "/texts");
    let blank = decide(&sofie, &case, no_action("fr", "  ")).await;
    let blank = problem(blank).await;
    assert_eq!(blank.status, 422);
    assert_eq!(blank.errors[0].pointer, "/texts/0/outcome", "no action without a reason");
    let dutch = decide(&sofie, &case, no_action("nl", HONEST_NL)).await;
    assert_eq!(problem(dutch).await.errors[0].pointer, "/texts", "nobody here reads Dutch");

    let draft: serde_json::Value =
        sofie.get(&format!("/api/v1/desk/cases/{case}/decision/draft")).await.json().await.unwrap();
    assert_eq!(draft["changing"], false);
    assert_eq!(draft["languages"], json!(["fr"]));
    assert!(draft["customers"][0]["feeling_line"].as_str().unwrap().contains("j'étais furieuse"));

    // A canned reason: a warning in the preview, not a refusal.
    let canned =
        preview(&sofie, &case, no_action("fr", "Nous reviendrons vers vous dans les plus brefs délais."))
            .await;
    assert_eq!(canned["ready"], true);
    let mail = &canned["mails"][0];
    assert_eq!(mail["channel"], "mail");
    assert!(warnings(mail).contains(&"canned".to_owned()), "{mail}");
    let phrases: Vec<&str> =
        mail["warnings"].as_array().unwrap().iter().filter_map(|w| w["phrase"].as_str()).collect();
    assert!(phrases.contains(&"dans les plus brefs delais"), "{phrases:?}");
    let short = preview(&sofie, &case, no_action("fr", "Trop cher.")).await;
    assert_eq!(warnings(&short["mails"][0]), ["short"]);
    let missing = preview(&sofie, &case, no_action("fr", "")).await;
    assert_eq!(missing["ready"], false);
    assert_eq!(missing["issues"][0]["pointer"], "/texts/0/outcome");
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM decisions"), 0, "a preview writes nothing");

    let reason = "Notre four ne cuit que deux cents pains le matin; un second four coûterait plus \
        que ce que le samedi rapporte. Vous pouvez réserver votre pain jusqu'au vendredi soir.";
    let honest = preview(&sofie, &case, no_action("fr", reason)).await;
    assert!(warnings(&honest["mails"][0]).is_empty(), "{honest}");
    let view = decided(&sofie, &case, no_action("fr", reason)).await;
    assert_eq!(view["decision"]["kind"], "no_action");
    assert_eq!(view["decision"]["by"], "sofie");
    assert_eq!(view["remarks"][0]["remark"]["state"], "decided");
    assert_eq!(view["history"].as_array().unwrap().last().unwrap()["kind"], "decided");
    assert!(!crate::desk::ids(&inbox(&sofie, "").await).contains(&id), "decided: out of the inbox");

    let mail = &app.smtp.as_ref().unwrap().wait_for(1).await[0];
    assert_eq!(mail.to, "claire.dubois@example.be");
    assert!(mail.subject.contains("Notre réponse"), "{}", mail.subject);
    let text = &mail.text;
    let (feeling, why) =
        (text.find("j'étais furieuse").expect("her words"), text.find("Notre four").expect("the reason"));
    assert!(feeling < why, "the feeling first: {text}");
    assert!(text.contains("honnêtement pourquoi"), "the frame in French: {text}");
    assert!(!text.contains("attendre cette réponse"), "on time: no apology");
    let page = app.get(&status_path(text)).await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Notre décision") && html.contains("Notre four"), "{html}");
}

async fn a_late_case_in_dutch_and_english_gets_each_their_language(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let an = capture(&jan, json!({"customer": {"name": "An Peeters", "email": "an@example.be", "consent": true}, "feeling": {"words": "ik was woedend"}})).await;
    let john = capture(
        &jan,
        json!({"customer": {"name": "John Smith", "email": "john@example.com", "consent": true, "language": "en"},
               "facts": "The bread was gone by ten on Saturday.", "feeling": {"words": "really annoyed"}}),
    )
    .await;
    app.release_now();
    let case = id_of(&crate::cases::create(&sofie, "Brood op om tien uur", &[&an, &john]).await);
    app.advance(50 * 3600);
    sofie.refresh().await;

    let act = |texts: serde_json::Value, day: Option<String>| json!({"kind": "act", "hear_again_on": day, "texts": texts});
    let nl = json!([{"language": "nl", "feeling": "Dat begrijpen we.", "outcome": "Vanaf januari bakken we op zaterdag om negen uur een tweede keer."}]);
    let no_day = decide(&sofie, &case, act(nl.clone(), None)).await;
    assert_eq!(problem(no_day).await.errors[0].pointer, "/hear_again_on", "to act names a day");
    let day = day_after(&app, 40);
    let only_dutch = preview(&sofie, &case, act(nl, Some(day.clone()))).await;
    let for_john =
        only_dutch["mails"].as_array().unwrap().iter().find(|m| m["language"] == "en").expect("John's mail");
    assert_eq!(for_john["text_language"], "nl");
    assert!(warnings(for_john).contains(&"other_language".to_owned()), "{for_john}");
    assert_eq!(for_john["late"], true);

    let both = json!([
        {"language": "nl", "outcome": "Vanaf januari bakken we op zaterdag om negen uur een tweede keer."},
        {"language": "en", "outcome": "From January we bake a second batch at nine on Saturdays."}
    ]);
    let view = decided(&sofie, &case, act(both, Some(day))).await;
    assert_eq!(view["decision"]["kind"], "act");
    let mails = app.smtp.as_ref().unwrap().wait_for(2).await;
    let to_an = mails.iter().find(|m| m.to == "an@example.be").expect("An");
    let to_john = mails.iter().find(|m| m.to == "john@example.com").expect("John");
    assert!(
        to_an.text.contains("Dit gaan we doen") && to_an.text.contains("Vanaf januari"),
        "{}",
        to_an.text
    );
    assert!(!to_an.text.contains("From January"));
    assert!(
        to_john.text.contains("This is what we will do") && to_john.text.contains("From January"),
        "{}",
        to_john.text
    );
    assert!(!to_john.text.contains("woedend") && to_john.text.contains("really annoyed"), "his own words");
    let apology_first =
        |text: &str, apology: &str, words: &str| text.find(apology).unwrap() < text.find(words).unwrap();
    assert!(apology_first(&to_an.text, "Het spijt ons", "ik was woedend"), "{}", to_an.text);
    assert!(apology_first(&to_john.text, "sorry", "really annoyed"), "{}", to_john.text);
    let kept =
        count(&app, "SELECT COUNT(*) AS n FROM acknowledgements WHERE late AND decision_id IS NOT NULL");
    assert_eq!(kept, 2, "the decision counts as the (late) answer");
}

async fn praise_already_done_and_the_other_ways_to_hear(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let glad = capture(&jan, json!({"customer": {"name": "Meneer Wouters"}, "feeling": {"level": "delighted", "words": "heerlijk"}})).await;
    let phone = capture(
        &jan,
        json!({"customer": {"name": "Mevrouw Aerts", "phone": "+32470123456", "consent": true}}),
    )
    .await;
    app.release_now();
    let praise = id_of(&case_of(&sofie, &glad).await);
    let view = decided(&sofie, &praise, json!({"kind": "praise", "texts": []})).await;
    assert_eq!(view["decision"]["kind"], "praise");
    // No address: the colleague who heard it passes it on.
    let mine: serde_json::Value = jan.get("/api/v1/my-remarks").await.json().await.unwrap();
    let item = mine["items"].as_array().unwrap().iter().find(|i| i["id"] == glad.as_str()).expect("mine");
    assert!(item["pass_on"]["text"].as_str().unwrap().contains("doorgegeven aan het team"), "{item}");

    let done = id_of(&case_of(&sofie, &phone).await);
    let empty =
        decide(&sofie, &done, json!({"kind": "already_done", "texts": [{"language": "nl", "outcome": ""}]}))
            .await;
    assert_eq!(problem(empty).await.errors[0].pointer, "/texts/0/outcome", "what exists is required");
    let view = decided(
        &sofie,
        &done,
        json!({"kind": "already_done", "texts": [{"language": "nl", "outcome": "Sinds november kunt u taarten online bestellen met een leveruur naar keuze."}]}),
    )
    .await;
    // Consent and only a phone: the owner's call.
    let calls = view["calls"].as_array().unwrap();
    assert_eq!(calls.len(), 1);
    assert_eq!(calls[0]["phone"], "+32470123456");
    assert!(calls[0]["text"].as_str().unwrap().contains("online bestellen"));
    let called = sofie
        .post(
            &format!("/api/v1/desk/cases/{done}/called"),
            &json!({"version": view["version"], "remark": phone, "note": "Gebeld, ze wist het niet."}),
        )
        .await;
    assert_eq!(called.status(), 200);
    let after: serde_json::Value = called.json().await.unwrap();
    assert!(after["calls"].as_array().unwrap().is_empty());
    assert_eq!(after["history"].as_array().unwrap().last().unwrap()["kind"], "called");
    let twice = sofie
        .post(
            &format!("/api/v1/desk/cases/{done}/called"),
            &json!({"version": after["version"], "remark": phone}),
        )
        .await;
    assert_eq!(twice.status(), 404, "no call waits any more");
}

both_backends!(
    a_french_no_action_is_french_feeling_first_with_its_reason,
    a_late_case_in_dutch_and_english_gets_each_their_language,
    praise_already_done_and_the_other_ways_to_hear
);
