use super::PgStore;
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
use sqlx::types::time;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(super) struct CheckinRow {
    habit_id: Uuid,
    date: time::Date,
    kind: String,
    note: String,
    value: Option<i64>,
}

impl TryFrom<CheckinRow> for CheckinRecord {
    type Error = StoreError;

    fn try_from(row: CheckinRow) -> StoreResult<Self> {
        Ok(CheckinRecord {
            habit_id: row.habit_id,
            date: to_date(row.date)?,
            kind: to_kind(&row.kind)?,
            note: row.note,
            value: to_optional_amount(row.value)?,
        })
    }
}

#[async_trait]
impl CheckinRepo for PgStore {
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
             WHERE checkins.kind <> excluded.kind OR checkins.note <> excluded.note OR checkins.value IS DISTINCT FROM excluded.value",
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
        let rows: Vec<CheckinRow> = sqlx::query_as(
            "SELECT habit_id, date, kind, note, value FROM checkins
             WHERE owner_id = $1 AND habit_id = ANY($2) ORDER BY habit_id, date",
        )
        .bind(owner)
        .bind(habits)
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
        // One query, so the statistics keep their query count
        // (crates/server/tests/queries). Each habit's months from its
        // primary key, from the month holding `since` (all without it).
        let rows: Vec<StatisticsRow<time::Date>> = sqlx::query_as(
            "SELECT h.id AS habit_id, NULL::date AS date, NULL::text AS kind, NULL::text AS note,
                    NULL::bigint AS value,
                    (SELECT json_agg(json_build_array(m.month, m.done_days, m.skipped_days))
                     FROM checkin_months m
                     WHERE m.habit_id = h.id AND m.month >= COALESCE($2::date, '-infinity'))::text AS months,
                    NULL::text AS month_totals
             FROM habits h WHERE h.owner_id = $1
             UNION ALL
             SELECT habit_id, date, kind, note, value, NULL, NULL FROM checkins
             WHERE owner_id = $1 AND habit_id = ANY($3) AND ($4::date IS NULL OR date >= $4)",
        )
        .bind(owner)
        .bind(since.map(|since| date(since.first_of_month())))
        .bind(with_rows)
        .bind(since.map(date))
        .fetch_all(&self.pool)
        .await?;
        statistics_read(rows, to_date)
    }

    async fn all_time(
        &self,
        owner: Uuid,
        today: Date,
        with_months: &[Uuid],
        with_rows: &[Uuid],
    ) -> StoreResult<MonthsAndRows> {
        // The owner's row: the first check-in (one step of the owner's date
        // index) and the past months' totals as one JSON array, one entry a
        // month however many habits there are. Then each habit's months from
        // its primary key: those of `with_months` from the first, the others
        // from this month.
        let rows: Vec<StatisticsRow<time::Date>> = sqlx::query_as(
            "SELECT NULL::uuid AS habit_id,
                    (SELECT date FROM checkins WHERE owner_id = $1 ORDER BY date LIMIT 1) AS date,
                    NULL::text AS kind, NULL::text AS note, NULL::bigint AS value, NULL::text AS months,
                    (SELECT json_agg(json_build_array(month, done_count, skipped_count) ORDER BY month)
                     FROM checkin_month_totals WHERE owner_id = $1 AND month < $2)::text AS month_totals
             UNION ALL
             SELECT h.id, NULL, NULL, NULL, NULL,
                    (SELECT json_agg(json_build_array(m.month, m.done_days, m.skipped_days))
                     FROM checkin_months m
                     WHERE m.habit_id = h.id
                       AND m.month >= CASE WHEN h.id = ANY($3) THEN '-infinity'::date ELSE $2 END)::text,
                    NULL
             FROM habits h WHERE h.owner_id = $1
             UNION ALL
             SELECT habit_id, date, kind, note, value, NULL, NULL FROM checkins
             WHERE owner_id = $1 AND habit_id = ANY($4)",
        )
        .bind(owner)
        .bind(date(today.first_of_month()))
        .bind(with_months)
        .bind(with_rows)
        .fetch_all(&self.pool)
        .await?;
        statistics_read(rows, to_date)
    }

    async fn insert_many(
        &self,
        owner: Uuid,
        checkins: &[CheckinRecord],
        now: Timestamp,
    ) -> StoreResult<u64> {
        // All rows in one statement: one array a column, zipped by UNNEST.
        let habit_ids: Vec<Uuid> = checkins.iter().map(|c| c.habit_id).collect();
        let dates: Vec<time::Date> = checkins.iter().map(|c| date(c.date)).collect();
        let kinds: Vec<&str> = checkins.iter().map(|c| c.kind.code()).collect();
        let notes: Vec<&str> = checkins.iter().map(|c| c.note.as_str()).collect();
        let values: Vec<Option<i64>> = checkins
            .iter()
            .map(|c| c.value.map(|value| value.thousandths()))
            .collect();
        let mut tx = self.write().await?;
        let done = sqlx::query(
            "INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at, value)
             SELECT habit_id, $1, date, kind, note, $2, value
             FROM UNNEST($3::uuid[], $4::date[], $5::text[], $6::text[], $7::bigint[]) AS new (habit_id, date, kind, note, value)
             ON CONFLICT (habit_id, date) DO NOTHING",
        )
        .bind(owner)
        .bind(instant(now))
        .bind(habit_ids)
        .bind(dates)
        .bind(kinds)
        .bind(notes)
        .bind(values)
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
