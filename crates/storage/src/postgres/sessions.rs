use super::PgStore;
use super::codec::{instant, to_instant};
use super::users::UserRow;
use crate::{SessionRepo, StoreError, StoreResult};
use async_trait::async_trait;
use habitflow_domain::model::{AuthSession, User};
use jiff::Timestamp;
use sqlx::types::time::OffsetDateTime;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct SessionRow {
    id_hash: String,
    user_id: Uuid,
    created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    ip: String,
    user_agent: String,
}

impl TryFrom<SessionRow> for AuthSession {
    type Error = StoreError;

    fn try_from(row: SessionRow) -> StoreResult<Self> {
        Ok(AuthSession {
            id_hash: row.id_hash,
            user_id: row.user_id,
            created_at: to_instant(row.created_at)?,
            expires_at: to_instant(row.expires_at)?,
            last_seen_at: to_instant(row.last_seen_at)?,
            ip: row.ip,
            user_agent: row.user_agent,
        })
    }
}

/// A session with its user's columns; the session's `created_at` is renamed
/// apart from the user's.
#[derive(sqlx::FromRow)]
struct SessionWithUserRow {
    id_hash: String,
    user_id: Uuid,
    session_created_at: OffsetDateTime,
    expires_at: OffsetDateTime,
    last_seen_at: OffsetDateTime,
    ip: String,
    user_agent: String,
    #[sqlx(flatten)]
    user: UserRow,
}

impl TryFrom<SessionWithUserRow> for (AuthSession, User) {
    type Error = StoreError;

    fn try_from(row: SessionWithUserRow) -> StoreResult<Self> {
        let session = SessionRow {
            id_hash: row.id_hash,
            user_id: row.user_id,
            created_at: row.session_created_at,
            expires_at: row.expires_at,
            last_seen_at: row.last_seen_at,
            ip: row.ip,
            user_agent: row.user_agent,
        };
        Ok((session.try_into()?, row.user.try_into()?))
    }
}

#[async_trait]
impl SessionRepo for PgStore {
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
        let row: Option<SessionRow> = sqlx::query_as(
            "SELECT id_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent
             FROM auth_sessions WHERE id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(AuthSession::try_from).transpose()
    }

    async fn get_with_user(&self, id_hash: &str) -> StoreResult<Option<(AuthSession, User)>> {
        let row: Option<SessionWithUserRow> = sqlx::query_as(
            "SELECT s.id_hash, s.user_id, s.created_at AS session_created_at, s.expires_at, s.last_seen_at, s.ip, s.user_agent,
                    u.id, u.email, u.display_name, u.password_hash, u.time_zone, u.day_start_hour, u.language, u.is_active,
                    u.created_at, u.updated_at
             FROM auth_sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1",
        )
        .bind(id_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(<(AuthSession, User)>::try_from).transpose()
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
        let rows: Vec<SessionRow> = sqlx::query_as(
            "SELECT id_hash, user_id, created_at, expires_at, last_seen_at, ip, user_agent
             FROM auth_sessions WHERE user_id = $1 ORDER BY created_at DESC, id_hash",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(AuthSession::try_from).collect()
    }

    async fn delete_expired(&self, now: Timestamp, idle_since: Timestamp) -> StoreResult<u64> {
        let done =
            sqlx::query("DELETE FROM auth_sessions WHERE expires_at <= $1 OR last_seen_at <= $2")
                .bind(instant(now))
                .bind(instant(idle_since))
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected())
    }
}
