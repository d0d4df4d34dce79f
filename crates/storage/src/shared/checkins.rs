use super::DbRow;
use super::codec::{date, instant, to_date};
use super::summaries::{history_in, save_in};
use super::{DbStore, SELECT_HABIT_FOR_WRITE};
use crate::decode::to_kind;
use crate::{CheckinRecord, CheckinRepo, StoreError, StoreResult, Summarize};
use async_trait::async_trait;
use habitflow_domain::checkin::CheckinKind;
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::Row as _;
use uuid::Uuid;

fn checkin(row: &DbRow) -> StoreResult<CheckinRecord> {
    Ok(CheckinRecord {
        habit_id: row.try_get("habit_id")?,
        date: to_date(row.try_get("date")?)?,
        kind: to_kind(row.try_get("kind")?)?,
        note: row.try_get("note")?,
    })
}

#[async_trait]
impl CheckinRepo for DbStore {
    async fn put(
        &self,
        owner: Uuid,
        habit: Uuid,
        day: Date,
        kind: CheckinKind,
        note: &str,
        now: Timestamp,
        summarize: Summarize<'_>,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        // Locks the habit, so concurrent writes summarize one after another.
        let owned: Option<Uuid> = sqlx::query_scalar(SELECT_HABIT_FOR_WRITE)
            .bind(owner)
            .bind(habit)
            .fetch_optional(&mut *tx)
            .await?;
        if owned.is_none() {
            return Err(StoreError::NotFound);
        }
        let done = sqlx::query(
            "INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (habit_id, date) DO UPDATE SET kind = excluded.kind, note = excluded.note
             WHERE checkins.kind <> excluded.kind OR checkins.note <> excluded.note",
        )
        .bind(habit)
        .bind(owner)
        .bind(date(day))
        .bind(kind.code())
        .bind(note)
        .bind(instant(now))
        .execute(&mut *tx)
        .await?;
        let changed = done.rows_affected() > 0;
        if changed {
            let history = history_in(&mut tx, habit).await?;
            save_in(&mut tx, owner, habit, &summarize(&history)).await?;
        }
        tx.commit().await?;
        Ok(changed)
    }

    async fn remove(
        &self,
        owner: Uuid,
        habit: Uuid,
        day: Date,
        summarize: Summarize<'_>,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let owned: Option<Uuid> = sqlx::query_scalar(SELECT_HABIT_FOR_WRITE)
            .bind(owner)
            .bind(habit)
            .fetch_optional(&mut *tx)
            .await?;
        if owned.is_none() {
            return Ok(false);
        }
        let done =
            sqlx::query("DELETE FROM checkins WHERE owner_id = $1 AND habit_id = $2 AND date = $3")
                .bind(owner)
                .bind(habit)
                .bind(date(day))
                .execute(&mut *tx)
                .await?;
        let removed = done.rows_affected() > 0;
        if removed {
            let history = history_in(&mut tx, habit).await?;
            save_in(&mut tx, owner, habit, &summarize(&history)).await?;
        }
        tx.commit().await?;
        Ok(removed)
    }

    async fn for_habit(
        &self,
        owner: Uuid,
        habit: Uuid,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<CheckinRecord>> {
        let rows = sqlx::query(
            "SELECT habit_id, date, kind, note FROM checkins
             WHERE owner_id = $1 AND habit_id = $2 AND date BETWEEN $3 AND $4 ORDER BY date",
        )
        .bind(owner)
        .bind(habit)
        .bind(date(from))
        .bind(date(to))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(checkin).collect()
    }

    async fn for_habits(&self, owner: Uuid, habits: &[Uuid]) -> StoreResult<Vec<CheckinRecord>> {
        if habits.is_empty() {
            return Ok(Vec::new());
        }
        let rows = super::checkins_of_habits(&self.pool, owner, habits).await?;
        rows.iter().map(checkin).collect()
    }

    async fn for_owner_since(&self, owner: Uuid, since: Date) -> StoreResult<Vec<CheckinRecord>> {
        let rows = sqlx::query(
            "SELECT habit_id, date, kind, note FROM checkins WHERE owner_id = $1 AND date >= $2 ORDER BY habit_id, date",
        )
        .bind(owner)
        .bind(date(since))
        .fetch_all(&self.pool)
        .await?;
        rows.iter().map(checkin).collect()
    }

    async fn insert_many(
        &self,
        owner: Uuid,
        checkins: &[CheckinRecord],
        now: Timestamp,
    ) -> StoreResult<u64> {
        let mut tx = self.write().await?;
        let mut inserted = 0;
        // 6 values a row; chunks stay far below both backends' parameter limits.
        for chunk in checkins.chunks(500) {
            let rows: Vec<String> = (0..chunk.len())
                .map(|i| {
                    let p = i * 6;
                    format!(
                        "(${}, ${}, ${}, ${}, ${}, ${})",
                        p + 1,
                        p + 2,
                        p + 3,
                        p + 4,
                        p + 5,
                        p + 6
                    )
                })
                .collect();
            let sql = format!(
                "INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at)
                 VALUES {} ON CONFLICT (habit_id, date) DO NOTHING",
                rows.join(", ")
            );
            let mut query = sqlx::query(sqlx::AssertSqlSafe(sql));
            for record in chunk {
                query = query
                    .bind(record.habit_id)
                    .bind(owner)
                    .bind(date(record.date))
                    .bind(record.kind.code())
                    .bind(record.note.as_str())
                    .bind(instant(now));
            }
            inserted += query.execute(&mut *tx).await?.rows_affected();
        }
        tx.commit().await?;
        Ok(inserted)
    }
}
