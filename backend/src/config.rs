//! Typed settings: defaults < earshot.toml < `EARSHOT_*` environment variables.
//!
//! Every problem is reported as one [`ConfigError`] line naming the setting, where it came from
//! and what was expected. Secrets (the database password) never appear in `Debug` or in errors.

use std::fmt;
use std::net::IpAddr;
use std::path::{Path, PathBuf};

use figment::Figment;
use figment::providers::{Env, Format, Toml};
use serde::Deserialize;

use crate::db::DatabaseUrl;

/// The environment variable prefix; `EARSHOT_PORT` sets `port`.
pub const ENV_PREFIX: &str = "EARSHOT_";

/// The settings file looked for in the working directory when none is named.
pub const DEFAULT_CONFIG_FILE: &str = "earshot.toml";

/// Names of the settings, as written in earshot.toml (and, upper-cased with the prefix, in the
/// environment). Only these are read from the environment, so other `EARSHOT_*` variables
/// (such as the test harness's) are not mistaken for settings.
const KEYS: &[&str] = &[
    "data_dir",
    "database_url",
    "host",
    "port",
    "workers",
    "db_pool_size",
    "log",
    "log_format",
    "shutdown_timeout_secs",
    "body_limit_bytes",
    "body_timeout_secs",
    "public_url",
    "key_dir",
    "smtp_host",
    "smtp_port",
    "smtp_tls",
    "smtp_username",
    "smtp_password",
    "mail_poll_secs",
    "trusted_proxies",
    "sign_in_attempts_per_minute",
    "sign_in_attempts_per_account_per_minute",
    "session_reconcile_secs",
    "release_check_secs",
    "news_check_secs",
    "requests_per_minute_per_ip",
    "key_reload_secs",
    "captures_per_minute_per_ip",
    "status_pages_per_minute_per_ip",
    "strict_privacy",
    "metrics_token",
];

#[derive(Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    /// Where the SQLite file (and later .eml files) live.
    pub data_dir: PathBuf,
    /// `postgres://…` for PostgreSQL; `sqlite://path` for another SQLite file; unset: SQLite in
    /// the data directory.
    pub database_url: Option<String>,
    pub host: IpAddr,
    pub port: u16,
    /// HTTP worker threads; unset: one per core.
    pub workers: Option<usize>,
    pub db_pool_size: u32,
    /// A tracing filter, e.g. `info` or `info,earshot=debug`.
    pub log: String,
    pub log_format: LogFormat,
    pub shutdown_timeout_secs: u64,
    /// The largest JSON body accepted, in bytes.
    pub body_limit_bytes: usize,
    /// How long a request body may stay silent (no bytes arriving) before the request is
    /// answered 408 and the connection closed.
    pub body_timeout_secs: u64,
    /// The address people open, used in mailed links. `https://…` makes cookies `Secure`.
    pub public_url: String,
    /// Secret keys (the session key now, the messenger key later). Must lie outside the data
    /// directory, so a copy of the data does not carry them.
    pub key_dir: PathBuf,
    /// SMTP relay; unset: mails are written as .eml files in `data_dir/mail`.
    pub smtp_host: Option<String>,
    /// Default: 25 without TLS, 587 with STARTTLS, 465 with TLS.
    pub smtp_port: Option<u16>,
    pub smtp_tls: SmtpTls,
    pub smtp_username: Option<String>,
    pub smtp_password: Option<String>,
    /// When set, `/metrics` answers only `Authorization: Bearer <metrics_token>`.
    pub metrics_token: Option<String>,
    /// How often the mail worker looks for due mail when nothing wakes it.
    pub mail_poll_secs: u64,
    /// Reverse proxies whose X-Forwarded-For is believed (read right to left).
    pub trusted_proxies: Vec<IpAddr>,
    /// Sign-in and link requests per account from one client address per minute.
    pub sign_in_attempts_per_minute: u32,
    /// Sign-in and link requests per account per minute from all addresses together: bounds
    /// guessing spread over many addresses (a person locked out by someone else's guesses is
    /// locked out only from where the guesses came, up to this).
    pub sign_in_attempts_per_account_per_minute: u32,
    /// How often each replica reads every person's standing and the ended sessions again
    /// (notifications tell it sooner on PostgreSQL).
    pub session_reconcile_secs: u64,
    /// How often a replica looks whether an hour has ended, to release the captures held in it.
    pub release_check_secs: u64,
    /// How often a replica looks whether an hour has begun, to send the digests due in it.
    pub news_check_secs: u64,
    /// Sign-in, link, reset and invitation requests per client address per minute.
    pub requests_per_minute_per_ip: u32,
    /// How often a running process looks at the key files (a key rotation waits for this).
    pub key_reload_secs: u64,
    /// Captures per client address per minute (a phone's offline batch is sent spaced out).
    pub captures_per_minute_per_ip: u32,
    /// Customers' status pages per client address per minute (guessing tokens stays slow).
    pub status_pages_per_minute_per_ip: u32,
    /// Refuse to start (instead of warning) when PostgreSQL would log statement parameters or
    /// commit times. `true`, `false`, `1` or `0`.
    #[serde(deserialize_with = "flag")]
    pub strict_privacy: bool,
}

