//! The test harness: the real app per test, on port 0, over a fresh SQLite file or a fresh
//! PostgreSQL database (earshot_test_<epoch>_<random>, dropped afterwards; leftovers older than
//! two hours are swept once per run). By concern: `db` (test databases, the row digest), `app`
//! (the app and its builder, replicas), `browser`, `mail` (the SMTP sink), `logging` (captured
//! logs, PostgreSQL's server log); here the small checks every test uses.

mod app;
mod browser;
mod db;
mod logging;
mod mail;

pub use app::*;
pub use browser::*;
pub use db::*;
pub use logging::*;
pub use mail::*;

/// Generates `sqlite` and `postgres` variants of an async test taking a [`Backend`].
/// The test script skips every test whose name contains `postgres` when PostgreSQL is absent
/// (and fails instead under CI).
#[macro_export]
macro_rules! both_backends {
    ($($name:ident),+ $(,)?) => {$(
        mod $name {
            #[tokio::test]
            async fn sqlite() {
                super::$name($crate::helpers::Backend::Sqlite).await;
            }
            #[tokio::test]
            async fn postgres() {
                super::$name($crate::helpers::Backend::Postgres).await;
            }
        }
    )+};
}

/// Poll `check` every 20 ms until it yields, for at most `secs` seconds.
pub async fn wait_until<T>(secs: u64, mut check: impl FnMut() -> Option<T>) -> Option<T> {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(secs);
    loop {
        if let Some(value) = check() {
            return Some(value);
        }
        if std::time::Instant::now() > deadline {
            return None;
        }
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }
}

/// Assert a problem's status and `type` slug.
pub fn assert_kind(problem: &earshot::error::Problem, status: u16, slug: &str) {
    assert_eq!(
        (problem.status, problem.kind.as_str()),
        (status, format!("urn:earshot:problem:{slug}").as_str()),
        "{problem:?}"
    );
}

/// The parsed problem document of an error response, after checking its media type.
pub async fn problem(res: reqwest::Response) -> earshot::error::Problem {
    let content_type =
        res.headers().get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default().to_owned();
    assert_eq!(content_type, "application/problem+json", "status {}", res.status());
    let status = res.status().as_u16();
    let problem: earshot::error::Problem = res.json().await.expect("problem JSON");
    assert_eq!(problem.status, status, "the body's status matches the response's");
    problem
}

/// The ids of a page's `items` (a list of remarks, my remarks), in order.
pub fn item_ids(page: &serde_json::Value) -> Vec<String> {
    page["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|i| i["id"].as_str().expect("id").to_owned())
        .collect()
}
