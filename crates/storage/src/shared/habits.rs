use super::DbRow;
use super::DbStore;
use super::codec::{date, instant, to_date, to_instant, to_optional_date, to_optional_instant};
use super::summaries::{history_in, save_in};
use crate::decode::to_json;
use crate::{Habit, HabitInput, HabitRepo, StoreError, StoreResult, SummarizeHabit};
use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row as _;
use uuid::Uuid;

const COLUMNS: &str = "id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, archived_at, created_at, updated_at";

fn habit(row: &DbRow) -> StoreResult<Habit> {
    Ok(Habit {
        id: row.try_get("id")?,
        owner_id: row.try_get("owner_id")?,
        theme_id: row.try_get("theme_id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        schedule_type: row.try_get("schedule_type")?,
        schedule_config: to_json(row.try_get("schedule_config")?)?,
        starts_on: to_date(row.try_get("starts_on")?)?,
        ends_on: to_optional_date(row.try_get("ends_on")?)?,
        archived_at: to_optional_instant(row.try_get("archived_at")?)?,
        created_at: to_instant(row.try_get("created_at")?)?,
        updated_at: to_instant(row.try_get("updated_at")?)?,
    })
}

#[async_trait]
impl HabitRepo for DbStore {
    async fn create(&self, owner: Uuid, input: &HabitInput, now: Timestamp) -> StoreResult<Habit> {
        let sql = format!(
            "INSERT INTO habits (id, owner_id, theme_id, name, description, schedule_type, schedule_config, starts_on, ends_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Uuid::now_v7())
            .bind(owner)
            .bind(input.theme_id)
            .bind(&input.name)
            .bind(&input.description)
            .bind(&input.schedule_type)
            .bind(input.schedule_config.to_string())
            .bind(date(input.starts_on))
            .bind(input.ends_on.map(date))
            .bind(instant(now))
            .fetch_one(&self.pool)
            .await?;
        habit(&row)
    }

    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Habit>> {
        let sql = format!("SELECT {COLUMNS} FROM habits WHERE owner_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(habit).transpose()
    }

    async fn list(&self, owner: Uuid) -> StoreResult<Vec<Habit>> {
        let sql =
            format!("SELECT {COLUMNS} FROM habits WHERE owner_id = $1 ORDER BY created_at, id");
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(habit).collect()
    }

    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        input: &HabitInput,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Habit> {
        let mut tx = self.write().await?;
        let sql = format!(
            "UPDATE habits SET theme_id = $3, name = $4, description = $5, schedule_type = $6, schedule_config = $7,
                    starts_on = $8, ends_on = $9, updated_at = $10
             WHERE owner_id = $1 AND id = $2 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(id)
            .bind(input.theme_id)
            .bind(&input.name)
            .bind(&input.description)
            .bind(&input.schedule_type)
            .bind(input.schedule_config.to_string())
            .bind(date(input.starts_on))
            .bind(input.ends_on.map(date))
            .bind(instant(now))
            .fetch_optional(&mut *tx)
            .await?;
        let updated = row
            .as_ref()
            .map(habit)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        let history = history_in(&mut tx, id).await?;
        save_in(&mut tx, owner, id, &summarize(&updated, &history)).await?;
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
        let sql = format!(
            "UPDATE habits SET archived_at = $3, updated_at = $4
             WHERE owner_id = $1 AND id = $2 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(id)
            .bind(archived_at.map(instant))
            .bind(instant(now))
            .fetch_optional(&mut *tx)
            .await?;
        let updated = row
            .as_ref()
            .map(habit)
            .transpose()?
            .ok_or(StoreError::NotFound)?;
        let history = history_in(&mut tx, id).await?;
        save_in(&mut tx, owner, id, &summarize(&updated, &history)).await?;
        tx.commit().await?;
        Ok(updated)
    }

    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM habits WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
