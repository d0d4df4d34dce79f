use super::SqliteStore;
use super::codec::{instant, to_instant};
use crate::decode::require_row;
use crate::{StoreError, StoreResult, UserRepo};
use async_trait::async_trait;
use habitflow_domain::model::{NewUser, Profile, User};
use jiff::Timestamp;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
pub(super) struct UserRow {
    id: Uuid,
    email: String,
    display_name: String,
    password_hash: Option<String>,
    time_zone: String,
    day_start_hour: i16,
    language: String,
    is_active: bool,
    created_at: i64,
    updated_at: i64,
}

impl TryFrom<UserRow> for User {
    type Error = StoreError;

    fn try_from(row: UserRow) -> StoreResult<Self> {
        Ok(User {
            id: row.id,
            email: row.email,
            display_name: row.display_name,
            password_hash: row.password_hash,
            time_zone: row.time_zone,
            day_start_hour: row.day_start_hour as u8,
            language: row.language,
            is_active: row.is_active,
            created_at: to_instant(row.created_at)?,
            updated_at: to_instant(row.updated_at)?,
        })
    }
}

#[async_trait]
impl UserRepo for SqliteStore {
    async fn create(&self, new: &NewUser, now: Timestamp) -> StoreResult<User> {
        let row: UserRow = sqlx::query_as(
            "INSERT INTO users (id, email, display_name, password_hash, time_zone, day_start_hour, language, is_active, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)
             RETURNING id, email, display_name, password_hash, time_zone, day_start_hour, language, is_active, created_at, updated_at",
        )
        .bind(Uuid::now_v7())
        .bind(new.email.as_str())
        .bind(&new.display_name)
        .bind(&new.password_hash)
        .bind(&new.profile.time_zone)
        .bind(i16::from(new.profile.day_start_hour))
        .bind(&new.profile.language)
        .bind(true)
        .bind(instant(now))
        .fetch_one(&self.writer)
        .await?;
        row.try_into()
    }

    async fn by_id(&self, id: Uuid) -> StoreResult<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(
            "SELECT id, email, display_name, password_hash, time_zone, day_start_hour, language, is_active, created_at, updated_at
             FROM users WHERE id = $1",
        )
        .bind(id)
        .fetch_optional(&self.pool)
        .await?;
        row.map(User::try_from).transpose()
    }

    async fn by_email(&self, email: &str) -> StoreResult<Option<User>> {
        let row: Option<UserRow> = sqlx::query_as(
            "SELECT id, email, display_name, password_hash, time_zone, day_start_hour, language, is_active, created_at, updated_at
             FROM users WHERE email = $1",
        )
        .bind(email)
        .fetch_optional(&self.pool)
        .await?;
        row.map(User::try_from).transpose()
    }

    async fn update_profile(
        &self,
        id: Uuid,
        profile: &Profile,
        now: Timestamp,
    ) -> StoreResult<User> {
        let row: Option<UserRow> = sqlx::query_as(
            "UPDATE users SET display_name = $2, time_zone = $3, day_start_hour = $4, language = $5, updated_at = $6
             WHERE id = $1
             RETURNING id, email, display_name, password_hash, time_zone, day_start_hour, language, is_active, created_at, updated_at",
        )
        .bind(id)
        .bind(&profile.display_name)
        .bind(&profile.time_zone)
        .bind(i16::from(profile.day_start_hour))
        .bind(&profile.language)
        .bind(instant(now))
        .fetch_optional(&self.writer)
        .await?;
        row.ok_or(StoreError::NotFound)?.try_into()
    }

    async fn set_password_hash(&self, id: Uuid, hash: &str, now: Timestamp) -> StoreResult<()> {
        let done =
            sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
                .bind(id)
                .bind(hash)
                .bind(instant(now))
                .execute(&self.writer)
                .await?;
        require_row(done.rows_affected())
    }

    async fn set_active(&self, id: Uuid, active: bool, now: Timestamp) -> StoreResult<()> {
        let done = sqlx::query("UPDATE users SET is_active = $2, updated_at = $3 WHERE id = $1")
            .bind(id)
            .bind(active)
            .bind(instant(now))
            .execute(&self.writer)
            .await?;
        require_row(done.rows_affected())
    }

    async fn list(&self) -> StoreResult<Vec<User>> {
        let rows: Vec<UserRow> = sqlx::query_as(
            "SELECT id, email, display_name, password_hash, time_zone, day_start_hour, language, is_active, created_at, updated_at
             FROM users ORDER BY email",
        )
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(User::try_from).collect()
    }

    async fn delete(&self, id: Uuid) -> StoreResult<bool> {
        // Every owned table references users with ON DELETE CASCADE.
        let done = sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id)
            .execute(&self.writer)
            .await?;
        Ok(done.rows_affected() > 0)
    }
}
