use super::SqliteStore;
use super::codec::{instant, to_instant};
use crate::{IdentityRepo, StoreError, StoreResult};
use async_trait::async_trait;
use habitflow_domain::model::OidcIdentity;
use jiff::Timestamp;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct IdentityRow {
    id: Uuid,
    user_id: Uuid,
    issuer: String,
    subject: String,
    email: Option<String>,
    created_at: i64,
}

impl TryFrom<IdentityRow> for OidcIdentity {
    type Error = StoreError;

    fn try_from(row: IdentityRow) -> StoreResult<Self> {
        Ok(OidcIdentity {
            id: row.id,
            user_id: row.user_id,
            issuer: row.issuer,
            subject: row.subject,
            email: row.email,
            created_at: to_instant(row.created_at)?,
        })
    }
}

#[async_trait]
impl IdentityRepo for SqliteStore {
    async fn find(&self, issuer: &str, subject: &str) -> StoreResult<Option<OidcIdentity>> {
        let row: Option<IdentityRow> = sqlx::query_as(
            "SELECT id, user_id, issuer, subject, email, created_at
             FROM oidc_identities WHERE issuer = $1 AND subject = $2",
        )
        .bind(issuer)
        .bind(subject)
        .fetch_optional(&self.pool)
        .await?;
        row.map(OidcIdentity::try_from).transpose()
    }

    async fn link(
        &self,
        user: Uuid,
        issuer: &str,
        subject: &str,
        email: Option<&str>,
        now: Timestamp,
    ) -> StoreResult<OidcIdentity> {
        let row: IdentityRow = sqlx::query_as(
            "INSERT INTO oidc_identities (id, user_id, issuer, subject, email, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             RETURNING id, user_id, issuer, subject, email, created_at",
        )
        .bind(Uuid::now_v7())
        .bind(user)
        .bind(issuer)
        .bind(subject)
        .bind(email)
        .bind(instant(now))
        .fetch_one(&self.writer)
        .await?;
        row.try_into()
    }

    async fn list_for_user(&self, user: Uuid) -> StoreResult<Vec<OidcIdentity>> {
        let rows: Vec<IdentityRow> = sqlx::query_as(
            "SELECT id, user_id, issuer, subject, email, created_at
             FROM oidc_identities WHERE user_id = $1 ORDER BY created_at, id",
        )
        .bind(user)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(OidcIdentity::try_from).collect()
    }

    async fn unlink(&self, user: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM oidc_identities WHERE user_id = $1 AND id = $2")
            .bind(user)
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
