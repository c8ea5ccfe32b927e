//! An attacker without the messenger key, holding the database (and, on SQLite, every WAL frame
//! as it was written — more than a single copy gives), tries to name each remark's reporter
//! from commit order (PostgreSQL's xmin, SQLite's WAL), neighbouring rows (physical order, with
//! the true reporter of the neighbour given away) and timing against per-user rows. Each
//! strategy's hit rate must be no better than chance, by a one-sided binomial test (p > 10⁻⁶) against the
//! best blind guess (always naming the busiest reporter).

use std::collections::HashMap;

use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use rand::{Rng, SeedableRng};
use serde_json::json;

use super::evidence::{Markers, RemarkMarks, UserMarks};
use super::sqlite_file::{self, WalCursor};
use crate::both_backends;
use crate::helpers::{Backend, Browser, PASSWORD, TestApp};
use earshot::db::DatabaseUrl;
use earshot::people::Role;

/// P(X ≥ k) for X ~ Binomial(n, p).
fn binomial_tail(n: usize, k: usize, p: f64) -> f64 {
    let mut pmf = (1.0 - p).powi(n as i32);
    let mut tail = if k == 0 { pmf } else { 0.0 };
    for i in 1..=n {
        pmf *= (n - i + 1) as f64 / i as f64 * p / (1.0 - p);
        if i >= k {
            tail += pmf;
        }
    }
    tail.min(1.0)
}

/// The SQLite WAL as it grows: every committed frame (page number, page).
struct WalWatch {
    cursor: WalCursor,
    frames: Vec<(u32, Vec<u8>)>,
}

/// A point in time as the attacker can order it, and what happened then.
#[derive(Clone, Copy)]
enum Event {
    Remark(usize),
    User(usize),
}

/// Guess each remark's reporter as the person whose per-user write came last before it.
fn guess_by_order(
    events: &mut [(u64, Event)],
    remarks: usize,
    rng: &mut impl Rng,
    people: usize,
) -> Vec<usize> {
    events.sort_by_key(|(at, e)| (*at, matches!(e, Event::Remark(_))));
    let mut last = None;
    let mut guesses = vec![usize::MAX; remarks];
    for (_, event) in events.iter() {
        match *event {
            Event::User(u) => last = Some(u),
            Event::Remark(r) => guesses[r] = last.unwrap_or_else(|| rng.gen_range(0..people)),
        }
    }
    guesses
}

fn score(name: &str, guesses: &[usize], truth: &[usize], people: usize) -> String {
    let judged: Vec<(usize, usize)> =
        guesses.iter().zip(truth).filter(|(g, _)| **g != usize::MAX).map(|(g, t)| (*g, *t)).collect();
    let n = judged.len();
    let hits = judged.iter().filter(|(g, t)| g == t).count();
    let mut shares = vec![0usize; people];
    for (_, t) in &judged {
        shares[*t] += 1;
    }
    let chance = *shares.iter().max().unwrap_or(&0) as f64 / n.max(1) as f64;
    let p = binomial_tail(n, hits, chance);
    assert!(n >= 50, "{name}: only {n} remarks could be judged");
    assert!(
        p > 1e-6,
        "{name}: {hits} of {n} reporters guessed right, chance is {:.1} %: p = {p:.2e}, the attacker wins",
        chance * 100.0
    );
    format!("{name}: {hits}/{n} right (chance {:.1} %, p = {p:.3})", chance * 100.0)
}

