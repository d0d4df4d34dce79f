use super::SqliteStore;
use super::codec::{date, instant, to_date, to_instant, to_optional_date, to_optional_instant};
use super::summaries::resummarize_in;
use crate::decode::{
    KindColumns, to_habits_with_pauses, to_kind, to_optional_amount, to_rule, with_pauses,
};
use crate::reminder_columns::to_times;
use crate::summary_numbers::PackedCounts;
use crate::{HabitRepo, ListedHabit, StoreError, StoreResult, SummarizeHabit, ThemeNameAndColor};
use async_trait::async_trait;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::model::{Habit, HabitInput, OwnerPauses};
use habitflow_domain::quota::Quota;
use habitflow_domain::reminder::ReminderTimes;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::SqliteConnection;
use uuid::Uuid;

/// A habit's columns; also read from the JSON array of `list_for_day`, in
/// the order of the fields (ids as hex text there, as JSON holds no blobs).
#[derive(sqlx::FromRow, serde::Deserialize)]
struct HabitRow {
    id: Uuid,
    owner_id: Uuid,
    theme_id: Option<Uuid>,
    name: String,
    description: String,
    schedule_type: String,
    schedule_config: String,
    starts_on: String,
    ends_on: Option<String>,
    archived_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
    #[sqlx(flatten)]
    kind: KindColumns,
}

/// A habit of the list with its pauses and the owner's vacations, each a
/// JSON array of `[id, from, to]`.
#[derive(sqlx::FromRow)]
struct HabitWithPausesRow {
    #[sqlx(flatten)]
    habit: HabitRow,
    pauses: String,
    vacations: String,
}

/// A habit of `list_for_day`: everything but its pauses, the owner's
/// vacations and the summary's strengths as one JSON array (`listed`, the
/// fields of `ListedHabitFields` in their order). sqlx copies every column
/// of an SQLite row out of the database, at the cost of two allocations
/// each, which made the list's dozen rows of about thirty columns cost more
/// than the rest of the request; one array a row costs a fraction, and
/// less than an object, whose keys the database writes and serde matches
/// (docs/architecture.md#reading-habits-without-their-history).
#[derive(sqlx::FromRow)]
struct ListedHabitRow {
    listed: String,
    strength: Option<f64>,
    strength_before_last: Option<f64>,
    pauses: String,
    vacations: String,
}

/// The array of a `ListedHabitRow`, field by field in this order: the
/// habit's row (itself an array of `HabitRow`'s fields, its kind an array of
/// `KindColumns`'), its theme's name and color (none without a theme), its
/// summary's last counted check-in and counts (none for a habit without a
/// summary), the kind and value of its check-in of the day, if any, and its
/// reminder times.
#[derive(serde::Deserialize)]
struct ListedHabitFields {
    habit: HabitRow,
    theme_name: Option<String>,
    theme_color: Option<String>,
    last_checkin: Option<String>,
    summary_counts: Option<PackedCounts>,
    day_kind: Option<String>,
    day_value: Option<i64>,
    reminder_times: Option<String>,
}

impl ListedHabitRow {
    /// The listed habit, with its aggregated pauses and the owner's vacations.
    fn decode(self, day: Date) -> StoreResult<(ListedHabit, String, String)> {
        let listed: ListedHabitFields = serde_json::from_str(&self.listed)
            .map_err(|e| StoreError::Other(format!("bad listed habit: {e}")))?;
        let summary = match listed.summary_counts {
            Some(counts) => Some(
                counts
                    .with_strengths(self.strength, self.strength_before_last)?
                    .with_last_checkin(to_optional_date(listed.last_checkin)?)?,
            ),
            None => None,
        };
        let checkin_of_day = match listed.day_kind {
            Some(kind) => Some(Checkin {
                date: day,
                kind: to_kind(&kind)?,
                value: to_optional_amount(listed.day_value)?,
            }),
            None => None,
        };
        let theme = match (listed.theme_name, listed.theme_color) {
            (Some(name), Some(color)) => Some(ThemeNameAndColor { name, color }),
            _ => None,
        };
        let listed = ListedHabit {
            habit: listed.habit.try_into()?,
            theme,
            summary,
            checkin_of_day,
            reminder_times: match listed.reminder_times {
                Some(json) => to_times(&json)?,
                None => ReminderTimes::default(),
            },
        };
        Ok((listed, self.pauses, self.vacations))
    }
}

impl TryFrom<HabitRow> for Habit {
    type Error = StoreError;

