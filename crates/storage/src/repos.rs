//! The ports: one trait per aggregate, each implemented by both backends.
use crate::StoreError;
use async_trait::async_trait;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::{CheckinChange, HistorySummary, Resummarized};
use habitflow_domain::local_date::InstantRange;
use habitflow_domain::model::*;
use habitflow_domain::pause::{DateRange, PauseSet};
use habitflow_domain::reminder::{ReminderTimes, Slot};
use habitflow_domain::token::ApiToken;
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

pub type StoreResult<T> = Result<T, StoreError>;

/// How a check-in write brings its habit's summary up to date inside its
/// transaction (docs/architecture.md#check-in-writes): the domain's rules,
/// handed to the store so they run there, each given the habit's effective
/// pauses (its own with the owner's vacations).
pub trait CheckinSummarizer: Send + Sync {
    /// From the whole history (sorted by date): the summary and every
    /// check-in's state, when the stored states are missing or stale.
    fn full(&self, pauses: &PauseSet, history: &[Checkin]) -> Resummarized;
    /// From the stored summary and the check-ins from the written date on;
    /// `None` when only `full` can.
    fn after_change(&self, pauses: &PauseSet, change: &CheckinChange<'_>) -> Option<Resummarized>;
}

pub type Summarize<'a> = &'a dyn CheckinSummarizer;

/// What a check-in write leaves: whether it changed anything, and what its
/// answer is computed from — the habit's summary after it, its effective
/// pauses, and its check-ins dated on or after the written date.
#[derive(Debug, Clone, PartialEq)]
pub struct CheckinWritten {
    pub changed: bool,
    pub summary: HistorySummary,
    pub pauses: PauseSet,
    pub later: Vec<Checkin>,
}

/// A habit as the lists and the home page derive it: with its theme's name
/// and color, its summary (`None` until one is saved), its check-in of the day
/// they were read for and its reminder times (docs/reminders.md).
#[derive(Debug, Clone, PartialEq)]
pub struct ListedHabit {
    pub habit: Habit,
    pub theme: Option<ThemeNameAndColor>,
    pub summary: Option<HistorySummary>,
    pub checkin_of_day: Option<Checkin>,
    pub reminder_times: ReminderTimes,
}

/// What a listed habit shows of its theme.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ThemeNameAndColor {
    pub name: String,
    pub color: String,
}

/// The same for a habit whose schedule, kind, archive date or pauses change:
/// the summary is recomputed, from the habit as written, in the same transaction.
pub type SummarizeHabit<'a> =
    &'a (dyn Fn(&Habit, &PauseSet, &[Checkin]) -> HistorySummary + Send + Sync);

/// The next slot of a habit's reminder times, counted from the write's time
/// in the owner's zone (docs/reminders.md): the domain's rule, handed to the
/// store so an import writes it with the habit.
pub type NextReminder<'a> = &'a (dyn Fn(&ReminderTimes) -> Option<Slot> + Send + Sync);

/// A whole database: its repositories plus health and migrations.
#[async_trait]
pub trait Store: Send + Sync {
    fn backend(&self) -> crate::Backend;
    /// A cheap round trip, for readiness checks.
    async fn ping(&self) -> StoreResult<()>;
    async fn migrate(&self) -> StoreResult<()>;
    /// The connection pool's current use, for the metrics.
    fn pool_usage(&self) -> crate::PoolUsage;
    fn users(&self) -> &dyn UserRepo;
    fn themes(&self) -> &dyn ThemeRepo;
    fn tasks(&self) -> &dyn TaskRepo;
    fn habits(&self) -> &dyn HabitRepo;
    fn checkins(&self) -> &dyn CheckinRepo;
    fn quotes(&self) -> &dyn QuoteRepo;
    fn sessions(&self) -> &dyn SessionRepo;
    fn jobs(&self) -> &dyn JobRepo;
    fn identities(&self) -> &dyn IdentityRepo;
    fn summaries(&self) -> &dyn SummaryRepo;
    fn password_resets(&self) -> &dyn PasswordResetRepo;
    fn pauses(&self) -> &dyn PauseRepo;
    fn vacations(&self) -> &dyn VacationRepo;
    fn tokens(&self) -> &dyn TokenRepo;
    fn calendar_feeds(&self) -> &dyn CalendarFeedRepo;
    /// The account's data in and out (docs/data.md).
    fn portability(&self) -> &dyn crate::PortabilityRepo;
    fn reminders(&self) -> &dyn crate::ReminderRepo;
}

