//! Both migration sets must build the same tables and columns (same portable types, same
//! nullability). Adding a column to one set only makes this test fail.

use earshot::db::{introspect, migrations};

use crate::both_backends;
use crate::helpers::{Backend, TestDb};

fn migrated_columns(backend: Backend) -> (TestDb, std::collections::BTreeSet<introspect::Column>) {
    let db = TestDb::new(backend);
    let mut conn = db.connect();
    migrations::run(&mut conn).expect("migrations apply");
    let columns = introspect::columns(&mut conn).expect("introspect");
    (db, columns)
}

#[test]
fn sqlite_and_postgres_migrations_build_the_same_columns() {
    let (_s, sqlite) = migrated_columns(Backend::Sqlite);
    let (_p, postgres) = migrated_columns(Backend::Postgres);
    assert!(!sqlite.is_empty(), "the migrations create tables");
    let only_sqlite: Vec<_> = sqlite.difference(&postgres).collect();
    let only_postgres: Vec<_> = postgres.difference(&sqlite).collect();
    assert!(
        only_sqlite.is_empty() && only_postgres.is_empty(),
        "the migration sets differ.\n only in migrations/sqlite: {only_sqlite:#?}\n only in migrations/postgres: {only_postgres:#?}"
    );
}

async fn migrations_can_be_reapplied_without_change(backend: Backend) {
    let db = TestDb::new(backend);
    let mut conn = db.connect();
    assert!(!migrations::run(&mut conn).expect("first run").is_empty());
    assert!(migrations::run(&mut conn).expect("second run").is_empty());
    assert!(!migrations::pending(&mut conn).expect("pending"));
}

both_backends!(migrations_can_be_reapplied_without_change);
