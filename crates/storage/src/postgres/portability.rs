use super::PgStore;
use super::checkins::CheckinRow;
use super::codec::{date, instant};
use super::pauses::resummarize_all;
use super::reminders::store_times;
use crate::decode::KindColumns;
use crate::portability::check_quotas;
use crate::{NextReminder, PortabilityRepo, StoreResult, SummarizeHabit};
use async_trait::async_trait;
use habitflow_domain::model::CheckinRecord;
use habitflow_domain::portability::plan::{ImportPlan, PlannedHabit, Stamps};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::PgConnection;
use sqlx::types::time::{self, OffsetDateTime};
use uuid::Uuid;

/// A record's creation and last change: the plan's, else `now`.
fn times(stamps: Stamps, now: Timestamp) -> (OffsetDateTime, OffsetDateTime) {
    let created = stamps.created_at.unwrap_or(now);
    (
        instant(created),
        instant(stamps.updated_at.unwrap_or(created)),
    )
}

async fn insert_habit(
    connection: &mut PgConnection,
    owner: Uuid,
    habit: &PlannedHabit,
    theme_id: Option<Uuid>,
    now: Timestamp,
    next_reminder: NextReminder<'_>,
) -> StoreResult<()> {
    let id = Uuid::now_v7();
    let kind = KindColumns::of(&habit.kind);
    let (created_at, updated_at) = times(habit.stamps, now);
    sqlx::query(
        "INSERT INTO habits (id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on,
                             archived_at, created_at, updated_at, kind, unit, target, target_type)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16)",
    )
    .bind(id)
    .bind(owner)
    .bind(theme_id)
    .bind(habit.name.as_str())
    .bind(habit.description.as_str())
    .bind(habit.rule.type_name())
    .bind(habit.rule.config().to_string())
    .bind(date(habit.starts_on))
    .bind(habit.ends_on.map(date))
    .bind(habit.archived_at.map(instant))
    .bind(created_at)
    .bind(updated_at)
    .bind(kind.kind)
    .bind(kind.unit)
    .bind(kind.target)
    .bind(kind.target_type)
    .execute(&mut *connection)
    .await?;
    // All check-ins in one statement: one array a column, zipped by UNNEST.
    let dates: Vec<time::Date> = habit.checkins.iter().map(|c| date(c.date)).collect();
    let kinds: Vec<&str> = habit.checkins.iter().map(|c| c.kind.code()).collect();
    let notes: Vec<&str> = habit.checkins.iter().map(|c| c.note.as_str()).collect();
    let values: Vec<Option<i64>> = habit
        .checkins
        .iter()
        .map(|c| c.value.map(|value| value.thousandths()))
        .collect();
    sqlx::query(
        "INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at, value)
         SELECT $1, $2, date, kind, note, $3, value
         FROM UNNEST($4::date[], $5::text[], $6::text[], $7::bigint[]) AS new (date, kind, note, value)",
    )
    .bind(id)
    .bind(owner)
    .bind(instant(now))
    .bind(dates)
    .bind(kinds)
    .bind(notes)
    .bind(values)
    .execute(&mut *connection)
    .await?;
    for pause in &habit.pauses {
        sqlx::query(
            "INSERT INTO habit_pauses (id, owner_id, habit_id, from_date, to_date) VALUES ($1, $2, $3, $4, $5)",
        )
        .bind(Uuid::now_v7())
        .bind(owner)
        .bind(id)
        .bind(date(pause.from()))
        .bind(date(pause.to()))
        .execute(&mut *connection)
        .await?;
    }
    let times = &habit.reminder_times;
    store_times(connection, owner, id, times, next_reminder(times)).await?;
    Ok(())
}

#[async_trait]
impl PortabilityRepo for PgStore {
    async fn checkins_after(
        &self,
        owner: Uuid,
        habit: Uuid,
        after: Option<Date>,
        limit: u32,
    ) -> StoreResult<Vec<CheckinRecord>> {
        // Keyset pages on the (habit_id, date) primary key (docs/data.md#the-export).
        let rows: Vec<CheckinRow> = match after {
            Some(after) => {
                sqlx::query_as(
                    "SELECT habit_id, date, kind, note, value FROM checkins
                     WHERE habit_id = $2 AND date > $3::date AND owner_id = $1
                     ORDER BY date LIMIT $4",
                )
                .bind(owner)
                .bind(habit)
                .bind(date(after))
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
            None => {
                sqlx::query_as(
                    "SELECT habit_id, date, kind, note, value FROM checkins
                     WHERE habit_id = $2 AND owner_id = $1
                     ORDER BY date LIMIT $3",
                )
                .bind(owner)
                .bind(habit)
                .bind(i64::from(limit))
                .fetch_all(&self.pool)
                .await?
            }
        };
        rows.into_iter().map(CheckinRecord::try_from).collect()
    }

    async fn write_import(
        &self,
        owner: Uuid,
        plan: &ImportPlan,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
        next_reminder: NextReminder<'_>,
    ) -> StoreResult<()> {
        // The owner's row, locked, makes the quota counts and the inserts one step.
        let mut tx = self.owner_write(owner).await?;
        let owned: (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT COUNT(*) FROM themes WHERE owner_id = $1),
                    (SELECT COUNT(*) FROM tasks WHERE owner_id = $1),
                    (SELECT COUNT(*) FROM habits WHERE owner_id = $1)",
        )
        .bind(owner)
        .fetch_one(&mut *tx)
        .await?;
        check_quotas(owned, plan.counts())?;
        let mut theme_ids = Vec::with_capacity(plan.themes.len());
        for theme in &plan.themes {
            let id = Uuid::now_v7();
            let (created_at, updated_at) = times(theme.stamps, now);
            sqlx::query(
                "INSERT INTO themes (id, owner_id, name, color, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)",
            )
            .bind(id)
            .bind(owner)
            .bind(theme.name.as_str())
            .bind(&theme.color)
            .bind(created_at)
            .bind(updated_at)
            .execute(&mut *tx)
            .await?;
            theme_ids.push(id);
        }
        let theme_of = |index: Option<usize>| index.and_then(|i| theme_ids.get(i).copied());
        for task in &plan.tasks {
            let (created_at, updated_at) = times(task.stamps, now);
            sqlx::query(
                "INSERT INTO tasks (id, owner_id, theme_id, name, description, priority, due_on, completed_at, created_at, updated_at)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
            )
            .bind(Uuid::now_v7())
            .bind(owner)
            .bind(theme_of(task.theme))
            .bind(task.name.as_str())
            .bind(task.description.as_str())
            .bind(task.priority.code())
            .bind(task.due_on.map(date))
            .bind(task.completed_at.map(instant))
            .bind(created_at)
            .bind(updated_at)
            .execute(&mut *tx)
            .await?;
        }
        for habit in &plan.habits {
            insert_habit(
                &mut tx,
                owner,
                habit,
                theme_of(habit.theme),
                now,
                next_reminder,
            )
            .await?;
        }
        for vacation in &plan.vacations {
            sqlx::query(
                "INSERT INTO vacations (id, owner_id, from_date, to_date) VALUES ($1, $2, $3, $4)",
            )
            .bind(Uuid::now_v7())
            .bind(owner)
            .bind(date(vacation.from()))
            .bind(date(vacation.to()))
            .execute(&mut *tx)
            .await?;
        }
        resummarize_all(&mut tx, owner, summarize).await?;
        tx.commit().await?;
        Ok(())
    }
}
