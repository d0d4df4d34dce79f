use super::DbRow;
use super::DbStore;
use super::codec::{instant, to_instant};
use crate::{IdentityRepo, OidcIdentity, StoreResult};
use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row as _;
use uuid::Uuid;

const COLUMNS: &str = "id, user_id, issuer, subject, email, created_at";

fn identity(row: &DbRow) -> StoreResult<OidcIdentity> {
    Ok(OidcIdentity {
        id: row.try_get("id")?,
        user_id: row.try_get("user_id")?,
        issuer: row.try_get("issuer")?,
        subject: row.try_get("subject")?,
        email: row.try_get("email")?,
        created_at: to_instant(row.try_get("created_at")?)?,
    })
}

#[async_trait]
impl IdentityRepo for DbStore {
    async fn find(&self, issuer: &str, subject: &str) -> StoreResult<Option<OidcIdentity>> {
        let sql =
            format!("SELECT {COLUMNS} FROM oidc_identities WHERE issuer = $1 AND subject = $2");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(issuer)
            .bind(subject)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(identity).transpose()
    }

    async fn link(
        &self,
        user: Uuid,
        issuer: &str,
        subject: &str,
        email: Option<&str>,
        now: Timestamp,
    ) -> StoreResult<OidcIdentity> {
        let sql = format!(
            "INSERT INTO oidc_identities (id, user_id, issuer, subject, email, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Uuid::now_v7())
            .bind(user)
            .bind(issuer)
            .bind(subject)
            .bind(email)
            .bind(instant(now))
            .fetch_one(&self.pool)
            .await?;
        identity(&row)
    }

    async fn list_for_user(&self, user: Uuid) -> StoreResult<Vec<OidcIdentity>> {
        let sql = format!(
            "SELECT {COLUMNS} FROM oidc_identities WHERE user_id = $1 ORDER BY created_at, id"
        );
        let rows = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(user)
            .fetch_all(&self.pool)
            .await?;
        rows.iter().map(identity).collect()
    }

    async fn unlink(&self, user: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM oidc_identities WHERE user_id = $1 AND id = $2")
            .bind(user)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
