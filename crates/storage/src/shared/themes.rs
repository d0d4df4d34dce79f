use super::DbRow;
use super::DbStore;
use super::codec::{instant, to_instant};
use crate::{StoreError, StoreResult, Theme, ThemeInput, ThemeRepo, ThemeWithCounts};
use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row as _;
use uuid::Uuid;

const COLUMNS: &str = "id, owner_id, name, color, created_at, updated_at";

fn theme(row: &DbRow) -> StoreResult<Theme> {
    Ok(Theme {
        id: row.try_get("id")?,
        owner_id: row.try_get("owner_id")?,
        name: row.try_get("name")?,
        color: row.try_get("color")?,
        created_at: to_instant(row.try_get("created_at")?)?,
        updated_at: to_instant(row.try_get("updated_at")?)?,
    })
}

#[async_trait]
impl ThemeRepo for DbStore {
    async fn create(&self, owner: Uuid, input: &ThemeInput, now: Timestamp) -> StoreResult<Theme> {
        let sql = format!(
            "INSERT INTO themes (id, owner_id, name, color, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $5) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Uuid::now_v7())
            .bind(owner)
            .bind(&input.name)
            .bind(&input.color)
            .bind(instant(now))
            .fetch_one(&self.pool)
            .await?;
        theme(&row)
    }

    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Theme>> {
        let sql = format!("SELECT {COLUMNS} FROM themes WHERE owner_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(theme).transpose()
    }

    async fn list_with_counts(&self, owner: Uuid) -> StoreResult<Vec<ThemeWithCounts>> {
        let rows = sqlx::query(
            "SELECT t.id, t.owner_id, t.name, t.color, t.created_at, t.updated_at,
                    (SELECT COUNT(*) FROM tasks WHERE tasks.theme_id = t.id) AS tasks_count,
                    (SELECT COUNT(*) FROM habits WHERE habits.theme_id = t.id) AS habits_count
             FROM themes t WHERE t.owner_id = $1 ORDER BY lower(t.name), t.id",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                Ok(ThemeWithCounts {
                    theme: theme(row)?,
                    tasks_count: row.try_get::<i64, _>("tasks_count")? as u32,
                    habits_count: row.try_get::<i64, _>("habits_count")? as u32,
                })
            })
            .collect()
    }

    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        input: &ThemeInput,
        now: Timestamp,
    ) -> StoreResult<Theme> {
        let sql = format!(
            "UPDATE themes SET name = $3, color = $4, updated_at = $5
             WHERE owner_id = $1 AND id = $2 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(id)
            .bind(&input.name)
            .bind(&input.color)
            .bind(instant(now))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref()
            .map(theme)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM themes WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
