//! Start-up: migrations once, concurrent replicas, the injected clock, SQLite write queuing.

use std::sync::Arc;

use diesel::prelude::*;
use earshot::clock::ManualClock;
use earshot::db::schema::instance_meta;
use earshot::db::{DbConn, write_transaction};
use earshot::{Application, StartError};

use crate::both_backends;
use crate::helpers::{Backend, TestDb};

async fn restarts_keep_the_first_installation_time(backend: Backend) {
    let db = TestDb::new(backend);
    let clock = ManualClock::at(1_795_428_000);
    let first = Application::build_with(db.settings(), Arc::new(clock.clone()), None).await.expect("start");
    drop(first);
    clock.advance(3600);
    let second =
        Application::build_with(db.settings(), Arc::new(clock.clone()), None).await.expect("restart");
    drop(second);
    let mut conn = db.connect();
    assert_eq!(earshot::instance::installed_at(&mut conn).expect("read"), Some(1_795_428_000));
}

async fn a_missing_data_directory_is_created(backend: Backend) {
    let db = TestDb::new(backend);
    let settings = db.settings();
    assert!(!settings.data_dir.exists());
    let app = Application::build(settings.clone()).await.expect("start");
    assert!(settings.data_dir.is_dir());
    drop(app);
}

both_backends!(restarts_keep_the_first_installation_time, a_missing_data_directory_is_created);

#[tokio::test]
async fn replicas_starting_together_on_postgres_migrate_once() {
    let db = TestDb::new(Backend::Postgres);
    let (a, b, c) = tokio::join!(
        Application::build(db.settings()),
        Application::build(db.settings()),
        Application::build(db.settings()),
    );
    for app in [a, b, c] {
        assert!(app.is_ok(), "{:?}", app.err());
    }
    let applied = crate::helpers::count(&db, "SELECT COUNT(*) AS n FROM __diesel_schema_migrations");
    assert_eq!(applied as usize, earshot_migration_count());
}

fn earshot_migration_count() -> usize {
    std::fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/migrations/postgres"))
        .expect("migrations dir")
        .filter(|e| e.as_ref().is_ok_and(|e| e.path().is_dir()))
        .count()
}

/// Read-then-write transactions from many threads: with BEGIN IMMEDIATE they queue on the
/// busy timeout; with SQLite's default deferred BEGIN some would fail with "database is locked".
#[test]
fn sqlite_writers_queue_instead_of_failing() {
    let db = TestDb::new(Backend::Sqlite);
    earshot::db::migrations::run(&mut db.connect()).expect("migrate");
    let threads: Vec<_> = (0..8)
        .map(|t| {
            let url = db.url.clone();
            std::thread::spawn(move || {
                let mut conn: DbConn = url.connect().expect("connect");
                for i in 0..40 {
                    write_transaction(&mut conn, |c| {
                        let count: i64 = instance_meta::table.count().get_result(c)?;
                        diesel::insert_into(instance_meta::table)
                            .values((
                                instance_meta::key.eq(format!("t{t}-{i}")),
                                instance_meta::value.eq(count.to_string()),
                                instance_meta::updated_at.eq(0_i64),
                            ))
                            .execute(c)?;
                        Ok::<_, diesel::result::Error>(())
                    })
                    .expect("a queued writer never fails");
                }
            })
        })
        .collect();
    for t in threads {
        t.join().expect("writer thread");
    }
    let total: i64 = instance_meta::table.count().get_result(&mut db.connect()).expect("count");
    assert_eq!(total, 8 * 40);
}

#[test]
fn nested_write_transactions_roll_back_only_their_part() {
    let db = TestDb::new(Backend::Sqlite);
    let mut conn = db.connect();
    earshot::db::migrations::run(&mut conn).expect("migrate");
    let insert = |c: &mut DbConn, key: &str| {
        diesel::insert_into(instance_meta::table)
            .values((
                instance_meta::key.eq(key),
                instance_meta::value.eq("v"),
                instance_meta::updated_at.eq(0_i64),
            ))
            .execute(c)
    };
    write_transaction(&mut conn, |c| {
        insert(c, "outer")?;
        let inner: Result<(), diesel::result::Error> = write_transaction(c, |c| {
            insert(c, "inner")?;
            Err(diesel::result::Error::RollbackTransaction)
        });
        assert!(inner.is_err());
        Ok::<_, diesel::result::Error>(())
    })
    .expect("outer commits");
    let keys: Vec<String> = instance_meta::table.select(instance_meta::key).load(&mut conn).expect("keys");
    assert!(keys.contains(&"outer".to_owned()) && !keys.contains(&"inner".to_owned()), "{keys:?}");
}

/// A PostgreSQL database that would log statements: a warning, or with strict_privacy a refusal.
#[tokio::test]
async fn postgres_that_logs_statements_is_refused_under_strict_privacy() {
    let db = TestDb::new(Backend::Postgres);
    let name = db.url_string().rsplit('/').next().expect("name").to_owned();
    let mut admin =
        <diesel::PgConnection as Connection>::establish(&crate::helpers::pg_admin_url()).expect("admin");
    diesel::sql_query(format!("ALTER DATABASE \"{name}\" SET log_min_duration_statement = 0"))
        .execute(&mut admin)
        .expect("alter");
    let mut strict = db.settings();
    strict.strict_privacy = true;
    match Application::build(strict).await {
        Err(StartError::Config(e)) => {
            let line = e.to_string();
            assert!(line.contains("strict_privacy") && line.contains("log_min_duration_statement"), "{line}");
        }
        Err(other) => panic!("expected a configuration error, got {other}"),
        Ok(_) => panic!("started although PostgreSQL logs statements"),
    }
    // Without strict_privacy it starts (and warns).
    assert!(Application::build(db.settings()).await.is_ok());
}

/// Work for one replica at a time: while one connection runs the job "digest", another skips
/// it (and may run any other job); once the first is done, the next may take it.
#[test]
fn a_job_for_one_replica_runs_in_one_at_a_time() {
    use earshot::db::lock::once_across_replicas;
    type R<T> = Result<T, diesel::result::Error>;
    for backend in [Backend::Sqlite, Backend::Postgres] {
        let db = TestDb::new(backend);
        earshot::db::migrations::run(&mut db.connect()).expect("migrate");
        let (mut a, mut b) = (db.connect(), db.connect());
        let outer: R<Option<(Option<i32>, Option<i32>)>> = once_across_replicas(&mut a, "digest", |_| {
            if backend == Backend::Sqlite {
                // One process per SQLite file: nothing to hold apart.
                return Ok((None, Some(2)));
            }
            let same = once_across_replicas(&mut b, "digest", |_| R::Ok(1))?;
            let other = once_across_replicas(&mut b, "retention", |_| R::Ok(2))?;
            Ok((same, other))
        });
        assert_eq!(outer.expect("ran"), Some((None, Some(2))), "{backend:?}");
        let again: R<Option<i32>> = once_across_replicas(&mut b, "digest", |_| Ok(3));
        assert_eq!(again.expect("ran"), Some(3), "{backend:?}");
    }
}
