//! The one database access path: a connection enum over SQLite and PostgreSQL, a pool, and
//! `Db::run` which takes the synchronous diesel work off the async threads.

pub mod introspect;
pub mod listen;
pub mod lock;
pub mod migrations;
pub mod open;
pub mod schema;
pub mod typed;

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use diesel::connection::{AnsiTransactionManager, SimpleConnection, TransactionManager};
use diesel::pg::PgConnection;
use diesel::r2d2::R2D2Connection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, ConnectionError, RunQueryDsl};

use crate::error::AppError;

/// One connection type for both backends; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConn {
    Sqlite(SqliteConnection),
    Pg(PgConnection),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

impl DbConn {
    pub fn backend(&self) -> Backend {
        match self {
            DbConn::Sqlite(_) => Backend::Sqlite,
            DbConn::Pg(_) => Backend::Postgres,
        }
    }
}

/// Where the data lives. The backend is chosen from the URL scheme, never by trial.
#[derive(Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    Sqlite(PathBuf),
    Postgres(String),
}

impl DatabaseUrl {
    /// Parse `postgres://…`, `postgresql://…` or `sqlite://path`. The error says what was
    /// expected and never repeats the URL (it may hold a password).
    pub fn parse(url: &str) -> Result<Self, String> {
        let url = url.trim();
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            if url.split_once("://").is_some_and(|(_, rest)| rest.is_empty()) {
                return Err("a PostgreSQL URL with a host, e.g. postgres://user@host:5432/earshot".into());
            }
            return Ok(Self::Postgres(url.to_owned()));
        }
        if let Some(path) = url.strip_prefix("sqlite://") {
            if path.is_empty() {
                return Err("a SQLite URL with a file path, e.g. sqlite://data/earshot.sqlite3".into());
            }
            return Ok(Self::Sqlite(PathBuf::from(path)));
        }
        let scheme = url.split_once("://").map_or("(none)", |(s, _)| s);
        let scheme: String = scheme.chars().filter(char::is_ascii_alphanumeric).take(20).collect();
        Err(format!("a URL starting with postgres:// or sqlite:// (got scheme `{scheme}`)"))
    }

    pub fn backend(&self) -> Backend {
        match self {
            Self::Sqlite(_) => Backend::Sqlite,
            Self::Postgres(_) => Backend::Postgres,
        }
    }

    /// For logs: the SQLite path, or the PostgreSQL URL without user information.
    pub fn redacted(&self) -> String {
        match self {
            Self::Sqlite(path) => format!("sqlite://{}", path.display()),
            Self::Postgres(url) => {
                let (scheme, rest) = url.split_once("://").unwrap_or(("postgres", url));
                let host = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
                let host = host.split('?').next().unwrap_or(host);
                format!("{scheme}://{host}")
            }
        }
    }

    /// Open one connection of the right kind, with SQLite's per-connection settings applied.
    pub fn connect(&self) -> Result<DbConn, ConnectionError> {
        match self {
            Self::Sqlite(path) => {
                let mut conn = SqliteConnection::establish(&path.to_string_lossy())?;
                conn.batch_execute(&format!("{}; {SQLITE_PRAGMAS}", busy_timeout(SQLITE_BUSY_MS)))
                    .map_err(ConnectionError::CouldntSetupConfiguration)?;
                Ok(DbConn::Sqlite(conn))
            }
            Self::Postgres(url) => Ok(DbConn::Pg(PgConnection::establish(url)?)),
        }
    }
}

impl fmt::Debug for DatabaseUrl {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.redacted())
    }
}

/// How long a SQLite connection waits for another's lock before it gives up.
const SQLITE_BUSY_MS: u32 = 5000;

fn busy_timeout(ms: u32) -> String {
    format!("PRAGMA busy_timeout = {ms}")
}

/// Applied to every SQLite connection, after the busy timeout (set first, so that switching to
/// WAL waits for another connection instead of failing).
const SQLITE_PRAGMAS: &str = "PRAGMA journal_mode = WAL; \
     PRAGMA synchronous = NORMAL; \
     PRAGMA foreign_keys = ON; \
     PRAGMA secure_delete = ON;";

