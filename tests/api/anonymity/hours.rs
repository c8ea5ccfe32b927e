//! Twenty hours of captures, as the clock goes (injected): at least five an hour from ten
//! people, some signing in on a new phone or answering the owner right before they capture,
//! each hour released when it has ended. Then the attacker reads what the files keep — on
//! SQLite every b-tree of the remarks, page by page, cells in the order they were written; on
//! PostgreSQL ctid order, xmin, pg_dump's COPY order and the WAL through pg_walinspect, each
//! record with its transaction's commit time — a backup taken mid-hour, every notification,
//! every log line and a /metrics scrape around each capture. Within each hour, stored order
//! must be unrelated to arrival order (one rank correlation pooled over all hours) and must
//! not name reporters better than "one of that hour's k remarks" (one-sided), alarm at
//! p < 10⁻⁶ as in the rest of the suite; no record names a remark with a time finer than its
//! hour. The readers' power is shown too: given remarks written in arrival order, they find it.

use std::collections::HashMap;

use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use rand::{Rng, SeedableRng};
use serde_json::json;

use super::order::{self, ALARM, Placed};
use super::{hours_evidence as evidence, pg_wal};
use crate::both_backends;
use crate::helpers::{Backend, Browser, PASSWORD, ServerLog, TestApp, logs};
use earshot::clock::Clock;
use earshot::db::DatabaseUrl;
use earshot::people::Role;

/// One capture of the workload, as the test (and an attacker who knew who was where) saw it.
pub struct Capture {
    pub id: String,
    /// A word in its facts found nowhere else, to look for it in the files.
    pub marker: String,
    /// The instant it was sent (the injected clock), its hour, its rank of arrival in the hour.
    pub at: i64,
    pub hour: i64,
    pub rank: usize,
    pub reporter: usize,
}

