use super::DbRow;
use super::DbStore;
use super::codec::{instant, to_instant};
use crate::decode::require_row;
use crate::{NewUser, Profile, StoreError, StoreResult, User, UserRepo};
use async_trait::async_trait;
use jiff::Timestamp;
use sqlx::Row as _;
use uuid::Uuid;

const COLUMNS: &str = "id, email, display_name, password_hash, time_zone, day_start_hour, language, is_active, created_at, updated_at";

fn user(row: &DbRow) -> StoreResult<User> {
    Ok(User {
        id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        password_hash: row.try_get("password_hash")?,
        time_zone: row.try_get("time_zone")?,
        day_start_hour: row.try_get::<i16, _>("day_start_hour")? as u8,
        language: row.try_get("language")?,
        is_active: row.try_get("is_active")?,
        created_at: to_instant(row.try_get("created_at")?)?,
        updated_at: to_instant(row.try_get("updated_at")?)?,
    })
}

#[async_trait]
impl UserRepo for DbStore {
    async fn create(&self, new: &NewUser, now: Timestamp) -> StoreResult<User> {
        let sql = format!(
            "INSERT INTO users (id, email, display_name, password_hash, time_zone, day_start_hour, language, is_active, created_at, updated_at)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(Uuid::now_v7())
            .bind(&new.email)
            .bind(&new.display_name)
            .bind(&new.password_hash)
            .bind(&new.profile.time_zone)
            .bind(i16::from(new.profile.day_start_hour))
            .bind(&new.profile.language)
            .bind(true)
            .bind(instant(now))
            .fetch_one(&self.pool)
            .await?;
        user(&row)
    }

    async fn by_id(&self, id: Uuid) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE id = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user).transpose()
    }

    async fn by_email(&self, email: &str) -> StoreResult<Option<User>> {
        let sql = format!("SELECT {COLUMNS} FROM users WHERE email = $1");
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(email)
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref().map(user).transpose()
    }

    async fn update_profile(
        &self,
        id: Uuid,
        profile: &Profile,
        now: Timestamp,
    ) -> StoreResult<User> {
        let sql = format!(
            "UPDATE users SET display_name = $2, time_zone = $3, day_start_hour = $4, language = $5, updated_at = $6
             WHERE id = $1 RETURNING {COLUMNS}"
        );
        let row = sqlx::query(sqlx::AssertSqlSafe(sql))
            .bind(id)
            .bind(&profile.display_name)
            .bind(&profile.time_zone)
            .bind(i16::from(profile.day_start_hour))
            .bind(&profile.language)
            .bind(instant(now))
            .fetch_optional(&self.pool)
            .await?;
        row.as_ref()
            .map(user)
            .transpose()?
            .ok_or(StoreError::NotFound)
    }

    async fn set_password_hash(&self, id: Uuid, hash: &str, now: Timestamp) -> StoreResult<()> {
        let done =
            sqlx::query("UPDATE users SET password_hash = $2, updated_at = $3 WHERE id = $1")
                .bind(id)
                .bind(hash)
                .bind(instant(now))
                .execute(&self.pool)
                .await?;
        require_row(done.rows_affected())
    }

    async fn set_active(&self, id: Uuid, active: bool, now: Timestamp) -> StoreResult<()> {
        let done = sqlx::query("UPDATE users SET is_active = $2, updated_at = $3 WHERE id = $1")
            .bind(id)
            .bind(active)
            .bind(instant(now))
            .execute(&self.pool)
            .await?;
        require_row(done.rows_affected())
    }
}
