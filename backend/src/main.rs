//! The `earshot` command: serve, migrate, and the operator's tools.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use earshot::auth::sealed::TokenSealer;
use earshot::clock::{Clock, SystemClock};
use earshot::db::Db;
use earshot::error::AppError;
use earshot::i18n::Lang;
use earshot::people::{Role, Roles, admin};
use earshot::{Application, Settings, StartError, db, demo, keys, organisation, telemetry};

#[derive(Parser)]
#[command(name = "earshot", version, about = "Hear what customers really think; close the loop.")]
struct Cli {
    /// Settings file (TOML). Default: earshot.toml in the working directory, if present.
    #[arg(long, global = true, env = "EARSHOT_CONFIG", value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Migrate the database if needed and serve the app and the API.
    Serve {
        /// Into an empty installation, first put the demo organisation (and print its passwords).
        #[arg(long)]
        demo: bool,
        /// For browser tests only: a clock moved forward by `POST /api/v1/test/clock`.
        #[arg(long, hide = true)]
        test_clock: bool,
    },
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Invite the first admin: prints a link to choose a password (and queues the mail).
    CreateAdmin {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// nl, fr or en.
        #[arg(long, default_value = "nl")]
        language: String,
    },
    /// Build the demo organisation in an empty installation and print its passwords once.
    SeedDemo,
    /// Create missing secret keys in key_dir (once; then copy key_dir to every replica).
    GenerateKeys,
    /// Replace the messenger key: re-seal every remark under a new key, then destroy the old one.
    /// Safe while earshot runs; see docs/operations in README.
    RotateMessengerKey {
        /// Only make the next key (to copy to every replica's key_dir first), then stop.
        #[arg(long)]
        prepare: bool,
    },
    /// Release the captures held from hours that have ended (a running earshot does it itself
    /// at each hour).
    ReleaseHeld {
        /// Also the captures of the hour in progress, for a demo or a test: they are then dated
        /// to less than an hour.
        #[arg(long)]
        now: bool,
    },
}

fn main() -> ExitCode {
    // The messenger key is in this process's memory: no core dump may carry it to disk.
    let _ = rlimit::setrlimit(rlimit::Resource::CORE, 0, 0);
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(err) => return fail(&StartError::Config(err)),
    };
    telemetry::init(&settings);
    let result = match cli.command {
        Command::Serve { demo, test_clock } => {
            actix_web::rt::System::new().block_on(serve(settings, demo, test_clock))
        }
        Command::Migrate => db::open::open_database(&settings, &SystemClock)
            .map(|_| println!("earshot: the database is up to date")),
        Command::CreateAdmin { email, name, language } => create_admin(&settings, &email, &name, &language),
        Command::SeedDemo => with_db(&settings, |db| seed(db, true)),
        Command::GenerateKeys => generate_keys(&settings),
        Command::RotateMessengerKey { prepare } => rotate_messenger_key(&settings, prepare),
        Command::ReleaseHeld { now } => release_held(&settings, now),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => fail(&err),
    }
}

async fn serve(settings: Settings, demo: bool, test_clock: bool) -> Result<(), StartError> {
    if demo {
        let settings = settings.clone();
        tokio::task::spawn_blocking(move || with_db(&settings, |db| seed(db, false)))
            .await
            .map_err(|e| StartError::Command(e.to_string()))??;
    }
    let host = settings.host;
    let app = if test_clock {
        tracing::warn!("serving with a test clock that anyone can move: for browser tests only");
        let clock = earshot::clock::MovableClock::default();
        let routes = earshot::clock::movable::routes(clock.clone());
        Application::build_with(settings, Arc::new(clock), Some(routes)).await?
    } else {
        Application::build_with(settings, Arc::new(SystemClock), None).await?
    };
    let shown_host = if host.is_unspecified() { "localhost".to_owned() } else { host.to_string() };
    let shown_host =
        if host.is_ipv6() && !host.is_unspecified() { format!("[{shown_host}]") } else { shown_host };
    println!("earshot is running at http://{shown_host}:{}/", app.port());
    tracing::info!(port = app.port(), "listening");
    if let Err(err) = app.run_until_stopped().await {
        tracing::error!(error = %err, "server stopped with an error");
    }
    tracing::info!("stopped");
    Ok(())
}

/// Open (and migrate) the database for a command.
fn with_db<T>(settings: &Settings, work: impl FnOnce(&Db) -> Result<T, StartError>) -> Result<T, StartError> {
    let db = db::open::open_database(settings, &SystemClock)?;
    work(&db)
}

fn command_error(err: AppError) -> StartError {
    StartError::Command(match err {
        AppError::Refused { slug: "email-taken", .. } => {
            "a person with this e-mail address exists already".into()
        }
        AppError::InvalidBody(issues) => {
            let fields: Vec<String> =
                issues.iter().map(|i| format!("{} ({:?})", i.pointer, i.code)).collect();
            format!("invalid {}", fields.join(", "))
        }
        other => other.to_string(),
    })
}

