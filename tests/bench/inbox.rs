//! The inbox over many undecided remarks: p50 and p99 of a page through the app, beside the
//! newest-first list of what came in (an indexed scan measured in the same run), as a ratio.
//!
//!     cargo bench --bench inbox                  # 50 000 remarks, SQLite and PostgreSQL
//!     cargo bench --bench inbox -- 10000 100     # remarks, requests per query
//!
//! PostgreSQL: EARSHOT_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres); a database
//! earshot_bench_* is created and dropped.

// A benchmark that cannot set up has nothing to report: failing loudly is right.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::time::Instant;

use diesel::{RunQueryDsl, sql_query};
use earshot::clock::{SystemClock, to_hour};
use earshot::db::typed::{IntegerValue, TextValue};
use earshot::db::{DatabaseUrl, schema::remarks, write_transaction};
use earshot::i18n::Lang;
use earshot::people::Roles;
use earshot::remarks::{Feeling, PlaceKind, Remark, RemarkState, search};
use rand::Rng;

const WORDS: &[&str] =
    &["brood", "taart", "levering", "prijs", "croissant", "parking", "bestelling", "koffie"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let total: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let requests: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!("inbox benchmark: {total} undecided remarks, {requests} requests per query, one at a time\n");
    support::on_each_backend(runtime, |runtime, label, url, dir| {
        runtime.block_on(run(label, url, dir, total, requests));
    });
}

/// `total` remarks over the last 30 days, every feeling and place, a fifth acknowledged.
fn seed(url: &DatabaseUrl, total: usize) {
    let mut conn = url.connect().expect("connect");
    let org = earshot::organisation::load(&mut conn).expect("organisation");
    let now = to_hour(earshot::clock::Clock::now(&SystemClock));
    let mut rng = rand::thread_rng();
    let feelings = Feeling::ALL;
    // Every place but "other" (which needs a detail).
    let places = &PlaceKind::ALL[..PlaceKind::ALL.len() - 1];
    for chunk in (0..total).collect::<Vec<_>>().chunks(5000) {
        write_transaction(&mut conn, |c| {
            for _ in chunk {
                let created_at = now - rng.gen_range(0..30 * 24) * 3600;
                let facts = format!(
                    "De {} was niet goed, en de {} ook niet.",
                    WORDS[rng.gen_range(0..WORDS.len())],
                    WORDS[rng.gen_range(0..WORDS.len())]
                );
                let feeling = feelings[rng.gen_range(0..feelings.len())];
                let mut remark = Remark {
                    place_kind: places[rng.gen_range(0..places.len())],
                    heard_on: "2026-11-20".into(),
                    created_at,
                    ..Remark::of_customer("Mevrouw Claes", Lang::Nl, &facts, feeling)
                };
                earshot::triage::store::stamp(&mut remark, &org);
                if rng.gen_range(0..5) == 0 {
                    remark.status = RemarkState::Acknowledged;
                    remark.due_at += 7 * 86_400;
                    remark.urgency_key += 7 * 86_400;
                }
                diesel::insert_into(remarks::table).values(&remark).execute(c)?;
                search::index(c, &remark)?;
            }
            Ok::<_, diesel::result::Error>(())
        })
        .expect("insert");
    }
    // As autovacuum and a long-running SQLite would have it.
    sql_query("ANALYZE").execute(&mut conn).expect("analyze");
}

async fn run(label: &str, url: DatabaseUrl, dir: &std::path::Path, total: usize, requests: usize) {
    let base = support::start_app(&url, dir, |_| {}).await;
    let started = Instant::now();
    let seeding = url.clone();
    tokio::task::spawn_blocking(move || seed(&seeding, total)).await.expect("seed");
    println!("{label}: {total} remarks seeded in {:.1} s", started.elapsed().as_secs_f64());
    let owner = Roles { employee: true, owner: true, admin: false };
    let (client, _) = support::signed_in(&url, &base, "owner@example.be", owner).await;
    let queries = [
        ("what came in, newest first (baseline)", "/api/v1/remarks?limit=30"),
        ("inbox, first page", "/api/v1/desk/inbox"),
        ("inbox, very frustrated", "/api/v1/desk/inbox?feeling=very_frustrated"),
        ("inbox, acknowledged", "/api/v1/desk/inbox?state=acknowledged"),
        ("inbox, at a hairdresser", "/api/v1/desk/inbox?place=hairdresser"),
        ("inbox, the word 'levering'", "/api/v1/desk/inbox?q=levering"),
        ("inbox, a word in none", "/api/v1/desk/inbox?q=nergens"),
        ("inbox, second page", "/api/v1/desk/inbox?limit=100"),
    ];
    let queries: Vec<(&str, Vec<String>)> =
        queries.iter().map(|(n, p)| (*n, vec![(*p).to_owned()])).collect();
    support::measure(&client, &base, requests, &queries).await;
}
