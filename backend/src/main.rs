//! The `earshot` command: serve, migrate, and (in later issues) the administrative commands.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::{Parser, Subcommand};
use earshot::clock::SystemClock;
use earshot::{Application, Settings, StartError, startup, telemetry};

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
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let settings = match Settings::load(cli.config.as_deref()) {
        Ok(settings) => settings,
        Err(err) => return fail(&StartError::Config(err)),
    };
    telemetry::init(&settings);
    let result = match cli.command {
        Command::Serve => actix_web::rt::System::new().block_on(serve(settings)),
        Command::Migrate => startup::open_database(&settings, &SystemClock).map(|_| {
            println!("earshot: the database is up to date");
        }),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => fail(&err),
    }
}

async fn serve(settings: Settings) -> Result<(), StartError> {
    let host = settings.host;
    let app = Application::build_with(settings, Arc::new(SystemClock), None).await?;
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

/// One clear line on stderr, no backtrace.
fn fail(err: &StartError) -> ExitCode {
    eprintln!("earshot: {err}");
    ExitCode::from(err.exit_code())
}
