//! The messenger rule, tried the way an attacker would: run a realistic workload, take every
//! byte an operator could hand over — the SQLite file and its WAL (free pages and stale frames
//! included) or pg_dump and PostgreSQL's server log, every line the app logged, every mail —
//! and look for a user next to a remark, a time of day next to a user, a user in a log line,
//! a UUID that is not random. Then the write audit and the attacker's guesses.

mod attacker;
mod evidence;
mod hours;
pub mod hours_evidence;
mod order;
mod pg_wal;
mod sqlite_file;
mod workload;
mod write_audit;

use crate::both_backends;
use crate::helpers::{Backend, ServerLog, T0, TestDb, logs};
use earshot::clock::Clock;
use earshot::db::DatabaseUrl;
use evidence::{Audit, Markers};
use workload::Workload;

/// The workloads come from one address, faster than any person: per-IP limits out of the way.
fn many_people_one_address(settings: &mut earshot::config::Settings) {
    settings.sign_in_attempts_per_minute = 10_000;
    settings.sign_in_attempts_per_account_per_minute = 10_000;
    settings.requests_per_minute_per_ip = 10_000;
    settings.captures_per_minute_per_ip = 10_000;
    settings.key_reload_secs = 1;
}

fn pg_dump(url: &str) -> String {
    let out = std::process::Command::new("pg_dump")
        .args(["--no-owner", "--dbname", url])
        .output()
        .unwrap_or_else(|e| panic!("pg_dump (PostgreSQL's client tools) is needed for this test: {e}"));
    assert!(out.status.success(), "pg_dump: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).expect("a text dump")
}

async fn nothing_in_a_dump_the_logs_or_the_mail_links_a_person_to_a_remark(backend: Backend) {
    let log_mark = logs::mark();
    if backend == Backend::Postgres {
        ServerLog::name_databases();
    }
    let server_log = (backend == Backend::Postgres).then(ServerLog::mark).flatten();
    // SQLite sends its mail to .eml files, PostgreSQL through a real SMTP server: both kinds of
    // mail are searched.
    let mut work = Workload::start(TestDb::new(backend), backend == Backend::Postgres).await;
    work.run().await;
    work.note_secrets();
    assert!(work.remarks.len() >= 70, "{} remarks", work.remarks.len());

    let markers = Markers::new(&work.people, &work.remarks).acting(&work.acting);
    let window = (T0 - 86_400)..=(work.app.clock.now() + 400 * 86_400);
    let mut audit = Audit::new(&markers, window);

    match &work.app.db.url {
        DatabaseUrl::Sqlite(path) => {
            // A copy taken while the app runs: main file and WAL, every page and frame.
            let files = sqlite_file::Files::read(path);
            for (no, page) in files.pages() {
                audit.sqlite_page(&format!("database page {no}"), no, page);
            }
            for frame in sqlite_file::all_frames(&files.wal) {
                audit.sqlite_page(
                    &format!("WAL frame at {} (page {})", frame.offset, frame.page_no),
                    frame.page_no,
                    frame.page,
                );
            }
            audit.uuids("database file", &files.main);
            audit.uuids("WAL", &files.wal);
        }
        DatabaseUrl::Postgres(url) => {
            let dump = pg_dump(url);
            for (i, line) in dump.lines().enumerate() {
                audit.record(&format!("pg_dump line {}", i + 1), line.as_bytes());
            }
            audit.uuids("pg_dump", dump.as_bytes());
            if let Some(log) = &server_log {
                for (i, line) in log.lines_since_mark().iter().enumerate() {
                    audit.log_line(&format!("PostgreSQL log line {i}"), line);
                    audit.record(&format!("PostgreSQL log line {i}"), line.as_bytes());
                }
                // No expected conflict surfaced as a database error (those carry key values).
                let errors = log.errors_of(work.app.db.pg_name().expect("a PostgreSQL database"));
                assert!(errors.is_empty(), "PostgreSQL logged errors for the workload: {errors:#?}");
            }
        }
    }

    let mails = work.raw_mails();
    assert_eq!(
        mails.len(),
        20,
        "eleven invitations, three sign-in links, a reset, two first answers and three decisions to customers were mailed"
    );
    for (path, bytes) in &mails {
        // The Date header is the mail's transport time, known to every relay on the way; it is
        // the moment the person asked for it, with nothing of a remark in the message.
        let text = String::from_utf8_lossy(bytes);
        let without_date: String =
            text.lines().filter(|l| !l.starts_with("Date:")).collect::<Vec<_>>().join("\n");
        audit.record(&format!("mail {path}"), without_date.as_bytes());
        audit.uuids(&format!("mail {path}"), bytes);
        // And as the person reads it: bodies decoded from their transfer encodings.
        let read = crate::helpers::Received::parse(bytes);
        let decoded = format!("To: {}\nSubject: {}\n{}\n{}", read.to, read.subject, read.text, read.html);
        audit.record(&format!("mail {path}, decoded"), decoded.as_bytes());
    }

    // /metrics, as an operator scrapes it: every line is searched like a log line.
    let metrics = work.app.get("/metrics").await.text().await.expect("/metrics answers");
    for (i, line) in metrics.lines().enumerate() {
        audit.log_line(&format!("/metrics line {}", i + 1), line);
        audit.uuids(&format!("/metrics line {}", i + 1), line.as_bytes());
    }

    let lines = logs::since(log_mark);
    assert!(lines.iter().any(|l| l.contains("earshot::access")), "the app's log lines were captured");
    for (i, line) in lines.iter().enumerate() {
        audit.log_line(&format!("app log line {i}"), line);
        audit.uuids(&format!("app log line {i}"), line.as_bytes());
    }

    // The search works: each person and each remark is found where they must be.
    let everything: Vec<u8> = match &work.app.db.url {
        DatabaseUrl::Sqlite(path) => {
            let files = sqlite_file::Files::read(path);
            [files.main, files.wal].concat()
        }
        DatabaseUrl::Postgres(url) => pg_dump(url).into_bytes(),
    };
    let found = markers.find(&everything);
    assert_eq!(found.users.len(), work.people.len(), "every person is in the database");
    assert_eq!(found.remarks.len(), work.remarks.len(), "every remark is in the database");

    eprintln!(
        "anonymity audit ({backend:?}): {} people, {} remarks, {} records, {} mails, {} log lines",
        work.people.len(),
        work.remarks.len(),
        audit.records,
        mails.len(),
        lines.len()
    );
    audit.assert_clean("the dump, the logs and the mail");
}

both_backends!(nothing_in_a_dump_the_logs_or_the_mail_links_a_person_to_a_remark);
