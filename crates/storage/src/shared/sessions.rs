use super::DbRow;
use super::DbStore;
use super::codec::{instant, to_instant};
use crate::{AuthSession, SessionRepo, StoreResult};
use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row as _;
use uuid::Uuid;

const COLUMNS: &str = "id_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent";

fn session(row: &DbRow) -> StoreResult<AuthSession> {
    Ok(AuthSession {
        id_hash: row.try_get("id_hash")?,
        user_id: row.try_get("user_id")?,
        created_at: to_instant(row.try_get("created_at")?)?,
        expires_at: to_instant(row.try_get("expires_at")?)?,
        last_seen_at: to_instant(row.try_get("last_seen_at")?)?,
        ip: row.try_get("ip")?,
        user_agent: row.try_get("user_agent")?,
    })
}

#[async_trait]
impl SessionRepo for DbStore {
    async fn create(&self, s: &AuthSession) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO auth_sessions (id_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent)
             VALUES ($1, $2, $3, $4, $5, $6, $7)",
        )
        .bind(&s.id_hash)
        .bind(s.user_id)
        .bind(instant(s.created_at))
        .bind(instant(s.expires_at))
        .bind(instant(s.last_seen_at))
        .bind(&s.ip)
        .bind(&s.user_agent)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn get(&self, id_hash: &str) -> StoreResult<Option<AuthSession>> {
        let sql = format!("SELECT {COLUMNS} FROM auth_sessions WHERE id_hash = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id_hash)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(session).transpose()
    }

    async fn touch(&self, id_hash: &str, last_seen_at: Timestamp) -> StoreResult<()> {
        sqlx::query("UPDATE auth_sessions SET last_seen_at = $2 WHERE id_hash = $1")
            .bind(id_hash)
            .bind(instant(last_seen_at))
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    async fn delete(&self, id_hash: &str) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM auth_sessions WHERE id_hash = $1")
            .bind(id_hash)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }

    async fn delete_for_user(&self, user: Uuid, keep: Option<&str>) -> StoreResult<u64> {
        let done = sqlx::query(
            "DELETE FROM auth_sessions WHERE user_id = $1 AND id_hash <> COALESCE(CAST($2 AS TEXT), '')",
        )
        .bind(user)
        .bind(keep)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected())
    }

    async fn list_for_user(&self, user: Uuid) -> StoreResult<Vec<AuthSession>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM auth_sessions WHERE user_id = $1 ORDER BY created_at DESC, id_hash"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(session).collect()
    }
}
