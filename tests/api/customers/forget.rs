//! Forget me: the name, e-mail and phone gone from every remark behind the link, from every
//! queued mail and from the files (SQLite's file and WAL after the checkpoint; pg_dump); the
//! facts kept; the link itself gone; staff read that the customer asked to be forgotten.

use aho_corasick::AhoCorasick;
use serde_json::json;

use super::{page, post_form, told};
use crate::anonymity::hours_evidence::backup;
use crate::both_backends;
use crate::decisions::decided;
use crate::desk::{capture, count};
use crate::helpers::{Backend, TestApp};
use earshot::people::Role;

const NAME: &str = "Madame Dubois";
const EMAIL: &str = "claire.dubois@example.be";
const PHONE: &str = "+32 470 12 34 56";

async fn forget_me_leaves_no_trace_of_the_customer(backend: Backend) {
    let mut app = TestApp::on(backend).smtp().start().await;
    let t = told(&app, json!({"customer": {"name": NAME, "email": EMAIL, "phone": PHONE, "consent": true, "language": "fr"}})).await;
    // A second remark of hers (the address in other letters), and a vote naming her.
    let piet = app.signed_in("piet@example.be", &[Role::Employee]).await;
    let other = capture(&piet, json!({"customer": {"name": "Claire Dubois", "email": EMAIL.to_uppercase(), "consent": true, "language": "fr"}, "facts": "Le parking est toujours plein le samedi."})).await;
    app.release_now();
    let (_, html) = page(&app, &t.path).await;
    let shown = super::decision_on(&html);
    post_form(
        &app,
        &format!("{}/help", t.path),
        &format!("helped=no&comment=Ici+Madame+Dubois%2C+toujours+pas+de+pain.&decision={shown}"),
    )
    .await;
    app.smtp.as_ref().unwrap().wait_for(3).await;
    // A mail to her waits while the mail server is down.
    app.smtp.as_mut().unwrap().stop();
    let change = json!({"kind": "no_action", "texts": [{"language": "fr", "outcome": "Nous ne changeons rien pour l'instant, le four reste le même.", "change": "Le four d'occasion était trop cher."}]});
    decided(&t.owner, &t.case, change).await;
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox WHERE status <> 'sent'"), 1);

    let before: serde_json::Value =
        t.owner.get(&format!("/api/v1/desk/remarks/{}", t.remark)).await.json().await.unwrap();
    let stored_phone = before["remark"]["customer"]["phone"].as_str().expect("her phone").to_owned();
    let traces = [NAME, "Dubois", EMAIL, "claire.dubois", PHONE, stored_phone.as_str()];
    let found = AhoCorasick::builder().ascii_case_insensitive(true).build(traces).unwrap();
    assert!(found.is_match(&backup(&app)), "before: the dump holds her (the check can fail)");

    let forget = format!("{}/forget", t.path);
    let (status, asking) = page(&app, &forget).await;
    assert_eq!(status, 200, "a GET asks");
    assert!(asking.contains("<form method=\"post\""));
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM remarks WHERE forgotten_on IS NOT NULL"),
        0,
        "and changes nothing"
    );
    let done = post_form(&app, &forget, "confirm=yes").await;
    assert_eq!(done.status(), 200);
    let said = done.text().await.unwrap().replace("&#39;", "'");
    for words in ["votre nom, votre adresse e-mail et votre numéro de téléphone", "les 2 remarques"] {
        assert!(said.contains(words), "the page says what was erased ({words}): {said}");
    }

    // The link is gone: the unknown page.
    let (status, gone) = page(&app, &t.path).await;
    let (_, unknown) = page(&app, "/status/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA").await;
    assert_eq!((status, gone), (404, unknown));
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM mail_outbox WHERE status <> 'sent'"),
        0,
        "no mail waits for her"
    );
    assert_eq!(count(&app, "SELECT COUNT(*) AS n FROM mail_outbox WHERE recipient <> ''"), 0);

    // Staff read that she asked to be forgotten; the facts stay.
    for id in [&t.remark, &other] {
        let view: serde_json::Value =
            t.owner.get(&format!("/api/v1/desk/remarks/{id}")).await.json().await.unwrap();
        let customer = &view["remark"]["customer"];
        assert_eq!(customer["forgotten"], true, "{view}");
        assert_eq!(customer["name"], "");
        assert!(customer.get("email").is_none() && customer.get("phone").is_none(), "{customer}");
    }
    let facts = count(
        &app,
        "SELECT COUNT(*) AS n FROM remarks WHERE facts LIKE 'Le parking%' OR facts LIKE 'Les tartes%'",
    );
    assert_eq!(facts, 2, "the facts are kept");

    // A full dump: no trace of her name, address or phone.
    let dump = backup(&app);
    let hits: Vec<&str> = found.find_iter(&dump).map(|m| traces[m.pattern().as_usize()]).collect();
    assert!(hits.is_empty(), "the dump still holds {hits:?}");
    app.smtp.as_mut().unwrap().restart();
}

