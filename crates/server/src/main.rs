use clap::{Parser, Subcommand};
use habitflow::config::Settings;
use habitflow::failure::Failure;
use habitflow::infra::zenquotes::ZenQuotesClient;
use habitflow::user_commands::{self, UserCommand};
use habitflow::{healthcheck, jobs, logging, maintenance, server, wiring};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Duration;
use tokio_util::sync::CancellationToken;

/// HabitFlow: a self-hosted habit and task tracker.
#[derive(Parser)]
#[command(name = "habitflow", version = habitflow::VERSION, about)]
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
    /// Copy the SQLite database into a new file, consistently, while the server runs.
    Backup {
        /// The file to create.
        #[arg(long, value_name = "FILE")]
        to: PathBuf,
    },
    /// Restore a backup into the configured database, which must be empty.
    Restore {
        /// The backup to restore.
        #[arg(long, value_name = "FILE")]
        from: PathBuf,
    },
    /// Manage accounts: list, disable, enable, delete, or issue a password-reset link.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Exit 0 when the server answers its liveness check, else 1 (for containers).
    Healthcheck {
        /// The URL to check [default: /healthz/live on HABITFLOW_BIND]
        #[arg(long)]
        url: Option<String>,
    },
}

/// The quotes API gets this long per fetch.
const QUOTES_TIMEOUT: Duration = Duration::from_secs(10);

/// Exit code for a configuration error.
const BAD_CONFIG: u8 = 2;

/// A health check gets this long to connect and to read the answer.
const HEALTHCHECK_TIMEOUT: Duration = Duration::from_secs(5);

fn main() -> ExitCode {
    let cli = Cli::parse();
    if let Err(error) = dotenvy::dotenv()
        && !error.not_found()
    {
        eprintln!("error: cannot read .env: {error}");
        return ExitCode::from(BAD_CONFIG);
    }
    if let Some(Command::Healthcheck { url }) = &cli.command {
        return check_health(url.as_deref());
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
                println!("{}", settings.report());
                Ok(())
            }
            Command::Backup { to } => report(maintenance::backup(&settings, &to).await),
            Command::Restore { from } => report(maintenance::restore(&settings, &from).await),
            Command::User { command } => report(user_commands::run(&settings, command).await),
            // Answered above, before the settings are read.
            Command::Healthcheck { .. } => Ok(()),
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure { message, exit_code }) => {
            tracing::error!("{message}");
            eprintln!("error: {message}");
            ExitCode::from(exit_code)
        }
    }
}

fn report(result: Result<String, Failure>) -> Result<(), Failure> {
    result.map(|done| println!("{done}"))
}

/// Exits 0 or 1 only: container runtimes reserve other codes.
fn check_health(url: Option<&str>) -> ExitCode {
    let url = match url {
        Some(url) => url.to_owned(),
        None => match Settings::from_env() {
            Ok(settings) => healthcheck::live_url(settings.bind),
            Err(error) => {
                eprintln!("unhealthy: configuration error: {error}");
                return ExitCode::FAILURE;
            }
        },
    };
    match healthcheck::probe(&url, HEALTHCHECK_TIMEOUT) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("unhealthy: {error}");
            ExitCode::FAILURE
        }
    }
}

async fn serve(settings: Settings) -> Result<(), Failure> {
    let state = wiring::build_state(&settings).await?;
    let listener = tokio::net::TcpListener::bind(settings.bind)
        .await
        .map_err(|e| {
            Failure::failed(format!(
                "cannot listen on {} (HABITFLOW_BIND): {e}",
                settings.bind
            ))
        })?;
    let metrics_listener = match settings.metrics.bind {
        Some(address) => {
            let listener = tokio::net::TcpListener::bind(address).await.map_err(|e| {
                Failure::failed(format!(
                    "cannot listen on {address} (HABITFLOW_METRICS_BIND): {e}"
                ))
            })?;
            tracing::info!(%address, "metrics are served on their own address");
            Some(listener)
        }
        None => None,
    };
    tracing::info!(
        address = %settings.bind,
        database = %state.services.store.backend(),
        redis = settings.redis_url.is_some(),
        "HabitFlow is listening on {}",
        settings.public_url
    );
    let shutdown = CancellationToken::new();
    let draining = CancellationToken::new();
    server::cancel_on_signal(draining.clone());
    server::shut_down_after(draining.clone(), shutdown.clone(), settings.shutdown_delay);
    let quotes_job = settings.quotes_url.as_deref().map(|url| {
        let source = Arc::new(ZenQuotesClient::new(url, QUOTES_TIMEOUT));
        jobs::spawn_quotes(
            state.services.clone(),
            source,
            settings.quotes_refresh,
            shutdown.clone(),
        )
    });
    let metrics_server = metrics_listener.map(|listener| {
        tokio::spawn(server::serve_metrics(
            listener,
            state.clone(),
            shutdown.clone(),
            settings.header_timeout,
        ))
    });
    let served = server::serve(
        listener,
        state,
        shutdown.clone(),
        draining,
        settings.header_timeout,
    )
    .await;
    shutdown.cancel();
    if let Some(job) = quotes_job {
        job.await.ok();
    }
    if let Some(metrics_server) = metrics_server {
        metrics_server.await.ok();
    }
    served.map_err(|e| Failure::failed(e.to_string()))?;
    tracing::info!("stopped");
    Ok(())
}

async fn demo_data(
    settings: Settings,
    email: &str,
    password: &str,
    years: u32,
) -> Result<(), Failure> {
    let state = wiring::build_state(&settings).await?;
    let user = habitflow::app::demo::create(&state.services, email, password, years)
        .await
        .map_err(|e| Failure::failed(format!("cannot create the demo user: {e}")))?;
    println!(
        "demo user {} created with {years} year(s) of history; password: {password}",
        user.email
    );
    Ok(())
}

async fn migrate(settings: Settings) -> Result<(), Failure> {
    let store = wiring::open_store(&settings).await?;
    store
        .migrate()
        .await
        .map_err(|e| Failure::failed(format!("migration failed: {e}")))?;
    println!("migrations applied ({})", store.backend());
    Ok(())
}
