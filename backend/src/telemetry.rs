//! Logging: JSON lines in production, readable lines on request. What may be logged is set by
//! the messenger rule (docs/architecture.md): never a user, IP, user agent, query string or
//! anything a person typed.

use tracing_subscriber::EnvFilter;

use crate::config::{LogFormat, Settings};

/// Install the global subscriber once, at process start (the binary only; tests log nothing
/// unless they install their own).
pub fn init(settings: &Settings) {
    let filter = EnvFilter::try_new(&settings.log).unwrap_or_else(|_| EnvFilter::new("info"));
    let builder = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stdout);
    let _ = match settings.log_format {
        LogFormat::Json => {
            builder.json().flatten_event(true).with_current_span(false).with_span_list(false).try_init()
        }
        LogFormat::Text => builder.try_init(),
    };
}
