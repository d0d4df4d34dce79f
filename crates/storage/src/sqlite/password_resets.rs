//! One-time password-reset links (docs/security.md, password resets).
use super::SqliteStore;
use super::codec::instant;
use crate::{PasswordResetRepo, StoreResult};
use async_trait::async_trait;
use habitflow_domain::model::PasswordReset;
use jiff::Timestamp;
use uuid::Uuid;

#[async_trait]
impl PasswordResetRepo for SqliteStore {
    async fn create(&self, reset: &PasswordReset) -> StoreResult<()> {
        let mut tx = self.write().await?;
        sqlx::query("DELETE FROM password_resets WHERE user_id = $1")
            .bind(reset.user_id)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, created_at, expires_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(&reset.token_hash)
        .bind(reset.user_id)
        .bind(instant(reset.created_at))
        .bind(instant(reset.expires_at))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn user_for(&self, token_hash: &str, now: Timestamp) -> StoreResult<Option<Uuid>> {
        Ok(sqlx::query_scalar(
            "SELECT user_id FROM password_resets WHERE token_hash = $1 AND expires_at > $2",
        )
        .bind(token_hash)
        .bind(instant(now))
        .fetch_optional(&self.pool)
        .await?)
    }

    async fn take(&self, token_hash: &str, now: Timestamp) -> StoreResult<Option<Uuid>> {
        // Deleted whether or not it expired: a used or stale link is gone.
        let taken: Option<(Uuid, bool)> = sqlx::query_as(
            "DELETE FROM password_resets WHERE token_hash = $1
             RETURNING user_id, expires_at > $2",
        )
        .bind(token_hash)
        .bind(instant(now))
        .fetch_optional(&self.writer)
        .await?;
        Ok(taken.and_then(|(user, unexpired)| unexpired.then_some(user)))
    }
}
