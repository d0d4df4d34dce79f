use clap::{Parser, Subcommand};
use habitflow::config::Settings;
use habitflow::infra::zenquotes::ZenQuotesClient;
use habitflow::{jobs, logging, server, wiring};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// HabitFlow: a self-hosted habit and task tracker.
#[derive(Parser)]
#[command(name = "habitflow", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Subcommand)]
enum Command {
    /// Serve the web app (the default).
    Serve,
    /// Apply database migrations and exit.
    Migrate,
    /// Validate the configuration and print it (secrets redacted).
    CheckConfig,
    /// Create a demo user with themes, tasks, habits and years of history.
    DemoData {
        /// The demo user's email.
        #[arg(long)]
        email: String,
        /// The demo user's password.
        #[arg(long, default_value = "demo-habits-2026")]
        password: String,
        /// Years of history to generate.
        #[arg(long, default_value_t = 1, value_parser = clap::value_parser!(u32).range(1..=20))]
        years: u32,
    },
}

/// The quotes API gets this long per fetch.
const QUOTES_TIMEOUT: Duration = Duration::from_secs(10);

/// Exit code for a configuration error.
const BAD_CONFIG: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        eprintln!("error: cannot read .env: {error}");
        return ExitCode::from(BAD_CONFIG);
    }
    let settings = match Settings::from_env() {
        Ok(settings) => settings,
        Err(error) => {
            eprintln!("configuration error: {error}");
            return ExitCode::from(BAD_CONFIG);
        }
    };
    logging::init(settings.log_format);
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: cannot start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    let result = runtime.block_on(async {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve(settings).await,
            Command::Migrate => migrate(settings).await,
            Command::DemoData {
                email,
                password,
                years,
            } => demo_data(settings, &email, &password, years).await,
            Command::CheckConfig => {
                println!("{settings:#?}");
                Ok(())
            }
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            tracing::error!("{message}");
            eprintln!("error: {message}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> Result<(), String> {
    let state = wiring::build_state(&settings)
        .await
        .map_err(|e| e.to_string())?;
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .map_err(|e| format!("cannot listen on {} (HABITFLOW_BIND): {e}", settings.bind))?;
    tracing::info!(
        address = %settings.bind,
        database = %state.store.backend(),
        redis = settings.redis_url.is_some(),
        "HabitFlow is listening on {}",
        settings.public_url
    );
    let shutdown = CancellationToken::new();
    server::cancel_on_signal(shutdown.clone());
    let quotes_job = settings.quotes_url.as_deref().map(|url| {
        let source = Arc::new(ZenQuotesClient::new(url, QUOTES_TIMEOUT));
        jobs::spawn_quotes(
            state.clone(),
            source,
            settings.quotes_refresh,
            shutdown.clone(),
        )
    });
    let served = server::serve(listener, state, shutdown.clone()).await;
    shutdown.cancel();
    if let Some(job) = quotes_job {
        job.await.ok();
    }
    served.map_err(|e| e.to_string())?;
    tracing::info!("stopped");
    Ok(())
}

async fn demo_data(
    settings: Settings,
    email: &str,
    password: &str,
    years: u32,
) -> Result<(), String> {
    let state = wiring::build_state(&settings)
        .await
        .map_err(|e| e.to_string())?;
    let user = habitflow::app::demo::create(&state, email, password, years)
        .await
        .map_err(|e| format!("cannot create the demo user: {e}"))?;
    println!(
        "demo user {} created with {years} year(s) of history; password: {password}",
        user.email
    );
    Ok(())
}

async fn migrate(settings: Settings) -> Result<(), String> {
    let store = wiring::open_store(&settings)
        .await
        .map_err(|e| e.to_string())?;
    store
        .migrate()
        .await
        .map_err(|e| format!("migration failed: {e}"))?;
    println!("migrations applied ({})", store.backend());
    Ok(())
}