async fn within_each_hour_stored_order_says_nothing_of_arrival(backend: Backend) {
    const PEOPLE: usize = 10;
    const HOURS: usize = 20;
    // The test releases each hour itself; the app's own job is kept from racing it.
    fn settings(s: &mut earshot::config::Settings) {
        super::many_people_one_address(s);
        s.release_check_secs = 24 * 3600;
    }
    let log_mark = logs::mark();
    let server_log = (backend == Backend::Postgres).then(ServerLog::mark).flatten();
    let app = TestApp::on(backend).tweak(settings).start().await;
    let seed = rand::random();
    eprintln!("held hours ({backend:?}): seed {seed}");
    let mut rng = rand::rngs::StdRng::seed_from_u64(seed);
    // Every notification the replicas send each other, as a listener on the database hears
    // it; the WAL from here on.
    let (mut listener, wal) = match &app.db.url {
        DatabaseUrl::Postgres(url) => {
            let mut conn = PgConnection::establish(url).expect("connect");
            sql_query("LISTEN earshot_seals").execute(&mut conn).expect("listen");
            (Some(conn), Some(pg_wal::Wal::start(url)))
        }
        DatabaseUrl::Sqlite(_) => (None, None),
    };
    let owner = app.signed_in("sofie@example.be", &[Role::Owner]).await;
    let mut people = Vec::new();
    for i in 0..PEOPLE {
        let email = format!("uur{i}@example.be");
        app.add_person(&email, &[Role::Employee], PASSWORD);
        let browser = app.browser().await;
        assert_eq!(browser.sign_in(&email, PASSWORD).await.status(), 200);
        people.push((email, browser));
    }
    let mut captures: Vec<Capture> = Vec::new();
    let mut asked: HashMap<usize, String> = HashMap::new(); // reporter → remark asked about
    let mut backups = 0;
    for hour_no in 0..HOURS {
        let hour = earshot::clock::to_hour(app.clock.now());
        let in_hour = rng.gen_range(5..=8);
        for rank in 0..in_hour {
            app.clock.advance(rng.gen_range(60..(3000 / in_hour as i64)));
            let scraped = app.get("/metrics").await.text().await.expect("/metrics");
            for browser in people.iter().map(|(_, b)| b).chain([&owner]) {
                browser.refresh().await;
            }
            let who = rng.gen_range(0..PEOPLE);
            // Right before capturing: now and then a sign-in on a new phone, or an answer.
            let fresh = if rng.gen_bool(0.2) {
                let phone = Browser::open(&app.address).await;
                assert_eq!(phone.sign_in(&people[who].0, PASSWORD).await.status(), 200);
                Some(phone)
            } else {
                None
            };
            let browser = fresh.as_ref().unwrap_or(&people[who].1);
            if let Some(remark) = asked.remove(&who) {
                let answer = json!({"remark_id": remark, "action": "answer", "text": "Dat was vorige week"});
                assert_eq!(browser.post("/api/v1/my-remarks/actions", &answer).await.status(), 200);
            }
            let (id, marker) = (uuid::Uuid::new_v4().to_string(), format!("merk{:04}x", captures.len()));
            let body = json!({
                "id": id,
                "customer": {"name": "Klant", "language": "nl"},
                "facts": format!("Opmerking {marker}"),
                "feeling": {"level": "neutral"},
                "place": {"kind": "shop"},
            });
            assert_eq!(browser.post("/api/v1/remarks", &body).await.status(), 201);
            // An operator scraping /metrics all the while sees nothing move.
            let after = app.get("/metrics").await.text().await.expect("/metrics");
            assert_eq!(scraped, after, "a capture, a sign-in or an answer moved a series of /metrics");
            captures.push(Capture { id, marker, at: app.clock.now(), hour, rank, reporter: who });
            if hour_no == HOURS / 2 && rank == in_hour / 2 {
                evidence::backup_mid_hour(&app, &captures);
                backups += 1;
            }
        }
        // The hour ends; the release takes it (what the release job does at the hour).
        app.clock.advance(hour + 3600 + rng.gen_range(10..300) - app.clock.now());
        for browser in people.iter().map(|(_, b)| b).chain([&owner]) {
            browser.refresh().await;
        }
        assert_eq!(app.release_ended(), in_hour, "the ended hour, all of it");
        // The owner asks about one of them; its reporter answers before their next capture.
        let pick = &captures[captures.len() - 1 - rng.gen_range(0..in_hour)];
        let path = format!("/api/v1/remarks/{}/questions", pick.id);
        assert_eq!(owner.post(&path, &json!({"text": "Welke dag was dat?"})).await.status(), 201);
        asked.insert(pick.reporter, pick.id.clone());
    }
    assert_eq!(backups, 1, "a backup was taken mid-hour");

    let index: HashMap<String, usize> = captures.iter().enumerate().map(|(i, c)| (c.id.clone(), i)).collect();
    let arrival: Vec<usize> = captures.iter().map(|c| c.rank).collect();
    let reporter: Vec<usize> = captures.iter().map(|c| c.reporter).collect();
    // Each reader's placing of the remarks; `complete`: it must have found every remark.
    let mut sources: Vec<(String, Vec<Placed>, bool)> = Vec::new();
    let mut lines = Vec::new();
    match &app.db.url {
        DatabaseUrl::Sqlite(path) => {
            diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut app.db.connect())
                .expect("checkpoint");
            sources.extend(evidence::sqlite_btrees(path, &index));
            lines.push(evidence::sqlite_reader_power(path, &captures, &index, &arrival, &reporter, &mut rng));
        }
        DatabaseUrl::Postgres(url) => {
            sources.extend(evidence::postgres_orders(url, &captures, &index, wal.as_ref().expect("the WAL")));
            lines.push(evidence::postgres_reader_power(url, &captures, &index, &arrival));
        }
    }
    for (source, placed, complete) in &sources {
        if *complete {
            assert_eq!(placed.len(), captures.len(), "{source}: every remark found in the files");
        }
        for p in placed {
            assert_eq!(
                p.hour, captures[p.remark].hour,
                "{source}: a remark keeps its hour, and nothing finer"
            );
        }
        let (r, p, n) = order::pooled_rank_correlation(placed, &arrival);
        assert!(n >= 60, "{source}: {n} remarks judged");
        assert!(
            p > ALARM,
            "{source} follows arrival within the hour: r = {r:.2} over {n} remarks, p = {p:.1e}"
        );
        let (hits, chance, q) = order::attribution(placed, &arrival, &reporter, &mut rng);
        assert!(
            q > ALARM,
            "{source} names reporters: {hits} right where one of the hour's remarks gives {chance:.1}, p = {q:.1e}"
        );
        lines.push(format!(
            "{source}: rank correlation {r:.3} over {n} remarks (p = {p:.2}); reporters {hits} right, chance {chance:.1} (p = {q:.2})"
        ));
    }

    if let Some(conn) = listener.as_mut() {
        let payloads: Vec<String> =
            conn.notifications_iter().filter_map(Result::ok).map(|n| n.payload).collect();
        let named = payloads.iter().filter(|p| evidence::names_a_capture(p, &captures)).count();
        assert_eq!(named, 0, "{named} of {} notifications name a remark", payloads.len());
        assert!(payloads.len() >= captures.len(), "the listener heard the held captures: {}", payloads.len());
    }
    // Every line the app logged, the server's log of this database, and a last scrape.
    let mut logged = logs::since(log_mark);
    assert!(!logged.is_empty(), "the app's log lines were captured");
    if let (Some(log), Some(name)) = (&server_log, app.db.pg_name()) {
        let tag = format!("@{name} ");
        logged.extend(log.lines_since_mark().into_iter().filter(|l| l.contains(&tag)));
    }
    logged.extend(app.get("/metrics").await.text().await.expect("/metrics").lines().map(str::to_owned));
    let dated = evidence::lines_dating_a_capture(&logged, &captures);
    assert!(
        dated.is_empty(),
        "{} of {} log lines date or name a capture:\n{}",
        dated.len(),
        logged.len(),
        dated.join("\n")
    );
    lines.push(format!("{} log lines and scrapes: none dates or names a capture", logged.len()));
    eprintln!("held hours ({backend:?}, {HOURS} hours):\n  {}", lines.join("\n  "));
}

both_backends!(within_each_hour_stored_order_says_nothing_of_arrival);
