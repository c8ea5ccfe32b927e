//! The messenger over HTTP: "my remarks" for the reporter and nobody else, a reset hides what
//! came before, replicas learn each other's seals, and the answer's size says nothing.

use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Browser, PASSWORD, TestApp, spawn_app};
use earshot::people::Role;

fn remark(id: &str, facts: &str) -> Value {
    json!({
        "id": id,
        "customer": {"name": "Meneer Wouters", "language": "nl"},
        "facts": facts,
        "feeling": {"level": "pleased"},
        "place": {"kind": "party"}
    })
}

async fn capture(browser: &Browser, facts: &str) -> String {
    let id = uuid::Uuid::new_v4().to_string();
    let res = browser.post("/api/v1/remarks", &remark(&id, facts)).await;
    assert_eq!(res.status(), 201);
    id
}

async fn mine(browser: &Browser) -> (Vec<String>, usize) {
    let res = browser.get("/api/v1/my-remarks").await;
    assert_eq!(res.status(), 200);
    let body = res.text().await.expect("body");
    let parsed: Value = serde_json::from_str(&body).expect("json");
    let ids = parsed["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect();
    (ids, body.len())
}

async fn my_remarks_lists_the_reporters_own_and_nobody_elses(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let lotte = app.signed_in("lotte@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner, Role::Employee]).await;
    let first = capture(&jan, "Eerste").await;
    let second = capture(&jan, "Tweede").await;
    let hers = capture(&lotte, "Van Lotte").await;

    let (jans, jan_size) = mine(&jan).await;
    assert_eq!(jans.len(), 2);
    assert!(jans.contains(&first) && jans.contains(&second) && !jans.contains(&hers));
    let (lottes, lotte_size) = mine(&lotte).await;
    assert_eq!(lottes, std::slice::from_ref(&hers));
    let (owners, owner_size) = mine(&owner).await;
    assert!(owners.is_empty(), "the owner brought nothing in and sees nobody's");
    assert_eq!((jan_size, lotte_size, owner_size), (4096, 4096, 4096), "padded to the same bucket");
    // Held until their hour ends, colleagues do not see them yet; released, they do — without
    // anything about who brought them in — and "my remarks" lists the same.
    let none: Value = owner.get("/api/v1/remarks").await.json().await.expect("page");
    assert_eq!(none["items"].as_array().map(Vec::len), Some(0), "held: only their reporters see them");
    assert_eq!(app.release_now(), 3);
    assert_eq!(mine(&jan).await.0.len(), 2, "my remarks, released");
    let all: Value = owner.get("/api/v1/remarks").await.json().await.expect("page");
    assert_eq!(all["items"].as_array().map(Vec::len), Some(3));
}

async fn a_reset_hides_earlier_remarks_from_my_remarks(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let before = capture(&jan, "Voor de reset").await;
    // The reset, as the mailed link would do it.
    let again = app.reset_and_sign_in("jan@example.be").await;
    assert!(mine(&again).await.0.is_empty(), "nothing from before the reset");
    let after = capture(&again, "Na de reset").await;
    assert_eq!(mine(&again).await.0, [after]);
    app.release_now();
    let colleague = app.signed_in("lotte@example.be", &[Role::Employee]).await;
    assert_eq!(
        colleague.get(&format!("/api/v1/remarks/{before}")).await.status(),
        200,
        "the remark itself stays"
    );
}

async fn the_index_is_rebuilt_from_the_seals_at_start(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let ids = [capture(&jan, "Een").await, capture(&jan, "Twee").await];
    // A second process on the same database and keys builds its index from the seals.
    let replica = app.replica().await;
    let base = replica.base.clone();
    let there = Browser::open(&base).await;
    assert_eq!(there.sign_in("jan@example.be", PASSWORD).await.status(), 200);
    let (found, _) = mine(&there).await;
    assert_eq!(found.len(), 2);
    assert!(ids.iter().all(|id| found.contains(id)));
}

async fn the_owner_asks_the_messenger_and_the_messenger_answers(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let lotte = app.signed_in("lotte@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(&jan, "De levering was te laat").await;
    let held = owner.post(&format!("/api/v1/remarks/{id}/questions"), &json!({"text": "Welke dag?"})).await;
    assert_eq!(held.status(), 404, "a held capture cannot be asked about");
    app.release_now();

    let res = owner
        .post(&format!("/api/v1/remarks/{id}/questions"), &json!({"text": "Weet je welke dag het was?"}))
        .await;
    assert_eq!(res.status(), 201);
    // Colleagues see neither the thread nor who is asked.
    assert_eq!(lotte.get(&format!("/api/v1/remarks/{id}/thread")).await.status(), 403);
    assert_eq!(
        lotte.post(&format!("/api/v1/remarks/{id}/questions"), &json!({"text": "?"})).await.status(),
        403
    );

    // The badge: something waits for Jan, and only for Jan.
    let mine_now: Value = jan.get("/api/v1/my-remarks").await.json().await.expect("mine");
    assert_eq!(mine_now["waiting"], 1);
    assert_eq!(mine_now["items"][0]["waiting"], true);
    assert_eq!(mine_now["items"][0]["thread"][0]["author"], "owner");
    let hers: Value = lotte.get("/api/v1/my-remarks").await.json().await.expect("hers");
    assert_eq!(hers["waiting"], 0);

    // Someone else's remark, or no remark at all: the same 404.
    let answer = |remark: &str| json!({"remark_id": remark, "action": "answer", "text": "Dinsdag"});
    let not_hers = lotte.post("/api/v1/my-remarks/actions", &answer(&id)).await;
    let missing = lotte.post("/api/v1/my-remarks/actions", &answer(&uuid::Uuid::new_v4().to_string())).await;
    assert_eq!((not_hers.status().as_u16(), missing.status().as_u16()), (404, 404));
    assert_eq!(
        not_hers.text().await.expect("body"),
        missing.text().await.expect("body"),
        "indistinguishable"
    );

    let res = jan.post("/api/v1/my-remarks/actions", &answer(&id)).await;
    assert_eq!(res.status(), 200);
    let after: Value = jan.get("/api/v1/my-remarks").await.json().await.expect("mine");
    assert_eq!(after["waiting"], 0, "answered: nothing waits");

    let thread: Value =
        owner.get(&format!("/api/v1/remarks/{id}/thread")).await.json().await.expect("thread");
    assert_eq!(
        thread,
        json!([
            {"author": "owner", "text": "Weet je welke dag het was?", "day": "2026-11-23"},
            {"author": "messenger", "text": "Dinsdag", "day": "2026-11-23"}
        ]),
        "the owner sees 'the messenger' and the day, nothing else"
    );
}

/// The app sends an answer from its outbox with its own id: a resend (a lost response, a retry)
/// adds nothing, and an id that is not a UUID v4 is refused.
async fn an_answer_resent_with_its_id_is_added_once(backend: Backend) {
    let app = spawn_app(backend).await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let id = capture(&jan, "Te laat").await;
    app.release_now();
    let res = owner.post(&format!("/api/v1/remarks/{id}/questions"), &json!({"text": "Wanneer?"})).await;
    assert_eq!(res.status(), 201);

    let answer_id = uuid::Uuid::new_v4().to_string();
    let answer = json!({"id": answer_id, "remark_id": id, "action": "answer", "text": "Gisteren"});
    for _ in 0..2 {
        assert_eq!(jan.post("/api/v1/my-remarks/actions", &answer).await.status(), 200);
    }
    let thread: Value =
        owner.get(&format!("/api/v1/remarks/{id}/thread")).await.json().await.expect("thread");
    assert_eq!(thread.as_array().map(Vec::len), Some(2), "one question, one answer: {thread}");

    let v1 = json!({"id": "6ba7b810-9dad-11d1-80b4-00c04fd430c8", "remark_id": id, "action": "answer", "text": "x"});
    let p = crate::helpers::problem(jan.post("/api/v1/my-remarks/actions", &v1).await).await;
    crate::helpers::assert_kind(&p, 422, "invalid-body");
    assert_eq!(p.errors[0].pointer, "/id");
}

both_backends!(
    an_answer_resent_with_its_id_is_added_once,
    the_owner_asks_the_messenger_and_the_messenger_answers,
    my_remarks_lists_the_reporters_own_and_nobody_elses,
    a_reset_hides_earlier_remarks_from_my_remarks,
    the_index_is_rebuilt_from_the_seals_at_start,
);

/// Two processes on one PostgreSQL database: captured through one, listed through the other
/// within 5 seconds (announced by NOTIFY, waited for on the condition).
#[tokio::test]
async fn a_capture_reaches_the_other_postgres_replica_within_five_seconds() {
    let app = spawn_app(Backend::Postgres).await;
    let replica = app.replica().await;
    let base = replica.base.clone();
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let there = Browser::open(&base).await;
    assert_eq!(there.sign_in("jan@example.be", PASSWORD).await.status(), 200);
    assert!(mine(&there).await.0.is_empty());
    let id = capture(&jan, "Via de eerste").await;
    let started = std::time::Instant::now();
    let mut seen = false;
    while started.elapsed() < std::time::Duration::from_secs(5) && !seen {
        seen = mine(&there).await.0.contains(&id);
        if !seen {
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
    }
    assert!(seen, "not in the other replica's my remarks after 5 s");
    println!("seen through the other replica after {:?}", started.elapsed());
}

/// Rotation while the app runs and captures: every list intact, no seal under the old key, the
/// old key gone from disk and database, and a fresh start opens everything with the new key.
async fn rotation_keeps_every_list_and_destroys_the_old_key(backend: Backend) {
    let app =
        TestApp::on_db(crate::helpers::TestDb::new(backend)).tweak(|s| s.key_reload_secs = 1).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let lotte = app.signed_in("lotte@example.be", &[Role::Employee]).await;
    let mut jans = vec![capture(&jan, "Een").await, capture(&jan, "Twee").await];
    let mut lottes = vec![capture(&lotte, "Drie").await];
    let key_dir = app.db.dir.path().join("keys");
    let old_id = earshot::keys::read_messenger_key(&key_dir.join("messenger.key")).expect("key").0;

    let db = earshot::db::Db::open(&app.db.url, 2).expect("db");
    let dir = key_dir.clone();
    let rotation = tokio::task::spawn_blocking(move || {
        earshot::messenger::rotation::rotate(&db, &dir, std::time::Duration::from_millis(1500))
    });
    // Captures go on during the rotation.
    while !rotation.is_finished() {
        jans.push(capture(&jan, "Tijdens").await);
        lottes.push(capture(&lotte, "Tijdens").await);
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
    }
    let report = rotation.await.expect("task").expect("rotation");
    assert_eq!(report.old_key, old_id);
    assert!(report.resealed >= 3, "{report:?}");

    let new_id = earshot::keys::read_messenger_key(&key_dir.join("messenger.key")).expect("key").0;
    assert_ne!(new_id, old_id);
    assert!(!key_dir.join("messenger.next.key").exists());
    let mut conn = app.db.connect();
    use diesel::prelude::*;
    use earshot::db::schema::{messenger_keys, messenger_seals};
    let under_old: i64 = messenger_seals::table
        .filter(messenger_seals::key_id.eq(&old_id))
        .count()
        .get_result(&mut conn)
        .expect("count");
    assert_eq!(under_old, 0, "no seal under the old key id");
    use earshot::db::schema::held_captures;
    let held: Vec<String> = held_captures::table.select(held_captures::key_id).load(&mut conn).expect("held");
    assert!(!held.is_empty() && held.iter().all(|k| *k == new_id), "held captures re-sealed: {held:?}");
    let recorded: Vec<String> =
        messenger_keys::table.select(messenger_keys::key_id).load(&mut conn).expect("keys");
    assert_eq!(recorded, std::slice::from_ref(&new_id));

    // Every list intact, on the running app and on a fresh start (which has only the new key).
    let sorted = |mut v: Vec<String>| {
        v.sort();
        v
    };
    jan.refresh().await;
    lotte.refresh().await;
    assert_eq!(sorted(mine(&jan).await.0), sorted(jans.clone()));
    assert_eq!(sorted(mine(&lotte).await.0), sorted(lottes.clone()));
    let fresh = app.replica().await;
    let base = fresh.base.clone();
    let there = Browser::open(&base).await;
    assert_eq!(there.sign_in("jan@example.be", PASSWORD).await.status(), 200);
    assert_eq!(sorted(mine(&there).await.0), sorted(jans.clone()));
    // Released under the new key, every list is the same.
    assert_eq!(app.release_now(), jans.len() + lottes.len());
    assert_eq!(sorted(mine(&jan).await.0), sorted(jans));
    assert_eq!(sorted(mine(&lotte).await.0), sorted(lottes));
}

both_backends!(rotation_keeps_every_list_and_destroys_the_old_key);