    fn try_from(row: HabitRow) -> StoreResult<Self> {
        Ok(Habit {
            id: row.id,
            owner_id: row.owner_id,
            theme_id: row.theme_id,
            name: row.name,
            description: row.description,
            rule: to_rule(&row.schedule_type, &row.schedule_config)?,
            kind: row.kind.decode()?,
            starts_on: to_date(&row.starts_on)?,
            ends_on: to_optional_date(row.ends_on)?,
            archived_at: to_optional_instant(row.archived_at)?,
            created_at: to_instant(row.created_at)?,
            updated_at: to_instant(row.updated_at)?,
        })
    }
}

/// Whether the habit is the owner's, asked inside a write transaction: its
/// `BEGIN IMMEDIATE` already holds the database's write lock, so writes on the
/// habit run one after another.
pub(super) async fn lock_habit(
    connection: &mut SqliteConnection,
    owner: Uuid,
    habit: Uuid,
) -> StoreResult<bool> {
    let found: Option<Uuid> =
        sqlx::query_scalar("SELECT id FROM habits WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(habit)
            .fetch_optional(connection)
            .await?;
    Ok(found.is_some())
}

const HABIT_OF_OWNER: &str = "SELECT id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, archived_at, created_at, updated_at, kind, unit, target, target_type
     FROM habits WHERE owner_id = $1 AND id = $2";

const HABITS_OF_OWNER: &str = "SELECT id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, archived_at, created_at, updated_at, kind, unit, target, target_type
     FROM habits WHERE owner_id = $1 ORDER BY created_at, id";

/// The owner's habit, read inside the caller's write transaction (which
/// holds the write lock, as for `lock_habit`).
pub(super) async fn habit_in(
    connection: &mut SqliteConnection,
    owner: Uuid,
    habit: Uuid,
) -> StoreResult<Option<Habit>> {
    let row: Option<HabitRow> = sqlx::query_as(HABIT_OF_OWNER)
        .bind(owner)
        .bind(habit)
        .fetch_optional(connection)
        .await?;
    row.map(Habit::try_from).transpose()
}

/// All of the owner's habits, read inside the caller's transaction.
pub(super) async fn habits_in(
    connection: &mut SqliteConnection,
    owner: Uuid,
) -> StoreResult<Vec<Habit>> {
    let rows: Vec<HabitRow> = sqlx::query_as(HABITS_OF_OWNER)
        .bind(owner)
        .fetch_all(connection)
        .await?;
    rows.into_iter().map(Habit::try_from).collect()
}

#[async_trait]
impl HabitRepo for SqliteStore {
    async fn create(&self, owner: Uuid, input: &HabitInput, now: Timestamp) -> StoreResult<Habit> {
        // The write lock, taken at once, makes the count and the insert one step.
        let kind = KindColumns::of(&input.kind);
        let mut tx = self.write().await?;
        let row: Option<HabitRow> = sqlx::query_as(
            "INSERT INTO habits (id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, created_at, updated_at,
                                 kind, unit, target, target_type)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10, $12, $13, $14, $15
             WHERE (SELECT COUNT(*) FROM habits WHERE owner_id = $2) < $11
             RETURNING id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, archived_at, created_at, updated_at, kind, unit, target, target_type",
        )
        .bind(Uuid::now_v7())
        .bind(owner)
        .bind(input.theme_id)
        .bind(input.name.as_str())
        .bind(input.description.as_str())
        .bind(input.rule.type_name())
        .bind(input.rule.config().to_string())
        .bind(date(input.starts_on))
        .bind(input.ends_on.map(date))
        .bind(instant(now))
        .bind(i64::from(Quota::Habits.limit()))
        .bind(kind.kind)
        .bind(kind.unit)
        .bind(kind.target)
        .bind(kind.target_type)
        .fetch_optional(&mut *tx)
        .await?;
        let row = row.ok_or(StoreError::QuotaExceeded(Quota::Habits))?;
        tx.commit().await?;
        row.try_into()
    }

    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Habit>> {
        let mut connection = self.pool.acquire().await?;
        habit_in(&mut connection, owner, id).await
    }

    async fn list(&self, owner: Uuid) -> StoreResult<Vec<Habit>> {
        let mut connection = self.pool.acquire().await?;
        habits_in(&mut connection, owner).await
    }

    async fn list_with_pauses(&self, owner: Uuid) -> StoreResult<(Vec<Habit>, OwnerPauses)> {
        let rows: Vec<HabitWithPausesRow> = sqlx::query_as(
            "SELECT id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, archived_at, created_at, updated_at, kind, unit, target, target_type,
                    (SELECT json_group_array(json_array(lower(hex(p.id)), p.from_date, p.to_date))
                     FROM habit_pauses p WHERE p.habit_id = habits.id) AS pauses,
                    (SELECT json_group_array(json_array(lower(hex(v.id)), v.from_date, v.to_date))
                     FROM vacations v WHERE v.owner_id = $1) AS vacations
             FROM habits WHERE owner_id = $1 ORDER BY created_at, id",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        let rows = rows
            .into_iter()
            .map(|row| (row.habit, row.pauses, row.vacations))
            .collect();
        to_habits_with_pauses(rows, owner)
    }

    async fn list_for_day(
        &self,
        owner: Uuid,
        day: Date,
    ) -> StoreResult<(Vec<ListedHabit>, OwnerPauses)> {
        let rows: Vec<ListedHabitRow> = sqlx::query_as(
            "SELECT json_array(
                        json_array(hex(h.id), hex(h.owner_id), iif(h.theme_id IS NULL, NULL, hex(h.theme_id)),
                                   h.name, h.description, h.schedule_type, h.schedule_config,
                                   h.starts_on, h.ends_on, h.archived_at, h.created_at, h.updated_at,
                                   json_array(h.kind, h.unit, h.target, h.target_type)),
                        t.name, t.color, s.last_checkin,
                        iif(s.habit_id IS NULL, NULL,
                            json_array(s.run_done, s.best_streak, s.done, s.skipped, s.run_before_last,
                                       s.best_before_last, s.paused_logged, s.logged_active,
                                       s.last_period_done, s.last_period_sum)),
                        c.kind, c.value, r.reminder_times) AS listed,
                    s.strength, s.strength_before_last,
                    (SELECT json_group_array(json_array(lower(hex(p.id)), p.from_date, p.to_date))
                     FROM habit_pauses p WHERE p.habit_id = h.id) AS pauses,
                    (SELECT json_group_array(json_array(lower(hex(v.id)), v.from_date, v.to_date))
                     FROM vacations v WHERE v.owner_id = $1) AS vacations
             FROM habits h
             LEFT JOIN themes t ON t.id = h.theme_id
             LEFT JOIN habit_summaries s ON s.habit_id = h.id
             LEFT JOIN checkins c ON c.habit_id = h.id AND c.date = $2
             LEFT JOIN habit_reminders r ON r.habit_id = h.id
             WHERE h.owner_id = $1",
        )
        .bind(owner)
        .bind(date(day))
        .fetch_all(&self.pool)
        .await?;
        let mut rows = rows
            .into_iter()
            .map(|row| row.decode(day))
            .collect::<StoreResult<Vec<_>>>()?;
        // Oldest first, as `list`; sorted here rather than by the database,
        // which would sort the wide rows with their aggregated pauses.
        rows.sort_by_key(|(listed, _, _)| (listed.habit.created_at, listed.habit.id));
        with_pauses(rows, owner, |listed| listed.habit.id)
    }

    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        input: &HabitInput,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Habit> {
        let kind = KindColumns::of(&input.kind);
        let mut tx = self.write().await?;
        let row: Option<HabitRow> = sqlx::query_as(
            "UPDATE habits SET theme_id = $3, name = $4, description = $5, schedule_type = $6, schedule_config = $7,
                    starts_on = $8, ends_on = $9, updated_at = $10, kind = $11, unit = $12, target = $13, target_type = $14
             WHERE owner_id = $1 AND id = $2
             RETURNING id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, archived_at, created_at, updated_at, kind, unit, target, target_type",
        )
        .bind(owner)
        .bind(id)
        .bind(input.theme_id)
        .bind(input.name.as_str())
        .bind(input.description.as_str())
        .bind(input.rule.type_name())
        .bind(input.rule.config().to_string())
        .bind(date(input.starts_on))
        .bind(input.ends_on.map(date))
        .bind(instant(now))
        .bind(kind.kind)
        .bind(kind.unit)
        .bind(kind.target)
        .bind(kind.target_type)
        .fetch_optional(&mut *tx)
        .await?;
        let updated = Habit::try_from(row.ok_or(StoreError::NotFound)?)?;
        resummarize_in(&mut tx, owner, id, |pauses, history| {
            summarize(&updated, pauses, history)
        })
        .await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn set_archived_at(
        &self,
        owner: Uuid,
        id: Uuid,
        archived_at: Option<Timestamp>,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Habit> {
        let mut tx = self.write().await?;
        let row: Option<HabitRow> = sqlx::query_as(
            "UPDATE habits SET archived_at = $3, updated_at = $4
             WHERE owner_id = $1 AND id = $2
             RETURNING id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, archived_at, created_at, updated_at, kind, unit, target, target_type",
        )
        .bind(owner)
        .bind(id)
        .bind(archived_at.map(instant))
        .bind(instant(now))
        .fetch_optional(&mut *tx)
        .await?;
        let updated = Habit::try_from(row.ok_or(StoreError::NotFound)?)?;
        resummarize_in(&mut tx, owner, id, |pauses, history| {
            summarize(&updated, pauses, history)
        })
        .await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM habits WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
