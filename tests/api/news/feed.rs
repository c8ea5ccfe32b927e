//! The feed, the choices, the decision mail as it is made, and leaving it with one click.

use serde_json::{Value, json};

use super::{choose, decided_case, queued};
use crate::both_backends;
use crate::decisions::HONEST_NL;
use crate::helpers::{Backend, TestApp, problem};
use earshot::people::Role;

async fn choices_have_defaults_and_refuse_what_is_not_theirs(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    assert_eq!(app.get("/api/v1/me/news").await.status(), 401);
    let mine: Value = jan.get("/api/v1/me/news").await.json().await.unwrap();
    assert_eq!(
        mine,
        json!({"staff_mail": "digest", "digest_hour": 8, "owner_alerts": "each", "slip_hours": 24})
    );

    let put = |b: &crate::helpers::Browser, body: Value| {
        let b = b.clone();
        async move { b.send(reqwest::Method::PUT, "/api/v1/me/news", Some(&body)).await }
    };
    let late = put(&jan, json!({"staff_mail": "digest", "digest_hour": 24, "owner_alerts": "each"})).await;
    assert_eq!(problem(late).await.errors[0].pointer, "/digest_hour");
    let odd = put(&jan, json!({"staff_mail": "weekly", "digest_hour": 8, "owner_alerts": "each"})).await;
    assert_eq!(odd.status(), 422, "an unknown choice");
    let extra =
        put(&jan, json!({"staff_mail": "each", "digest_hour": 8, "owner_alerts": "each", "x": 1})).await;
    assert_eq!(extra.status(), 422, "an unknown field");
    let alerts = put(&jan, json!({"staff_mail": "each", "digest_hour": 8, "owner_alerts": "none"})).await;
    let alerts = problem(alerts).await;
    assert_eq!((alerts.status, alerts.errors[0].pointer.as_str()), (422, "/owner_alerts"), "not an owner");

    let ok = put(&sofie, json!({"staff_mail": "none", "digest_hour": 17, "owner_alerts": "digest"})).await;
    assert_eq!(ok.status(), 200);
    let hers: Value = sofie.get("/api/v1/me/news").await.json().await.unwrap();
    assert_eq!(
        hers,
        json!({"staff_mail": "none", "digest_hour": 17, "owner_alerts": "digest", "slip_hours": 24})
    );
    let still: Value = jan.get("/api/v1/me/news").await.json().await.unwrap();
    assert_eq!(still["staff_mail"], "digest", "a refused change changed nothing");
}

