//! Three earshot processes on one PostgreSQL database, each running the digest job every
//! second: every digest and every decision mail reaches the real SMTP server once (by
//! recipient and Message-ID); a day missed while all were down is sent once when one is back.

use std::collections::{BTreeMap, BTreeSet};

use super::digest::TO_NEXT_MORNING;
use super::{choose, decided_case, digest_round};
use crate::helpers::{Backend, TestApp, wait_until};
use earshot::people::Role;

/// Wait until the outbox has sent everything and the server holds as many mails.
async fn all_delivered(app: &TestApp) -> Vec<crate::helpers::Received> {
    let sink = app.smtp.as_ref().unwrap();
    wait_until(20, || {
        let total = crate::desk::count(app, "SELECT COUNT(*) AS n FROM mail_outbox");
        let sent = crate::desk::count(app, "SELECT COUNT(*) AS n FROM mail_outbox WHERE status = 'sent'");
        let got = sink.messages();
        (sent == total && got.len() as i64 == total).then_some(got)
    })
    .await
    .expect("every mail delivered")
}

fn by_recipient(mails: &[crate::helpers::Received]) -> BTreeMap<String, Vec<String>> {
    let unique: BTreeSet<(String, String)> =
        mails.iter().map(|m| (m.to.clone(), m.message_id.clone())).collect();
    assert_eq!(unique.len(), mails.len(), "a mail arrived twice");
    let mut by: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for m in mails {
        by.entry(m.to.clone()).or_default().push(m.subject.clone());
    }
    by
}

#[tokio::test]
async fn three_processes_send_every_digest_and_decision_mail_once() {
    let app = TestApp::on(Backend::Postgres).smtp().tweak(|s| s.news_check_secs = 1).start().await;
    let two = app.replica().await;
    let three = app.replica().await;
    let an = app.signed_in("an@example.be", &[Role::Employee]).await;
    let eva = app.signed_in("eva@example.be", &[Role::Employee]).await;
    let sofie = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    choose(&eva, "each", 8).await;

    decided_case(&app, &an, &sofie, "De taarten kwamen een uur te laat.").await;
    app.advance(TO_NEXT_MORNING);
    app.smtp.as_ref().unwrap().wait_for(3).await;
    assert_eq!(digest_round(&app), 0, "the three processes sent every digest due");
    let by = by_recipient(&all_delivered(&app).await);
    assert_eq!(by["eva@example.be"], ["Beslist: De taarten kwamen een uur te laat."]);
    for who in ["an@example.be", "sofie@example.be"] {
        assert_eq!(by[who].len(), 1, "one digest for {who}: {:?}", by[who]);
        assert!(by[who][0].starts_with("Wat er werd van wat we hoorden"), "{:?}", by[who]);
    }

    // All three down for three days, a decision just before: one digest when one is back.
    sofie.refresh().await;
    an.refresh().await;
    decided_case(&app, &an, &sofie, "Het brood was op om negen uur.").await;
    all_delivered(&app).await;
    app.stop().await;
    drop((two, three));
    app.advance(3 * 24 * 3600);
    let back = app.replica().await;
    app.smtp.as_ref().unwrap().wait_for(6).await;
    let mails = all_delivered(&app).await;
    let by = by_recipient(&mails);
    for who in ["an@example.be", "sofie@example.be"] {
        assert_eq!(by[who].len(), 2, "the missed days in one digest for {who}: {:?}", by[who]);
    }
    let last = mails.iter().filter(|m| m.to == "an@example.be").find(|m| m.text.contains("negen uur"));
    assert!(
        last.is_some_and(|m| m.text.contains("Eén nieuwe beslissing")),
        "it holds the decision it missed"
    );
    assert_eq!(by["eva@example.be"].len(), 2, "her second decision mail, once");
    drop(back);
}
