use super::SqliteStore;
use super::checkin_states::{checkin_in, resummarize_after_write};
use super::codec::{date, instant, to_date};
use super::habits::lock_habit;
use crate::decode::{StatisticsRow, statistics_read, to_kind, to_optional_amount};
use crate::{CheckinRepo, CheckinWritten, StoreError, StoreResult, Summarize};
use async_trait::async_trait;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::model::{CheckinRecord, CheckinWrite, MonthsAndRows};
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(super) struct CheckinRow {
    habit_id: Uuid,
    date: String,
    kind: String,
    note: String,
    value: Option<i64>,
}

impl TryFrom<CheckinRow> for CheckinRecord {
    type Error = StoreError;

    fn try_from(row: CheckinRow) -> StoreResult<Self> {
        Ok(CheckinRecord {
            habit_id: row.habit_id,
            date: to_date(&row.date)?,
            kind: to_kind(&row.kind)?,
            note: row.note,
            value: to_optional_amount(row.value)?,
        })
    }
}

#[async_trait]
impl CheckinRepo for SqliteStore {
    async fn put(
        &self,
        checkin: &CheckinWrite,
        summarize: Summarize<'_>,
    ) -> StoreResult<CheckinWritten> {
        let mut tx = self.write().await?;
        if !lock_habit(&mut tx, checkin.owner, checkin.habit_id).await? {
            return Err(StoreError::NotFound);
        }
        let before = checkin_in(&mut tx, checkin.habit_id, checkin.date).await?;
        let done = sqlx::query(
            "INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at, value)
             VALUES ($1, $2, $3, $4, $5, $6, $7)
             ON CONFLICT (habit_id, date) DO UPDATE SET kind = excluded.kind, note = excluded.note, value = excluded.value
             WHERE checkins.kind <> excluded.kind OR checkins.note <> excluded.note OR checkins.value IS NOT excluded.value",
        )
        .bind(checkin.habit_id)
        .bind(checkin.owner)
        .bind(date(checkin.date))
        .bind(checkin.kind.code())
        .bind(checkin.note.as_str())
        .bind(instant(checkin.now))
        .bind(checkin.value.map(|value| value.thousandths()))
        .execute(&mut *tx)
        .await?;
        let after = Checkin {
            date: checkin.date,
            kind: checkin.kind,
            value: checkin.value,
        };
        let written = resummarize_after_write(
            &mut tx,
            checkin.owner,
            checkin.habit_id,
            checkin.date,
            (before, Some(after)),
            done.rows_affected() > 0,
            summarize,
        )
        .await?;
        tx.commit().await?;
        Ok(written)
    }

    async fn remove(
        &self,
        owner: Uuid,
        habit: Uuid,
        day: Date,
        summarize: Summarize<'_>,
    ) -> StoreResult<Option<CheckinWritten>> {
        let mut tx = self.write().await?;
        if !lock_habit(&mut tx, owner, habit).await? {
            return Ok(None);
        }
        let before = checkin_in(&mut tx, habit, day).await?;
        let done =
            sqlx::query("DELETE FROM checkins WHERE owner_id = $1 AND habit_id = $2 AND date = $3")
                .bind(owner)
                .bind(habit)
                .bind(date(day))
                .execute(&mut *tx)
                .await?;
        let written = resummarize_after_write(
            &mut tx,
            owner,
            habit,
            day,
            (before, None),
            done.rows_affected() > 0,
            summarize,
        )
        .await?;
        tx.commit().await?;
        Ok(Some(written))
    }

