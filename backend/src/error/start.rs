//! Why the process could not start (or a command could not do its work): one line for the
//! operator, and an exit code.

use crate::config::ConfigError;

/// Why the start failed, as one line. Configuration problems exit with 2, the rest with 1.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(transparent)]
    Config(#[from] ConfigError),
    #[error("cannot open the database {target}: {reason}")]
    Database { target: String, reason: String },
    #[error("cannot migrate the database {target}: {reason}")]
    Migration { target: String, reason: String },
    #[error("cannot listen on {addr}: {reason}")]
    Bind { addr: String, reason: String },
    /// A command could not do its work; the reason is for the operator.
    #[error("{0}")]
    Command(String),
}

impl StartError {
    pub fn exit_code(&self) -> u8 {
        match self {
            StartError::Config(_) => 2,
            _ => 1,
        }
    }
}

/// Errors from libpq and friends span lines; a start error is one line.
pub fn one_line(err: impl std::fmt::Display) -> String {
    err.to_string().split_whitespace().collect::<Vec<_>>().join(" ")
}
