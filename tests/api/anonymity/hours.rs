//! Twenty hours of captures, as the clock goes (injected): at least five an hour from ten
//! people, some signing in on a new phone or answering the owner right before they capture,
//! each hour released when it has ended. Then the attacker reads what the files keep — on
//! SQLite the checkpointed file page by page (cells in page order), on PostgreSQL the rows in
//! ctid order and their xmin — and every PostgreSQL notification sent meanwhile. Within each
//! hour, stored order must be unrelated to arrival order (one rank correlation pooled over all
//! hours, alarm at p < 10⁻⁶ as in the rest of the suite); no remark carries a time finer than
//! its hour; no notification names a remark.

use std::collections::HashMap;

use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use rand::{Rng, SeedableRng};
use serde_json::json;

use super::sqlite_file;
use crate::both_backends;
use crate::helpers::{Backend, Browser, PASSWORD, TestApp};
use earshot::clock::Clock;
use earshot::db::DatabaseUrl;
use earshot::people::Role;

/// P(|Z| ≥ |z|) for a standard normal Z (Abramowitz–Stegun 7.1.26 for erfc).
fn two_sided(z: f64) -> f64 {
    let x = z.abs() / std::f64::consts::SQRT_2;
    let t = 1.0 / (1.0 + 0.327_591_1 * x);
    let poly = t
        * (0.254_829_592
            + t * (-0.284_496_736 + t * (1.421_413_741 + t * (-1.453_152_027 + t * 1.061_405_429))));
    (poly * (-x * x).exp()).clamp(0.0, 1.0)
}

/// The rank correlation of stored order with arrival order within each hour, pooled: each
/// hour's ranks centred, one correlation over all pairs, and its two-sided p under "unrelated".
fn pooled_rank_correlation(hours: &[Vec<(usize, usize)>]) -> (f64, f64, usize) {
    let (mut xy, mut xx, mut yy, mut n, mut groups) = (0.0, 0.0, 0.0, 0usize, 0usize);
    for pairs in hours.iter().filter(|p| p.len() > 1) {
        let centre = (pairs.len() as f64 - 1.0) / 2.0;
        for (stored, arrived) in pairs {
            let (x, y) = (*stored as f64 - centre, *arrived as f64 - centre);
            xy += x * y;
            xx += x * x;
            yy += y * y;
        }
        n += pairs.len();
        groups += 1;
    }
    let r = xy / (xx * yy).sqrt().max(f64::MIN_POSITIVE);
    let z = r * ((n - groups) as f64).sqrt();
    (r, two_sided(z), n)
}