/// A yes/no setting from a file (`true`) or the environment (`1`, `true`, `yes`).
fn flag<'de, D: serde::Deserializer<'de>>(d: D) -> Result<bool, D::Error> {
    #[derive(Deserialize)]
    #[serde(untagged)]
    enum Flag {
        Bool(bool),
        Int(i64),
        Text(String),
    }
    match Flag::deserialize(d)? {
        Flag::Bool(b) => Ok(b),
        Flag::Int(0) => Ok(false),
        Flag::Int(1) => Ok(true),
        Flag::Text(t) if matches!(t.to_lowercase().as_str(), "yes" | "on" | "true") => Ok(true),
        Flag::Text(t) if matches!(t.to_lowercase().as_str(), "no" | "off" | "false") => Ok(false),
        _ => Err(serde::de::Error::custom("expected true or false (or 1 or 0)")),
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SmtpTls {
    /// Plain SMTP (a relay on the same host or network).
    None,
    /// STARTTLS, required.
    Starttls,
    /// TLS from the first byte (SMTPS).
    Tls,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum LogFormat {
    /// One JSON object per line, for production.
    Json,
    /// Human-readable lines, for a terminal.
    Text,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            data_dir: PathBuf::from("./data"),
            database_url: None,
            host: IpAddr::from([127, 0, 0, 1]),
            port: 8080,
            workers: None,
            db_pool_size: 8,
            log: "info".into(),
            log_format: LogFormat::Json,
            shutdown_timeout_secs: 30,
            body_limit_bytes: 64 * 1024,
            body_timeout_secs: 10,
            public_url: "http://localhost:8080".into(),
            key_dir: PathBuf::from("./keys"),
            smtp_host: None,
            smtp_port: None,
            smtp_tls: SmtpTls::Starttls,
            smtp_username: None,
            smtp_password: None,
            metrics_token: None,
            mail_poll_secs: 5,
            trusted_proxies: Vec::new(),
            sign_in_attempts_per_minute: 5,
            sign_in_attempts_per_account_per_minute: 30,
            session_reconcile_secs: 30,
            release_check_secs: 30,
            news_check_secs: 60,
            requests_per_minute_per_ip: 30,
            key_reload_secs: 10,
            captures_per_minute_per_ip: 120,
            status_pages_per_minute_per_ip: 30,
            strict_privacy: false,
        }
    }
}

impl fmt::Debug for Settings {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Settings")
            .field("data_dir", &self.data_dir)
            .field("database", &self.database().map(|d| d.redacted()).ok())
            .field("host", &self.host)
            .field("port", &self.port)
            .field("workers", &self.workers)
            .field("db_pool_size", &self.db_pool_size)
            .field("log", &self.log)
            .field("log_format", &self.log_format)
            .field("shutdown_timeout_secs", &self.shutdown_timeout_secs)
            .field("body_limit_bytes", &self.body_limit_bytes)
            .field("body_timeout_secs", &self.body_timeout_secs)
            .field("public_url", &self.public_url)
            .field("key_dir", &self.key_dir)
            .field("smtp_host", &self.smtp_host)
            .field("smtp_port", &self.smtp_port)
            .field("smtp_tls", &self.smtp_tls)
            .field("smtp_username", &self.smtp_username)
            .field("smtp_password", &self.smtp_password.as_ref().map(|_| "(set)"))
            .field("metrics_token", &self.metrics_token.as_ref().map(|_| "(set)"))
            .field("mail_poll_secs", &self.mail_poll_secs)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("sign_in_attempts_per_minute", &self.sign_in_attempts_per_minute)
            .field("sign_in_attempts_per_account_per_minute", &self.sign_in_attempts_per_account_per_minute)
            .field("session_reconcile_secs", &self.session_reconcile_secs)
            .field("release_check_secs", &self.release_check_secs)
            .field("news_check_secs", &self.news_check_secs)
            .field("requests_per_minute_per_ip", &self.requests_per_minute_per_ip)
            .field("key_reload_secs", &self.key_reload_secs)
            .field("captures_per_minute_per_ip", &self.captures_per_minute_per_ip)
            .field("status_pages_per_minute_per_ip", &self.status_pages_per_minute_per_ip)
            .field("strict_privacy", &self.strict_privacy)
            .finish()
    }
}

