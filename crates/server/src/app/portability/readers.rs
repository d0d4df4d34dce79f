//! The import's readers, one per format, chosen by the file's content and
//! never by its name (docs/data.md#the-import).
use super::super::error::AppError;
use habitflow_domain::message::Message;
use habitflow_domain::portability::habitflow;
use habitflow_domain::portability::plan::ImportPlan;
use habitflow_domain::validation::FieldErrors;
use jiff::Timestamp;
use jiff::civil::Date;

/// The first bytes of every SQLite database file.
const SQLITE_MAGIC: &[u8] = b"SQLite format 3\0";
/// The first bytes of a zip archive's first entry.
const ZIP_MAGIC: &[u8] = b"PK\x03\x04";

/// The formats an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// A HabitFlow export (`format: "habitflow"`).
    HabitFlow,
    /// A Loop Habit Tracker full backup: its SQLite database.
    LoopDb,
    /// A Loop Habit Tracker CSV export: a zip with `Habits.csv`.
    LoopCsv,
}

impl Format {
    /// The format the bytes are in; 422 for anything else.
    pub fn of(bytes: &[u8]) -> Result<Format, AppError> {
        if bytes.starts_with(SQLITE_MAGIC) {
            Ok(Format::LoopDb)
        } else if bytes.starts_with(ZIP_MAGIC) {
            Ok(Format::LoopCsv)
        } else if habitflow::is_habitflow(bytes) {
            Ok(Format::HabitFlow)
        } else {
            Err(unreadable(Message::new("error-import-unknown-file")))
        }
    }
}

/// A 422 about the file as a whole.
pub fn unreadable(message: Message) -> AppError {
    AppError::Validation(FieldErrors::single("file", message))
}

/// The plan of the file, read by the reader of its format.
pub async fn read(bytes: &[u8], now: Timestamp, today: Date) -> Result<ImportPlan, AppError> {
    match Format::of(bytes)? {
        Format::HabitFlow => Ok(habitflow::read(bytes)?),
        Format::LoopDb => super::loop_db::read(bytes, now, today).await,
        Format::LoopCsv => super::loop_csv::read(bytes, now, today),
    }
}