async fn within_each_hour_stored_order_says_nothing_of_arrival(backend: Backend) {
    const PEOPLE: usize = 10;
    const HOURS: usize = 20;
    // The test releases each hour itself; the app's own job is kept from racing it.
    fn settings(s: &mut earshot::config::Settings) {
        super::many_people_one_address(s);
        s.release_check_secs = 24 * 3600;
    }
    let app = TestApp::on(backend).tweak(settings).start().await;
    let mut rng = rand::rngs::StdRng::from_entropy();
    // Every notification the replicas send each other, as a listener on the database hears it.
    let mut listener = match &app.db.url {
        DatabaseUrl::Postgres(url) => {
            let mut conn = PgConnection::establish(url).expect("connect");
            sql_query("LISTEN earshot_seals").execute(&mut conn).expect("listen");
            Some(conn)
        }
        DatabaseUrl::Sqlite(_) => None,
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
    let mut ids: Vec<String> = Vec::new();
    let mut arrived_in: Vec<(i64, usize)> = Vec::new(); // (hour, rank of arrival within it)
    let mut asked: HashMap<usize, String> = HashMap::new(); // reporter → remark asked about
    let mut reporter_of: Vec<usize> = Vec::new();
    for _ in 0..HOURS {
        let hour = earshot::clock::to_hour(app.clock.now());
        let captures = rng.gen_range(5..=8);
        for rank in 0..captures {
            app.clock.advance(rng.gen_range(60..(3000 / captures as i64)));
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
            let id = uuid::Uuid::new_v4().to_string();
            let body = json!({
                "id": id,
                "customer": {"name": "Klant", "language": "nl"},
                "facts": format!("Opmerking {}", ids.len()),
                "feeling": {"level": "neutral"},
                "place": {"kind": "shop"},
            });
            assert_eq!(browser.post("/api/v1/remarks", &body).await.status(), 201);
            ids.push(id);
            arrived_in.push((hour, rank));
            reporter_of.push(who);
        }
        // The hour ends; the release takes it (what the release job does at the hour).
        app.clock.advance(hour + 3600 + rng.gen_range(10..300) - app.clock.now());
        for browser in people.iter().map(|(_, b)| b).chain([&owner]) {
            browser.refresh().await;
        }
        let released = app.release_ended();
        assert_eq!(released, captures, "the ended hour, all of it");
        // The owner asks about one of them; its reporter answers before their next capture.
        let pick = ids.len() - 1 - rng.gen_range(0..captures);
        let question = json!({"text": "Welke dag was dat?"});
        let path = format!("/api/v1/remarks/{}/questions", ids[pick]);
        assert_eq!(owner.post(&path, &question).await.status(), 201);
        asked.insert(reporter_of[pick], ids[pick].clone());
    }

    let index: HashMap<String, usize> = ids.iter().enumerate().map(|(i, id)| (id.clone(), i)).collect();
    // The remarks as the attacker reads them: (index, created_at) in stored order — on SQLite
    // the pages of the table and its indexes in file order, cells as they were written.
    let mut orders: Vec<(&str, Vec<(usize, i64)>)> = Vec::new();
    match &app.db.url {
        DatabaseUrl::Sqlite(path) => {
            diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)")
                .execute(&mut app.db.connect())
                .expect("checkpoint");
            orders.push(("file order", sqlite_file::remarks_in_file_order(path, &index)));
        }
        DatabaseUrl::Postgres(url) => {
            #[derive(diesel::QueryableByName)]
            struct Row {
                #[diesel(sql_type = diesel::sql_types::Text)]
                id: String,
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                created_at: i64,
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                xmin: i64,
                #[diesel(sql_type = diesel::sql_types::Integer)]
                thread_length: i32,
            }
            let rows: Vec<Row> = sql_query(
                "SELECT id, created_at, xmin::text::bigint AS xmin, thread_length FROM remarks ORDER BY ctid",
            )
            .load(&mut PgConnection::establish(url).expect("connect"))
            .expect("rows");
            // One transaction per hour's release: xmin tells the hour, nothing within it. (A
            // remark asked about was rewritten by the question: its xmin is the question's.)
            let mut xmins: HashMap<i64, std::collections::BTreeSet<i64>> = HashMap::new();
            for row in rows.iter().filter(|r| r.thread_length == 0) {
                xmins.entry(row.created_at).or_default().insert(row.xmin);
            }
            assert!(xmins.values().all(|x| x.len() == 1), "one xmin per hour: {xmins:?}");
            orders.push(("ctid order", rows.iter().map(|r| (index[&r.id], r.created_at)).collect()));
        }
    }
    let mut lines = Vec::new();
    for (source, stored) in &orders {
        assert_eq!(stored.len(), ids.len(), "{source}: every remark found in the files");
        let mut by_hour: HashMap<i64, Vec<usize>> = HashMap::new();
        for (i, created_at) in stored {
            assert_eq!(*created_at, arrived_in[*i].0, "a remark keeps its hour, and nothing finer");
            by_hour.entry(*created_at).or_default().push(*i);
        }
        let pairs: Vec<Vec<(usize, usize)>> = by_hour
            .values()
            .map(|in_order| {
                in_order.iter().enumerate().map(|(stored, i)| (stored, arrived_in[*i].1)).collect()
            })
            .collect();
        let (r, p, n) = pooled_rank_correlation(&pairs);
        assert!(n >= 100, "{source}: {n} remarks judged");
        assert!(
            p > 1e-6,
            "{source} follows arrival within the hour: r = {r:.2} over {n} remarks, p = {p:.1e}"
        );
        lines.push(format!("{source}: rank correlation {r:.3} over {n} remarks (p = {p:.2})"));
    }

    if let Some(conn) = listener.as_mut() {
        let payloads: Vec<String> =
            conn.notifications_iter().filter_map(Result::ok).map(|n| n.payload).collect();
        let named = payloads
            .iter()
            .filter(|p| ids.iter().any(|id| p.contains(id.as_str()) || p.contains(&id.replace('-', ""))))
            .count();
        assert_eq!(named, 0, "{named} of {} notifications name a remark", payloads.len());
        assert!(payloads.len() >= ids.len(), "the listener heard the held captures: {}", payloads.len());
    }
    eprintln!(
        "held hours ({backend:?}, {HOURS} hours):
  {}",
        lines.join(
            "
  "
        )
    );
}

both_backends!(within_each_hour_stored_order_says_nothing_of_arrival);