/// One clear line: which setting, where it came from, what was expected.
#[derive(Debug, thiserror::Error)]
#[error("invalid setting `{setting}`{source_note}: {expected}")]
pub struct ConfigError {
    pub setting: String,
    /// " (from environment variable EARSHOT_PORT)" or " (from earshot.toml)"; may be empty.
    pub source_note: String,
    pub expected: String,
}

impl ConfigError {
    pub fn new(setting: &str, expected: impl Into<String>) -> Self {
        Self {
            setting: setting.into(),
            source_note: format!(" (EARSHOT_{})", setting.to_uppercase()),
            expected: expected.into(),
        }
    }
}

impl Settings {
    /// Load from an optional settings file and the process environment.
    ///
    /// `file`: a path given on the command line (it must exist); `None` reads `earshot.toml` in
    /// the working directory when it is there.
    pub fn load(file: Option<&Path>) -> Result<Self, ConfigError> {
        Self::load_from(file, Env::prefixed(ENV_PREFIX).only(KEYS))
    }

    fn load_from(file: Option<&Path>, env: Env) -> Result<Self, ConfigError> {
        let mut figment = Figment::new();
        match file {
            Some(path) => {
                if !path.is_file() {
                    return Err(ConfigError {
                        setting: "config".into(),
                        source_note: String::new(),
                        expected: format!("a readable settings file at {}", path.display()),
                    });
                }
                figment = figment.merge(Toml::file_exact(path));
            }
            None if Path::new(DEFAULT_CONFIG_FILE).is_file() => {
                figment = figment.merge(Toml::file_exact(DEFAULT_CONFIG_FILE));
            }
            None => {}
        }
        let settings: Settings = figment.merge(env).extract().map_err(|e| from_figment(&e))?;
        settings.validate()?;
        Ok(settings)
    }

