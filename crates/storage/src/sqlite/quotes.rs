use super::SqliteStore;
use super::codec::instant;
use crate::{QuoteRepo, StoreResult};
use async_trait::async_trait;
use habitflow_domain::model::Quote;
use jiff::Timestamp;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct QuoteRow {
    text: String,
    author: String,
}

impl From<QuoteRow> for Quote {
    fn from(row: QuoteRow) -> Self {
        Quote {
            text: row.text,
            author: row.author,
        }
    }
}

#[async_trait]
impl QuoteRepo for SqliteStore {
    async fn replace(&self, quotes: &[Quote], fetched_at: Timestamp, keep: u32) -> StoreResult<()> {
        let mut tx = self.write().await?;
        let batch = Uuid::now_v7();
        sqlx::query("INSERT INTO quote_batches (id, fetched_at) VALUES ($1, $2)")
            .bind(batch)
            .bind(instant(fetched_at))
            .execute(&mut *tx)
            .await?;
        for (position, quote) in quotes.iter().enumerate() {
            sqlx::query(
                "INSERT INTO quotes (batch_id, position, text, author) VALUES ($1, $2, $3, $4)",
            )
            .bind(batch)
            .bind(position as i32)
            .bind(&quote.text)
            .bind(&quote.author)
            .execute(&mut *tx)
            .await?;
        }
        sqlx::query(
            "DELETE FROM quote_batches WHERE id NOT IN
             (SELECT id FROM quote_batches ORDER BY fetched_at DESC, id DESC LIMIT $1)",
        )
        .bind(i64::from(keep))
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    async fn latest(&self) -> StoreResult<Vec<Quote>> {
        let rows: Vec<QuoteRow> = sqlx::query_as(
            "SELECT text, author FROM quotes WHERE batch_id =
             (SELECT id FROM quote_batches ORDER BY fetched_at DESC, id DESC LIMIT 1) ORDER BY position",
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.into_iter().map(Quote::from).collect())
    }
}
