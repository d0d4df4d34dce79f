use super::SqliteStore;
use super::codec::{date, instant, to_instant, to_optional_date, to_optional_instant};
use crate::decode::{TaskCountRow, to_priority};
use crate::task_list_sql::{completed_filter, order_by};
use crate::{StoreError, StoreResult, TaskRepo};
use async_trait::async_trait;
use habitflow_domain::local_date::InstantRange;
use habitflow_domain::model::{Page, Task, TaskCountGroup, TaskInput, TaskQuery};
use habitflow_domain::quota::Quota;
use jiff::Timestamp;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct TaskRow {
    id: Uuid,
    owner_id: Uuid,
    theme_id: Option<Uuid>,
    name: String,
    description: String,
    priority: String,
    due_on: Option<String>,
    completed_at: Option<i64>,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<TaskRow> for Task {
    type Error = StoreError;

    fn try_from(row: TaskRow) -> StoreResult<Self> {
        Ok(Task {
            id: row.id,
            owner_id: row.owner_id,
            theme_id: row.theme_id,
            name: row.name,
            description: row.description,
            priority: to_priority(&row.priority)?,
            due_on: to_optional_date(row.due_on)?,
            completed_at: to_optional_instant(row.completed_at)?,
            created_at: to_instant(row.created_at)?,
            updated_at: to_instant(row.updated_at)?,
        })
    }
}

/// A task of a list page, with the size of the whole list.
#[derive(sqlx::FromRow)]
struct TaskPageRow {
    #[sqlx(flatten)]
    task: TaskRow,
    total: i64,
}

#[async_trait]
impl TaskRepo for SqliteStore {
    async fn create(&self, owner: Uuid, input: &TaskInput, now: Timestamp) -> StoreResult<Task> {
        // The write lock, taken at once, makes the count and the insert one step.
        let mut tx = self.write().await?;
        let row: Option<TaskRow> = sqlx::query_as(
            "INSERT INTO tasks (id, owner_id, theme_id, name, description, priority, due_on, created_at, updated_at)
             SELECT $1, $2, $3, $4, $5, $6, $7, $8, $8
             WHERE (SELECT COUNT(*) FROM tasks WHERE owner_id = $2) < $9
             RETURNING id, owner_id, theme_id, name, description, priority, due_on, completed_at, created_at, updated_at",
        )
        .bind(Uuid::now_v7())
        .bind(owner)
        .bind(input.theme_id)
        .bind(input.name.as_str())
        .bind(input.description.as_str())
        .bind(input.priority.code())
        .bind(input.due_on.map(date))
        .bind(instant(now))
        .bind(i64::from(Quota::Tasks.limit()))
        .fetch_optional(&mut *tx)
        .await?;
        let row = row.ok_or(StoreError::QuotaExceeded(Quota::Tasks))?;
        tx.commit().await?;
        row.try_into()
    }

    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Task>> {
        let row: Option<TaskRow> = sqlx::query_as(
            "SELECT id, owner_id, theme_id, name, description, priority, due_on, completed_at, created_at, updated_at
             FROM tasks WHERE owner_id = $1 AND id = $2",
        )
        .bind(owner)
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(Task::try_from).transpose()
    }

    async fn list(&self, owner: Uuid, query: &TaskQuery) -> StoreResult<Page<Task>> {
        // The one statement assembled at run time: its ORDER BY follows the
        // requested sort, picked by `order_by` from fixed clauses (no input
        // reaches the text). `$2` is the optional theme, `$3` the optional
        // completion state. The total rides along with the page.
        let sql = format!(
            "SELECT id, owner_id, theme_id, name, description, priority, due_on, completed_at, created_at, updated_at,
                    COUNT(*) OVER () AS total
             FROM tasks
             WHERE owner_id = $1 AND ($2 IS NULL OR theme_id = $2)
               AND ($3 IS NULL OR (completed_at IS NOT NULL) = $3)
             {} LIMIT $4 OFFSET $5",
            order_by(query)
        );
        let rows: Vec<TaskPageRow> = sqlx::query_as(sqlx::AssertSqlSafe(sql))
            .bind(owner)
            .bind(query.theme_id)
            .bind(completed_filter(query.status))
            .bind(i64::from(query.limit))
            .bind(i64::from(query.offset))
            .fetch_all(&self.pool)
            .await?;
        let total: i64 = match rows.first() {
            Some(row) => row.total,
            None if query.offset == 0 => 0,
            // Only a page past the end needs its own count.
            None => {
                sqlx::query_scalar(
                    "SELECT COUNT(*) FROM tasks
                     WHERE owner_id = $1 AND ($2 IS NULL OR theme_id = $2)
                       AND ($3 IS NULL OR (completed_at IS NOT NULL) = $3)",
                )
                .bind(owner)
                .bind(query.theme_id)
                .bind(completed_filter(query.status))
                .fetch_one(&self.pool)
                .await?
            }
        };
        Ok(Page {
            items: rows
                .into_iter()
                .map(|row| Task::try_from(row.task))
                .collect::<StoreResult<_>>()?,
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
        let row: Option<TaskRow> = sqlx::query_as(
            "UPDATE tasks SET theme_id = $3, name = $4, description = $5, priority = $6, due_on = $7, updated_at = $8
             WHERE owner_id = $1 AND id = $2
             RETURNING id, owner_id, theme_id, name, description, priority, due_on, completed_at, created_at, updated_at",
        )
        .bind(owner)
        .bind(id)
        .bind(input.theme_id)
        .bind(input.name.as_str())
        .bind(input.description.as_str())
        .bind(input.priority.code())
        .bind(input.due_on.map(date))
        .bind(instant(now))
        .fetch_optional(&self.writer)
        .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn set_completed_at(
        &self,
        owner: Uuid,
        id: Uuid,
        completed_at: Option<Timestamp>,
        now: Timestamp,
    ) -> StoreResult<Task> {
        let row: Option<TaskRow> = sqlx::query_as(
            "UPDATE tasks SET completed_at = $3, updated_at = $4
             WHERE owner_id = $1 AND id = $2
             RETURNING id, owner_id, theme_id, name, description, priority, due_on, completed_at, created_at, updated_at",
        )
        .bind(owner)
        .bind(id)
        .bind(completed_at.map(instant))
        .bind(instant(now))
        .fetch_optional(&self.writer)
        .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM tasks WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn counts_for_statistics(
        &self,
        owner: Uuid,
        period: InstantRange,
    ) -> StoreResult<Vec<TaskCountGroup>> {
        // Instants are integer microseconds (codec.rs), so a difference is
        // already the completion time in microseconds.
        let rows: Vec<TaskCountRow> = sqlx::query_as(
            "SELECT theme_id, priority, completed_at IS NOT NULL AS completed,
                    COUNT(*) AS tasks,
                    COUNT(CASE WHEN created_at >= $2 AND created_at < $3 THEN 1 END) AS created_in_period,
                    COUNT(CASE WHEN completed_at >= $2 AND completed_at < $3 THEN 1 END) AS completed_in_period,
                    COALESCE(SUM(CASE WHEN completed_at >= $2 AND completed_at < $3
                                      THEN completed_at - created_at END), 0) AS completion_micros
             FROM tasks WHERE owner_id = $1
             GROUP BY theme_id, priority, completed_at IS NOT NULL",
        )
        .bind(owner)
        .bind(instant(period.from))
        .bind(instant(period.until))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(TaskCountGroup::try_from).collect()
    }
}
