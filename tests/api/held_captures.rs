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
        earshot::remarks::release::release_before(&mut conn, &seals, later).is_err(),
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
                released += earshot::remarks::release::release_before(&mut conn, &seals, next)
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

both_backends!(
    a_capture_is_seen_by_colleagues_from_the_end_of_its_hour,
    a_failed_release_rolls_back_and_the_next_one_does_it,
    replays_and_releases_at_once_make_each_remark_once
);
