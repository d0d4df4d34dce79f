//! Reads a Loop Habit Tracker full backup, its SQLite database (versions
//! 12 to 25), into Loop's habits and entries: opened read-only and
//! immutable (the caller hands a private copy), no extensions,
//! `trusted_schema` off, `query_only` on, a schema without views or
//! triggers, every query bounded in rows and the whole read in time
//! (docs/data.md#hostile-files). Every refusal is a message for the user.
use habitflow_domain::message::Message;
use habitflow_domain::portability::bounds::MAX_CHECKINS;
use habitflow_domain::portability::loop_habits::{LOOP_PALETTE, LoopEntry, LoopHabit, YES_MANUAL};
use habitflow_domain::quota::MAX_HABITS;
use jiff::Timestamp;
use jiff::tz::TimeZone;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, Connection, Row, SqliteConnection};
use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

/// Why a backup cannot be read: the message for the user.
type Refusal = Message;

/// The oldest database version read: the first whose repetitions Loop
/// still migrates (12, where every repetition is a manual check).
pub const OLDEST_VERSION: i64 = 12;
/// The newest: Loop 2's, with values, questions and notes.
pub const NEWEST_VERSION: i64 = 25;
/// How long reading a backup may take.
const READ_TIME: Duration = Duration::from_secs(20);

/// Loop's colours before version 14: Android colour integers, by the index
/// they became in version 14 (Loop's migration 14).
const ARGB_COLORS: [i64; 13] = [
    -2937041, -1684967, -415707, -5262293, -13070788, -16742021, -16732991, -16540699, -10603087,
    -7461718, -2614432, -13619152, -5592406,
];
/// Version 14–20's 13-colour palette, as indices of today's (Loop's migration 21).
const OLD_PALETTE: [usize; 13] = [0, 1, 4, 5, 7, 8, 9, 10, 13, 14, 15, 17, 19];

fn colour_of(version: i64, stored: i64) -> String {
    let old_index = |value: i64| {
        usize::try_from(value)
            .ok()
            .filter(|i| *i < OLD_PALETTE.len())
    };
    let index = if version < 14 {
        ARGB_COLORS
            .iter()
            .position(|argb| *argb == stored)
            .map_or(0, |i| OLD_PALETTE[i])
    } else if version < 21 {
        old_index(stored).map_or(0, |i| OLD_PALETTE[i])
    } else {
        usize::try_from(stored)
            .ok()
            .filter(|i| *i < LOOP_PALETTE.len())
            .unwrap_or(0)
    };
    LOOP_PALETTE[index].to_owned()
}

fn unreadable_db() -> Refusal {
    Message::new("error-import-db-unreadable")
}

/// Loop's habits in the backup at `path`, each with its entries by date.
pub async fn read_loop_backup(path: &Path) -> Result<Vec<LoopHabit>, Refusal> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(true)
        .create_if_missing(false)
        .foreign_keys(false)
        .pragma("trusted_schema", "OFF")
        .pragma("query_only", "ON")
        .pragma("cell_size_check", "ON")
        .pragma("mmap_size", "0")
        .disable_statement_logging();
    let read = async {
        let mut connection = options.connect().await.map_err(|_| unreadable_db())?;
        let habits = read_from(&mut connection).await;
        let _ = connection.close().await;
        habits
    };
    tokio::time::timeout(READ_TIME, read)
        .await
        .map_err(|_| Message::new("error-import-too-slow"))?
}

/// The lower-case names of a table's columns; empty when it does not exist.
async fn columns(
    connection: &mut SqliteConnection,
    table: &str,
) -> Result<HashSet<String>, Refusal> {
    let rows = sqlx::query("SELECT lower(name) AS name FROM pragma_table_info($1)")
        .bind(table)
        .fetch_all(&mut *connection)
        .await
        .map_err(|_| unreadable_db())?;
    Ok(rows
        .iter()
        .filter_map(|row| row.try_get::<String, _>("name").ok())
        .collect())
}

/// `column` cast to `sql_type` when the table has it, else `fallback`.
/// Only this file's own names and types go into the statement: the file
/// decides which of them, never their text.
fn column_or(have: &HashSet<String>, column: &str, sql_type: &str, fallback: &str) -> String {
    if have.contains(column) {
        format!("CAST({column} AS {sql_type})")
    } else {
        fallback.to_owned()
    }
}

