//! Many rows at once, to bring a user near a quota without thousands of
//! requests: one statement per call, written for each backend.
use crate::database::TestDatabase;
use habitflow_domain::quota::Quota;
use habitflow_storage::Backend;
use sqlx::Connection;
use uuid::Uuid;

impl TestDatabase {
    /// Inserts `count` plain records of the quota's kind for `owner`, named
    /// `seed 1`, `seed 2`, … (habits daily from 2026-01-01, without summaries;
    /// tokens read-only, with hashes no secret has). Pauses belong to a habit
    /// and are merged as they are added, so they are added through
    /// `PauseRepo::add` instead.
    pub async fn seed(&self, owner: Uuid, kind: Quota, count: u32) {
        let (table, columns, values) = match kind {
            Quota::Themes => ("themes", "color, updated_at", "'#3366FF', {now}"),
            Quota::Tasks => ("tasks", "priority, updated_at", "'medium', {now}"),
            Quota::Habits => (
                "habits",
                "schedule_type, starts_on, updated_at",
                "'daily', '2026-01-01', {now}",
            ),
            Quota::Tokens => ("api_tokens", "scope, token_hash", "'read', {random}"),
            Quota::Pauses => panic!("pauses are counted per habit: add them with PauseRepo::add"),
        };
        // Tokens belong to a user like the other records to an owner.
        let owner_column = if kind == Quota::Tokens {
            "user_id"
        } else {
            "owner_id"
        };
        match Backend::of_url(self.url()).expect("a test database URL") {
            Backend::Sqlite => {
                let sql = format!(
                    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < $2)
                     INSERT INTO {table} (id, {owner_column}, name, {columns}, created_at)
                     SELECT randomblob(16), $1, 'seed ' || i, {values}, 0 FROM n"
                )
                .replace("{now}", "0")
                .replace("{random}", "hex(randomblob(16))");
                let mut connection = sqlx::SqliteConnection::connect(self.url())
                    .await
                    .expect("connect to the test database");
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(owner)
                    .bind(i64::from(count))
                    .execute(&mut connection)
                    .await
                    .expect("seed rows");
            }
            Backend::Postgres => {
                let values = values
                    .replace("'2026-01-01'", "DATE '2026-01-01'")
                    .replace("{now}", "now()")
                    .replace("{random}", "gen_random_uuid()::text");
                let sql = format!(
                    "INSERT INTO {table} (id, {owner_column}, name, {columns}, created_at)
                     SELECT gen_random_uuid(), $1, 'seed ' || i, {values}, now()
                     FROM generate_series(1, $2) AS i"
                );
                let mut connection = sqlx::PgConnection::connect(self.url())
                    .await
                    .expect("connect to the test database");
                sqlx::query(sqlx::AssertSqlSafe(sql))
                    .bind(owner)
                    .bind(i32::try_from(count).expect("a small count"))
                    .execute(&mut connection)
                    .await
                    .expect("seed rows");
            }
        }
    }
}
