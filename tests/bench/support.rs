//! What the benchmarks share: a run on SQLite and on PostgreSQL (a database created and dropped
//! for it), the app started on a database, and a signed-in client.

use std::path::Path;
use std::sync::Arc;

use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use earshot::Application;
use earshot::clock::SystemClock;
use earshot::config::Settings;
use earshot::db::DatabaseUrl;
use earshot::people::{Person, Roles, Status};

const PASSWORD: &str = "lamp cactus orbit meadow";

/// Run `bench` on a fresh SQLite file, then on a fresh PostgreSQL database when one is reachable
/// at EARSHOT_TEST_PG (default postgres://postgres@127.0.0.1:5432/postgres; a database
/// earshot_bench_* is created and dropped).
pub fn on_each_backend(
    runtime: tokio::runtime::Runtime,
    bench: impl Fn(&tokio::runtime::Runtime, &str, DatabaseUrl, &Path),
) {
    let dir = tempfile::tempdir().expect("dir");
    bench(&runtime, "SQLite", DatabaseUrl::Sqlite(dir.path().join("bench.sqlite3")), dir.path());
    let admin_url = std::env::var("EARSHOT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    match PgConnection::establish(&admin_url) {
        Ok(mut admin) => {
            let name = format!("earshot_bench_{}", std::process::id());
            sql_query(format!("CREATE DATABASE \"{name}\"")).execute(&mut admin).expect("create database");
            let mut url = url::Url::parse(&admin_url).expect("url");
            url.set_path(&format!("/{name}"));
            let pg_dir = tempfile::tempdir().expect("dir");
            bench(&runtime, "PostgreSQL", DatabaseUrl::Postgres(url.to_string()), pg_dir.path());
            // The app's connections go with its runtime, before the database does.
            drop(runtime);
            let _ = sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&mut admin);
        }
        Err(e) => println!("PostgreSQL: not reachable at EARSHOT_TEST_PG ({e}); skipped"),
    }
}

/// The app on `url` (its data and keys in `dir`), with `settings` changed as given; its base URL.
pub async fn start_app(url: &DatabaseUrl, dir: &Path, tweak: impl FnOnce(&mut Settings)) -> String {
    let key_dir = dir.join("keys");
    earshot::keys::generate_missing(&key_dir).expect("keys");
    let mut settings = Settings {
        data_dir: dir.join("data"),
        key_dir,
        database_url: Some(match url {
            DatabaseUrl::Sqlite(p) => format!("sqlite://{}", p.display()),
            DatabaseUrl::Postgres(u) => u.clone(),
        }),
        port: 0,
        log: "warn".into(),
        ..Settings::default()
    };
    tweak(&mut settings);
    let app = Application::build_with(settings, Arc::new(SystemClock), None).await.expect("app");
    let base = format!("http://127.0.0.1:{}", app.port());
    tokio::spawn(app.run_until_stopped());
    base
}

/// A new person with `roles`, signed in: the client (its cookies) and the CSRF token.
pub async fn signed_in(
    url: &DatabaseUrl,
    base: &str,
    email: &str,
    roles: Roles,
) -> (reqwest::Client, String) {
    earshot::people::insert(
        &mut url.connect().expect("connect"),
        &Person {
            id: earshot::ids::PersonId::new(),
            email: email.into(),
            display_name: "Bench".into(),
            password_hash: Some(earshot::auth::password::hash(PASSWORD).expect("hash")),
            roles,
            language: earshot::i18n::Lang::Nl,
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
        .json(&serde_json::json!({"email": email, "password": PASSWORD}))
        .send()
        .await
        .expect("sign in");
    assert_eq!(res.status(), 200, "sign in");
    (client, csrf)
}

#[allow(dead_code)] // The capture bench posts: it has its own loop.
/// Each (name, paths) measured `requests` times (after ten to warm up), one at a time, going
/// round its paths: p50 and p99 printed, and p50 as a ratio of the first (the baseline).
pub async fn measure(client: &reqwest::Client, base: &str, requests: usize, queries: &[(&str, Vec<String>)]) {
    let percentile = |sorted: &[f64], p: f64| sorted[((sorted.len() as f64 - 1.0) * p).round() as usize];
    let mut baseline = 0.0;
    for (name, paths) in queries {
        let mut took = Vec::with_capacity(requests);
        for i in 0..requests + 10 {
            let path = &paths[i % paths.len()];
            let started = std::time::Instant::now();
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
