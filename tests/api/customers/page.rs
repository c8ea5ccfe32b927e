//! The page whole, "did this help?" and no more e-mails.

use serde_json::json;

use super::{decision_on, page, post_form, told};
use crate::both_backends;
use crate::decisions::decided;
use crate::desk::count;
use crate::helpers::{Backend, TestApp};

async fn the_page_tells_everything_and_a_vote_counts_once_per_decision(backend: Backend) {
    let app = TestApp::on(backend).smtp().start().await;
    let t = told(&app, json!({})).await;
    let (status, html) = page(&app, &t.path).await;
    assert_eq!(status, 200);
    assert!(html.len() <= 14 * 1024 && !html.contains("<script"), "{} bytes", html.len());
    for words in [
        "Les tartes pour la communion",
        "j'étais furieuse",
        "Notre première réponse",
        "Notre décision",
        "Notre four",
        "Cela vous a-t-il aidé",
    ] {
        assert!(html.replace("&#39;", "'").contains(words), "the page says {words}: {html}");
    }
    let (first, decision) =
        (html.find("Notre première réponse").unwrap(), html.find("Notre décision").unwrap());
    assert!(first < decision, "oldest first");
    let votes = || count(&app, "SELECT COUNT(*) AS n FROM help_votes");

    // The mail's link and the page's question: a GET records nothing.
    let (status, asked) = page(&app, &format!("{}/help", t.path)).await;
    assert_eq!(status, 200);
    assert!(asked.contains("name=\"helped\""));
    assert_eq!(votes(), 0);

    let shown = decision_on(&html);
    let help = format!("{}/help", t.path);
    let bad = post_form(&app, &help, &format!("helped=maybe&decision={shown}")).await;
    assert_eq!(bad.status(), 400);
    assert!(bad.text().await.unwrap().contains("Retour à votre page"));
    let bell = post_form(&app, &help, &format!("helped=no&comment=a%07b&decision={shown}")).await;
    assert_eq!(bell.status(), 400, "no control character");
    let long = "x".repeat(2001);
    assert_eq!(
        post_form(&app, &help, &format!("helped=no&comment={long}&decision={shown}")).await.status(),
        400
    );
    assert_eq!(
        post_form(&app, &help, "helped=no&decision=other").await.status(),
        409,
        "not the decision shown"
    );
    assert_eq!(votes(), 0);

    let no = post_form(
        &app,
        &help,
        &format!("helped=no&comment=Le+samedi+il+n%27y+a+plus+rien.&decision={shown}"),
    )
    .await;
    assert_eq!(no.status(), 200);
    assert!(no.text().await.unwrap().contains("Nous regrettons"));
    let again = post_form(&app, &help, &format!("helped=yes&decision={shown}")).await;
    assert_eq!(again.status(), 200);
    assert!(again.text().await.unwrap().contains("déjà répondu"));
    assert_eq!(votes(), 1, "once per decision version");
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM help_votes WHERE helped"),
        0,
        "the first answer stands"
    );
    // The owner who decided hears it, with the customer's words.
    let alert = app
        .smtp
        .as_ref()
        .unwrap()
        .wait_for(3)
        .await
        .into_iter()
        .find(|m| m.to == "sofie@example.be")
        .expect("an alert");
    assert!(alert.text.contains("Le samedi il n'y a plus rien."), "{}", alert.text);
    assert!(alert.text.contains(&format!("/owner/case/{}", t.case)));
    let (_, after) = page(&app, &t.path).await;
    assert!(
        after.contains("ne vous a pas aidé") && !after.contains("name=\"helped\""),
        "said, not asked again"
    );

    // A changed decision asks again.
    let change = json!({"kind": "no_action", "texts": [{"language": "fr", "outcome": "Un second four arrive en mars: le samedi, il y aura du pain jusqu'à midi.", "change": "Nous avons trouvé un four d'occasion."}]});
    decided(&t.owner, &t.case, change).await;
    let (_, changed) = page(&app, &t.path).await;
    let newer = decision_on(&changed);
    assert_ne!(newer, shown);
    assert_eq!(post_form(&app, &help, &format!("helped=yes&decision={newer}")).await.status(), 200);
    assert_eq!(votes(), 2);
}

