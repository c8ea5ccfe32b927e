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

use std::sync::Arc;
use std::time::Instant;

use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use earshot::Application;
use earshot::clock::{SystemClock, to_hour};
use earshot::config::Settings;
use earshot::db::{DatabaseUrl, schema::remarks, write_transaction};
use earshot::i18n::Lang;
use earshot::ids::{PersonId, RemarkId};
use earshot::people::{Person, Roles, Status};
use earshot::remarks::{Feeling, PlaceKind, Remark, RemarkState, search};
use rand::Rng;

const PASSWORD: &str = "lamp cactus orbit meadow";
const WORDS: &[&str] =
    &["brood", "taart", "levering", "prijs", "croissant", "parking", "bestelling", "koffie"];

fn main() {
    let args: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let total: usize = args.first().and_then(|a| a.parse().ok()).unwrap_or(50_000);
    let requests: usize = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(200);
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build().expect("runtime");
    println!("inbox benchmark: {total} undecided remarks, {requests} requests per query, one at a time\n");
    let dir = tempfile::tempdir().expect("dir");
    runtime.block_on(run(
        "SQLite",
        DatabaseUrl::Sqlite(dir.path().join("bench.sqlite3")),
        dir.path(),
        total,
        requests,
    ));
    let admin_url = std::env::var("EARSHOT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match PgConnection::establish(&admin_url) {
        Ok(mut admin) => {
            let name = format!("earshot_bench_{}", std::process::id());
            sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut admin).expect("create database");
            let mut url = url::Url::parse(&admin_url).expect("url");
            url.set_path(&format!("/{name}"));
            let pg_dir = tempfile::tempdir().expect("dir");
            runtime.block_on(run(
                "PostgreSQL",
                DatabaseUrl::Postgres(url.to_string()),
                pg_dir.path(),
                total,
                requests,
            ));
            drop(runtime);
            let _ = sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&mut admin);
        }
        Err(e) => println!("PostgreSQL: not reachable at EARSHOT_TEST_PG ({e}); skipped"),
    }
}

/// `total` remarks over the last 30 days, every feeling and place, a fifth acknowledged.
fn seed(url: &DatabaseUrl, total: usize) {
    let mut conn = url.connect().expect("connect");
    let org = earshot::organisation::load(&mut conn).expect("organisation");
    let now = to_hour(earshot::clock::Clock::now(&SystemClock));
    let mut rng = rand::thread_rng();
    let feelings = [
        Feeling::VeryFrustrated,
        Feeling::Frustrated,
        Feeling::Neutral,
        Feeling::Pleased,
        Feeling::Delighted,
    ];
    let places = [
        PlaceKind::Party,
        PlaceKind::School,
        PlaceKind::SportsClub,
        PlaceKind::Hairdresser,
        PlaceKind::Shop,
        PlaceKind::Family,
    ];
    for chunk in (0..total).collect::<Vec<_>>().chunks(5000) {
        write_transaction(&mut conn, |c| {
            for _ in chunk {
                let created_at = now - rng.gen_range(0..30 * 24) * 3600;
                let mut remark = Remark {
                    id: RemarkId::new(),
                    customer_name: "Mevrouw Claes".into(),
                    customer_email: None,
                    customer_phone: None,
                    contact_consent: false,
                    customer_language: Lang::Nl,
                    facts: format!(
                        "De {} was niet goed, en de {} ook niet.",
                        WORDS[rng.gen_range(0..WORDS.len())],
                        WORDS[rng.gen_range(0..WORDS.len())]
                    ),
                    feeling: feelings[rng.gen_range(0..feelings.len())],
                    feeling_words: String::new(),
                    place_kind: places[rng.gen_range(0..places.len())],
                    place_detail: String::new(),
                    heard_on: "2026-11-20".into(),
                    topic_id: None,
                    status: RemarkState::New,
                    created_at,
                    due_at: 0,
                    urgency_key: 0,
                    version: 1,
                    undecided: true,
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

fn percentile(sorted: &[f64], p: f64) -> f64 {
    sorted[((sorted.len() as f64 - 1.0) * p).round() as usize]
}

async fn run(label: &str, url: DatabaseUrl, dir: &std::path::Path, total: usize, requests: usize) {
    let key_dir = dir.join("keys");
    earshot::keys::generate_missing(&key_dir).expect("keys");
    let settings = Settings {
        data_dir: dir.join("data"),
        key_dir,
        database_url: Some(match &url {
            DatabaseUrl::Sqlite(p) => format!("sqlite://{}", p.display()),
            DatabaseUrl::Postgres(u) => u.clone(),
        }),
        port: 0,
        log: "warn".into(),
        ..Settings::default()
    };
    let app = Application::build_with(settings, Arc::new(SystemClock), None).await.expect("app");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    let started = Instant::now();
    let seeding = url.clone();
    tokio::task::spawn_blocking(move || seed(&seeding, total)).await.expect("seed");
    println!("{label}: {total} remarks seeded in {:.1} s", started.elapsed().as_secs_f64());
    earshot::people::insert(
        &mut url.connect().expect("connect"),
        &Person {
            id: PersonId::new(),
            email: "owner@example.be".into(),
            display_name: "Owner".into(),
            password_hash: Some(earshot::auth::password::hash(PASSWORD).expect("hash")),
            roles: Roles { employee: true, owner: true, admin: false },
            language: Lang::Nl,
            status: Status::Active,
            messenger_epoch: 0,
            token_generation: 0,
            created_at: 0,
        },
    )
    .expect("person");
    let client = reqwest::Client::builder().cookie_store(true).build().expect("client");
    let csrf: serde_json::Value = client
        .get(format!("{base}/api/v1/session/csrf"))
        .send()
        .await
        .expect("csrf")
        .json()
        .await
        .expect("json");
    let csrf = csrf["token"].as_str().expect("token").to_owned();
    let res = client
        .post(format!("{base}/api/v1/session"))
        .header("x-csrf-token", &csrf)
        .json(&serde_json::json!({"email": "owner@example.be", "password": PASSWORD}))
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), 200);
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
    let mut baseline = 0.0;
    for (name, path) in queries {
        let mut took = Vec::with_capacity(requests);
        for i in 0..requests + 10 {
            let started = Instant::now();
            let res = client.get(format!("{base}{path}")).send().await.expect("request");
            assert_eq!(res.status(), 200, "{path}");
            let _ = res.bytes().await.expect("body");
            if i >= 10 {
                took.push(started.elapsed().as_secs_f64() * 1e3);
            }
        }
        took.sort_by(f64::total_cmp);
        let (p50, p99) = (percentile(&took, 0.5), percentile(&took, 0.99));
        if baseline == 0.0 {
            baseline = p50;
        }
        println!(
            "  {name:<42} p50 {p50:>7.2} ms   p99 {p99:>7.2} ms   p50 {:>5.2}× the baseline",
            p50 / baseline
        );
    }
    println!();
}