async fn an_attacker_without_the_key_guesses_no_better_than_chance(backend: Backend) {
    const PEOPLE: usize = 10;
    const CAPTURES: usize = 150;
    let app = TestApp::on(backend).tweak(super::many_people_one_address).start().await;
    app.advance(41 * 60 + 7);
    let mut rng = rand::rngs::StdRng::from_entropy();
    let mut people = Vec::new();
    let mut browsers = Vec::new();
    // Every committed WAL frame, in order, as an attacker watching the files would see it.
    let mut wal = match &app.db.url {
        DatabaseUrl::Sqlite(path) => Some(WalWatch { cursor: WalCursor::at_end(path), frames: Vec::new() }),
        DatabaseUrl::Postgres(_) => None,
    };
    let watch = |wal: &mut Option<WalWatch>| {
        if let Some(w) = wal {
            w.frames.extend(w.cursor.written());
        }
    };
    for i in 0..PEOPLE {
        let email = format!("mens{i}@example.be");
        let person = app.add_person(&email, &[Role::Employee], PASSWORD);
        people.push(UserMarks {
            id: person.id.as_str().parse().expect("uuid"),
            email,
            name: person.display_name,
            secrets: Default::default(),
        });
        let browser = app.browser().await;
        assert_eq!(browser.sign_in(&people[i].email, PASSWORD).await.status(), 200);
        browsers.push(browser);
        watch(&mut wal);
        app.advance(rng.gen_range(60..900));
    }

    let mut remarks = Vec::new();
    let mut truth = Vec::new();
    for n in 0..CAPTURES {
        // Now and then someone — anyone — writes a per-user row: signs in on another device or
        // asks for a sign-in link.
        if rng.gen_bool(0.2) {
            let who = rng.gen_range(0..PEOPLE);
            let other = Browser::open(&app.address).await;
            if rng.gen_bool(0.5) {
                assert_eq!(other.sign_in(&people[who].email, PASSWORD).await.status(), 200);
            } else {
                let res = other.post("/api/v1/session/link", &json!({"email": people[who].email})).await;
                assert_eq!(res.status(), 202);
            }
            watch(&mut wal);
        }
        app.advance(rng.gen_range(60..600));
        let reporter = rng.gen_range(0..PEOPLE);
        // Often the reporter signs in on a new phone and captures at once: a sign-in that wrote
        // a row naming them would give them away by commit order and by its instant.
        let fresh = if rng.gen_bool(0.3) {
            let phone = Browser::open(&app.address).await;
            assert_eq!(phone.sign_in(&people[reporter].email, PASSWORD).await.status(), 200);
            watch(&mut wal);
            Some(phone)
        } else {
            browsers[reporter].refresh().await;
            None
        };
        let capturing = fresh.as_ref().unwrap_or(&browsers[reporter]);
        let id = uuid::Uuid::new_v4();
        let facts = format!("Opmerking {n} over de prijs");
        let body = json!({
            "id": id.to_string(),
            "customer": {"name": format!("Klant {n}"), "language": "nl"},
            "facts": facts,
            "feeling": {"level": "frustrated"},
            "place": {"kind": "shop"}
        });
        assert_eq!(capturing.post("/api/v1/remarks", &body).await.status(), 201);
        watch(&mut wal);
        remarks.push(RemarkMarks { id, facts });
        truth.push(reporter);
    }
    // Every token hash, so the attacker can tell whose rows they are.
    // The hours end: every capture held in them is released, in random order.
    app.release_now();
    watch(&mut wal);
    super::evidence::note_secrets(&app.db, &mut people);
    let index: HashMap<String, usize> =
        remarks.iter().enumerate().map(|(i, r)| (r.id.to_string(), i)).collect();
    let person_of = |id: &str| people.iter().position(|p| p.id.to_string() == id || p.email == id);
    let mut lines = Vec::new();

    // 1. Commit order.
    let mut events: Vec<(u64, Event)> = Vec::new();
    // 2. Physical order of the remark rows.
    let mut physical: Vec<usize> = Vec::new();
    // 3. Timing: each remark's instant, each person's instants.
    let mut remark_times: Vec<i64> = vec![0; remarks.len()];
    let mut person_times: Vec<(i64, usize)> = Vec::new();

    match &app.db.url {
        DatabaseUrl::Sqlite(path) => {
            let markers = Markers::new(&people, &remarks);
            let frames = wal.take().expect("frames").frames;
            // The first frame each identifier shows up in: a remark's id, a person's id or
            // a new token hash of theirs.
            let mut seen = std::collections::BTreeSet::new();
            let mut seen_remarks = std::collections::BTreeSet::new();
            for (at, (_, page)) in frames.iter().enumerate() {
                for (pattern, whose) in markers.patterns(page) {
                    if !seen.insert(pattern) {
                        continue;
                    }
                    match whose {
                        Ok(person) => events.push((at as u64, Event::User(person))),
                        Err(remark) if seen_remarks.insert(remark) => {
                            events.push((at as u64, Event::Remark(remark)));
                        }
                        Err(_) => {}
                    }
                }
            }
            // A remark no frame showed (the release's frames were checkpointed and the WAL
            // truncated at once): the attacker knows only that it was there at the end.
            for remark in 0..remarks.len() {
                if !seen_remarks.contains(&remark) {
                    events.push((frames.len() as u64, Event::Remark(remark)));
                }
            }
            // Physical order: the remarks table's pages in file order, cells in page order.
            for (i, t) in sqlite_file::remarks_in_file_order(path, &index) {
                physical.push(i);
                remark_times[i] = t;
            }
        }
        DatabaseUrl::Postgres(url) => {
            #[derive(diesel::QueryableByName)]
            struct Row {
                #[diesel(sql_type = diesel::sql_types::Text)]
                key: String,
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                xmin: i64,
                #[diesel(sql_type = diesel::sql_types::BigInt)]
                at: i64,
            }
            let mut conn = PgConnection::establish(url).expect("connect");
            let load =
                |conn: &mut PgConnection, sql: &str| -> Vec<Row> { sql_query(sql).load(conn).expect(sql) };
            for row in load(
                &mut conn,
                "SELECT id AS key, xmin::text::bigint AS xmin, created_at AS at FROM remarks ORDER BY ctid",
            ) {
                let i = index[&row.key];
                events.push((row.xmin as u64, Event::Remark(i)));
                physical.push(i);
                remark_times[i] = row.at;
            }
            // Every row that names a person (no token row does: they hold hashes only).
            for sql in [
                "SELECT id AS key, xmin::text::bigint AS xmin, created_at AS at FROM users",
                "SELECT recipient AS key, xmin::text::bigint AS xmin, created_at AS at FROM mail_outbox",
            ] {
                for row in load(&mut conn, sql) {
                    if let Some(u) = person_of(&row.key) {
                        events.push((row.xmin as u64, Event::User(u)));
                        person_times.push((row.at, u));
                    }
                }
            }
        }
    }
    if backend == Backend::Sqlite {
        use diesel::prelude::*;
        use earshot::db::schema::{mail_outbox, users};
        let mut conn = app.db.connect();
        let mut rows: Vec<(String, i64)> = Vec::new();
        rows.extend(
            users::table
                .select((users::id, users::created_at))
                .load::<(String, i64)>(&mut conn)
                .expect("rows"),
        );
        rows.extend(
            mail_outbox::table
                .select((mail_outbox::recipient, mail_outbox::created_at))
                .load::<(String, i64)>(&mut conn)
                .expect("rows"),
        );
        person_times.extend(rows.into_iter().filter_map(|(key, at)| person_of(&key).map(|u| (at, u))));
    }

    let by_order = guess_by_order(&mut events, remarks.len(), &mut rng, PEOPLE);
    lines.push(score("commit order", &by_order, &truth, PEOPLE));

    let mut by_neighbour = vec![usize::MAX; remarks.len()];
    for pair in physical.windows(2) {
        by_neighbour[pair[1]] = truth[pair[0]];
    }
    lines.push(score("neighbouring row", &by_neighbour, &truth, PEOPLE));

    let by_time: Vec<usize> = remark_times
        .iter()
        .map(|&t| {
            let best = person_times.iter().map(|(at, _)| (at - t).abs()).min().unwrap_or(0);
            let closest: Vec<usize> =
                person_times.iter().filter(|(at, _)| (at - t).abs() == best).map(|(_, u)| *u).collect();
            if closest.is_empty() {
                rng.gen_range(0..PEOPLE)
            } else {
                closest[rng.gen_range(0..closest.len())]
            }
        })
        .collect();
    lines.push(score("nearest per-user instant", &by_time, &truth, PEOPLE));
    eprintln!("attacker ({backend:?}):\n  {}", lines.join("\n  "));
}

both_backends!(an_attacker_without_the_key_guesses_no_better_than_chance);