    fn validate(&self) -> Result<(), ConfigError> {
        self.database()?;
        if self.db_pool_size == 0 {
            return Err(ConfigError::new("db_pool_size", "a number of connections of at least 1"));
        }
        if self.workers == Some(0) {
            return Err(ConfigError::new("workers", "a number of worker threads of at least 1"));
        }
        if self.body_limit_bytes < 1024 {
            return Err(ConfigError::new("body_limit_bytes", "at least 1024 bytes"));
        }
        if !(1..=300).contains(&self.body_timeout_secs) {
            return Err(ConfigError::new("body_timeout_secs", "between 1 and 300 seconds"));
        }
        let public = url::Url::parse(&self.public_url).ok().filter(|u| {
            matches!(u.scheme(), "http" | "https") && u.host_str().is_some() && u.query().is_none()
        });
        if public.is_none() {
            return Err(ConfigError::new(
                "public_url",
                "an http:// or https:// address, e.g. https://earshot.example.be",
            ));
        }
        if self.smtp_host.as_deref().is_some_and(|h| h.trim().is_empty()) {
            return Err(ConfigError::new(
                "smtp_host",
                "a host name, or no setting at all to write .eml files",
            ));
        }
        if self.smtp_username.is_some() != self.smtp_password.is_some() {
            return Err(ConfigError::new(
                "smtp_password",
                "both smtp_username and smtp_password, or neither",
            ));
        }
        if self
            .metrics_token
            .as_deref()
            .is_some_and(|t| t.len() < 16 || !t.bytes().all(|b| b.is_ascii_graphic()))
        {
            return Err(ConfigError::new(
                "metrics_token",
                "at least 16 visible ASCII characters (no spaces), or no setting for an open /metrics",
            ));
        }
        if self.key_reload_secs == 0 {
            return Err(ConfigError::new("key_reload_secs", "at least 1 second"));
        }
        if self.release_check_secs == 0 {
            return Err(ConfigError::new("release_check_secs", "at least 1 second"));
        }
        if self.news_check_secs == 0 {
            return Err(ConfigError::new("news_check_secs", "at least 1 second"));
        }
        if self.session_reconcile_secs == 0 {
            return Err(ConfigError::new("session_reconcile_secs", "at least 1 second"));
        }
        if self.mail_poll_secs == 0 {
            return Err(ConfigError::new("mail_poll_secs", "at least 1 second"));
        }
        if self.sign_in_attempts_per_minute == 0
            || self.requests_per_minute_per_ip == 0
            || self.captures_per_minute_per_ip == 0
            || self.status_pages_per_minute_per_ip == 0
        {
            return Err(ConfigError::new("sign_in_attempts_per_minute", "limits of at least 1 per minute"));
        }
        if self.log.parse::<tracing_subscriber::EnvFilter>().is_err() {
            return Err(ConfigError::new("log", "a log filter such as `info` or `info,earshot=debug`"));
        }
        Ok(())
    }

    /// The database to use: the URL when given, else a SQLite file in the data directory.
    pub fn database(&self) -> Result<DatabaseUrl, ConfigError> {
        match &self.database_url {
            Some(url) => {
                DatabaseUrl::parse(url).map_err(|expected| ConfigError::new("database_url", expected))
            }
            None => Ok(DatabaseUrl::Sqlite(self.data_dir.join("earshot.sqlite3"))),
        }
    }

    /// The data directory, created when missing; refused when it cannot be written.
    pub fn prepare_data_dir(&self) -> Result<(), ConfigError> {
        let dir = &self.data_dir;
        let fail = |why: String| {
            ConfigError::new("data_dir", format!("a writable directory; {} {why}", dir.display()))
        };
        if dir.exists() && !dir.is_dir() {
            return Err(fail("is not a directory".into()));
        }
        std::fs::create_dir_all(dir).map_err(|e| fail(format!("cannot be created ({e})")))?;
        // Writing is the only honest test of "writable" (permissions, read-only mounts, ACLs).
        let probe = dir.join(format!(".earshot-probe-{}", uuid::Uuid::new_v4().simple()));
        std::fs::write(&probe, b"")
            .and_then(|()| std::fs::remove_file(&probe))
            .map_err(|e| fail(format!("cannot be written ({e})")))?;
        Ok(())
    }

    /// `public_url` without a trailing slash, for building links.
    pub fn base_url(&self) -> &str {
        self.public_url.trim_end_matches('/')
    }

    /// Cookies are `Secure` whenever the public address is https (not on plain-http localhost).
    pub fn secure_cookies(&self) -> bool {
        self.public_url.starts_with("https://")
    }

    pub fn listen_addr(&self) -> (IpAddr, u16) {
        (self.host, self.port)
    }
}

fn from_figment(err: &figment::Error) -> ConfigError {
    let setting = err.path.join(".");
    let source_note = match &err.metadata {
        Some(meta) => match (&meta.source, err.path.is_empty()) {
            (Some(figment::Source::File(path)), _) => format!(" (from {})", path.display()),
            (_, false) if meta.name.contains("environment") => {
                format!(" (from environment variable {ENV_PREFIX}{})", setting.to_uppercase())
            }
            _ => format!(" (from {})", meta.name),
        },
        None => String::new(),
    };
    let expected = match &err.kind {
        figment::error::Kind::UnknownField(field, _) => {
            return ConfigError {
                setting: field.clone(),
                source_note,
                expected: format!("no such setting; known settings: {}", KEYS.join(", ")),
            };
        }
        kind => kind.to_string(),
    };
    ConfigError { setting: if setting.is_empty() { "config".into() } else { setting }, source_note, expected }
}
