//! Reads a Loop Habit Tracker full backup (docs/data.md#from-loop-habit-tracker):
//! written to a private copy, read by the store's SQLite reader with its
//! defensive settings, mapped by the domain's Loop rules.
use super::private_copy::PrivateCopy;
use super::readers::unreadable;
use crate::app::error::AppError;
use habitflow_domain::portability::loop_habits::plan;
use habitflow_domain::portability::plan::{ImportPlan, Source};
use jiff::Timestamp;
use jiff::civil::Date;

/// The plan of a Loop backup.
pub async fn read(bytes: &[u8], now: Timestamp, today: Date) -> Result<ImportPlan, AppError> {
    let copy = PrivateCopy::of(bytes, "db")
        .map_err(|e| AppError::Internal(format!("cannot copy an upload: {e}")))?;
    let habits = habitflow_storage::read_loop_backup(copy.path())
        .await
        .map_err(unreadable)?;
    drop(copy);
    Ok(plan(Source::LoopDb, &habits, now, today)?)
}
