//! Personal access tokens and calendar feed tokens (docs/security.md, API tokens).
use super::SqliteStore;
use super::codec::{instant, to_instant, to_optional_instant};
use crate::{CalendarFeedRepo, StoreError, StoreResult, TokenRepo};
use async_trait::async_trait;
use habitflow_domain::quota::Quota;
use habitflow_domain::token::{ApiToken, TokenScope};
use jiff::Timestamp;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct TokenRow {
    id: Uuid,
    user_id: Uuid,
    name: String,
    scope: String,
    token_hash: String,
    created_at: i64,
    last_used_at: Option<i64>,
    expires_at: Option<i64>,
}

impl TryFrom<TokenRow> for ApiToken {
    type Error = StoreError;

    fn try_from(row: TokenRow) -> StoreResult<Self> {
        Ok(ApiToken {
            id: row.id,
            user_id: row.user_id,
            name: row.name,
            scope: TokenScope::parse(&row.scope)
                .ok_or_else(|| StoreError::Other(format!("bad token scope {:?}", row.scope)))?,
            token_hash: row.token_hash,
            created_at: to_instant(row.created_at)?,
            last_used_at: to_optional_instant(row.last_used_at)?,
            expires_at: to_optional_instant(row.expires_at)?,
        })
    }
}

#[async_trait]
impl TokenRepo for SqliteStore {
    async fn create(&self, token: &ApiToken) -> StoreResult<ApiToken> {
        // The write lock, taken at once, makes the count and the insert one step.
        let mut tx = self.write().await?;
        let row: Option<TokenRow> = sqlx::query_as(
            "INSERT INTO api_tokens (id, user_id, name, scope, token_hash, created_at, expires_at)
             SELECT $1, $2, $3, $4, $5, $6, $7
             WHERE (SELECT COUNT(*) FROM api_tokens WHERE user_id = $2) < $8
             RETURNING id, user_id, name, scope, token_hash, created_at, last_used_at, expires_at",
        )
        .bind(token.id)
        .bind(token.user_id)
        .bind(&token.name)
        .bind(token.scope.as_str())
        .bind(&token.token_hash)
        .bind(instant(token.created_at))
        .bind(token.expires_at.map(instant))
        .bind(i64::from(Quota::Tokens.limit()))
        .fetch_optional(&mut *tx)
        .await?;
        let row = row.ok_or(StoreError::QuotaExceeded(Quota::Tokens))?;
        tx.commit().await?;
        row.try_into()
    }

    async fn list(&self, owner: Uuid) -> StoreResult<Vec<ApiToken>> {
        let rows: Vec<TokenRow> = sqlx::query_as(
            "SELECT id, user_id, name, scope, token_hash, created_at, last_used_at, expires_at
             FROM api_tokens WHERE user_id = $1
             ORDER BY created_at DESC, id DESC",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(ApiToken::try_from).collect()
    }

    async fn by_hash(&self, token_hash: &str) -> StoreResult<Option<ApiToken>> {
        let row: Option<TokenRow> = sqlx::query_as(
            "SELECT id, user_id, name, scope, token_hash, created_at, last_used_at, expires_at
             FROM api_tokens WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(&self.pool)
        .await?;
        row.map(ApiToken::try_from).transpose()
    }

    async fn touch(&self, id: Uuid, at: Timestamp) -> StoreResult<()> {
        sqlx::query("UPDATE api_tokens SET last_used_at = $2 WHERE id = $1")
            .bind(id)
            .bind(instant(at))
            .execute(&self.writer)
            .await?;
        Ok(())
    }

    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM api_tokens WHERE user_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}

#[async_trait]
impl CalendarFeedRepo for SqliteStore {
    async fn put(&self, owner: Uuid, token_hash: &str, now: Timestamp) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO calendar_feeds (user_id, token_hash, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE
             SET token_hash = excluded.token_hash, created_at = excluded.created_at",
        )
        .bind(owner)
        .bind(token_hash)
        .bind(instant(now))
        .execute(&self.writer)
        .await?;
        Ok(())
    }

    async fn owner_of(&self, token_hash: &str) -> StoreResult<Option<Uuid>> {
        Ok(
            sqlx::query_scalar("SELECT user_id FROM calendar_feeds WHERE token_hash = $1")
                .bind(token_hash)
                .fetch_optional(&self.pool)
                .await?,
        )
    }

    async fn delete(&self, owner: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM calendar_feeds WHERE user_id = $1")
            .bind(owner)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
