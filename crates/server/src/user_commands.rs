//! `habitflow user …`: the operator commands over the account services
//! (README, operator commands). Each returns what to print.
use crate::app::error::AppError;
use crate::app::operators;
use crate::config::Settings;
use crate::failure::Failure;
use crate::wiring;

/// One of the `habitflow user` commands.
#[derive(Debug, Clone, clap::Subcommand)]
pub enum UserCommand {
    /// Print every account: email, status, creation date, id.
    List,
    /// Stop an account from signing in and end its sessions.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Let a disabled account sign in again.
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Delete an account and everything it owns.
    Delete {
        #[arg(long)]
        email: String,
    },
    /// Print a one-time link, valid for 1 hour, that sets a new password.
    ResetPassword {
        #[arg(long)]
        email: String,
    },
}

pub async fn run(settings: &Settings, command: UserCommand) -> Result<String, Failure> {
    let state = wiring::build_state(settings).await?;
    let services = &state.services;
    match command {
        UserCommand::List => {
            let users = operators::list_users(services).await.map_err(failed)?;
            let lines: Vec<String> = users
                .iter()
                .map(|user| {
                    let status = if user.is_active { "active" } else { "disabled" };
                    format!(
                        "{}\t{status}\tcreated {}\t{}",
                        user.email,
                        user.created_at.strftime("%Y-%m-%d"),
                        user.id
                    )
                })
                .collect();
            Ok(format!("{} account(s)\n{}", users.len(), lines.join("\n"))
                .trim_end()
                .to_owned())
        }
        UserCommand::Disable { email } => operators::set_active(services, &email, false)
            .await
            .map(|user| format!("{} disabled; their sessions have ended", user.email))
            .map_err(|e| named(e, &email)),
        UserCommand::Enable { email } => operators::set_active(services, &email, true)
            .await
            .map(|user| format!("{} enabled", user.email))
            .map_err(|e| named(e, &email)),
        UserCommand::Delete { email } => operators::delete_user(services, &email)
            .await
            .map(|user| format!("{} deleted with everything they owned", user.email))
            .map_err(|e| named(e, &email)),
        UserCommand::ResetPassword { email } => {
            operators::issue_password_reset(services, &email, &settings.public_url)
                .await
                .map(|link| {
                    format!("one-time link to set a new password, valid for 1 hour:\n{link}")
                })
                .map_err(|e| named(e, &email))
        }
    }
}

fn failed(error: AppError) -> Failure {
    Failure::failed(error.to_string())
}

/// An unknown email is the operator's to correct (exit 2).
fn named(error: AppError, email: &str) -> Failure {
    match error {
        AppError::NotFound(_) => Failure::refused(format!("no account has the email {email:?}")),
        other => failed(other),
    }
}