async fn read_from(connection: &mut SqliteConnection) -> Result<Vec<LoopHabit>, Refusal> {
    let version: i64 = sqlx::query_scalar("PRAGMA user_version")
        .fetch_one(&mut *connection)
        .await
        .map_err(|_| unreadable_db())?;
    if version > NEWEST_VERSION {
        return Err(Message::new("error-import-loop-newer")
            .with("version", version)
            .with("newest", NEWEST_VERSION));
    }
    if version < OLDEST_VERSION {
        return Err(Message::new("error-import-loop-older")
            .with("version", version)
            .with("oldest", OLDEST_VERSION));
    }
    let code: i64 =
        sqlx::query_scalar("SELECT COUNT(*) FROM sqlite_master WHERE type IN ('view', 'trigger')")
            .fetch_one(&mut *connection)
            .await
            .map_err(|_| unreadable_db())?;
    if code > 0 {
        return Err(Message::new("error-import-db-code"));
    }
    let habit_columns = columns(connection, "Habits").await?;
    let entry_columns = columns(connection, "Repetitions").await?;
    for needed in ["id", "name", "freq_num", "freq_den"] {
        if !habit_columns.contains(needed) {
            return Err(
                Message::new("error-import-db-missing").with("what", format!("Habits.{needed}"))
            );
        }
    }
    for needed in ["habit", "timestamp"] {
        if !entry_columns.contains(needed) {
            return Err(Message::new("error-import-db-missing")
                .with("what", format!("Repetitions.{needed}")));
        }
    }
    let h = &habit_columns;
    let habit_sql = format!(
        "SELECT CAST(id AS INTEGER) AS id, CAST(COALESCE(name, '') AS TEXT) AS name,
                {question} AS question, {description} AS description,
                CAST(COALESCE(freq_num, 1) AS INTEGER) AS freq_num, CAST(COALESCE(freq_den, 1) AS INTEGER) AS freq_den,
                {color} AS color, {archived} AS archived, {kind} AS kind, {unit} AS unit,
                {target_type} AS target_type, {target_value} AS target_value,
                {hour} AS reminder_hour, {minute} AS reminder_min
         FROM Habits ORDER BY {position}, id LIMIT {limit}",
        question = column_or(h, "question", "TEXT", "''"),
        description = column_or(h, "description", "TEXT", "''"),
        color = column_or(h, "color", "INTEGER", "0"),
        archived = column_or(h, "archived", "INTEGER", "0"),
        kind = column_or(h, "type", "INTEGER", "0"),
        unit = column_or(h, "unit", "TEXT", "''"),
        target_type = column_or(h, "target_type", "INTEGER", "0"),
        target_value = column_or(h, "target_value", "REAL", "0"),
        hour = column_or(h, "reminder_hour", "INTEGER", "NULL"),
        minute = column_or(h, "reminder_min", "INTEGER", "NULL"),
        position = column_or(h, "position", "INTEGER", "0"),
        limit = MAX_HABITS + 1,
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(habit_sql))
        .fetch_all(&mut *connection)
        .await
        .map_err(|_| unreadable_db())?;
    if rows.len() > MAX_HABITS as usize {
        return Err(Message::new("error-import-too-many")
            .with("what", "habits")
            .with("max", MAX_HABITS));
    }
    let mut order: HashMap<i64, usize> = HashMap::new();
    let mut habits = Vec::with_capacity(rows.len());
    for row in &rows {
        let text = |name: &str| -> String {
            row.try_get::<Option<String>, _>(name)
                .ok()
                .flatten()
                .unwrap_or_default()
        };
        let number =
            |name: &str| -> Option<i64> { row.try_get::<Option<i64>, _>(name).ok().flatten() };
        let reminder = match (number("reminder_hour"), number("reminder_min")) {
            (Some(hour), Some(minute)) => Some(format!("{hour:02}:{minute:02}")),
            _ => None,
        };
        order.insert(number("id").unwrap_or_default(), habits.len());
        habits.push(LoopHabit {
            name: text("name"),
            question: text("question"),
            description: text("description"),
            freq_num: number("freq_num").unwrap_or(1),
            freq_den: number("freq_den").unwrap_or(1),
            color: Some(colour_of(version, number("color").unwrap_or_default())),
            archived: number("archived").unwrap_or_default() != 0,
            numerical: number("kind").unwrap_or_default() == 1,
            unit: text("unit"),
            target_type: number("target_type").unwrap_or_default(),
            target_value: row
                .try_get::<Option<f64>, _>("target_value")
                .ok()
                .flatten()
                .unwrap_or_default(),
            reminder,
            entries: Vec::new(),
        });
    }
    let e = &entry_columns;
    let entry_sql = format!(
        "SELECT CAST(habit AS INTEGER) AS habit, CAST(timestamp AS INTEGER) AS timestamp,
                {value} AS value, {notes} AS notes
         FROM Repetitions WHERE habit IS NOT NULL AND timestamp IS NOT NULL
         ORDER BY habit, timestamp, rowid LIMIT {limit}",
        value = column_or(e, "value", "INTEGER", &YES_MANUAL.to_string()),
        notes = column_or(e, "notes", "TEXT", "''"),
        limit = MAX_CHECKINS + 1,
    );
    let rows = sqlx::query(sqlx::AssertSqlSafe(entry_sql))
        .fetch_all(&mut *connection)
        .await
        .map_err(|_| unreadable_db())?;
    if rows.len() > MAX_CHECKINS {
        return Err(Message::new("error-import-too-many")
            .with("what", "check-ins")
            .with("max", MAX_CHECKINS));
    }
    let mut last: Option<(i64, i64)> = None;
    for row in &rows {
        let habit: i64 = row.try_get("habit").map_err(|_| unreadable_db())?;
        let millis: i64 = row.try_get("timestamp").map_err(|_| unreadable_db())?;
        // Loop's migration 22 keeps the first of two repetitions of one day.
        if last == Some((habit, millis)) {
            continue;
        }
        last = Some((habit, millis));
        let Some(&index) = order.get(&habit) else {
            continue;
        };
        let date = Timestamp::from_millisecond(millis)
            .map(|instant| TimeZone::UTC.to_datetime(instant).date())
            .map_err(|_| {
                Message::new("error-import-loop-timestamp")
                    .with("habit", habits[index].name.clone())
                    .with("timestamp", millis)
            })?;
        habits[index].entries.push(LoopEntry {
            date,
            value: row
                .try_get::<Option<i64>, _>("value")
                .ok()
                .flatten()
                .unwrap_or(YES_MANUAL),
            notes: row
                .try_get::<Option<String>, _>("notes")
                .ok()
                .flatten()
                .unwrap_or_default(),
        });
    }
    Ok(habits)
}
