//! The port of an account's data in and out (docs/data.md): the export's
//! paged reads, so its memory stays flat whatever the history.
use crate::StoreResult;
use async_trait::async_trait;
use habitflow_domain::model::CheckinRecord;
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
}
