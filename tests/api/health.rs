//! /healthz says the process lives; /readyz says the database answers and is migrated.

use diesel::{RunQueryDsl, sql_query};
use reqwest::Method;

use crate::both_backends;
use crate::helpers::{Backend, TestDb, assert_kind, problem, spawn_app, spawn_app_on};

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

both_backends!(healthz_and_readyz_answer, readyz_is_503_when_a_migration_is_missing);

#[tokio::test]
async fn readyz_is_503_when_postgres_is_gone() {
    let db = TestDb::new(Backend::Postgres);
    let url = db.url_string();
    let app = spawn_app_on(db).await;
    assert_eq!(app.get("/readyz").await.status(), 200);
    let name = url.rsplit('/').next().expect("database name").to_owned();
    let mut admin = <diesel::PgConnection as diesel::Connection>::establish(&crate::helpers::pg_admin_url())
        .expect("admin");
    sql_query(format!("DROP DATABASE \"{name}\" WITH (FORCE)")).execute(&mut admin).expect("drop");
    let p = problem(app.get("/readyz").await).await;
    assert_eq!(p.status, 503);
    assert_eq!(app.get("/healthz").await.status(), 200);
}
