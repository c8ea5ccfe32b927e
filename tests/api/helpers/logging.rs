//! What the apps log (captured), and PostgreSQL's own server log.

use diesel::{RunQueryDsl, sql_query};

use super::*;

/// Every line the apps in this test process log, in the production JSON format, kept for the
/// anonymity audit (which looks for its own users' identifiers, so other tests' lines are
/// harmless noise). Captured at debug level, trace for earshot: stricter than any deployment.
pub mod logs {
    use std::sync::{Mutex, Once};

    use tracing_subscriber::layer::SubscriberExt;
    use tracing_subscriber::util::SubscriberInitExt;
    use tracing_subscriber::{EnvFilter, Layer};

    static LINES: Mutex<Vec<u8>> = Mutex::new(Vec::new());

    struct Sink;

    impl std::io::Write for Sink {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            LINES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    /// Install the capturing subscriber (once per process). EARSHOT_TEST_LOG=debug also shows
    /// the logs while debugging a test.
    pub fn capture() {
        static INSTALL: Once = Once::new();
        INSTALL.call_once(|| {
            let captured = earshot::telemetry::json_layer(|| Sink).with_filter(EnvFilter::new(
                "debug,earshot=trace,reqwest=off,hyper=off,hyper_util=off,h2=off,rustls=off",
            ));
            let shown = std::env::var("EARSHOT_TEST_LOG").ok().map(|filter| {
                tracing_subscriber::fmt::layer().with_test_writer().with_filter(EnvFilter::new(filter))
            });
            let _ = tracing_subscriber::registry().with(captured).with(shown).try_init();
        });
    }

    /// How many bytes were captured so far (a mark to read from).
    pub fn mark() -> usize {
        LINES.lock().unwrap_or_else(std::sync::PoisonError::into_inner).len()
    }

    /// The lines captured since `mark`.
    pub fn since(mark: usize) -> Vec<String> {
        let bytes = LINES.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
        String::from_utf8_lossy(bytes.get(mark..).unwrap_or_default()).lines().map(str::to_owned).collect()
    }
}

/// Where PostgreSQL writes its server log (tests/run finds it), and how far it was at `mark`.
pub struct ServerLog {
    path: std::path::PathBuf,
    start: u64,
}

impl ServerLog {
    /// None when the log is unknown: then the test says so, and fails under CI.
    pub fn mark() -> Option<Self> {
        let Some(path) = std::env::var_os("EARSHOT_TEST_PG_LOG").map(std::path::PathBuf::from) else {
            assert!(
                std::env::var_os("CI").is_none(),
                "EARSHOT_TEST_PG_LOG is not set: PostgreSQL's server log must be read under CI"
            );
            eprintln!("EARSHOT_TEST_PG_LOG is not set: PostgreSQL's server log is not read in this run");
            return None;
        };
        let start = std::fs::metadata(&path).map(|m| m.len()).unwrap_or_else(|e| {
            panic!("cannot read PostgreSQL's server log {}: {e}", path.display());
        });
        Some(Self { path, start })
    }

    pub fn lines_since_mark(&self) -> Vec<String> {
        let bytes = std::fs::read(&self.path).expect("read the server log");
        String::from_utf8_lossy(bytes.get(self.start as usize..).unwrap_or_default())
            .lines()
            .map(str::to_owned)
            .collect()
    }

    /// Make sure every line of the server log names its database (`%d` in `log_line_prefix`;
    /// Debian's default has it), so one test's lines can be told from another's. Set with
    /// ALTER SYSTEM and a reload when missing.
    pub fn name_databases() {
        let mut admin = pg_admin();
        #[derive(diesel::QueryableByName)]
        struct Prefix {
            #[diesel(sql_type = diesel::sql_types::Text)]
            log_line_prefix: String,
        }
        let prefix: Prefix =
            sql_query("SHOW log_line_prefix").get_result(&mut admin).expect("log_line_prefix");
        if !prefix.log_line_prefix.contains("%d") {
            sql_query("ALTER SYSTEM SET log_line_prefix = '%m [%p] %q%u@%d '")
                .execute(&mut admin)
                .expect("set");
            sql_query("SELECT pg_reload_conf()").execute(&mut admin).expect("reload");
        }
    }

    /// The ERROR (and worse) lines the server logged for database `name` since the mark.
    pub fn errors_of(&self, name: &str) -> Vec<String> {
        let tag = format!("@{name} ");
        self.lines_since_mark()
            .into_iter()
            .filter(|l| l.contains(&tag) && ["ERROR:", "FATAL:", "PANIC:"].iter().any(|e| l.contains(e)))
            .filter(|l| !l.contains("terminating connection due to administrator command"))
            .collect()
    }
}
