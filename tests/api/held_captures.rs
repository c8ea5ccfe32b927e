//! Held captures: a capture waits, opaque, until its hour has ended; only its reporter sees it
//! meanwhile. The release moves every ended hour's captures at once, exactly once — whatever
//! replays, failures and other replicas do meanwhile.

use diesel::prelude::*;
use serde_json::{Value, json};

use crate::both_backends;
use crate::helpers::{Backend, Browser, TestApp};
use earshot::db::schema::{held_captures, remarks};
use earshot::people::Role;

fn remark(id: &str) -> Value {
    json!({
        "id": id,
        "customer": {"name": "Mevrouw Wouters", "email": "wouters@example.org", "consent": true, "language": "nl"},
        "facts": "Het brood was om tien uur al op.",
        "feeling": {"level": "frustrated"},
        "place": {"kind": "shop"},
    })
}

fn counts(app: &TestApp) -> (i64, i64) {
    let mut conn = app.db.connect();
    let held = held_captures::table.count().get_result(&mut conn).expect("held");
    let released = remarks::table.count().get_result(&mut conn).expect("remarks");
    (held, released)
}

async fn listed(browser: &Browser, path: &str) -> Vec<String> {
    crate::helpers::item_ids(&browser.get(path).await.json().await.expect("page"))
}

