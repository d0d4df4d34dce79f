use super::SqliteStore;
use crate::migrations::{SQLITE, migrator};
use crate::{
    Backend, CalendarFeedRepo, CheckinRepo, HabitRepo, IdentityRepo, JobRepo, PasswordResetRepo,
    PauseRepo, QuoteRepo, SessionRepo, Store, StoreResult, SummaryRepo, TaskRepo, ThemeRepo,
    TokenRepo, UserRepo, VacationRepo,
};
use async_trait::async_trait;

#[async_trait]
impl Store for SqliteStore {
    fn backend(&self) -> Backend {
        Backend::Sqlite
    }

    async fn ping(&self) -> StoreResult<()> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    async fn migrate(&self) -> StoreResult<()> {
        migrator(SQLITE).run(&self.writer).await?;
        Ok(())
    }

    fn pool_usage(&self) -> crate::PoolUsage {
        crate::PoolUsage::of(&self.pool)
    }

    fn users(&self) -> &dyn UserRepo {
        self
    }
    fn themes(&self) -> &dyn ThemeRepo {
        self
    }
    fn tasks(&self) -> &dyn TaskRepo {
        self
    }
    fn habits(&self) -> &dyn HabitRepo {
        self
    }
    fn checkins(&self) -> &dyn CheckinRepo {
        self
    }
    fn quotes(&self) -> &dyn QuoteRepo {
        self
    }
    fn sessions(&self) -> &dyn SessionRepo {
        self
    }
    fn jobs(&self) -> &dyn JobRepo {
        self
    }
    fn identities(&self) -> &dyn IdentityRepo {
        self
    }
    fn summaries(&self) -> &dyn SummaryRepo {
        self
    }
    fn password_resets(&self) -> &dyn PasswordResetRepo {
        self
    }
    fn pauses(&self) -> &dyn PauseRepo {
        self
    }
    fn vacations(&self) -> &dyn VacationRepo {
        self
    }
    fn tokens(&self) -> &dyn TokenRepo {
        self
    }
    fn calendar_feeds(&self) -> &dyn CalendarFeedRepo {
        self
    }
    fn portability(&self) -> &dyn crate::PortabilityRepo {
        self
    }
    fn reminders(&self) -> &dyn crate::ReminderRepo {
        self
    }
}
