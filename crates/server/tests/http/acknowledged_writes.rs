//! A committed write is acknowledged even when the database fails right
//! after its commit (docs/reliability.md): creating or editing a habit,
//! creating, editing or completing a task with a theme, and checking in or
//! undoing answer from what was read before the write, never from a read
//! after it, since a 503 would tell the client that nothing was written.
use habitflow::app::habits::{self, HabitChanges};
use habitflow::app::tasks::{self, TaskChanges};
use habitflow_domain::local_date::InstantRange;
use habitflow_domain::model::{
    CheckinRecord, CheckinWrite, Habit, HabitInput, OwnerPauses, Page, Pause, Task, TaskCountGroup,
    TaskInput, TaskQuery, Theme, ThemeInput, ThemeWithCounts, User,
};
use habitflow_domain::pause::DateRange;
use habitflow_storage::{
    Backend, CheckinRepo, HabitRepo, ListedHabit, PauseRepo, PoolUsage, Store, StoreError,
    StoreResult, Summarize, SummarizeHabit, TaskRepo, ThemeRepo,
};
use habitflow_testkit::TestApp;
use jiff::Timestamp;
use jiff::civil::Date;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use uuid::Uuid;

/// A store that goes away after a habit or task write: every read of the
/// records an answer is made of fails from then on, as when PostgreSQL
/// restarts right after a commit.
struct DownAfterAWrite {
    inner: Arc<dyn Store>,
    down: AtomicBool,
}

impl DownAfterAWrite {
    fn new(inner: Arc<dyn Store>) -> Arc<Self> {
        Arc::new(Self {
            inner,
            down: AtomicBool::new(false),
        })
    }

    fn read(&self) -> StoreResult<()> {
        if self.down.load(Ordering::SeqCst) {
            Err(StoreError::Unavailable("gone after the commit".into()))
        } else {
            Ok(())
        }
    }

    fn wrote<T>(&self, result: StoreResult<T>) -> StoreResult<T> {
        self.down.store(true, Ordering::SeqCst);
        result
    }
}

fn theme(name: &str) -> ThemeInput {
    ThemeInput {
        name: name.parse().unwrap(),
        color: "#3366FF".into(),
    }
}

async fn user(app: &TestApp, email: &str) -> User {
    app.signed_in(email).await;
    app.stored_user(email).await
}

#[tokio::test]
async fn a_created_or_edited_habit_is_acknowledged_if_the_database_fails_right_after() {
    let app = TestApp::spawn().await;
    let ada = user(&app, "ada@example.com").await;
    let store = app.state.services.store.clone();
    let theme = store
        .themes()
        .create(ada.id, &theme("Health"), Timestamp::now())
        .await
        .unwrap();
    let with_theme = || HabitChanges {
        name: Some("Read".into()),
        theme_id: Some(Some(theme.id.to_string())),
        ..HabitChanges::default()
    };

    let mut services = app.state.services.clone();
    services.store = DownAfterAWrite::new(store.clone());
    let created = habits::create(&services, &ada, with_theme())
        .await
        .expect("the committed habit is acknowledged");
    assert_eq!(created.theme.map(|t| t.name), Some("Health".into()));
    let stored = store.habits().get(ada.id, created.habit.id).await.unwrap();
    assert_eq!(stored.map(|h| h.name), Some("Read".into()));

    services.store = DownAfterAWrite::new(store.clone());
    let renamed = HabitChanges {
        name: Some("Read more".into()),
        ..HabitChanges::default()
    };
    let edited = habits::update(&services, &ada, created.habit.id, renamed)
        .await
        .expect("the committed edit is acknowledged");
    assert_eq!(edited.habit.name, "Read more");
    assert_eq!(edited.theme.map(|t| t.name), Some("Health".into()));

    services.store = DownAfterAWrite::new(store.clone());
    let archived = habits::set_archived(&services, &ada, created.habit.id, true)
        .await
        .expect("the committed archiving is acknowledged");
    assert!(archived.habit.archived_at.is_some());
    let stored = store.habits().get(ada.id, created.habit.id).await.unwrap();
    assert_eq!(stored.map(|h| h.name), Some("Read more".into()));
    app.remove().await;
}