/// Held, it is seen by its reporter only; once the hour has ended the release job lets every
/// colleague see it, and the held row is gone from the files too (SQLite).
async fn a_capture_is_seen_by_colleagues_from_the_end_of_its_hour(backend: Backend) {
    let app = TestApp::on(backend).tweak(|s| s.release_check_secs = 1).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let owner = app.signed_in("sofie@example.be", &[Role::Owner, Role::Employee]).await;
    let id = uuid::Uuid::new_v4().to_string();
    assert_eq!(jan.post("/api/v1/remarks", &remark(&id)).await.status(), 201);
    let name: String =
        held_captures::table.select(held_captures::held_name).first(&mut app.db.connect()).expect("held");
    assert!(!name.contains(&id) && !name.contains(&id.replace('-', "")), "the row names no remark");

    assert_eq!(
        listed(&jan, "/api/v1/my-remarks").await,
        std::slice::from_ref(&id),
        "the reporter sees it at once"
    );
    assert!(listed(&owner, "/api/v1/remarks").await.is_empty(), "colleagues do not, yet");
    assert!(listed(&owner, "/api/v1/remarks?q=brood").await.is_empty(), "nor does search");
    assert_eq!(owner.get(&format!("/api/v1/remarks/{id}")).await.status(), 404);

    // The hour ends; the job releases it within its look-again interval.
    app.clock.advance(3600);
    owner.refresh().await;
    jan.refresh().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while counts(&app) != (0, 1) {
        assert!(std::time::Instant::now() < deadline, "not released: {:?}", counts(&app));
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(listed(&owner, "/api/v1/remarks").await, std::slice::from_ref(&id));
    assert_eq!(listed(&owner, "/api/v1/remarks?q=brood").await, std::slice::from_ref(&id));
    assert_eq!(
        listed(&jan, "/api/v1/my-remarks").await,
        std::slice::from_ref(&id),
        "and still its reporter's"
    );
    // A replay now is answered from the released remark, byte for byte as before.
    assert_eq!(jan.post("/api/v1/remarks", &remark(&id)).await.status(), 201);
    assert_eq!(counts(&app), (0, 1));
    if let earshot::db::DatabaseUrl::Sqlite(path) = &app.db.url {
        let main = std::fs::read(path).expect("file");
        let wal = std::fs::read(path.with_extension("sqlite3-wal")).unwrap_or_default();
        let found = [main, wal].concat().windows(name.len()).any(|w| w == name.as_bytes());
        assert!(!found, "the held row's name is gone from the file and its WAL");
    }
}

/// A release that fails half-way (a trigger refuses its seal) leaves everything held; the next
/// one releases every capture once.
async fn a_failed_release_rolls_back_and_the_next_one_does_it(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let ids: Vec<String> = (0..5).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    for id in &ids {
        assert_eq!(jan.post("/api/v1/remarks", &remark(id)).await.status(), 201);
    }
    let mut conn = app.db.connect();
    let sql = |conn: &mut earshot::db::DbConn, q: &str| diesel::sql_query(q).execute(conn).expect(q);
    match backend {
        Backend::Sqlite => sql(
            &mut conn,
            "CREATE TRIGGER refuse BEFORE INSERT ON messenger_seals BEGIN SELECT RAISE(ABORT, 'refused'); END",
        ),
        Backend::Postgres => {
            sql(
                &mut conn,
                "CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN RAISE EXCEPTION 'refused'; END $$ LANGUAGE plpgsql",
            );
            sql(
                &mut conn,
                "CREATE TRIGGER refuse BEFORE INSERT ON messenger_seals FOR EACH ROW EXECUTE FUNCTION refuse()",
            )
        }
    };
    let keyring = earshot::messenger::rotation::keyring(&app.settings.key_dir).expect("keys");
    let seals = earshot::messenger::Seals::new(keyring);
    let later = earshot::clock::to_hour(earshot::clock::Clock::now(&app.clock)) + 3600;
    assert!(
        earshot::remarks::release::release_before(&mut conn, &seals, later, None).is_err(),
        "the release fails"
    );
    assert_eq!(counts(&app), (5, 0), "nothing half-released");
    match backend {
        Backend::Sqlite => sql(&mut conn, "DROP TRIGGER refuse"),
        Backend::Postgres => sql(&mut conn, "DROP TRIGGER refuse ON messenger_seals"),
    };
    assert_eq!(app.release_now(), 5);
    assert_eq!(counts(&app), (0, 5));
    let mut mine = listed(&jan, "/api/v1/my-remarks").await;
    mine.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(mine, expected, "every one in my remarks, once");
}

/// Replays of the same captures while releases run, and two releases at once: every capture
/// is one remark, and its reporter's list stays complete throughout.
async fn replays_and_releases_at_once_make_each_remark_once(backend: Backend) {
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let ids: Vec<String> = (0..12).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    for id in &ids[..6] {
        assert_eq!(jan.post("/api/v1/remarks", &remark(id)).await.status(), 201);
    }
    let releases = (0..2).map(|_| {
        let (url, dir) = (app.db.url.clone(), app.settings.key_dir.clone());
        let now = earshot::clock::Clock::now(&app.clock);
        tokio::task::spawn_blocking(move || {
            let seals =
                earshot::messenger::Seals::new(earshot::messenger::rotation::keyring(&dir).expect("keys"));
            let mut conn = url.connect().expect("connect");
            let mut released = 0;
            for _ in 0..20 {
                let next = earshot::clock::to_hour(now) + 3600;
                released += earshot::remarks::release::release_before(&mut conn, &seals, next, None)
                    .expect("release")
                    .unwrap_or(0);
            }
            released
        })
    });
    let sends = ids.iter().cycle().take(36).map(|id| {
        let (jan, body) = (&jan, remark(id));
        async move { jan.post("/api/v1/remarks", &body).await.status().as_u16() }
    });
    let (released, statuses) =
        tokio::join!(futures_util::future::join_all(releases), futures_util::future::join_all(sends));
    assert!(statuses.iter().all(|s| matches!(s, 201 | 409)), "{statuses:?}");
    let released: usize = released.into_iter().map(|r| r.expect("task")).sum();
    let rest = app.release_now();
    assert_eq!(released + rest, 12, "each capture released once");
    assert_eq!(counts(&app), (0, 12));
    let mut mine = listed(&jan, "/api/v1/my-remarks").await;
    mine.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(mine, expected);
}

/// A restart with captures held: the new process finds them (their reporter's list is whole
/// from its first answer) and its release job releases each once when the hour has ended —
/// the list staying whole all the while.
async fn a_restart_keeps_what_is_held_and_releases_it_once(backend: Backend) {
    let app = TestApp::on(backend).tweak(|s| s.release_check_secs = 1).start().await;
    app.add_person("jan@example.be", &[Role::Employee], crate::helpers::PASSWORD);
    let jan = app.browser().await;
    assert_eq!(jan.sign_in("jan@example.be", crate::helpers::PASSWORD).await.status(), 200);
    let mut ids: Vec<String> = (0..3).map(|_| uuid::Uuid::new_v4().to_string()).collect();
    for id in &ids {
        assert_eq!(jan.post("/api/v1/remarks", &remark(id)).await.status(), 201);
    }
    ids.sort();
    app.stop().await;
    assert_eq!(counts(&app), (3, 0), "held through the stop");

    let restarted = app.replica().await;
    let jan = Browser::open(&restarted.base).await;
    assert_eq!(jan.sign_in("jan@example.be", crate::helpers::PASSWORD).await.status(), 200);
    let mine = |jan: &Browser| {
        let jan = jan.clone();
        async move {
            let mut mine = listed(&jan, "/api/v1/my-remarks").await;
            mine.sort();
            mine
        }
    };
    assert_eq!(mine(&jan).await, ids, "the new process knows its reporter's held captures");
    app.clock.advance(3600);
    jan.refresh().await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while counts(&app) != (0, 3) {
        assert!(std::time::Instant::now() < deadline, "not released: {:?}", counts(&app));
        assert_eq!(mine(&jan).await, ids, "my remarks stay whole during the release");
    }
    assert_eq!(mine(&jan).await, ids, "released, each once");
    // A resend after the restart and the release is the same remark.
    assert_eq!(jan.post("/api/v1/remarks", &remark(&ids[0])).await.status(), 201);
    assert_eq!(counts(&app), (0, 3));
}

/// A held row's length, written at the instant of capture, says no more than "short" or
/// "long": every capture up to some 1 200 characters seals to one size, every longer one — up
/// to the longest the API accepts, in four-byte characters — to one other.
async fn held_rows_come_in_two_sizes(backend: Backend) {
    use earshot::messenger::seal::{HELD_LONG, HELD_SHORT};
    let app = TestApp::on(backend).start().await;
    let jan = app.signed_in("jan@example.be", &[Role::Employee]).await;
    let wide = |n: usize| "😀".repeat(n);
    let with_facts = |facts: String| {
        let mut body = remark(&uuid::Uuid::new_v4().to_string());
        body["facts"] = json!(facts);
        body
    };
    let longest = json!({
        "id": uuid::Uuid::new_v4().to_string(),
        "customer": {
            "name": wide(120),
            "email": format!("{}@{}.example.org", "a".repeat(64), "b".repeat(60)),
            "phone": "+32 475 12 34 56",
            "consent": true,
            "language": "nl",
        },
        "facts": wide(4000),
        "feeling": {"level": "frustrated", "words": wide(1000)},
        "place": {"kind": "other", "detail": wide(200)},
    });
    let cases = [
        ("a short capture", remark(&uuid::Uuid::new_v4().to_string()), HELD_SHORT),
        ("1 200 characters", with_facts("x".repeat(1200)), HELD_SHORT),
        ("1 700 characters", with_facts("x".repeat(1700)), HELD_LONG),
        ("the longest accepted", longest, HELD_LONG),
    ];
    for (what, body, padded) in cases {
        let answer = jan.post("/api/v1/remarks", &body).await;
        assert_eq!(answer.status(), 201, "{what}: {}", answer.text().await.unwrap_or_default());
        #[derive(diesel::QueryableByName)]
        struct Size {
            #[diesel(sql_type = diesel::sql_types::BigInt)]
            n: i64,
        }
        let size: Size = diesel::sql_query("SELECT CAST(length(sealed) AS BIGINT) AS n FROM held_captures")
            .get_result(&mut app.db.connect())
            .expect("one held row");
        // Nonce and tag around the padded capture.
        assert_eq!(size.n as usize, 24 + padded + 16, "{what}");
        assert_eq!(app.release_now(), 1);
    }
}

both_backends!(
    held_rows_come_in_two_sizes,
    a_restart_keeps_what_is_held_and_releases_it_once,
    a_capture_is_seen_by_colleagues_from_the_end_of_its_hour,
    a_failed_release_rolls_back_and_the_next_one_does_it,
    replays_and_releases_at_once_make_each_remark_once
);
