use super::DbRow;
use super::codec::{date, instant, to_instant, to_optional_date, to_optional_instant};
use super::{DbStore, THEME_FILTER};
use crate::decode::to_priority;
use crate::task_list_sql::{order_by, status_filter};
use crate::{Page, StoreError, StoreResult, Task, TaskInput, TaskQuery, TaskRepo};
use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row as _;
use uuid::Uuid;

const COLUMNS: &str = "id, owner_id, theme_id, name, description, priority, due_on, completed_at, created_at, updated_at";

fn task(row: &DbRow) -> StoreResult<Task> {
    Ok(Task {
        id: row.try_get("id")?,
        owner_id: row.try_get("owner_id")?,
        theme_id: row.try_get("theme_id")?,
        name: row.try_get("name")?,
        description: row.try_get("description")?,
        priority: to_priority(row.try_get("priority")?)?,
        due_on: to_optional_date(row.try_get("due_on")?)?,
        completed_at: to_optional_instant(row.try_get("completed_at")?)?,
        created_at: to_instant(row.try_get("created_at")?)?,
        updated_at: to_instant(row.try_get("updated_at")?)?,
    })
}

#[async_trait]
impl TaskRepo for DbStore {
    async fn create(&self, owner: Uuid, input: &TaskInput, now: Timestamp) -> StoreResult<Task> {
        let sql = format!(
            "INSERT INTO tasks (id, owner_id, theme_id, name, description, priority, due_on, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Uuid::now_v7())
            .bind(owner)
            .bind(input.theme_id)
            .bind(&input.name)
            .bind(&input.description)
            .bind(input.priority.code())
            .bind(input.due_on.map(date))
            .bind(instant(now))
            .fetch_one(&self.pool)
            .await?;
        task(&row)
    }

    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Task>> {
        let sql = format!("SELECT {COLUMNS} FROM tasks WHERE owner_id = $1 AND id = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(task).transpose()
    }

    async fn list(&self, owner: Uuid, query: &TaskQuery) -> StoreResult<Page<Task>> {
        let filter = status_filter(query.status);
        let condition = format!("owner_id = $1 AND {THEME_FILTER} {filter}");
        // The total rides along with the page; only a page past the end needs its own count.
        let sql = format!(
            "SELECT {COLUMNS}, COUNT(*) OVER () AS total FROM tasks WHERE {condition} {} LIMIT $3 OFFSET $4",
            order_by(query)
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(query.theme_id)
            .bind(i64::from(query.limit))
            .bind(i64::from(query.offset))
            .fetch_all(&self.pool)
            .await?;
        let total: i64 = match rows.first() {
            Some(row) => row.try_get("total")?,
            None if query.offset == 0 => 0,
            None => {
                sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
                    "SELECT COUNT(*) FROM tasks WHERE {condition}"
                )))
                .bind(owner)
                .bind(query.theme_id)
                .fetch_one(&self.pool)
                .await?
            }
        };
        Ok(Page {
            items: rows.iter().map(task).collect::<StoreResult<_>>()?,
            total: total as u32,
        })
    }

    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        input: &TaskInput,
        now: Timestamp,
    ) -> StoreResult<Task> {
        let sql = format!(
            "UPDATE tasks SET theme_id = $3, name = $4, description = $5, priority = $6, due_on = $7, updated_at = $8
             WHERE owner_id = $1 AND id = $2 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(id)
            .bind(input.theme_id)
            .bind(&input.name)
            .bind(&input.description)
            .bind(input.priority.code())
            .bind(input.due_on.map(date))
            .bind(instant(now))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref()
            .map(task)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    async fn set_completed_at(
        &self,
        owner: Uuid,
        id: Uuid,
        completed_at: Option<Timestamp>,
        now: Timestamp,
    ) -> StoreResult<Task> {
        let sql = format!(
            "UPDATE tasks SET completed_at = $3, updated_at = $4
             WHERE owner_id = $1 AND id = $2 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(id)
            .bind(completed_at.map(instant))
            .bind(instant(now))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref()
            .map(task)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM tasks WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