#[async_trait]
pub trait UserRepo: Send + Sync {
    /// `Conflict` when the email is taken.
    async fn create(&self, user: &NewUser, now: Timestamp) -> StoreResult<User>;
    async fn by_id(&self, id: Uuid) -> StoreResult<Option<User>>;
    async fn by_email(&self, email: &str) -> StoreResult<Option<User>>;
    async fn update_profile(
        &self,
        id: Uuid,
        profile: &Profile,
        now: Timestamp,
    ) -> StoreResult<User>;
    async fn set_password_hash(&self, id: Uuid, hash: &str, now: Timestamp) -> StoreResult<()>;
    async fn set_active(&self, id: Uuid, active: bool, now: Timestamp) -> StoreResult<()>;
    /// Every account, by email.
    async fn list(&self) -> StoreResult<Vec<User>>;
    /// Deletes the account and everything it owns (themes, tasks, habits,
    /// check-ins, pauses, vacations, identities, sessions, reset links).
    /// Returns whether it existed.
    async fn delete(&self, id: Uuid) -> StoreResult<bool>;
}

#[async_trait]
pub trait ThemeRepo: Send + Sync {
    /// `Conflict` when the owner already has a theme of that name (any case).
    async fn create(&self, owner: Uuid, theme: &ThemeInput, now: Timestamp) -> StoreResult<Theme>;
    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Theme>>;
    /// All of the owner's themes with their task and habit counts, by name.
    async fn list_with_counts(&self, owner: Uuid) -> StoreResult<Vec<ThemeWithCounts>>;
    /// One page of the same list, by name, and the number of the owner's themes.
    async fn page_with_counts(
        &self,
        owner: Uuid,
        limit: u32,
        offset: u32,
    ) -> StoreResult<Page<ThemeWithCounts>>;
    /// `NotFound` for another owner's theme.
    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        theme: &ThemeInput,
        now: Timestamp,
    ) -> StoreResult<Theme>;
    /// Tasks and habits of the theme stay, with no theme. Returns whether it existed.
    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool>;
}

#[async_trait]
pub trait TaskRepo: Send + Sync {
    async fn create(&self, owner: Uuid, task: &TaskInput, now: Timestamp) -> StoreResult<Task>;
    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Task>>;
    async fn list(&self, owner: Uuid, query: &TaskQuery) -> StoreResult<Page<Task>>;
    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        task: &TaskInput,
        now: Timestamp,
    ) -> StoreResult<Task>;
    /// Sets or clears `completed_at`; `NotFound` for another owner's task.
    async fn set_completed_at(
        &self,
        owner: Uuid,
        id: Uuid,
        completed_at: Option<Timestamp>,
        now: Timestamp,
    ) -> StoreResult<Task>;
    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool>;
    /// The owner's tasks counted by theme, priority and completion state,
    /// with their creations and completions in `period`, in one query
    /// (docs/architecture.md#tasks-counted-in-sql).
    async fn counts_for_statistics(
        &self,
        owner: Uuid,
        period: InstantRange,
    ) -> StoreResult<Vec<TaskCountGroup>>;
}

