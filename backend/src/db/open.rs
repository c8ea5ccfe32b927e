//! Opening the database at start: the data directory, the connection, the PostgreSQL privacy
//! checks, the migrations and the one-time fix-ups, then the pool.

use crate::clock::Clock;
use crate::config::{ConfigError, Settings};
use crate::error::{StartError, one_line};
use crate::{instance, people, triage};

use super::{Db, DbConn};

/// Prepare the data directory, connect, migrate (PostgreSQL: under an advisory lock) and return
/// the pool. Blocking: call it from a blocking context.
pub fn open_database(settings: &Settings, clock: &dyn Clock) -> Result<Db, StartError> {
    settings.prepare_data_dir()?;
    let url = settings.database()?;
    let target = url.redacted();
    let mut conn =
        url.connect().map_err(|e| StartError::Database { target: target.clone(), reason: one_line(e) })?;
    privacy_checks(&mut conn, settings.strict_privacy)?;
    let applied = super::migrations::run(&mut conn)
        .map_err(|e| StartError::Migration { target: target.clone(), reason: one_line(e) })?;
    if !applied.is_empty() {
        tracing::info!(database = %target, migrations = applied.len(), "database migrated");
    }
    instance::record_installation(&mut conn, clock.now())
        .map_err(|e| StartError::Migration { target: target.clone(), reason: one_line(e) })?;
    let stamped = crate::organisation::load(&mut conn)
        .and_then(|org| triage::store::recount(&mut conn, &org, triage::store::Recount::Unstamped))
        .map_err(|e| StartError::Migration { target: target.clone(), reason: one_line(e) })?;
    if stamped > 0 {
        tracing::info!(stamped, "remarks given their promise");
    }
    let termed = crate::cases::terms::backfill(&mut conn)
        .map_err(|e| StartError::Migration { target: target.clone(), reason: one_line(e) })?;
    if termed > 0 {
        tracing::info!(termed, "remarks given their terms for suggestions");
    }
    let (rewritten, unsendable) = people::normalise_addresses(&mut conn)
        .map_err(|e| StartError::Migration { target: target.clone(), reason: one_line(e) })?;
    if rewritten > 0 {
        tracing::info!(rewritten, "e-mail addresses stored as the mailer writes them");
    }
    if unsendable > 0 {
        tracing::warn!(
            unsendable,
            "some accounts have an e-mail address no mail can be sent to: no sign-in link or reset reaches them"
        );
    }
    Db::open(&url, settings.db_pool_size).map_err(|e| StartError::Database { target, reason: one_line(e) })
}

/// On PostgreSQL: settings under which the server itself would record what earshot keeps out of
/// reach — statement parameters (who captured is sealed, but a logged INSERT next to a logged
/// sign-in is a link) or commit times. A loud warning, or a refusal with `strict_privacy`.
fn privacy_checks(conn: &mut DbConn, strict: bool) -> Result<(), StartError> {
    let DbConn::Pg(pg) = conn else { return Ok(()) };
    #[derive(diesel::QueryableByName)]
    struct Setting {
        #[diesel(sql_type = diesel::sql_types::Text)]
        name: String,
        #[diesel(sql_type = diesel::sql_types::Text)]
        setting: String,
    }
    let rows: Vec<Setting> = diesel::RunQueryDsl::load(
        diesel::sql_query(
            "SELECT name::text AS name, setting::text AS setting FROM pg_settings \
             WHERE name IN ('log_statement', 'log_min_duration_statement', 'log_min_duration_sample', \
                            'log_parameter_max_length', 'track_commit_timestamp')",
        ),
        pg,
    )
    .unwrap_or_default();
    let value = |name: &str| rows.iter().find(|r| r.name == name).map(|r| r.setting.as_str());
    let mut risks = Vec::new();
    if matches!(value("log_statement"), Some("mod" | "all")) {
        risks.push("log_statement records data-changing statements");
    }
    if value("log_min_duration_statement").is_some_and(|v| v != "-1") {
        risks.push("log_min_duration_statement records statements");
    }
    if value("log_min_duration_sample").is_some_and(|v| v != "-1") {
        risks.push("log_min_duration_sample records statements");
    }
    if value("track_commit_timestamp") == Some("on") {
        risks.push("track_commit_timestamp records when each row was written");
    }
    if risks.is_empty() {
        return Ok(());
    }
    let what = risks.join("; ");
    if strict {
        return Err(StartError::Config(ConfigError::new(
            "strict_privacy",
            format!("a PostgreSQL server that keeps no statements or commit times, but {what}"),
        )));
    }
    tracing::warn!(risks = %what, "PRIVACY: this PostgreSQL server records what earshot keeps unlinkable; switch these off, or set strict_privacy to refuse to start");
    eprintln!(
        "earshot: WARNING (privacy): {what}. Switch these off in PostgreSQL, or set EARSHOT_STRICT_PRIVACY=1 to refuse to start."
    );
    Ok(())
}