async fn no_more_emails_stops_every_later_customer_mail(backend: Backend) {
    let mut app = TestApp::on(backend).smtp().start().await;
    let t = told(&app, json!({})).await;
    let mails = app.smtp.as_ref().unwrap().messages();
    let header = mails[0].header("List-Unsubscribe").expect("List-Unsubscribe on a customer mail");
    assert!(header.contains("/status/") && header.contains("/stop>"), "{header}");
    assert!(mails[0].header("List-Unsubscribe-Post").is_some_and(|v| v.contains("One-Click")));
    assert!(mails.iter().all(|m| m.text.contains("Un clic suffit")), "the line in every mail");
    let stop = header.trim_matches(|c| c == '<' || c == '>');
    let stop = &stop[stop.find("/status/").unwrap()..];

    // A decision changed while the mail server is down: its mail waits in the outbox.
    app.smtp.as_mut().unwrap().stop();
    let change = json!({"kind": "no_action", "texts": [{"language": "fr", "outcome": "Nous ne changeons rien pour l'instant, le four reste le même.", "change": "Le four d'occasion était trop cher."}]});
    decided(&t.owner, &t.case, change).await;
    let waiting = "SELECT COUNT(*) AS n FROM mail_outbox WHERE status <> 'sent' AND kind = 'decision'";
    assert_eq!(count(&app, waiting), 1);

    // A second remark of hers, waiting for its first answer.
    let piet = app.signed_in("piet@example.be", &[earshot::people::Role::Employee]).await;
    let second = crate::desk::capture(&piet, crate::desk::acknowledge::french()).await;
    app.release_now();

    let consent = "SELECT COUNT(*) AS n FROM remarks WHERE contact_consent";
    let (status, asking) = page(&app, stop).await;
    assert_eq!(status, 200, "a GET asks");
    assert!(asking.contains("<form method=\"post\""));
    assert_eq!(count(&app, consent), 2, "and changes nothing");
    let res = post_form(&app, stop, "List-Unsubscribe=One-Click").await;
    assert_eq!(res.status(), 200);
    assert_eq!(count(&app, consent), 0);
    assert_eq!(count(&app, waiting), 0, "what waited does not leave");

    // Her other remark's first answer: no longer by mail, on any path.
    let first = crate::desk::acknowledge(
        &t.owner,
        &[&second],
        json!({"promised_on": crate::desk::day_after(&app, 5)}),
    )
    .await;
    assert_eq!(first.status(), 200);
    let customer_mails = "SELECT COUNT(*) AS n FROM mail_outbox WHERE kind = 'acknowledgement'";
    assert_eq!(count(&app, customer_mails), 1, "only the one before she said stop");

    // Later news: on the page, never by mail.
    let again = json!({"kind": "no_action", "texts": [{"language": "fr", "outcome": "Toujours pas de second four, mais des pains réservés le vendredi.", "change": "La réservation est possible."}]});
    decided(&t.owner, &t.case, again).await;
    assert_eq!(
        count(&app, "SELECT COUNT(*) AS n FROM mail_outbox WHERE status <> 'sent'"),
        0,
        "no customer mail queued"
    );
    let (_, html) = page(&app, &t.path).await;
    let plain = html.replace("&#39;", "'");
    assert!(plain.contains("pains réservés") && plain.contains("ne plus vous envoyer d'e-mails"), "{html}");
    app.smtp.as_mut().unwrap().restart();
}

both_backends!(
    the_page_tells_everything_and_a_vote_counts_once_per_decision,
    no_more_emails_stops_every_later_customer_mail
);
