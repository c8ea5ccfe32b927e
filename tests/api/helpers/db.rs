//! A fresh database per test: a SQLite file in a temporary folder, or a PostgreSQL database
//! created and dropped; and a digest of every row.

use std::sync::Once;

use diesel::{Connection, PgConnection, RunQueryDsl, sql_query};
use earshot::clock::Clock;
use earshot::config::{LogFormat, Settings};
use earshot::db::DatabaseUrl;
use tempfile::TempDir;

/// The backend a test runs on: the app's own enum.
pub use earshot::db::Backend;

/// The maintenance database the PostgreSQL tests create their own databases from.
pub fn pg_admin_url() -> String {
    std::env::var("EARSHOT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".to_owned())
}

pub(super) fn pg_admin() -> PgConnection {
    PgConnection::establish(&pg_admin_url()).unwrap_or_else(|e| {
        panic!(
            "PostgreSQL at EARSHOT_TEST_PG is unreachable ({e}); the test script skips these tests when it is"
        )
    })
}

const TEST_DB_PREFIX: &str = "earshot_test_";

fn now_secs() -> i64 {
    earshot::clock::SystemClock.now()
}

/// Drop test databases left behind by crashed runs (older than two hours, so never a live one).
fn sweep_leftovers(admin: &mut PgConnection) {
    #[derive(diesel::QueryableByName)]
    struct Name {
        #[diesel(sql_type = diesel::sql_types::Text)]
        datname: String,
    }
    let names: Vec<Name> = sql_query(format!(
        "SELECT datname::text AS datname FROM pg_database WHERE datname LIKE '{TEST_DB_PREFIX}%'"
    ))
    .load(admin)
    .unwrap_or_default();
    for Name { datname } in names {
        let created: Option<i64> = datname
            .strip_prefix(TEST_DB_PREFIX)
            .and_then(|rest| rest.split('_').next())
            .and_then(|ts| ts.parse().ok());
        if created.is_none_or(|t| now_secs() - t > 2 * 3600) {
            let _ = sql_query(format!("DROP DATABASE IF EXISTS \"{datname}\" WITH (FORCE)")).execute(admin);
        }
    }
}

/// A database that belongs to one test and disappears with it.
pub struct TestDb {
    pub url: DatabaseUrl,
    /// Holds the data directory (and the SQLite file); removed on drop.
    pub dir: TempDir,
    pg_name: Option<String>,
}

impl TestDb {
    pub fn new(backend: Backend) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => {
                Self { url: DatabaseUrl::Sqlite(dir.path().join("earshot.sqlite3")), dir, pg_name: None }
            }
            Backend::Postgres => {
                static SWEEP: Once = Once::new();
                let mut admin = pg_admin();
                SWEEP.call_once(|| sweep_leftovers(&mut admin));
                let name = format!(
                    "{TEST_DB_PREFIX}{}_{}",
                    now_secs(),
                    uuid::Uuid::new_v4().simple().to_string().get(..12).unwrap_or("x")
                );
                sql_query(format!("CREATE DATABASE \"{name}\""))
                    .execute(&mut admin)
                    .expect("create test database");
                let mut url = url::Url::parse(&pg_admin_url()).expect("EARSHOT_TEST_PG is a URL");
                url.set_path(&format!("/{name}"));
                Self { url: DatabaseUrl::Postgres(url.to_string()), dir, pg_name: Some(name) }
            }
        }
    }

    /// The URL as EARSHOT_DATABASE_URL would give it.
    pub fn url_string(&self) -> String {
        match &self.url {
            DatabaseUrl::Sqlite(path) => format!("sqlite://{}", path.display()),
            DatabaseUrl::Postgres(url) => url.clone(),
        }
    }

    pub fn connect(&self) -> earshot::db::DbConn {
        self.url.connect().expect("connect to the test database")
    }

    /// Settings for an app on this database: port 0, one worker, data and keys in the temp dir
    /// (keys made beforehand, as an operator does for PostgreSQL).
    pub fn settings(&self) -> Settings {
        let key_dir = self.dir.path().join("keys");
        earshot::keys::generate_missing(&key_dir).expect("keys");
        Settings {
            data_dir: self.dir.path().join("data"),
            database_url: Some(self.url_string()),
            key_dir,
            port: 0,
            workers: Some(1),
            db_pool_size: 4,
            log_format: LogFormat::Json,
            // Digests only where a test asks for them (`news` tweaks this to 1 s): elsewhere,
            // a digest after a moved clock would be one more mail than a test counts.
            news_check_secs: 86_400,
            ..Settings::default()
        }
    }
}

impl TestDb {
    /// The PostgreSQL database's name (`None` on SQLite).
    pub fn pg_name(&self) -> Option<&str> {
        self.pg_name.as_deref()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if let Some(name) = &self.pg_name {
            if let Ok(mut admin) = PgConnection::establish(&pg_admin_url()) {
                let _ =
                    sql_query(format!("DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)")).execute(&mut admin);
            }
        }
    }
}

/// A digest of every row of every application table, to prove that requests wrote nothing.
pub fn database_digest(db: &TestDb) -> Vec<(String, i64, String)> {
    use earshot::db::introspect;
    #[derive(diesel::QueryableByName)]
    struct Digest {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
        #[diesel(sql_type = diesel::sql_types::Text)]
        content: String,
    }
    let mut conn = db.connect();
    let tables: std::collections::BTreeSet<String> =
        introspect::columns(&mut conn).expect("columns").into_iter().map(|c| c.table).collect();
    tables
        .into_iter()
        .map(|table| {
            let columns: Vec<String> = introspect::columns(&mut conn)
                .expect("columns")
                .into_iter()
                .filter(|c| c.table == table)
                .map(|c| match (c.family.as_str(), &db.url) {
                    ("binary", DatabaseUrl::Sqlite(_)) => format!("COALESCE(hex({}), '∅')", c.name),
                    ("binary", DatabaseUrl::Postgres(_)) => format!("COALESCE(encode({}, 'hex'), '∅')", c.name),
                    _ => format!("COALESCE(CAST({} AS TEXT), '∅')", c.name),
                })
                .collect();
            let row = columns.join(" || '|' || ");
            let agg = match &db.url {
                DatabaseUrl::Sqlite(_) => "group_concat(r, ';')".to_owned(),
                DatabaseUrl::Postgres(_) => "string_agg(r, ';' ORDER BY r)".to_owned(),
            };
            let sql = format!(
                "SELECT COUNT(*) AS n, COALESCE({agg}, '') AS content FROM (SELECT {row} AS r FROM {table} ORDER BY r) AS t"
            );
            let d: Digest = sql_query(sql).get_result(&mut conn).expect("digest");
            (table, d.n, d.content)
        })
        .collect()
}

/// The number a `SELECT COUNT(*) AS n …` answers on `db`.
pub fn count(db: &TestDb, sql: &str) -> i64 {
    #[derive(diesel::QueryableByName)]
    struct Count {
        #[diesel(sql_type = diesel::sql_types::BigInt)]
        n: i64,
    }
    diesel::sql_query(sql).get_result::<Count>(&mut db.connect()).expect("count").n
}
