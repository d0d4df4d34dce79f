//! Background jobs, started and stopped with the server.
use crate::app::Services;
use crate::app::ports::QuoteSource;
use crate::app::quotes::{JOB, refresh_slot};
use crate::metrics::JobOutcome;
use std::sync::Arc;
use std::time::Duration;
use tokio::task::JoinHandle;
use tokio_util::sync::CancellationToken;

/// Refreshes quotes at start-up and at every `interval` boundary; the time
/// slot is claimed in the database, so several instances fetch once.
pub fn spawn_quotes(
    state: Services,
    source: Arc<dyn QuoteSource>,
    interval: Duration,
    cancel: CancellationToken,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        let every = interval.as_secs().max(1) as i64;
        loop {
            let now = state.clock.now().as_second();
            let slot = now.div_euclid(every);
            let outcome = match refresh_slot(&state, source.as_ref(), slot).await {
                Ok(Some(count)) => {
                    tracing::info!(target: "habitflow::jobs", count, "quotes refreshed");
                    JobOutcome::Succeeded
                }
                Ok(None) => {
                    tracing::debug!(target: "habitflow::jobs", slot, "another instance refreshes quotes");
                    JobOutcome::Skipped
                }
                Err(error) => {
                    tracing::warn!(target: "habitflow::jobs", %error, "quotes refresh failed; keeping the current quotes");
                    JobOutcome::Failed
                }
            };
            state.metrics.job_run(JOB, outcome);
            let until_next_slot = Duration::from_secs(((slot + 1) * every - now).max(1) as u64);
            tokio::select! {
                () = cancel.cancelled() => break,
                () = tokio::time::sleep(until_next_slot) => {}
            }
        }
    })
}

/// Runs the reminder scheduler every `tick` until cancelled (docs/reminders.md).
/// Every instance runs it; the claims in the database make each reminder go
/// out once.
pub fn spawn_reminders(
    state: Services,
    tick: Duration,
    cancel: CancellationToken,
) -> JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            let outcome = match crate::app::reminders::scheduler::tick(&state, &cancel).await {
                Ok(report) => {
                    if report != Default::default() {
                        tracing::debug!(target: "habitflow::jobs", ?report, "reminders");
                    }
                    JobOutcome::Succeeded
                }
                Err(error) => {
                    tracing::warn!(target: "habitflow::jobs", %error, "reminder tick failed");
                    JobOutcome::Failed
                }
            };
            state.metrics.job_run(REMINDERS_JOB, outcome);
            tokio::select! {
                () = cancel.cancelled() => break,
                () = tokio::time::sleep(tick) => {}
            }
        }
    })
}

/// The reminder scheduler's name in the job metrics.
pub const REMINDERS_JOB: &str = "reminders";

/// How often the scheduler looks for due reminders.
pub const REMINDER_TICK: Duration = Duration::from_secs(15);
