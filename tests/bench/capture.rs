//! Capture throughput and latency, next to a raw insert loop in the same run, as a ratio
//! (these machines are noisy: only the ratio means much).
//!
//!     cargo bench --bench capture                 # SQLite, and PostgreSQL when reachable
//!     cargo bench --bench capture -- 4000 32      # captures, concurrent clients
//!
//! PostgreSQL: EARSHOT_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres); a database
//! earshot_bench_* is created and dropped.

// A benchmark that cannot set up has nothing to report: failing loudly is right.
#![allow(clippy::expect_used, clippy::unwrap_used)]

mod support;

use std::time::{Duration, Instant};

use diesel::RunQueryDsl;
use earshot::db::{DatabaseUrl, DbConn, schema::remarks, write_transaction};
use earshot::people::Roles;
use earshot::remarks::Remark;

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let total: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(2000);
    let clients: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(16);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!("capture benchmark: {total} captures, {clients} concurrent clients, one commit per capture\n");
    support::on_each_backend(runtime, |runtime, label, url, dir| {
        runtime.block_on(compare(label, url, dir, total, clients));
    });
}

async fn compare(label: &str, url: DatabaseUrl, dir: &std::path::Path, total: usize, clients: usize) {
    let (sequential, concurrent) = raw_inserts(&url, dir, total);
    let raw = sequential.max(concurrent);
    let app = through_the_app(&url, dir, total, clients).await;
    println!("{label}");
    println!("  raw insert loop, 1 connection:               {sequential:>8.0} rows/s");
    println!("  raw insert loop, 8 connections:              {concurrent:>8.0} rows/s");
    println!(
        "  capture over HTTP:                           {:>8.0} captures/s   p50 {:>6.2} ms   p99 {:>6.2} ms",
        app.throughput, app.p50_ms, app.p99_ms
    );
    println!("  ratio capture / best raw:                    {:>8.1} %\n", 100.0 * app.throughput / raw);
}

fn sample(id: earshot::ids::RemarkId, now: i64) -> Remark {
    Remark {
        id,
        customer_name: "Mevrouw Claes".into(),
        customer_email: Some("an.claes@example.be".into()),
        customer_phone: None,
        contact_consent: true,
        customer_language: earshot::i18n::Lang::Nl,
        facts: "De taarten voor het communiefeest waren een uur te laat geleverd.".into(),
        feeling: earshot::remarks::Feeling::Frustrated,
        feeling_words: "Ik stond daar met dertig gasten en niets op tafel.".into(),
        place_kind: earshot::remarks::PlaceKind::School,
        place_detail: String::new(),
        heard_on: "2026-11-20".into(),
        topic_id: None,
        status: earshot::remarks::RemarkState::New,
        created_at: now - now % 3600,
        due_at: 0,
        urgency_key: 0,
        version: 1,
        undecided: true,
        forgotten_on: None,
    }
}

/// The ceiling: the same rows inserted directly, one write transaction each, on a fresh database
/// with the same connection settings — by one connection, and by eight at once (the app's pool
/// size; PostgreSQL commits concurrent transactions together, SQLite has one writer).
fn raw_inserts(url: &DatabaseUrl, dir: &std::path::Path, total: usize) -> (f64, f64) {
    let raw_url = match url {
        DatabaseUrl::Sqlite(_) => DatabaseUrl::Sqlite(dir.join("raw.sqlite3")),
        DatabaseUrl::Postgres(u) => DatabaseUrl::Postgres(u.clone()),
    };
    let mut conn: DbConn = raw_url.connect().expect("connect");
    earshot::db::migrations::run(&mut conn).expect("migrate");
    let insert = |conn: &mut DbConn| {
        let row = sample(earshot::ids::RemarkId::new(), 1_795_428_000);
        write_transaction(conn, |c| diesel::insert_into(remarks::table).values(&row).execute(c))
            .expect("insert");
    };
    let started = Instant::now();
    for _ in 0..total {
        insert(&mut conn);
    }
    let sequential = total as f64 / started.elapsed().as_secs_f64();
    let threads = 8;
    let started = Instant::now();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            let raw_url = raw_url.clone();
            scope.spawn(move || {
                let mut conn: DbConn = raw_url.connect().expect("connect");
                for _ in 0..total / threads {
                    insert(&mut conn);
                }
            });
        }
    });
    let concurrent = (total / threads * threads) as f64 / started.elapsed().as_secs_f64();
    // Leave the database as the app expects it: empty.
    diesel::delete(remarks::table).execute(&mut conn).expect("clean");
    (sequential, concurrent)
}

struct Measured {
    throughput: f64,
    p50_ms: f64,
    p99_ms: f64,
}

async fn through_the_app(url: &DatabaseUrl, dir: &std::path::Path, total: usize, clients: usize) -> Measured {
    let base = support::start_app(url, dir, |s| s.captures_per_minute_per_ip = 1_000_000).await;
    let employee = Roles { employee: true, owner: false, admin: false };
    let (client, csrf) = support::signed_in(url, &base, "bench@example.be", employee).await;

    let per_client = total / clients;
    let started = Instant::now();
    let tasks: Vec<_> = (0..clients)
        .map(|_| {
            let (client, csrf, base) = (client.clone(), csrf.clone(), base.clone());
            tokio::spawn(async move {
                let mut latencies = Vec::with_capacity(per_client);
                for _ in 0..per_client {
                    let body = serde_json::json!({
                        "id": uuid::Uuid::new_v4().to_string(),
                        "customer": {"name": "Mevrouw Claes", "email": "an.claes@example.be", "consent": true, "language": "nl"},
                        "facts": "De taarten voor het communiefeest waren een uur te laat geleverd.",
                        "feeling": {"level": "frustrated", "words": "Ik stond daar met dertig gasten en niets op tafel."},
                        "place": {"kind": "school"},
                        "heard_on": "2026-11-20"
                    });
                    let t = Instant::now();
                    let res = client
                        .post(format!("{base}/api/v1/remarks"))
                        .header("x-csrf-token", &csrf)
                        .json(&body)
                        .send()
                        .await
                        .expect("capture");
                    assert_eq!(res.status(), 201);
                    latencies.push(t.elapsed());
                }
                latencies
            })
        })
        .collect();
    let mut latencies: Vec<Duration> = Vec::new();
    for task in tasks {
        latencies.extend(task.await.expect("client"));
    }
    let elapsed = started.elapsed().as_secs_f64();
    latencies.sort();
    let pct = |p: f64| {
        latencies[((latencies.len() as f64 * p) as usize).min(latencies.len() - 1)].as_secs_f64() * 1000.0
    };
    Measured { throughput: latencies.len() as f64 / elapsed, p50_ms: pct(0.50), p99_ms: pct(0.99) }
}