async fn a_colleague_who_chose_each_hears_the_decision_and_everyone_reads_the_feed(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let piet = app.signed_in("piet@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    choose(&piet, "each", 8).await;
    choose(&sofie, "each", 8).await;
    assert_eq!(app.get("/api/v1/feed").await.status(), 401);

    let facts = "De taarten voor het communiefeest waren een uur te laat geleverd.";
    let case = decided_case(&app, &jan, &sofie, facts).await;

    // Piet chose each decision; Sofie made it; Jan chose the digest.
    let mails = app.smtp.as_ref().unwrap().wait_for(1).await;
    assert_eq!(
        queued(&app, "staff_decision"),
        1,
        "one decision mail: not to its owner, not to a digest reader"
    );
    let mail = &mails[0];
    assert_eq!(mail.to, "piet@example.be");
    assert_eq!(mail.subject, "Beslist: De taarten voor het communiefeest waren een uur te laat geleverd.");
    assert!(mail.text.contains("we doen er voorlopig niets mee"), "{}", mail.text);
    assert!(mail.text.contains("Onze oven bakt 200 broden"), "the reason: {}", mail.text);
    assert!(mail.text.contains(&format!("Een klant vertelde: \"{facts}\"")), "{}", mail.text);
    assert!(mail.text.contains("Ik stond daar met dertig gasten"), "her own words: {}", mail.text);
    assert!(mail.text.contains("Beslist door sofie."), "{}", mail.text);
    for never in ["Claes", "jan"] {
        assert!(!mail.text.contains(never), "no customer's name, no reporter: {never} in {}", mail.text);
    }
    let leave = mail.header("List-Unsubscribe").expect("List-Unsubscribe");
    assert_eq!(mail.header("List-Unsubscribe-Post").as_deref(), Some("List-Unsubscribe=One-Click"));
    let link = leave.trim_start_matches('<').trim_end_matches('>').to_owned();
    assert!(link.starts_with(&format!("{}/mail/unsubscribe/", app.settings.base_url())), "{link}");
    assert!(mail.text.contains(&link), "the footer offers it too");
    let url = app.url(&link[link.find("/mail/").unwrap()..]);

    // The feed: the decision with its reason, what the customer said, this month's figures.
    let feed: Value = jan.get("/api/v1/feed").await.json().await.unwrap();
    let item = &feed["items"][0];
    assert_eq!(item["case_id"], case.as_str());
    assert_eq!(item["kind"], "no_action");
    assert_eq!(item["outcome"], HONEST_NL);
    assert_eq!(item["by"], "sofie");
    assert_eq!(item["said"][0]["facts"], facts);
    assert_eq!(item["said"][0]["feeling"], "frustrated");
    assert_eq!(feed["figures"]["decisions"], 1);
    assert_eq!(feed["figures"]["answers_due"], 1);
    assert_eq!(feed["figures"]["on_time_percent"], 100, "answered at once: within the promise");
    assert!(feed["next_cursor"].is_null());
    let text = feed.to_string();
    for never in ["Claes", "jan@example.be", "\"jan\""] {
        assert!(!text.contains(never), "{never} in the feed: {text}");
    }
    assert_eq!(jan.get("/api/v1/feed?before=nonsense").await.status(), 400);
    let older: Value = jan.get(&format!("/api/v1/feed?before=1.{}", "z")).await.json().await.unwrap();
    assert!(older["items"].as_array().unwrap().is_empty(), "nothing before the first hour");

    // One click: a GET asks and changes nothing; the POST stops the mails; a bad token is
    // refused with a page.
    let page = app.client.get(&url).send().await.unwrap();
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("<button type=\"submit\">Ja, stop deze mails</button>"), "{html}");
    let still: Value = piet.get("/api/v1/me/news").await.json().await.unwrap();
    assert_eq!(still["staff_mail"], "each", "a GET changes nothing");
    let click = app
        .client
        .post(&url)
        .header("content-type", "application/x-www-form-urlencoded")
        .body("List-Unsubscribe=One-Click")
        .send()
        .await
        .unwrap();
    assert_eq!(click.status(), 200, "one click, no cookie, no CSRF token");
    assert!(click.text().await.unwrap().contains("Gestopt"));
    let now: Value = piet.get("/api/v1/me/news").await.json().await.unwrap();
    assert_eq!(now["staff_mail"], "none");
    let mut bent = url.clone();
    let last = bent.pop().unwrap();
    bent.push(if last == 'A' { 'B' } else { 'A' });
    let refused = app.client.post(&bent).body("List-Unsubscribe=One-Click").send().await.unwrap();
    assert_eq!(refused.status(), 404);
    assert!(refused.text().await.unwrap().contains("Deze link kennen we niet"));
    assert_eq!(app.get("/mail/unsubscribe/not-a-token").await.status(), 404);

    // The next decision, an hour later, reaches nobody by mail now. (Within an hour the feed
    // keeps no order: decisions are kept to the hour.)
    app.advance(3600);
    jan.refresh().await;
    sofie.refresh().await;
    decided_case(&app, &jan, &sofie, "Het brood was op om negen uur.").await;
    assert_eq!(queued(&app, "staff_decision"), 1);
    let feed: Value = jan.get("/api/v1/feed").await.json().await.unwrap();
    assert_eq!(feed["items"].as_array().unwrap().len(), 2);
    assert_eq!(feed["items"][0]["said"][0]["facts"], "Het brood was op om negen uur.", "newest first");
}

both_backends!(
    choices_have_defaults_and_refuse_what_is_not_theirs,
    a_colleague_who_chose_each_hears_the_decision_and_everyone_reads_the_feed
);