/// A committed check-in is acknowledged even when the database fails right
/// after the commit. Likewise an undo.
#[tokio::test]
async fn a_committed_checkin_is_acknowledged_even_if_the_database_fails_right_after() {
    use habitflow_domain::checkin::CheckinKind;
    let app = TestApp::spawn().await;
    let mut signed_in = app.signed_in("ada@example.com").await;
    let habit: Uuid = habitflow_testkit::id_of(
        &signed_in
            .create_habit(serde_json::json!({"name": "Read"}))
            .await,
    )
    .parse()
    .expect("a habit id");
    let ada = app.stored_user("ada@example.com").await;
    let store = app.state.services.store.clone();
    for kind in [Some(CheckinKind::Done), None] {
        let mut services = app.state.services.clone();
        services.store = DownAfterAWrite::new(store.clone());
        let outcome =
            habitflow::app::checkins::check_in(&services, &ada, habit, None, kind, None, "")
                .await
                .expect("the committed write is acknowledged");
        assert_eq!(outcome.kind, kind);
        assert!(outcome.changed);
        let stored = store
            .checkins()
            .for_habits(ada.id, &[habit])
            .await
            .expect("read the check-ins");
        assert_eq!(stored.first().map(|c| c.kind), kind, "{stored:?}");
        assert_eq!(outcome.current_streak, u32::from(kind.is_some()));
    }
    app.remove().await;
}

#[tokio::test]
async fn a_task_with_a_theme_is_acknowledged_if_the_database_fails_right_after() {
    let app = TestApp::spawn().await;
    let ada = user(&app, "ada@example.com").await;
    let store = app.state.services.store.clone();
    let theme = store
        .themes()
        .create(ada.id, &theme("Home"), Timestamp::now())
        .await
        .unwrap();

    let mut services = app.state.services.clone();
    services.store = DownAfterAWrite::new(store.clone());
    let new_task = TaskChanges {
        name: Some("Fix the tap".into()),
        theme_id: Some(Some(theme.id.to_string())),
        ..TaskChanges::default()
    };
    let created = tasks::create(&services, &ada, new_task)
        .await
        .expect("the committed task is acknowledged");
    assert_eq!(created.theme.map(|t| t.name), Some("Home".into()));

    services.store = DownAfterAWrite::new(store.clone());
    let renamed = TaskChanges {
        name: Some("Fix the kitchen tap".into()),
        ..TaskChanges::default()
    };
    let edited = tasks::update(&services, &ada, created.task.id, renamed)
        .await
        .expect("the committed edit is acknowledged");
    assert_eq!(edited.task.name, "Fix the kitchen tap");
    assert_eq!(edited.theme.map(|t| t.name), Some("Home".into()));

    services.store = DownAfterAWrite::new(store.clone());
    let done = tasks::complete(&services, &ada, created.task.id)
        .await
        .expect("the committed completion is acknowledged");
    assert!(done.task.completed_at.is_some());
    let stored = store.tasks().get(ada.id, created.task.id).await.unwrap();
    assert!(stored.and_then(|t| t.completed_at).is_some());
    app.remove().await;
}