both_backends!(forget_me_leaves_no_trace_of_the_customer);

async fn the_owner_takes_a_forgotten_name_out_of_the_facts(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let named = json!({
        "customer": {"name": "Madame Peeters", "email": "peeters@example.be", "consent": true, "language": "fr"},
        "facts": "Madame Peeters trouvait la tarte trop sucrée, dit Peeters.",
        "feeling": {"level": "frustrated", "words": "plus jamais"}
    });
    let t = told(&app, named).await;
    let done = post_form(&app, &format!("{}/forget", t.path), "confirm=yes").await;
    let said = done.text().await.unwrap();
    assert!(said.contains("Votre nom figure encore"), "the page says the facts still name her: {said}");
    let mails = app.smtp.as_ref().unwrap().wait_for(3).await;
    let told_owner = mails.iter().find(|m| m.to == "sofie@example.be").expect("the owner is told");
    assert!(told_owner.subject.contains("vroeg om vergeten te worden"), "{}", told_owner.subject);
    assert!(told_owner.text.contains(&format!("/owner/{}", t.remark)), "{}", told_owner.text);
    assert!(!told_owner.text.contains("Peeters"), "the mail does not name her either");

    let url = format!("/api/v1/desk/remarks/{}/words", t.remark);
    let view: serde_json::Value =
        t.owner.get(&format!("/api/v1/desk/remarks/{}", t.remark)).await.json().await.unwrap();
    let version = view["version"].as_i64().unwrap();
    let jan = app.signed_in("piet@example.be", &[Role::Employee]).await;
    let body = json!({"version": version, "facts": "La cliente trouvait la tarte trop sucrée.", "feeling_words": "plus jamais"});
    assert_eq!(jan.send(reqwest::Method::PUT, &url, Some(&body)).await.status(), 403, "owners only");
    let stale = json!({"version": version - 1, "facts": "La cliente trouvait la tarte trop sucrée."});
    assert_eq!(t.owner.send(reqwest::Method::PUT, &url, Some(&stale)).await.status(), 409);
    let bad = json!({"version": version, "facts": "  "});
    assert_eq!(t.owner.send(reqwest::Method::PUT, &url, Some(&bad)).await.status(), 422);
    let res = t.owner.send(reqwest::Method::PUT, &url, Some(&body)).await;
    assert_eq!(res.status(), 200);
    let item: serde_json::Value = res.json().await.unwrap();
    assert_eq!(item["remark"]["facts"], "La cliente trouvait la tarte trop sucrée.");

    // Someone who did not ask: their words are never edited.
    let other = capture(&jan, json!({"facts": "De koffie was koud."})).await;
    app.release_now();
    let theirs: serde_json::Value =
        t.owner.get(&format!("/api/v1/desk/remarks/{other}")).await.json().await.unwrap();
    let edit = json!({"version": theirs["version"], "facts": "Iets anders."});
    let refused =
        t.owner.send(reqwest::Method::PUT, &format!("/api/v1/desk/remarks/{other}/words"), Some(&edit)).await;
    crate::helpers::assert_kind(&crate::helpers::problem(refused).await, 409, "not-forgotten");

    // Not found by her name any more, nor anywhere in the files.
    if backend == Backend::Sqlite {
        let found =
            count(&app, "SELECT COUNT(*) AS n FROM search_remarks WHERE search_remarks MATCH 'peeters'");
        assert_eq!(found, 0, "the search index forgot her name");
    }
    let traces = AhoCorasick::builder().ascii_case_insensitive(true).build(["Peeters"]).unwrap();
    assert!(!traces.is_match(&backup(&app)), "the dump still names her");
}

both_backends!(the_owner_takes_a_forgotten_name_out_of_the_facts);