#[async_trait]
pub trait HabitRepo: Send + Sync {
    async fn create(&self, owner: Uuid, habit: &HabitInput, now: Timestamp) -> StoreResult<Habit>;
    async fn get(&self, owner: Uuid, id: Uuid) -> StoreResult<Option<Habit>>;
    /// All of the owner's habits, oldest first.
    async fn list(&self, owner: Uuid) -> StoreResult<Vec<Habit>>;
    /// The same with the habits' pauses and the owner's vacations, in one
    /// query (the lists' reads stay bounded: docs/product.md#performance).
    async fn list_with_pauses(&self, owner: Uuid) -> StoreResult<(Vec<Habit>, OwnerPauses)>;
    /// The same with each habit's theme name and color, summary, check-in of
    /// `day` and reminder times: all that the habits list and the home page derive from,
    /// in one query, so a request pays one round trip for it
    /// (docs/benchmarks.md#habits-list-17).
    async fn list_for_day(
        &self,
        owner: Uuid,
        day: Date,
    ) -> StoreResult<(Vec<ListedHabit>, OwnerPauses)>;
    async fn update(
        &self,
        owner: Uuid,
        id: Uuid,
        habit: &HabitInput,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Habit>;
    async fn set_archived_at(
        &self,
        owner: Uuid,
        id: Uuid,
        archived_at: Option<Timestamp>,
        now: Timestamp,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Habit>;
    /// Deletes the habit and its check-ins. Returns whether it existed.
    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool>;
}

#[async_trait]
pub trait CheckinRepo: Send + Sync {
    /// Records the check-in's kind, note and value for (habit, date),
    /// replacing another kind, note or value; concurrent calls never create
    /// two rows. `NotFound` when the habit is not the owner's. `summarize`
    /// brings the habit's summary up to date, saved in the same transaction.
    async fn put(
        &self,
        checkin: &CheckinWrite,
        summarize: Summarize<'_>,
    ) -> StoreResult<CheckinWritten>;
    /// Removes the check-in of (habit, date), re-summarizing in the same
    /// transaction (`changed`: whether one existed). `None` when the habit is
    /// not the owner's.
    async fn remove(
        &self,
        owner: Uuid,
        habit: Uuid,
        date: Date,
        summarize: Summarize<'_>,
    ) -> StoreResult<Option<CheckinWritten>>;
    /// The habit's check-ins in `from ..= to`, by date.
    async fn for_habit(
        &self,
        owner: Uuid,
        habit: Uuid,
        from: Date,
        to: Date,
    ) -> StoreResult<Vec<CheckinRecord>>;
    /// The check-ins of several habits in one query, by habit then date.
    async fn for_habits(&self, owner: Uuid, habits: &[Uuid]) -> StoreResult<Vec<CheckinRecord>>;
    /// All of the owner's check-ins dated `since` or later, by habit then date.
    async fn for_owner_since(&self, owner: Uuid, since: Date) -> StoreResult<Vec<CheckinRecord>>;
    /// For the long-range statistics, in one query: the owner's check-in
    /// months (kept by every check-in write,
    /// docs/architecture.md#check-in-month-aggregates) from the month holding
    /// `since` on, and the check-ins of the habits `with_rows` dated `since` or
    /// later; all of both without `since`. Each by habit then date.
    async fn months_and_rows(
        &self,
        owner: Uuid,
        since: Option<Date>,
        with_rows: &[Uuid],
    ) -> StoreResult<MonthsAndRows>;
    /// For the all-time statistics, in one query: the owner's check-ins per
    /// month over all habits before the month of `today` (`totals`, kept by
    /// every check-in write), the date of the owner's first check-in, every
    /// habit's check-in month of `today` and later, all the check-in months
    /// of `with_months`, and all the check-ins of `with_rows`
    /// (docs/architecture.md#check-in-month-aggregates). Months and rows by
    /// habit then date; totals by month.
    async fn all_time(
        &self,
        owner: Uuid,
        today: Date,
        with_months: &[Uuid],
        with_rows: &[Uuid],
    ) -> StoreResult<MonthsAndRows>;
    /// Stores many check-ins at once (demo data, imports); existing dates are left as they are.
    async fn insert_many(
        &self,
        owner: Uuid,
        checkins: &[CheckinRecord],
        now: Timestamp,
    ) -> StoreResult<u64>;
}

#[async_trait]
pub trait QuoteRepo: Send + Sync {
    /// Stores a new batch and deletes all but the newest `keep` batches.
    async fn replace(&self, quotes: &[Quote], fetched_at: Timestamp, keep: u32) -> StoreResult<()>;
    /// The newest batch, in its original order (empty when none was ever stored).
    async fn latest(&self) -> StoreResult<Vec<Quote>>;
}

/// Sign-in sessions kept in the database (the embedded session store).
#[async_trait]
pub trait SessionRepo: Send + Sync {
    async fn create(&self, session: &AuthSession) -> StoreResult<()>;
    async fn get(&self, id_hash: &str) -> StoreResult<Option<AuthSession>>;
    /// The session with its user, in one query: what signs a request in
    /// (docs/benchmarks.md#habits-list-17). Deleting a user deletes its sessions.
    async fn get_with_user(&self, id_hash: &str) -> StoreResult<Option<(AuthSession, User)>>;
    async fn touch(&self, id_hash: &str, last_seen_at: Timestamp) -> StoreResult<()>;
    /// Returns whether the session existed.
    async fn delete(&self, id_hash: &str) -> StoreResult<bool>;
    /// Deletes all of a user's sessions but `keep`; returns how many went.
    async fn delete_for_user(&self, user: Uuid, keep: Option<&str>) -> StoreResult<u64>;
    /// The user's sessions, newest first.
    async fn list_for_user(&self, user: Uuid) -> StoreResult<Vec<AuthSession>>;
    /// Deletes the sessions past their absolute end (`expires_at <= now`) or
    /// idle since `idle_since` (`last_seen_at <= idle_since`); returns how many went.
    async fn delete_expired(&self, now: Timestamp, idle_since: Timestamp) -> StoreResult<u64>;
}

/// One-time password-reset links, stored by the hash of their token.
#[async_trait]
pub trait PasswordResetRepo: Send + Sync {
    /// Stores a link, replacing the user's earlier ones.
    async fn create(&self, reset: &PasswordReset) -> StoreResult<()>;
    /// The user of a link that is unused and unexpired at `now`.
    async fn user_for(&self, token_hash: &str, now: Timestamp) -> StoreResult<Option<Uuid>>;
    /// Uses up a link: deletes it and returns its user when it was unexpired
    /// at `now`. Of two concurrent uses, one gets the user.
    async fn take(&self, token_hash: &str, now: Timestamp) -> StoreResult<Option<Uuid>>;
}

/// Background jobs shared by several instances: each time slot runs once.
#[async_trait]
pub trait JobRepo: Send + Sync {
    /// Claims `slot` of `job`; `true` for the one caller that got it.
    async fn claim(&self, job: &str, slot: i64, now: Timestamp) -> StoreResult<bool>;
}

/// Identities at OpenID Connect providers, linked to users.
#[async_trait]
pub trait IdentityRepo: Send + Sync {
    async fn find(&self, issuer: &str, subject: &str) -> StoreResult<Option<OidcIdentity>>;
    /// `Conflict` when (issuer, subject) is already linked.
    async fn link(
        &self,
        user: Uuid,
        issuer: &str,
        subject: &str,
        email: Option<&str>,
        now: Timestamp,
    ) -> StoreResult<OidcIdentity>;
    async fn list_for_user(&self, user: Uuid) -> StoreResult<Vec<OidcIdentity>>;
    /// Returns whether the user's identity existed.
    async fn unlink(&self, user: Uuid, id: Uuid) -> StoreResult<bool>;
}

/// The per-habit history summaries.
#[async_trait]
pub trait SummaryRepo: Send + Sync {
    /// The summaries of the owner's habits that have one.
    async fn for_owner(&self, owner: Uuid) -> StoreResult<Vec<(Uuid, HistorySummary)>>;
    /// Replaces a habit's summary (after a schedule edit or an import).
    async fn save(&self, owner: Uuid, habit: Uuid, summary: &HistorySummary) -> StoreResult<()>;
}

/// Habits' pauses (docs/product.md#pauses-and-vacations), stored merged: no
/// two of a habit overlap or touch. Every write re-summarizes the habit in its
/// transaction.
#[async_trait]
pub trait PauseRepo: Send + Sync {
    /// The habit's pauses by date; none for another owner's habit.
    async fn for_habit(&self, owner: Uuid, habit: Uuid) -> StoreResult<Vec<Pause>>;
    /// The pauses of all the owner's habits and the owner's vacations, in one query.
    async fn for_owner(&self, owner: Uuid) -> StoreResult<OwnerPauses>;
    /// One habit's effective pauses — its own merged with the owner's
    /// vacations — in one query; only the vacations for another owner's habit.
    async fn effective_for_habit(&self, owner: Uuid, habit: Uuid) -> StoreResult<PauseSet>;
    /// Pauses the habit over `range`, merged with the pauses it overlaps or
    /// touches; returns the merged pause. `NotFound` when the habit is not the owner's.
    async fn add(
        &self,
        owner: Uuid,
        habit: Uuid,
        range: DateRange,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Pause>;
    /// Returns whether the owner's habit had that pause.
    async fn delete(
        &self,
        owner: Uuid,
        habit: Uuid,
        id: Uuid,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<bool>;
}

/// An account's vacations, stored merged; every write re-summarizes all of
/// the account's habits in its transaction.
#[async_trait]
pub trait VacationRepo: Send + Sync {
    /// The owner's vacations by date.
    async fn list(&self, owner: Uuid) -> StoreResult<Vec<Vacation>>;
    /// Adds a vacation merged with those it overlaps or touches; returns the merged one.
    async fn add(
        &self,
        owner: Uuid,
        range: DateRange,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<Vacation>;
    /// Returns whether the owner had that vacation.
    async fn delete(
        &self,
        owner: Uuid,
        id: Uuid,
        summarize: SummarizeHabit<'_>,
    ) -> StoreResult<bool>;
}

/// Personal access tokens (docs/security.md, API tokens), stored by the
/// SHA-256 of their secret.
#[async_trait]
pub trait TokenRepo: Send + Sync {
    /// Stores a new token; `QuotaExceeded(Tokens)` when its owner already has
    /// as many as allowed.
    async fn create(&self, token: &ApiToken) -> StoreResult<ApiToken>;
    /// The owner's tokens, newest first.
    async fn list(&self, owner: Uuid) -> StoreResult<Vec<ApiToken>>;
    /// The token with this hash, whoever owns it.
    async fn by_hash(&self, token_hash: &str) -> StoreResult<Option<ApiToken>>;
    /// Records that the token was used at `at`.
    async fn touch(&self, id: Uuid, at: Timestamp) -> StoreResult<()>;
    /// Returns whether the owner had that token.
    async fn delete(&self, owner: Uuid, id: Uuid) -> StoreResult<bool>;
}

/// The secret part of each user's calendar feed URL, stored as its SHA-256;
/// one feed per user.
#[async_trait]
pub trait CalendarFeedRepo: Send + Sync {
    /// Sets the owner's feed token, replacing the one before.
    async fn put(&self, owner: Uuid, token_hash: &str, now: Timestamp) -> StoreResult<()>;
    /// The owner of the feed with this token hash.
    async fn owner_of(&self, token_hash: &str) -> StoreResult<Option<Uuid>>;
    /// Turns the owner's feed off; returns whether there was one.
    async fn delete(&self, owner: Uuid) -> StoreResult<bool>;
}