#[async_trait::async_trait]
impl Store for DownAfterAWrite {
    fn backend(&self) -> Backend {
        self.inner.backend()
    }
    async fn ping(&self) -> StoreResult<()> {
        self.read()?;
        self.inner.ping().await
    }
    async fn migrate(&self) -> StoreResult<()> {
        self.inner.migrate().await
    }
    fn pool_usage(&self) -> PoolUsage {
        self.inner.pool_usage()
    }
    fn users(&self) -> &dyn habitflow_storage::UserRepo {
        self.inner.users()
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
    fn quotes(&self) -> &dyn habitflow_storage::QuoteRepo {
        self.inner.quotes()
    }
    fn sessions(&self) -> &dyn habitflow_storage::SessionRepo {
        self.inner.sessions()
    }
    fn jobs(&self) -> &dyn habitflow_storage::JobRepo {
        self.inner.jobs()
    }
    fn identities(&self) -> &dyn habitflow_storage::IdentityRepo {
        self.inner.identities()
    }
    fn summaries(&self) -> &dyn habitflow_storage::SummaryRepo {
        self.inner.summaries()
    }
    fn password_resets(&self) -> &dyn habitflow_storage::PasswordResetRepo {
        self.inner.password_resets()
    }
    fn pauses(&self) -> &dyn PauseRepo {
        self
    }
    fn vacations(&self) -> &dyn habitflow_storage::VacationRepo {
        self.inner.vacations()
    }
    fn portability(&self) -> &dyn habitflow_storage::PortabilityRepo {
        self.inner.portability()
    }
    fn tokens(&self) -> &dyn habitflow_storage::TokenRepo {
        self.inner.tokens()
    }
    fn calendar_feeds(&self) -> &dyn habitflow_storage::CalendarFeedRepo {
        self.inner.calendar_feeds()
    }
    fn reminders(&self) -> &dyn habitflow_storage::ReminderRepo {
        self.inner.reminders()
    }
}

#[async_trait::async_trait]
impl ThemeRepo for DownAfterAWrite {
    async fn create(&self, owner: Uuid, theme: &ThemeInput, now: Timestamp) -> StoreResult<Theme> {
        self.read()?;
        self.inner.themes().create(owner, theme, now).await
    }
    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Theme>> {
        self.read()?;
        self.inner.themes().get(owner, id).await
    }
    async fn list_with_counts(&self, owner: Uuid) -> StoreResult<Vec<ThemeWithCounts>> {
        self.read()?;
        self.inner.themes().list_with_counts(owner).await
    }
    async fn page_with_counts(
        &self,
        owner: Uuid,
        limit: u32,
        offset: u32,
    ) -> StoreResult<Page<ThemeWithCounts>> {
        self.read()?;
        self.inner
            .themes()
            .page_with_counts(owner, limit, offset)
            .await
    }
    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        theme: &ThemeInput,
        now: Timestamp,
    ) -> StoreResult<Theme> {
        self.read()?;
        self.inner.themes().update(owner, id, theme, now).await
    }
    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        self.read()?;
        self.inner.themes().delete(owner, id).await
    }
}

#[async_trait::async_trait]
impl TaskRepo for DownAfterAWrite {
    async fn create(&self, owner: Uuid, task: &TaskInput, now: Timestamp) -> StoreResult<Task> {
        self.read()?;
        let created = self.inner.tasks().create(owner, task, now).await;
        self.wrote(created)
    }
    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Task>> {
        self.read()?;
        self.inner.tasks().get(owner, id).await
    }
    async fn list(&self, owner: Uuid, query: &TaskQuery) -> StoreResult<Page<Task>> {
        self.read()?;
        self.inner.tasks().list(owner, query).await
    }
    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        task: &TaskInput,
        now: Timestamp,
    ) -> StoreResult<Task> {
        self.read()?;
        let updated = self.inner.tasks().update(owner, id, task, now).await;
        self.wrote(updated)
    }
    async fn set_completed_at(
        &self,
        owner: Uuid,
        id: Uuid,
        completed_at: Option<Timestamp>,
        now: Timestamp,
    ) -> StoreResult<Task> {
        self.read()?;
        let updated = self
            .inner
            .tasks()
            .set_completed_at(owner, id, completed_at, now)
            .await;
        self.wrote(updated)
    }
    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        self.read()?;
        let deleted = self.inner.tasks().delete(owner, id).await;
        self.wrote(deleted)
    }
    async fn counts_for_statistics(
        &self,
        owner: Uuid,
        period: InstantRange,
    ) -> StoreResult<Vec<TaskCountGroup>> {
        self.read()?;
        self.inner
            .tasks()
            .counts_for_statistics(owner, period)
            .await
    }
}

#[async_trait::async_trait]
impl HabitRepo for DownAfterAWrite {
    async fn create(&self, owner: Uuid, habit: &HabitInput, now: Timestamp) -> StoreResult<Habit> {
        self.read()?;
        let created = self.inner.habits().create(owner, habit, now).await;
        self.wrote(created)
    }
    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Habit>> {
        self.read()?;
        self.inner.habits().get(owner, id).await
    }
    async fn list(&self, owner: Uuid) -> StoreResult<Vec<Habit>> {
        self.read()?;
        self.inner.habits().list(owner).await
    }
    async fn list_with_pauses(&self, owner: Uuid) -> StoreResult<(Vec<Habit>, OwnerPauses)> {
        self.read()?;
        self.inner.habits().list_with_pauses(owner).await
    }
    async fn list_for_day(
        &self,
        owner: Uuid,
        day: Date,
    ) -> StoreResult<(Vec<ListedHabit>, OwnerPauses)> {
        self.read()?;
        self.inner.habits().list_for_day(owner, day).await
    }
    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        habit: &HabitInput,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Habit> {
        self.read()?;
        let updated = self
            .inner
            .habits()
            .update(owner, id, habit, now, summarize)
            .await;
        self.wrote(updated)
    }
    async fn set_archived_at(
        &self,
        owner: Uuid,
        id: Uuid,
        archived_at: Option<Timestamp>,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Habit> {
        self.read()?;
        let updated = self
            .inner
            .habits()
            .set_archived_at(owner, id, archived_at, now, summarize)
            .await;
        self.wrote(updated)
    }
    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        self.read()?;
        let deleted = self.inner.habits().delete(owner, id).await;
        self.wrote(deleted)
    }
}

