//! The binary as an operator meets it: one clear line and exit code 2 for a bad setting,
//! 1 for a start that fails for another reason, a graceful stop on SIGTERM.

use std::io::{BufRead, BufReader};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

use tempfile::TempDir;

const BIN: &str = env!("CARGO_BIN_EXE_earshot");

/// Run `earshot <args>` in an empty directory with only the given EARSHOT_* variables.
fn earshot(dir: &TempDir, args: &[&str], env: &[(&str, &str)]) -> Output {
    let mut cmd = Command::new(BIN);
    cmd.args(args).current_dir(dir.path()).env_clear();
    if let Ok(path) = std::env::var("PATH") {
        cmd.env("PATH", path);
    }
    cmd.env("RUST_BACKTRACE", "1");
    for (k, v) in env {
        cmd.env(k, v);
    }
    cmd.output().expect("run earshot")
}

fn assert_one_line_failure(out: &Output, code: i32, mentions: &[&str]) -> String {
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    assert_eq!(out.status.code(), Some(code), "stderr: {stderr}");
    assert_eq!(stderr.trim_end().lines().count(), 1, "exactly one line: {stderr}");
    assert!(stderr.starts_with("earshot: "), "{stderr}");
    assert!(!stderr.contains("panicked") && !stderr.contains("backtrace"), "{stderr}");
    for m in mentions {
        assert!(stderr.contains(m), "{stderr:?} should mention {m:?}");
    }
    stderr
}

#[test]
fn a_bad_database_url_is_one_line_exit_2_without_the_password() {
    let dir = tempfile::tempdir().expect("dir");
    for url in ["mysql://admin:hunter2secret@db/earshot", "hunter2secret", "postgres://", "sqlite://"] {
        let out = earshot(&dir, &["serve"], &[("EARSHOT_DATABASE_URL", url)]);
        let line = assert_one_line_failure(&out, 2, &["database_url", "EARSHOT_DATABASE_URL"]);
        assert!(!line.contains("hunter2secret"), "{line}");
    }
}

#[test]
fn a_bad_port_is_one_line_exit_2() {
    let dir = tempfile::tempdir().expect("dir");
    for port in ["abc", "70000", "-1", "80.5"] {
        let out = earshot(&dir, &["serve"], &[("EARSHOT_PORT", port)]);
        assert_one_line_failure(&out, 2, &["port", "EARSHOT_PORT"]);
    }
    let out = earshot(&dir, &["serve"], &[("EARSHOT_HOST", "not-an-ip")]);
    assert_one_line_failure(&out, 2, &["host", "EARSHOT_HOST"]);
}

#[test]
fn an_unusable_data_directory_is_one_line_exit_2() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("a-file");
    std::fs::write(&file, b"not a directory").expect("write");
    let out = earshot(&dir, &["serve"], &[("EARSHOT_DATA_DIR", file.to_str().expect("utf-8"))]);
    assert_one_line_failure(&out, 2, &["data_dir", "not a directory"]);
    let below = file.join("below");
    let out = earshot(&dir, &["migrate"], &[("EARSHOT_DATA_DIR", below.to_str().expect("utf-8"))]);
    assert_one_line_failure(&out, 2, &["data_dir", "cannot be created"]);
}

