//! Many questions and answers on one remark at once: no 5xx, every message kept once, one order
//! everybody sees — and on PostgreSQL not one ERROR line in the server log for the test's
//! database (an expected conflict logged as an error puts key values and a millisecond time
//! next to a remark id).

use std::collections::BTreeSet;

use diesel::prelude::*;
use earshot::db::schema::remark_messages;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, ServerLog, spawn_app};
use earshot::people::Role;

const EACH: usize = 20;

async fn twenty_questions_and_twenty_answers_at_once_are_kept_once_in_one_order(backend: Backend) {
    if backend == Backend::Postgres {
        ServerLog::name_databases();
    }
    let server_log = (backend == Backend::Postgres).then(ServerLog::mark).flatten();
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = uuid::Uuid::new_v4().to_string();
    let remark = json!({
        "id": id,
        "customer": {"name": "Meneer Wouters", "language": "nl"},
        "facts": "De bestelling kwam niet.",
        "feeling": {"level": "frustrated"},
        "place": {"kind": "party"},
    });
    assert_eq!(jan.post("/api/v1/remarks", &remark).await.status(), 201);
    app.release_now();

    let questions_path = format!("/api/v1/remarks/{id}/questions");
    let answers: Vec<Value> = (0..EACH)
        .map(|i| {
            json!({"id": uuid::Uuid::new_v4().to_string(), "remark_id": id, "action": "answer",
                   "text": format!("Antwoord {i}")})
        })
        .collect();
    let questions = (0..EACH).map(|i| {
        let (owner, path) = (&owner, &questions_path);
        async move { owner.post(path, &json!({"text": format!("Vraag {i}")})).await.status().as_u16() }
    });
    // Every answer twice, as a phone's outbox may resend one whose answer was lost.
    let answering = answers.iter().chain(answers.iter()).map(|body| {
        let jan = &jan;
        async move { jan.post("/api/v1/my-remarks/actions", body).await.status().as_u16() }
    });
    let (asked, answered) =
        tokio::join!(futures_util::future::join_all(questions), futures_util::future::join_all(answering));
    assert!(asked.iter().all(|s| *s == 201), "questions: {asked:?}");
    assert!(answered.iter().all(|s| *s == 200), "answers: {answered:?}");

    // Every message once.
    let thread: Vec<Value> =
        owner.get(&format!("/api/v1/remarks/{id}/thread")).await.json().await.expect("thread");
    let texts: Vec<&str> = thread.iter().map(|m| m["text"].as_str().expect("text")).collect();
    let distinct: BTreeSet<&str> = texts.iter().copied().collect();
    assert_eq!((texts.len(), distinct.len()), (2 * EACH, 2 * EACH), "{texts:?}");
    // In one order: positions distinct and the same order for the owner and the messenger.
    let positions: Vec<i32> = remark_messages::table
        .filter(remark_messages::remark_id.eq(&id))
        .select(remark_messages::seq)
        .order(remark_messages::seq.asc())
        .load(&mut app.db.connect())
        .expect("positions");
    assert_eq!(positions.iter().collect::<BTreeSet<_>>().len(), 2 * EACH, "{positions:?}");
    let mine: Value = jan.get("/api/v1/my-remarks").await.json().await.expect("mine");
    let their_texts: Vec<&str> = mine["items"][0]["thread"]
        .as_array()
        .expect("thread")
        .iter()
        .map(|m| m["text"].as_str().expect("text"))
        .collect();
    assert_eq!(their_texts, texts, "the messenger sees the owner's order");

    if let (Some(log), Some(name)) = (server_log, app.db.pg_name()) {
        let errors = log.errors_of(name);
        assert!(errors.is_empty(), "PostgreSQL logged errors for this test's database: {errors:#?}");
    }
}

both_backends!(twenty_questions_and_twenty_answers_at_once_are_kept_once_in_one_order);