/// The demo: only into an empty installation. `required`: an error when people exist already
/// (the seed-demo command); otherwise quietly nothing (serve --demo on later starts).
fn seed(db: &Db, required: bool) -> Result<(), StartError> {
    let now = SystemClock.now();
    let accounts = db.with_conn(|conn| {
        if !required && !demo::is_empty(conn)? {
            return Ok(Vec::new());
        }
        demo::seed(conn, now)
    });
    let accounts = match accounts {
        Err(AppError::Refused { slug: "not-empty", .. }) => {
            return Err(StartError::Command(
                "people exist already: the demo only goes into an empty installation".into(),
            ));
        }
        other => other.map_err(command_error)?,
    };
    if accounts.is_empty() {
        return Ok(());
    }
    println!(
        "\nThe demo organisation \"Bakkerij De Gouden Korst\" is ready. Sign in with any of these (shown only now):\n"
    );
    println!("  {:<18} {:<32} {:<24} password", "name", "e-mail", "roles");
    for a in &accounts {
        let roles: Vec<&str> = a
            .roles
            .list()
            .iter()
            .map(|r| match r {
                Role::Employee => "employee",
                Role::Owner => "feedback owner",
                Role::Admin => "admin",
            })
            .collect();
        println!("  {:<18} {:<32} {:<24} {}", a.name, a.email, roles.join(", "), a.password);
    }
    println!();
    Ok(())
}

fn create_admin(settings: &Settings, email: &str, name: &str, language: &str) -> Result<(), StartError> {
    let language = match language {
        "nl" => Lang::Nl,
        "fr" => Lang::Fr,
        "en" => Lang::En,
        other => return Err(StartError::Command(format!("--language must be nl, fr or en, not {other:?}"))),
    };
    let now = SystemClock.now();
    let base = settings.base_url().to_owned();
    let token = with_db(settings, |db| {
        let keys = keys::load(settings, db.backend())?;
        let sealer = TokenSealer::new(&keys.session);
        db.with_conn(|conn| {
            let org = organisation::load(conn)?;
            let mut checks = earshot::web::validate::Checks::new();
            let email = checks.email("--email", email);
            let name = checks.line("--name", name, 120);
            checks.finish()?;
            let roles = Roles { employee: false, owner: false, admin: true };
            let person = admin::new_invitee(email, name, roles, language, now);
            Ok(admin::invite(conn, &sealer, &org, person, &base, now)?.1)
        })
        .map_err(command_error)
    })?;
    println!(
        "The admin is invited. Open this link within 7 days to choose a password (it works once):\n\n  {base}/invitation#token={token}\n"
    );
    println!("The same link goes out by mail as soon as earshot serves with mail configured.");
    Ok(())
}

fn generate_keys(settings: &Settings) -> Result<(), StartError> {
    let created = keys::generate_missing(&settings.key_dir).map_err(|e| {
        StartError::Command(format!("cannot write keys in {}: {e}", settings.key_dir.display()))
    })?;
    if created.is_empty() {
        println!("earshot: every key exists already in {}", settings.key_dir.display());
    }
    for path in created {
        println!("earshot: created {}", path.display());
    }
    Ok(())
}

fn rotate_messenger_key(settings: &Settings, prepare: bool) -> Result<(), StartError> {
    use earshot::messenger::rotation;
    with_db(settings, |db| {
        if prepare {
            let id = rotation::prepare(db, &settings.key_dir).map_err(StartError::Command)?;
            println!(
                "earshot: next messenger key {id} is in {}; copy it to every replica's key_dir, then run rotate-messenger-key",
                settings.key_dir.join(rotation::NEXT_FILE).display()
            );
            return Ok(());
        }
        let settle = std::time::Duration::from_secs(settings.key_reload_secs * 2 + 1);
        println!("earshot: rotating the messenger key (waits for running processes to take up the new key)…");
        let report = rotation::rotate(db, &settings.key_dir, settle).map_err(StartError::Command)?;
        println!(
            "earshot: {} seals moved from key {} to key {}; the old key is destroyed. On other hosts, copy {} to every replica.",
            report.resealed,
            report.old_key,
            report.new_key,
            settings.key_dir.join(rotation::CURRENT_FILE).display()
        );
        Ok(())
    })
}

fn release_held(settings: &Settings, this_hour_too: bool) -> Result<(), StartError> {
    let keyring = earshot::messenger::rotation::keyring(&settings.key_dir)
        .map_err(|expected| StartError::Config(earshot::config::ConfigError::new("key_dir", expected)))?;
    let seals = earshot::messenger::Seals::new(keyring);
    let now = SystemClock.now();
    let before = earshot::clock::to_hour(now) + if this_hour_too { 3600 } else { 0 };
    let keys = earshot::keys::load(settings, settings.database().map_err(StartError::Config)?.backend())
        .map_err(StartError::Config)?;
    // The owners who want new remarks as they come hear of these too (the next start of the
    // mail worker delivers them).
    let alerting = earshot::news::alerts::Alerting {
        base_url: settings.base_url().to_owned(),
        sealer: earshot::auth::sealed::TokenSealer::new(&keys.session),
        mailer: None,
    };
    with_db(settings, |db| {
        let released = db
            .with_conn(|conn| {
                earshot::remarks::release::release_before(conn, &seals, before, Some(&alerting))
            })
            .map_err(command_error)?;
        match released {
            Some(n) => println!("earshot: {n} held captures released."),
            None => println!("earshot: another process is releasing now; nothing done."),
        }
        Ok(())
    })
}

/// One clear line on stderr, no backtrace.
fn fail(err: &StartError) -> ExitCode {
    eprintln!("earshot: {err}");
    ExitCode::from(err.exit_code())
}
