//! The daily digest: at each person's hour, in their language, the same for everyone but the
//! greeting and their own unsubscribe link — one fixed line, whether something waits for them
//! or not; once a day; nothing when nothing happened.

use serde_json::json;

use super::{choose, decided_case, digest_round, queued, speak};
use crate::both_backends;
use crate::desk::capture;
use crate::helpers::{Backend, TestApp};
use earshot::people::Role;

/// From the app's first instant (11:00 in Brussels) to 08:05 the next day.
pub const TO_NEXT_MORNING: i64 = 21 * 3600 + 300;

/// A digest's text without what is its reader's own: the greeting and the unsubscribe link.
fn shared_part(text: &str) -> String {
    text.lines()
        .filter(|line| !line.starts_with("Dag ") && !line.contains("/mail/unsubscribe/"))
        .collect::<Vec<_>>()
        .join("\n")
}

async fn the_digest_comes_at_its_hour_in_each_language_the_same_for_everyone(backend: Backend) {
    let app = TestApp::on(backend).smtp().tweak(|s| s.news_check_secs = 1).start().await;
    let an = app.signed_in("an@example.be", &[Role::Employee]).await;
    let bea = app.signed_in("bea@example.be", &[Role::Employee]).await;
    let chris = app.signed_in("chris@example.be", &[Role::Employee]).await;
    let dirk = app.signed_in("dirk@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    speak(&bea, "fr").await;
    speak(&chris, "en").await;
    choose(&dirk, "none", 8).await;
    choose(&chris, "digest", 9).await;

    let facts = "De taarten voor het communiefeest waren een uur te laat geleverd.";
    decided_case(&app, &an, &sofie, facts).await;
    // Something waits for Sofie (a remark in her inbox), nothing for An.
    capture(&an, json!({"facts": "Het brood was op om negen uur."})).await;
    app.release_now();
    assert_eq!(queued(&app, "staff_digest"), 0, "the digest waits for its hour");

    app.advance(TO_NEXT_MORNING);
    let sink = app.smtp.as_ref().unwrap();
    let mails = sink.wait_for(3).await;
    let to = |who: &str| mails.iter().find(|m| m.to == who).unwrap_or_else(|| panic!("a digest for {who}"));
    let (an_mail, bea_mail, sofie_mail) = (to("an@example.be"), to("bea@example.be"), to("sofie@example.be"));
    assert!(mails.iter().all(|m| m.to != "dirk@example.be" && m.to != "chris@example.be"), "none; at nine");
    assert!(an_mail.subject.starts_with("Wat er werd van wat we hoorden, "), "{}", an_mail.subject);
    assert!(an_mail.text.contains("Eén nieuwe beslissing sinds je vorige overzicht."), "{}", an_mail.text);
    assert!(an_mail.text.contains(&format!("Een klant vertelde: \"{facts}\"")), "{}", an_mail.text);
    assert!(an_mail.text.contains("Onze oven bakt 200 broden"), "the reason");
    assert!(
        an_mail.text.contains(
            "Deze maand: één beslissing, en 100 % van de klanten kreeg antwoord binnen de belofte."
        ),
        "{}",
        an_mail.text
    );
    assert!(
        bea_mail.subject.starts_with("Ce que sont devenues les remarques entendues, "),
        "{}",
        bea_mail.subject
    );
    assert!(
        bea_mail.text.contains("Une nouvelle décision depuis votre dernier résumé."),
        "{}",
        bea_mail.text
    );
    assert!(bea_mail.text.contains("nous ne faisons rien pour l'instant"), "{}", bea_mail.text);
    assert!(bea_mail.text.contains("Ouvrez earshot : quelque chose vous attend peut-être."));
    for mail in [an_mail, bea_mail, sofie_mail] {
        assert!(mail.header("List-Unsubscribe").is_some_and(|h| h.contains("/mail/unsubscribe/")));
        assert!(!mail.text.contains("Claes"), "no customer's name");
    }
    // One fixed line, byte for byte the same whether something waits (Sofie) or not (An); in
    // fact everything but the greeting and the unsubscribe link is.
    let fixed = "Open earshot: misschien wacht er iets op je.";
    let line = |text: &str| text.lines().find(|l| l.contains(fixed)).map(str::to_owned);
    assert_eq!(line(&an_mail.text).as_deref(), Some(fixed));
    assert_eq!(line(&an_mail.text), line(&sofie_mail.text));
    assert_eq!(shared_part(&an_mail.text), shared_part(&sofie_mail.text));

    // Chris reads it at nine, in English.
    app.advance(3600);
    let mails = sink.wait_for(4).await;
    let chris_mail = mails.iter().find(|m| m.to == "chris@example.be").expect("at nine");
    assert!(chris_mail.subject.starts_with("What became of what we heard, "), "{}", chris_mail.subject);
    assert!(chris_mail.text.contains("Decided about \"De taarten"), "{}", chris_mail.text);
    assert!(chris_mail.text.contains("Open earshot: something may wait for you."));

    // Once a day: the round again sends nothing; nor does a day in which nothing was decided.
    // (Sofie's remark waiting in the inbox may bring her an owner's alert: not a digest.)
    digest_round(&app);
    assert_eq!(queued(&app, "staff_digest"), 4);
    app.advance(24 * 3600);
    digest_round(&app);
    assert_eq!(queued(&app, "staff_digest"), 4);
}

both_backends!(the_digest_comes_at_its_hour_in_each_language_the_same_for_everyone);