    async fn for_habit(
        &self,
        owner: Uuid,
        habit: Uuid,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<CheckinRecord>> {
        let rows: Vec<CheckinRow> = sqlx::query_as(
            "SELECT habit_id, date, kind, note, value FROM checkins
             WHERE owner_id = $1 AND habit_id = $2 AND date BETWEEN $3 AND $4 ORDER BY date",
        )
        .bind(owner)
        .bind(habit)
        .bind(date(from))
        .bind(date(to))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(CheckinRecord::try_from).collect()
    }

    async fn for_habits(&self, owner: Uuid, habits: &[Uuid]) -> StoreResult<Vec<CheckinRecord>> {
        if habits.is_empty() {
            return Ok(Vec::new());
        }
        // SQLite has no arrays: the ids travel as one JSON array of UUID
        // strings, turned back into the 16-byte blobs the table holds. The
        // unary `+` keeps the owner index out of the plan, which would read all
        // of the owner's check-ins; the primary key reads just these habits'.
        let ids: serde_json::Value = habits.iter().map(|id| id.to_string()).collect();
        let rows: Vec<CheckinRow> = sqlx::query_as(
            "SELECT habit_id, date, kind, note, value FROM checkins
             WHERE +owner_id = $1 AND habit_id IN (SELECT unhex(value, '-') FROM json_each($2))
             ORDER BY habit_id, date",
        )
        .bind(owner)
        .bind(ids.to_string())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(CheckinRecord::try_from).collect()
    }

    async fn for_owner_since(&self, owner: Uuid, since: Date) -> StoreResult<Vec<CheckinRecord>> {
        let rows: Vec<CheckinRow> = sqlx::query_as(
            "SELECT habit_id, date, kind, note, value FROM checkins
             WHERE owner_id = $1 AND date >= $2 ORDER BY habit_id, date",
        )
        .bind(owner)
        .bind(date(since))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(CheckinRecord::try_from).collect()
    }

    async fn months_and_rows(
        &self,
        owner: Uuid,
        since: Option<Date>,
        with_rows: &[Uuid],
    ) -> StoreResult<MonthsAndRows> {
        // The ids as one JSON array, as in `for_habits`; one query, so the
        // statistics keep their query count (crates/server/tests/queries).
        // Each habit's months from its primary key, from the month holding
        // `since` (from the first without it: '' sorts before every month).
        let ids: serde_json::Value = with_rows.iter().map(|id| id.to_string()).collect();
        let rows: Vec<StatisticsRow<String>> = sqlx::query_as(
            "SELECT h.id AS habit_id, NULL AS date, NULL AS kind, NULL AS note, NULL AS value,
                    (SELECT json_group_array(json_array(m.month, m.done_days, m.skipped_days))
                     FROM checkin_months m WHERE m.habit_id = h.id AND m.month >= $2) AS months,
                    NULL AS month_totals
             FROM habits h WHERE h.owner_id = $1
             UNION ALL
             SELECT habit_id, date, kind, note, value, NULL, NULL FROM checkins
             WHERE +owner_id = $1 AND habit_id IN (SELECT unhex(value, '-') FROM json_each($3))
               AND date >= $4",
        )
        .bind(owner)
        .bind(since.map_or_else(String::new, |since| date(since.first_of_month())))
        .bind(ids.to_string())
        .bind(since.map_or_else(String::new, date))
        .fetch_all(&self.pool)
        .await?;
        statistics_read(rows, |date| to_date(&date))
    }

    async fn all_time(
        &self,
        owner: Uuid,
        today: Date,
        with_months: &[Uuid],
        with_rows: &[Uuid],
    ) -> StoreResult<MonthsAndRows> {
        let ids = |ids: &[Uuid]| {
            ids.iter()
                .map(|id| id.to_string())
                .collect::<serde_json::Value>()
                .to_string()
        };
        // The owner's row: the first check-in (one step of the owner's date
        // index) and the past months' totals as one JSON array, one entry a
        // month however many habits there are. Then each habit's months from
        // its primary key: those of `with_months` from the first ('' sorts
        // before every month), the others from this month.
        let rows: Vec<StatisticsRow<String>> = sqlx::query_as(
            "SELECT NULL AS habit_id,
                    (SELECT date FROM checkins WHERE owner_id = $1 ORDER BY date LIMIT 1) AS date,
                    NULL AS kind, NULL AS note, NULL AS value, NULL AS months,
                    (SELECT json_group_array(json_array(month, done_count, skipped_count))
                     FROM checkin_month_totals WHERE owner_id = $1 AND month < $2) AS month_totals
             UNION ALL
             SELECT h.id, NULL, NULL, NULL, NULL,
                    (SELECT json_group_array(json_array(m.month, m.done_days, m.skipped_days))
                     FROM checkin_months m
                     WHERE m.habit_id = h.id
                       AND m.month >= iif(h.id IN (SELECT unhex(value, '-') FROM json_each($3)), '', $2)),
                    NULL
             FROM habits h WHERE h.owner_id = $1
             UNION ALL
             SELECT habit_id, date, kind, note, value, NULL, NULL FROM checkins
             WHERE +owner_id = $1 AND habit_id IN (SELECT unhex(value, '-') FROM json_each($4))",
        )
        .bind(owner)
        .bind(date(today.first_of_month()))
        .bind(ids(with_months))
        .bind(ids(with_rows))
        .fetch_all(&self.pool)
        .await?;
        statistics_read(rows, |date| to_date(&date))
    }

    async fn insert_many(
        &self,
        owner: Uuid,
        checkins: &[CheckinRecord],
        now: Timestamp,
    ) -> StoreResult<u64> {
        // All rows in one statement: a JSON array of `[habit_id, date, kind,
        // note, value]`, unpacked by `json_each`. (`WHERE true` lets SQLite parse the
        // ON CONFLICT clause after a SELECT.)
        let rows: serde_json::Value = checkins
            .iter()
            .map(|c| {
                serde_json::Value::from(vec![
                    serde_json::Value::from(c.habit_id.to_string()),
                    date(c.date).into(),
                    c.kind.code().into(),
                    c.note.clone().into(),
                    c.value.map(|value| value.thousandths()).into(),
                ])
            })
            .collect();
        let mut tx = self.write().await?;
        let done = sqlx::query(
            "INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at, value)
             SELECT unhex(value ->> 0, '-'), $1, value ->> 1, value ->> 2, value ->> 3, $2, value ->> 4
             FROM json_each($3) WHERE true
             ON CONFLICT (habit_id, date) DO NOTHING",
        )
        .bind(owner)
        .bind(instant(now))
        .bind(rows.to_string())
        .execute(&mut *tx)
        .await?;
        // The new rows carry no states (docs/architecture.md#check-in-writes).
        sqlx::query("UPDATE habit_summaries SET states_valid = false WHERE owner_id = $1")
            .bind(owner)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(done.rows_affected())
    }
}
