//! /healthz says the process lives; /readyz says the database answers and is migrated.

use diesel::{RunQueryDsl, sql_query};
use reqwest::Method;

use crate::both_backends;
use crate::helpers::{Backend, TestApp, TestDb, assert_kind, problem, spawn_app};

async fn healthz_and_readyz_answer(backend: Backend) {
    let app = spawn_app(backend).await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.headers().get("cache-control").and_then(|v| v.to_str().ok()), Some("no-store"));
    assert_eq!(res.json::<serde_json::Value>().await.expect("json")["status"], "ok");
    let res = app.get("/readyz").await;
    assert_eq!(res.status(), 200);
    assert_eq!(res.json::<serde_json::Value>().await.expect("json")["status"], "ready");
}

async fn readyz_is_503_when_a_migration_is_missing(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut conn = app.db.connect();
    let forgotten = sql_query("DELETE FROM __diesel_schema_migrations").execute(&mut conn).expect("delete");
    assert!(forgotten > 0);
    let p = problem(app.send_in(Method::GET, "/readyz", "en").await).await;
    assert_kind(&p, 503, "unavailable");
    // Liveness does not depend on the database.
    assert_eq!(app.get("/healthz").await.status(), 200);
}

/// A job that panics is started again, and readiness names it meanwhile; stopping the app ends
/// every job — the access counts, the mail worker, housekeeping, the messenger's upkeep, the
/// sessions' reconciliation (and on PostgreSQL the replica listener) — through the one shutdown
/// signal.
async fn jobs_are_restarted_reported_and_all_end_at_shutdown(backend: Backend) {
    let app = spawn_app(backend).await;
    let mut expected = vec![
        "access-counts",
        "housekeeping",
        "mail",
        "messenger-keys",
        "messenger-reconcile",
        "news",
        "release",
        "sessions-reconcile",
    ];
    if backend == Backend::Postgres {
        expected.insert(7, "replica-listener");
    }
    assert_eq!(app.jobs.running(), expected, "every job runs");
    let runs = std::sync::Arc::new(std::sync::atomic::AtomicUsize::new(0));
    let counted = std::sync::Arc::clone(&runs);
    app.jobs.spawn("test-flaky", move |mut shutdown| {
        let first = counted.fetch_add(1, std::sync::atomic::Ordering::SeqCst) == 0;
        async move {
            assert!(!first, "a job that panics on its first run");
            shutdown.wait().await;
        }
    });
    let p = crate::helpers::wait_until(10, || (!app.jobs.down().is_empty()).then_some(())).await;
    assert!(p.is_some(), "the panic is seen");
    let p = problem(app.send_in(Method::GET, "/readyz", "en").await).await;
    assert_kind(&p, 503, "jobs-down");
    assert!(p.detail.as_deref().is_some_and(|d| d.contains("test-flaky")), "{p:?}");
    let again = crate::helpers::wait_until(10, || app.jobs.down().is_empty().then_some(())).await;
    assert!(again.is_some(), "started again");
    assert_eq!(app.get("/readyz").await.status(), 200);
    assert_eq!(runs.load(std::sync::atomic::Ordering::SeqCst), 2);

    app.jobs.stop_and_wait().await;
    assert!(app.jobs.running().is_empty(), "still running: {:?}", app.jobs.running());
}

both_backends!(
    healthz_and_readyz_answer,
    readyz_is_503_when_a_migration_is_missing,
    jobs_are_restarted_reported_and_all_end_at_shutdown,
);

#[tokio::test]
async fn readyz_is_503_when_postgres_is_gone() {
    let db = TestDb::new(Backend::Postgres);
    let url = db.url_string();
    let app = TestApp::on_db(db).start().await;
    assert_eq!(app.get("/readyz").await.status(), 200);
    let name = url.rsplit('/').next().expect("database name").to_owned();
    let mut admin = <diesel::PgConnection as diesel::Connection>::establish(&crate::helpers::pg_admin_url())
        .expect("admin");
    sql_query(format!("DROP DATABASE \"{name}\" WITH (FORCE)")).execute(&mut admin).expect("drop");
    let p = problem(app.get("/readyz").await).await;
    assert_eq!(p.status, 503);
    assert_eq!(app.get("/healthz").await.status(), 200);
    // The seal listener lost its connection; it must neither spin on the broken one nor keep
    // shutdown waiting.
    let ended = tokio::time::timeout(std::time::Duration::from_secs(20), app.jobs.stop_and_wait());
    assert!(ended.await.is_ok(), "jobs still running: {:?}", app.jobs.running());
}