#[test]
fn the_settings_file_is_read_and_checked() {
    let dir = tempfile::tempdir().expect("dir");
    std::fs::write(dir.path().join("earshot.toml"), "port = 8080\nlisten_port = 1\n").expect("write");
    let out = earshot(&dir, &["serve"], &[]);
    assert_one_line_failure(&out, 2, &["listen_port", "earshot.toml", "known settings"]);

    std::fs::write(dir.path().join("earshot.toml"), "log_format = \"xml\"\n").expect("write");
    let out = earshot(&dir, &["serve"], &[]);
    assert_one_line_failure(&out, 2, &["log_format", "earshot.toml"]);

    let out = earshot(&dir, &["serve", "--config", "missing.toml"], &[]);
    assert_one_line_failure(&out, 2, &["missing.toml"]);

    // The environment wins over the file.
    std::fs::write(dir.path().join("earshot.toml"), "port = \"not a number\"\n").expect("write");
    let out = earshot(&dir, &["migrate"], &[("EARSHOT_PORT", "8081")]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
}

#[test]
fn an_unreachable_database_is_one_line_exit_1() {
    let dir = tempfile::tempdir().expect("dir");
    let out = earshot(
        &dir,
        &["migrate"],
        &[("EARSHOT_DATABASE_URL", "postgres://nobody:pw1secret@127.0.0.1:1/earshot")],
    );
    let line =
        assert_one_line_failure(&out, 1, &["cannot open the database", "postgres://127.0.0.1:1/earshot"]);
    assert!(!line.contains("pw1secret"), "{line}");
}

#[test]
fn migrate_creates_the_sqlite_database_in_the_default_data_directory() {
    let dir = tempfile::tempdir().expect("dir");
    let out = earshot(&dir, &["migrate"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(dir.path().join("data/earshot.sqlite3").is_file());
    assert!(String::from_utf8_lossy(&out.stdout).contains("up to date"));
}

#[test]
fn serve_prints_its_url_and_stops_gracefully_on_sigterm() {
    let dir = tempfile::tempdir().expect("dir");
    let mut child = Command::new(BIN)
        .arg("serve")
        .current_dir(dir.path())
        .env_clear()
        .env("EARSHOT_PORT", "0")
        .env("EARSHOT_LOG_FORMAT", "json")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let mut lines = BufReader::new(stdout).lines();
    let url = loop {
        let line = lines.next().expect("a line before exit").expect("utf-8");
        if let Some(rest) = line.strip_prefix("earshot is running at ") {
            break rest.trim().to_owned();
        }
    };
    assert!(url.starts_with("http://127.0.0.1:"), "{url}");
    let port: u16 = url.trim_end_matches('/').rsplit(':').next().and_then(|p| p.parse().ok()).expect("port");

    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).expect("connect");
    use std::io::{Read, Write};
    stream.write_all(b"GET /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").expect("write");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    assert!(response.starts_with("HTTP/1.1 200"), "{response}");

    // The messenger key lives in this process: no core dump may carry it to disk.
    let limits = std::fs::read_to_string(format!("/proc/{}/limits", child.id())).expect("limits");
    let core = limits.lines().find(|l| l.starts_with("Max core file size")).expect("core line");
    assert_eq!(core.split_whitespace().skip(4).take(2).collect::<Vec<_>>(), ["0", "0"], "{core}");

    let kill = Command::new("kill").args(["-TERM", &child.id().to_string()]).status().expect("kill");
    assert!(kill.success());
    let deadline = Instant::now() + Duration::from_secs(20);
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        assert!(Instant::now() < deadline, "earshot did not stop within 20 s of SIGTERM");
        std::thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status:?}");
    let rest: Vec<String> = lines.map_while(Result::ok).collect();
    assert!(rest.iter().any(|l| l.contains("\"message\":\"stopped\"")), "{rest:?}");
    // Every log line is JSON.
    for line in &rest {
        assert!(serde_json::from_str::<serde_json::Value>(line).is_ok(), "not JSON: {line}");
    }
}

#[test]
fn seed_demo_prints_the_passwords_once_and_refuses_a_second_time() {
    let dir = tempfile::tempdir().expect("dir");
    let out = earshot(&dir, &["seed-demo"], &[]);
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert_eq!(stdout.matches("@demo.earshot.invalid").count(), 11, "{stdout}");
    let again = earshot(&dir, &["seed-demo"], &[]);
    assert_one_line_failure(&again, 1, &["empty installation"]);
}

#[test]
fn create_admin_prints_an_invitation_link() {
    let dir = tempfile::tempdir().expect("dir");
    let out = earshot(
        &dir,
        &["create-admin", "--email", "An@Example.be", "--name", "An"],
        &[("EARSHOT_PUBLIC_URL", "https://earshot.example.be")],
    );
    assert_eq!(out.status.code(), Some(0), "{}", String::from_utf8_lossy(&out.stderr));
    assert!(String::from_utf8_lossy(&out.stdout).contains("https://earshot.example.be/invitation#token="));
    let twice = earshot(&dir, &["create-admin", "--email", "an@example.be", "--name", "An"], &[]);
    assert_one_line_failure(&twice, 1, &["exists already"]);
    let bad = earshot(&dir, &["create-admin", "--email", "not an address", "--name", "An"], &[]);
    assert_one_line_failure(&bad, 1, &["--email"]);
}

#[test]
fn keys_inside_the_data_directory_are_refused() {
    let dir = tempfile::tempdir().expect("dir");
    let out = earshot(&dir, &["serve"], &[("EARSHOT_KEY_DIR", "data/keys"), ("EARSHOT_PORT", "0")]);
    assert_one_line_failure(&out, 2, &["key_dir", "outside the data directory"]);
}

#[test]
fn on_postgres_keys_are_never_invented() {
    let dir = tempfile::tempdir().expect("dir");
    let pg = std::env::var("EARSHOT_TEST_PG")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    let out = earshot(&dir, &["serve"], &[("EARSHOT_DATABASE_URL", &pg), ("EARSHOT_PORT", "0")]);
    assert_one_line_failure(&out, 2, &["key_dir", "generate-keys"]);
    let out = earshot(&dir, &["generate-keys"], &[]);
    assert_eq!(out.status.code(), Some(0));
    assert!(String::from_utf8_lossy(&out.stdout).contains("created"));
}

/// Start `earshot serve` on a free port until it says where it runs, then stop it.
fn serve_once(dir: &TempDir) {
    let mut child = Command::new(BIN)
        .args(["serve"])
        .current_dir(dir.path())
        .env_clear()
        .env("EARSHOT_PORT", "0")
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn");
    let stdout = child.stdout.take().expect("stdout");
    let started =
        BufReader::new(stdout).lines().map_while(Result::ok).any(|l| l.starts_with("earshot is running at"));
    let _ = Command::new("kill").args(["-TERM", &child.id().to_string()]).status();
    let _ = child.wait();
    assert!(started, "earshot serve did not start");
}

#[test]
fn a_wrong_messenger_key_refuses_to_start_with_one_line() {
    let dir = tempfile::tempdir().expect("dir");
    serve_once(&dir);
    std::fs::remove_file(dir.path().join("keys/messenger.key")).expect("remove key");
    let out = earshot(&dir, &["generate-keys"], &[]);
    assert_eq!(out.status.code(), Some(0));
    let out = earshot(&dir, &["serve"], &[("EARSHOT_PORT", "0")]);
    assert_one_line_failure(&out, 2, &["key_dir", "messenger key this database was sealed with"]);
}
