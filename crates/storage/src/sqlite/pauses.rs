use super::SqliteStore;
use super::codec::{date, to_date};
use super::habits::{habit_in, habits_in};
use super::summaries::{pauses_in, resummarize_in};
use crate::decode::to_range;
use crate::pause_merge::{Addition, add};
use crate::{PauseRepo, StoreError, StoreResult, SummarizeHabit, VacationRepo};
use async_trait::async_trait;
use habitflow_domain::model::{Habit, OwnerPauses, Pause, Vacation};
use habitflow_domain::pause::{DateRange, PauseSet};
use habitflow_domain::quota::Quota;
use sqlx::SqliteConnection;
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct PauseRow {
    id: Uuid,
    owner_id: Uuid,
    habit_id: Uuid,
    from_date: String,
    to_date: String,
}

impl TryFrom<PauseRow> for Pause {
    type Error = StoreError;

    fn try_from(row: PauseRow) -> StoreResult<Self> {
        Ok(Pause {
            id: row.id,
            owner_id: row.owner_id,
            habit_id: row.habit_id,
            range: to_range(to_date(&row.from_date)?, to_date(&row.to_date)?)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct VacationRow {
    id: Uuid,
    owner_id: Uuid,
    from_date: String,
    to_date: String,
}

impl TryFrom<VacationRow> for Vacation {
    type Error = StoreError;

    fn try_from(row: VacationRow) -> StoreResult<Self> {
        Ok(Vacation {
            id: row.id,
            owner_id: row.owner_id,
            range: to_range(to_date(&row.from_date)?, to_date(&row.to_date)?)?,
        })
    }
}

/// A pause of one of the owner's habits, or (without a habit) a vacation.
#[derive(sqlx::FromRow)]
struct OwnerPauseRow {
    id: Uuid,
    owner_id: Uuid,
    habit_id: Option<Uuid>,
    from_date: String,
    to_date: String,
}

const PAUSES_OF_HABIT: &str = "SELECT id, owner_id, habit_id, from_date, to_date FROM habit_pauses
     WHERE owner_id = $1 AND habit_id = $2 ORDER BY from_date";

async fn pauses_of_habit(
    connection: &mut SqliteConnection,
    owner: Uuid,
    habit: Uuid,
) -> StoreResult<Vec<Pause>> {
    let rows: Vec<PauseRow> = sqlx::query_as(PAUSES_OF_HABIT)
        .bind(owner)
        .bind(habit)
        .fetch_all(connection)
        .await?;
    rows.into_iter().map(Pause::try_from).collect()
}

async fn vacations_of(
    connection: &mut SqliteConnection,
    owner: Uuid,
) -> StoreResult<Vec<Vacation>> {
    let rows: Vec<VacationRow> = sqlx::query_as(
        "SELECT id, owner_id, from_date, to_date FROM vacations WHERE owner_id = $1 ORDER BY from_date",
    )
    .bind(owner)
    .fetch_all(connection)
    .await?;
    rows.into_iter().map(Vacation::try_from).collect()
}

/// Re-summarizes the habit inside the caller's transaction.
async fn resummarize_habit(
    connection: &mut SqliteConnection,
    habit: &Habit,
    summarize: SummarizeHabit<'_>,
) -> StoreResult<()> {
    resummarize_in(connection, habit.owner_id, habit.id, |pauses, history| {
        summarize(habit, pauses, history)
    })
    .await
}

/// Re-summarizes every habit of the owner inside the caller's transaction.
pub(super) async fn resummarize_all(
    connection: &mut SqliteConnection,
    owner: Uuid,
    summarize: SummarizeHabit<'_>,
) -> StoreResult<()> {
    for habit in habits_in(connection, owner).await? {
        resummarize_habit(connection, &habit, summarize).await?;
    }
    Ok(())
}

#[async_trait]
impl PauseRepo for SqliteStore {
    async fn for_habit(&self, owner: Uuid, habit: Uuid) -> StoreResult<Vec<Pause>> {
        let mut connection = self.pool.acquire().await?;
        pauses_of_habit(&mut connection, owner, habit).await
    }

    async fn effective_for_habit(&self, owner: Uuid, habit: Uuid) -> StoreResult<PauseSet> {
        let mut connection = self.pool.acquire().await?;
        pauses_in(&mut connection, owner, habit).await
    }

    async fn for_owner(&self, owner: Uuid) -> StoreResult<OwnerPauses> {
        let rows: Vec<OwnerPauseRow> = sqlx::query_as(
            "SELECT id, owner_id, habit_id, from_date, to_date FROM habit_pauses WHERE owner_id = $1
             UNION ALL SELECT id, owner_id, NULL, from_date, to_date FROM vacations WHERE owner_id = $1
             ORDER BY from_date",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        let mut all = OwnerPauses::default();
        for row in rows {
            let range = to_range(to_date(&row.from_date)?, to_date(&row.to_date)?)?;
            match row.habit_id {
                Some(habit_id) => all.pauses.push(Pause {
                    id: row.id,
                    owner_id: row.owner_id,
                    habit_id,
                    range,
                }),
                None => all.vacations.push(Vacation {
                    id: row.id,
                    owner_id: row.owner_id,
                    range,
                }),
            }
        }
        Ok(all)
    }

    async fn add(
        &self,
        owner: Uuid,
        habit: Uuid,
        range: DateRange,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Pause> {
        let mut tx = self.write().await?;
        let habit = habit_in(&mut tx, owner, habit)
            .await?
            .ok_or(StoreError::NotFound)?;
        let stored: Vec<(Pause, DateRange)> = pauses_of_habit(&mut tx, owner, habit.id)
            .await?
            .into_iter()
            .map(|pause| (pause, pause.range))
            .collect();
        let merged = match add(&stored, range) {
            Addition::Within(pause, _) => return Ok(pause),
            Addition::Replace { count, .. } if count > Quota::Pauses.limit() as usize => {
                return Err(StoreError::QuotaExceeded(Quota::Pauses));
            }
            Addition::Replace { merged, .. } => merged,
        };
        sqlx::query(
            "DELETE FROM habit_pauses WHERE habit_id = $1 AND from_date <= $3 AND to_date >= $2",
        )
        .bind(habit.id)
        .bind(date(merged.from()))
        .bind(date(merged.to()))
        .execute(&mut *tx)
        .await?;
        let row: PauseRow = sqlx::query_as(
            "INSERT INTO habit_pauses (id, owner_id, habit_id, from_date, to_date)
             VALUES ($1, $2, $3, $4, $5) RETURNING id, owner_id, habit_id, from_date, to_date",
        )
        .bind(Uuid::now_v7())
        .bind(owner)
        .bind(habit.id)
        .bind(date(merged.from()))
        .bind(date(merged.to()))
        .fetch_one(&mut *tx)
        .await?;
        resummarize_habit(&mut tx, &habit, summarize).await?;
        tx.commit().await?;
        row.try_into()
    }

    async fn delete(
        &self,
        owner: Uuid,
        habit: Uuid,
        id: Uuid,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let Some(habit) = habit_in(&mut tx, owner, habit).await? else {
            return Ok(false);
        };
        let done = sqlx::query(
            "DELETE FROM habit_pauses WHERE owner_id = $1 AND habit_id = $2 AND id = $3",
        )
        .bind(owner)
        .bind(habit.id)
        .bind(id)
        .execute(&mut *tx)
        .await?;
        let deleted = done.rows_affected() > 0;
        if deleted {
            resummarize_habit(&mut tx, &habit, summarize).await?;
        }
        tx.commit().await?;
        Ok(deleted)
    }
}

#[async_trait]
impl VacationRepo for SqliteStore {
    async fn list(&self, owner: Uuid) -> StoreResult<Vec<Vacation>> {
        let mut connection = self.pool.acquire().await?;
        vacations_of(&mut connection, owner).await
    }

    async fn add(
        &self,
        owner: Uuid,
        range: DateRange,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Vacation> {
        let mut tx = self.write().await?;
        let stored: Vec<(Vacation, DateRange)> = vacations_of(&mut tx, owner)
            .await?
            .into_iter()
            .map(|vacation| (vacation, vacation.range))
            .collect();
        let merged = match add(&stored, range) {
            Addition::Within(vacation, _) => return Ok(vacation),
            Addition::Replace { merged, .. } => merged,
        };
        sqlx::query(
            "DELETE FROM vacations WHERE owner_id = $1 AND from_date <= $3 AND to_date >= $2",
        )
        .bind(owner)
        .bind(date(merged.from()))
        .bind(date(merged.to()))
        .execute(&mut *tx)
        .await?;
        let row: VacationRow = sqlx::query_as(
            "INSERT INTO vacations (id, owner_id, from_date, to_date)
             VALUES ($1, $2, $3, $4) RETURNING id, owner_id, from_date, to_date",
        )
        .bind(Uuid::now_v7())
        .bind(owner)
        .bind(date(merged.from()))
        .bind(date(merged.to()))
        .fetch_one(&mut *tx)
        .await?;
        resummarize_all(&mut tx, owner, summarize).await?;
        tx.commit().await?;
        row.try_into()
    }

    async fn delete(
        &self,
        owner: Uuid,
        id: Uuid,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let done = sqlx::query("DELETE FROM vacations WHERE owner_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&mut *tx)
            .await?;
        let deleted = done.rows_affected() > 0;
        if deleted {
            resummarize_all(&mut tx, owner, summarize).await?;
        }
        tx.commit().await?;
        Ok(deleted)
    }
}