#[async_trait::async_trait]
impl CheckinRepo for DownAfterAWrite {
    async fn put(
        &self,
        checkin: &CheckinWrite,
        summarize: Summarize<'_>,
    ) -> StoreResult<habitflow_storage::CheckinWritten> {
        self.read()?;
        self.inner.checkins().put(checkin, summarize).await
    }
    async fn remove(
        &self,
        owner: Uuid,
        habit: Uuid,
        date: Date,
        summarize: Summarize<'_>,
    ) -> StoreResult<Option<habitflow_storage::CheckinWritten>> {
        self.read()?;
        self.inner
            .checkins()
            .remove(owner, habit, date, summarize)
            .await
    }
    async fn for_habit(
        &self,
        owner: Uuid,
        habit: Uuid,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<CheckinRecord>> {
        self.read()?;
        self.inner
            .checkins()
            .for_habit(owner, habit, from, to)
            .await
    }
    async fn for_habits(&self, owner: Uuid, habits: &[Uuid]) -> StoreResult<Vec<CheckinRecord>> {
        self.read()?;
        self.inner.checkins().for_habits(owner, habits).await
    }
    async fn for_owner_since(&self, owner: Uuid, since: Date) -> StoreResult<Vec<CheckinRecord>> {
        self.read()?;
        self.inner.checkins().for_owner_since(owner, since).await
    }
    async fn months_and_rows(
        &self,
        owner: Uuid,
        since: Option<Date>,
        with_rows: &[Uuid],
    ) -> StoreResult<habitflow_domain::model::MonthsAndRows> {
        self.read()?;
        self.inner
            .checkins()
            .months_and_rows(owner, since, with_rows)
            .await
    }
    async fn all_time(
        &self,
        owner: Uuid,
        today: Date,
        with_months: &[Uuid],
        with_rows: &[Uuid],
    ) -> StoreResult<habitflow_domain::model::MonthsAndRows> {
        self.read()?;
        self.inner
            .checkins()
            .all_time(owner, today, with_months, with_rows)
            .await
    }
    async fn insert_many(
        &self,
        owner: Uuid,
        checkins: &[CheckinRecord],
        now: Timestamp,
    ) -> StoreResult<u64> {
        self.read()?;
        self.inner
            .checkins()
            .insert_many(owner, checkins, now)
            .await
    }
}

#[async_trait::async_trait]
impl PauseRepo for DownAfterAWrite {
    async fn for_habit(&self, owner: Uuid, habit: Uuid) -> StoreResult<Vec<Pause>> {
        self.read()?;
        self.inner.pauses().for_habit(owner, habit).await
    }
    async fn for_owner(&self, owner: Uuid) -> StoreResult<OwnerPauses> {
        self.read()?;
        self.inner.pauses().for_owner(owner).await
    }
    async fn effective_for_habit(
        &self,
        owner: Uuid,
        habit: Uuid,
    ) -> StoreResult<habitflow_domain::pause::PauseSet> {
        self.read()?;
        self.inner.pauses().effective_for_habit(owner, habit).await
    }
    async fn add(
        &self,
        owner: Uuid,
        habit: Uuid,
        range: DateRange,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Pause> {
        self.read()?;
        self.inner
            .pauses()
            .add(owner, habit, range, summarize)
            .await
    }
    async fn delete(
        &self,
        owner: Uuid,
        habit: Uuid,
        id: Uuid,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<bool> {
        self.read()?;
        self.inner
            .pauses()
            .delete(owner, habit, id, summarize)
            .await
    }
}
