//! The port of an account's data in and out (docs/data.md): the export's
//! paged reads, so its memory stays flat whatever the history.
use crate::{NextReminder, StoreError, StoreResult, SummarizeHabit};
use async_trait::async_trait;
use habitflow_domain::model::CheckinRecord;
use habitflow_domain::portability::plan::{Counts, ImportPlan};
use habitflow_domain::quota::Quota;
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

#[async_trait]
pub trait PortabilityRepo: Send + Sync {
    /// Up to `limit` of the owner's habit's check-ins dated after `after`
    /// (from the first when `None`), by date: one page of an export.
    async fn checkins_after(
        &self,
        owner: Uuid,
        habit: Uuid,
        after: Option<Date>,
        limit: u32,
    ) -> StoreResult<Vec<CheckinRecord>>;

    /// Writes an import's plan for the owner in one transaction: every
    /// record new (fresh ids, the plan's times or `now`), linked by the
    /// plan's indices, each habit's reminder times with the next slot
    /// `next_reminder` gives, then every habit of the owner re-summarized. All or
    /// nothing: `QuotaExceeded` when the account would pass a quota, and any
    /// failure leaves the account as it was.
    async fn write_import(
        &self,
        owner: Uuid,
        plan: &ImportPlan,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
        next_reminder: NextReminder<'_>,
    ) -> StoreResult<()>;
}

/// Refuses a plan that would take the owner past a quota, given what the
/// owner has: `(themes, tasks, habits)`.
pub(crate) fn check_quotas(owned: (i64, i64, i64), planned: Counts) -> StoreResult<()> {
    let past = |owned: i64, planned: usize, quota: Quota| {
        let total = owned.saturating_add(i64::try_from(planned).unwrap_or(i64::MAX));
        total > i64::from(quota.limit())
    };
    for (owned, planned, quota) in [
        (owned.0, planned.themes, Quota::Themes),
        (owned.1, planned.tasks, Quota::Tasks),
        (owned.2, planned.habits, Quota::Habits),
    ] {
        if past(owned, planned, quota) {
            return Err(StoreError::QuotaExceeded(quota));
        }
    }
    Ok(())
}