/// r2d2 manager that connects by URL scheme (diesel's own manager would try each backend).
pub struct Manager {
    url: DatabaseUrl,
}

impl r2d2::ManageConnection for Manager {
    type Connection = DbConn;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConn, Self::Error> {
        self.url.connect().map_err(diesel::r2d2::Error::ConnectionError)
    }

    fn is_valid(&self, conn: &mut DbConn) -> Result<(), Self::Error> {
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConn) -> bool {
        conn.is_broken()
    }
}

pub type Pool = r2d2::Pool<Manager>;

/// How long a request waits for a free connection before it is told "unavailable".
const POOL_WAIT: Duration = Duration::from_secs(10);

/// The shared handle every module uses to reach the database.
#[derive(Clone)]
pub struct Db {
    pool: Pool,
    backend: Backend,
}

impl fmt::Debug for Db {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Db").field("backend", &self.backend).finish_non_exhaustive()
    }
}

impl Db {
    /// A pool of `size` connections. Connections are opened lazily after the first one, which is
    /// opened now so that a wrong URL or an unreachable server fails the start.
    pub fn open(url: &DatabaseUrl, size: u32) -> Result<Self, r2d2::Error> {
        let pool = r2d2::Pool::builder()
            .max_size(size)
            .min_idle(Some(1))
            .connection_timeout(POOL_WAIT)
            .build(Manager { url: url.clone() })?;
        Ok(Self { pool, backend: url.backend() })
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// Run diesel work on the blocking pool, never on an async worker thread.
    pub async fn run<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.run_waiting(POOL_WAIT, work).await
    }

    /// [`Db::run`] inside a [`write_transaction`]: committed when `work` succeeds.
    pub async fn write<T, F>(&self, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        self.run(move |conn| write_transaction(conn, work)).await
    }

    /// [`Db::run`], waiting at most `wait` for a connection.
    async fn run_waiting<T, F>(&self, wait: Duration, work: F) -> Result<T, AppError>
    where
        F: FnOnce(&mut DbConn) -> Result<T, AppError> + Send + 'static,
        T: Send + 'static,
    {
        let pool = self.pool.clone();
        actix_web::web::block(move || {
            let mut conn = pool.get_timeout(wait).map_err(|e| AppError::unavailable("database pool", e))?;
            work(&mut conn)
        })
        .await
        .map_err(|e| AppError::internal("blocking task", e))?
    }
}

impl Db {
    /// Run diesel work on this thread (command-line tools, never request handlers).
    pub fn with_conn<T>(&self, work: impl FnOnce(&mut DbConn) -> Result<T, AppError>) -> Result<T, AppError> {
        let mut conn = self.pool.get().map_err(|e| AppError::unavailable("database pool", e))?;
        work(&mut conn)
    }

    /// Readiness: a connection within two seconds, a trivial query, no pending migration.
    pub async fn check_ready(&self) -> Result<(), AppError> {
        self.run_waiting(Duration::from_secs(2), |conn| {
            diesel::sql_query("SELECT 1")
                .execute(conn)
                .map_err(|e| AppError::unavailable("readiness: query", e))?;
            match migrations::pending(conn) {
                Ok(false) => Ok(()),
                Ok(true) => Err(AppError::unavailable("readiness", "migrations pending")),
                Err(e) => Err(AppError::unavailable("readiness: migrations check", e)),
            }
        })
        .await
    }
}

/// Run `work` in a write transaction. On SQLite it begins with `BEGIN IMMEDIATE`, so concurrent
/// writers queue on the busy timeout instead of failing with SQLITE_BUSY when they upgrade a
/// read lock. Nested calls become savepoints.
pub fn write_transaction<T, E, F>(conn: &mut DbConn, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    let nested = !matches!(
        <DbConn as Connection>::TransactionManager::transaction_manager_status_mut(conn).transaction_depth(),
        Ok(None)
    );
    if nested {
        return conn.transaction(work);
    }
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN IMMEDIATE")?,
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction(c)?,
    }
    match work(conn) {
        Ok(value) => {
            <DbConn as Connection>::TransactionManager::commit_transaction(conn)?;
            Ok(value)
        }
        Err(err) => {
            // The work's error is the one worth reporting; a failed rollback leaves the
            // connection marked broken and the pool discards it.
            let _ = <DbConn as Connection>::TransactionManager::rollback_transaction(conn);
            Err(err)
        }
    }
}

