use super::SqliteStore;
use super::codec::{instant, to_instant};
use crate::{StoreError, StoreResult, ThemeRepo};
use async_trait::async_trait;
use habitflow_domain::model::{Page, Theme, ThemeInput, ThemeWithCounts};
use habitflow_domain::quota::Quota;
use jiff::Timestamp;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct ThemeRow {
    id: Uuid,
    owner_id: Uuid,
    name: String,
    color: String,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<ThemeRow> for Theme {
    type Error = StoreError;

    fn try_from(row: ThemeRow) -> StoreResult<Self> {
        Ok(Theme {
            id: row.id,
            owner_id: row.owner_id,
            name: row.name,
            color: row.color,
            created_at: to_instant(row.created_at)?,
            updated_at: to_instant(row.updated_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ThemeWithCountsRow {
    #[sqlx(flatten)]
    theme: ThemeRow,
    tasks_count: i64,
    habits_count: i64,
}

impl TryFrom<ThemeWithCountsRow> for ThemeWithCounts {
    type Error = StoreError;

    fn try_from(row: ThemeWithCountsRow) -> StoreResult<Self> {
        Ok(ThemeWithCounts {
            theme: row.theme.try_into()?,
            tasks_count: row.tasks_count as u32,
            habits_count: row.habits_count as u32,
        })
    }
}

/// A theme of a list page, with the number of the owner's themes.
#[derive(sqlx::FromRow)]
struct ThemePageRow {
    #[sqlx(flatten)]
    theme: ThemeWithCountsRow,
    total: i64,
}

#[async_trait]
impl ThemeRepo for SqliteStore {
    async fn create(&self, owner: Uuid, input: &ThemeInput, now: Timestamp) -> StoreResult<Theme> {
        // The write lock, taken at once, makes the count and the insert one step.
        let mut tx = self.write().await?;
        let row: Option<ThemeRow> = sqlx::query_as(
            "INSERT INTO themes (id, owner_id, name, color, created_at, updated_at)
             SELECT $1, $2, $3, $4, $5, $5
             WHERE (SELECT COUNT(*) FROM themes WHERE owner_id = $2) < $6
             RETURNING id, owner_id, name, color, created_at, updated_at",
        )
        .bind(Uuid::now_v7())
        .bind(owner)
        .bind(input.name.as_str())
        .bind(&input.color)
        .bind(instant(now))
        .bind(i64::from(Quota::Themes.limit()))
        .fetch_optional(&mut *tx)
        .await?;
        let row = row.ok_or(StoreError::QuotaExceeded(Quota::Themes))?;
        tx.commit().await?;
        row.try_into()
    }

    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Theme>> {
        let row: Option<ThemeRow> = sqlx::query_as(
            "SELECT id, owner_id, name, color, created_at, updated_at
             FROM themes WHERE owner_id = $1 AND id = $2",
        )
        .bind(owner)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Theme::try_from).transpose()
    }

    async fn list_with_counts(&self, owner: Uuid) -> StoreResult<Vec<ThemeWithCounts>> {
        let rows: Vec<ThemeWithCountsRow> = sqlx::query_as(
            "SELECT t.id, t.owner_id, t.name, t.color, t.created_at, t.updated_at,
                    (SELECT COUNT(*) FROM tasks WHERE tasks.theme_id = t.id) AS tasks_count,
                    (SELECT COUNT(*) FROM habits WHERE habits.theme_id = t.id) AS habits_count
             FROM themes t WHERE t.owner_id = $1 ORDER BY lower(t.name), t.id",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ThemeWithCounts::try_from).collect()
    }

    async fn page_with_counts(
        &self,
        owner: Uuid,
        limit: u32,
        offset: u32,
    ) -> StoreResult<Page<ThemeWithCounts>> {
        let rows: Vec<ThemePageRow> = sqlx::query_as(
            "SELECT t.id, t.owner_id, t.name, t.color, t.created_at, t.updated_at,
                    (SELECT COUNT(*) FROM tasks WHERE tasks.theme_id = t.id) AS tasks_count,
                    (SELECT COUNT(*) FROM habits WHERE habits.theme_id = t.id) AS habits_count,
                    COUNT(*) OVER () AS total
             FROM themes t WHERE t.owner_id = $1 ORDER BY lower(t.name), t.id
             LIMIT $2 OFFSET $3",
        )
        .bind(owner)
        .bind(i64::from(limit))
        .bind(i64::from(offset))
        .fetch_all(&self.pool)
        .await?;
        let total: i64 = match rows.first() {
            Some(row) => row.total,
            None if offset == 0 => 0,
            // Only a page past the end needs its own count.
            None => {
                sqlx::query_scalar("SELECT COUNT(*) FROM themes WHERE owner_id = $1")
                    .bind(owner)
                    .fetch_one(&self.pool)
                    .await?
            }
        };
        Ok(Page {
            items: rows
                .into_iter()
                .map(|row| ThemeWithCounts::try_from(row.theme))
                .collect::<StoreResult<_>>()?,
            total: total as u32,
        })
    }

    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        input: &ThemeInput,
        now: Timestamp,
    ) -> StoreResult<Theme> {
        let row: Option<ThemeRow> = sqlx::query_as(
            "UPDATE themes SET name = $3, color = $4, updated_at = $5
             WHERE owner_id = $1 AND id = $2
             RETURNING id, owner_id, name, color, created_at, updated_at",
        )
        .bind(owner)
        .bind(id)
        .bind(input.name.as_str())
        .bind(&input.color)
        .bind(instant(now))
        .fetch_optional(&self.writer)
        .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM themes WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