/// Run the reads of `work` against one snapshot of the database, so that a transaction
/// committing meanwhile (a release moving held captures into remarks) is seen wholly or not at
/// all. SQLite: a deferred transaction (in WAL mode its first read fixes the snapshot);
/// PostgreSQL: `REPEATABLE READ READ ONLY`.
pub fn read_snapshot<T, E, F>(conn: &mut DbConn, work: F) -> Result<T, E>
where
    F: FnOnce(&mut DbConn) -> Result<T, E>,
    E: From<diesel::result::Error>,
{
    match conn {
        DbConn::Sqlite(c) => AnsiTransactionManager::begin_transaction_sql(c, "BEGIN DEFERRED")?,
        DbConn::Pg(c) => AnsiTransactionManager::begin_transaction_sql(
            c,
            "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        )?,
    }
    let result = work(conn);
    // Nothing was written: ending it either way releases the snapshot.
    let _ = <DbConn as Connection>::TransactionManager::rollback_transaction(conn);
    result
}

/// After a purge, make what was deleted go away from the files too, not only from the tables.
/// SQLite: `secure_delete` already zeroes deleted cells and free pages, but the WAL keeps every
/// earlier version of a page until it is checkpointed and truncated. PostgreSQL: a VACUUM of
/// the purged tables, so their dead rows become space that is written over (PostgreSQL does not
/// zero them: docs/privacy.md says so).
/// (VACUUM needs the tables' owner: the role that ran the migrations.)
pub fn forget_deleted(conn: &mut DbConn, tables: &[&str]) -> diesel::QueryResult<()> {
    #[derive(diesel::QueryableByName)]
    struct Checkpoint {
        #[diesel(sql_type = diesel::sql_types::Integer)]
        busy: i32,
    }
    match conn {
        DbConn::Sqlite(c) => {
            // The checkpoint keeps writers waiting while it waits for readers: wait 1 s at most
            // (readers here take milliseconds), and leave a busy hour for the next one.
            c.batch_execute(&busy_timeout(1000))?;
            let done = diesel::sql_query("PRAGMA wal_checkpoint(TRUNCATE)").get_result::<Checkpoint>(c);
            c.batch_execute(&busy_timeout(SQLITE_BUSY_MS))?;
            if done?.busy != 0 {
                tracing::info!(
                    "the write-ahead log could not be truncated now (a reader was busy); next hour"
                );
            }
            Ok(())
        }
        DbConn::Pg(c) if !tables.is_empty() => c.batch_execute(&format!("VACUUM {}", tables.join(", "))),
        DbConn::Pg(_) => Ok(()),
    }
}

/// `INSERT … ON CONFLICT (key) DO NOTHING` on either backend; evaluates to the rows inserted
/// (0: a row with that key was there). For the expected conflicts — a resent answer, a replayed
/// capture, a mail queued twice — which must not raise a database error: PostgreSQL writes a
/// failed insert's key values into its server log with a millisecond time. The conflict is
/// named (`key`), so a conflict on any other unique key still fails loudly. The derived
/// `MultiConnection` cannot express `ON CONFLICT`, so the one statement is given per backend arm
/// (the macro writes both arms). Read what is there afterwards.
#[macro_export]
macro_rules! insert_or_nothing {
    ($conn:expr, $table:expr, $values:expr, on $key:expr) => {{
        use diesel::RunQueryDsl as _;
        match $conn {
            $crate::db::DbConn::Sqlite(c) => {
                diesel::insert_into($table).values($values).on_conflict($key).do_nothing().execute(c)
            }
            $crate::db::DbConn::Pg(c) => {
                diesel::insert_into($table).values($values).on_conflict($key).do_nothing().execute(c)
            }
        }
    }};
}
