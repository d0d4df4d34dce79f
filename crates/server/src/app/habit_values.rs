//! The values derived from a habit's history (`docs/product.md#derived-values`):
//! each habit's summary, kept up to date in the write transactions, and the
//! values derived from it for the user's today.
use super::Services;
use super::error::AppError;
use super::today::UserCalendar;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::{
    CheckinChange, FromSummary, HabitOnDate, History, HistorySummary, PeriodProgress, Resummarized,
};
use habitflow_domain::measure::Amount;
use habitflow_domain::model::{CheckinRecord, EffectivePauses, Habit, User};
use habitflow_domain::pause::PauseSet;
use habitflow_domain::schedule::Schedule;
use habitflow_storage::CheckinSummarizer;
use jiff::civil::Date;
use std::collections::HashMap;
use uuid::Uuid;

impl Derived {
    /// On today's list: still due, or done or skipped today.
    pub fn is_for_today(&self) -> bool {
        !self.archived && (self.due_today || self.done_today || self.skipped_today)
    }
}

/// Values derived for the user's local today (docs/product.md#derived-values).
#[derive(Debug, Clone, PartialEq)]
pub struct Derived {
    pub archived: bool,
    pub due_today: bool,
    pub done_today: bool,
    pub skipped_today: bool,
    pub paused_today: bool,
    /// The value of today's check-in on a measurable habit.
    pub today_value: Option<Amount>,
    pub current_streak: u32,
    pub best_streak: u32,
    pub strength: u8,
    pub progress: Option<f64>,
    pub next_scheduled_on: Option<Date>,
    /// The current period of a `times_per_period` habit ("2 of 3 this week").
    pub current_period: Option<PeriodProgress>,
}

pub fn history_of(records: &[CheckinRecord]) -> Vec<Checkin> {
    records.iter().map(checkin_of).collect()
}

/// A stored check-in as the domain judges it.
pub fn checkin_of(record: &CheckinRecord) -> Checkin {
    Checkin {
        date: record.date,
        kind: record.kind,
        value: record.value,
    }
}

/// The domain's summary of a habit's history, with its active window, its
/// target and its effective pauses.
pub fn summarize_with(
    habit: &Habit,
    archived_on: Option<Date>,
    pauses: &PauseSet,
    history: &[Checkin],
    today: Date,
) -> HistorySummary {
    HabitOnDate {
        schedule: &habit.schedule(),
        archived_on,
        target: habit.target(),
        pauses,
        history: History::new(history),
        today,
    }
    .summarize()
}

/// The domain's summary rules for one habit, run by the store inside a
/// check-in write (docs/architecture.md#check-in-writes).
pub struct CheckinSummaries<'a> {
    habit: &'a Habit,
    schedule: Schedule,
    archived_on: Option<Date>,
    today: Date,
}

impl<'a> CheckinSummaries<'a> {
    pub fn new(habit: &'a Habit, archived_on: Option<Date>, today: Date) -> Self {
        Self {
            habit,
            schedule: habit.schedule(),
            archived_on,
            today,
        }
    }

    fn on<'h>(&'h self, pauses: &'h PauseSet, history: &'h [Checkin]) -> HabitOnDate<'h> {
        HabitOnDate {
            schedule: &self.schedule,
            archived_on: self.archived_on,
            target: self.habit.target(),
            pauses,
            history: History::new(history),
            today: self.today,
        }
    }
}

impl CheckinSummarizer for CheckinSummaries<'_> {
    fn full(&self, pauses: &PauseSet, history: &[Checkin]) -> Resummarized {
        self.on(pauses, history).summarize_with_states()
    }

    fn after_change(&self, pauses: &PauseSet, change: &CheckinChange<'_>) -> Option<Resummarized> {
        self.on(pauses, &[]).resummarize_after(change)
    }
}

pub fn derive_from_summary(
    habit: &Habit,
    summary: HistorySummary,
    today_checkin: Option<Checkin>,
    pauses: &PauseSet,
    calendar: &UserCalendar,
    today: Date,
) -> Result<Derived, AppError> {
    on_summary(
        habit,
        summary,
        today_checkin,
        pauses,
        calendar,
        today,
        derived_of,
    )
}

/// Answers with the habit seen from its summary and today's check-in.
pub fn on_summary<R>(
    habit: &Habit,
    summary: HistorySummary,
    today_checkin: Option<Checkin>,
    pauses: &PauseSet,
    calendar: &UserCalendar,
    today: Date,
    answer: impl FnOnce(&FromSummary<'_>) -> R,
) -> R {
    let schedule = habit.schedule();
    answer(&FromSummary {
        target: habit.target(),
        pauses,
        today_value: today_checkin.and_then(|checkin| checkin.value),
        schedule: &schedule,
        archived_on: habit.archived_at.map(|at| calendar.date_of(at)),
        summary,
        today_checkin: today_checkin.map(|checkin| checkin.kind),
        today,
    })
}

/// The derived values of docs/product.md#derived-values, from the summary.
pub fn derived_of(view: &FromSummary<'_>) -> Result<Derived, AppError> {
    Ok(Derived {
        archived: view.is_archived(),
        due_today: view.due_today(),
        done_today: view.done_today(),
        skipped_today: view.skipped_today(),
        paused_today: view.paused_today(),
        today_value: view.today_value,
        current_streak: view.current_streak(),
        best_streak: view.best_streak(),
        strength: view.strength(),
        progress: view.progress(),
        next_scheduled_on: view.next_scheduled_open(),
        current_period: view.current_period(),
    })
}

/// Each of the owner's habits' effective pauses, read in one query.
pub async fn pauses_of(state: &Services, owner: &User) -> Result<EffectivePauses, AppError> {
    Ok(state.store.pauses().for_owner(owner.id).await?.effective())
}

/// The summaries of the owner's habits, computing (once) those that are missing.
pub async fn summaries_of(
    state: &Services,
    owner: &User,
    habits: &[Habit],
    pauses: &EffectivePauses,
    calendar: &UserCalendar,
    today: Date,
) -> Result<HashMap<Uuid, HistorySummary>, AppError> {
    let mut summaries: HashMap<Uuid, HistorySummary> = state
        .store
        .summaries()
        .for_owner(owner.id)
        .await?
        .into_iter()
        .collect();
    let unsummarized: Vec<&Habit> = habits
        .iter()
        .filter(|h| !summaries.contains_key(&h.id))
        .collect();
    if !unsummarized.is_empty() {
        summaries
            .extend(summarize_missing(state, owner, &unsummarized, pauses, calendar, today).await?);
    }
    Ok(summaries)
}

/// Computes and stores the summaries of habits that have none (created
/// before summaries existed, or imported); one read for all of them.
pub async fn summarize_missing(
    state: &Services,
    owner: &User,
    habits: &[&Habit],
    pauses: &EffectivePauses,
    calendar: &UserCalendar,
    today: Date,
) -> Result<Vec<(Uuid, HistorySummary)>, AppError> {
    let ids: Vec<Uuid> = habits.iter().map(|h| h.id).collect();
    let mut histories: HashMap<Uuid, Vec<Checkin>> = HashMap::new();
    for record in state.store.checkins().for_habits(owner.id, &ids).await? {
        histories
            .entry(record.habit_id)
            .or_default()
            .push(checkin_of(&record));
    }
    let mut computed = Vec::with_capacity(habits.len());
    for habit in habits {
        let history = histories.remove(&habit.id).unwrap_or_default();
        let summary = summarize_with(
            habit,
            habit.archived_at.map(|at| calendar.date_of(at)),
            pauses.of(habit.id),
            &history,
            today,
        );
        state
            .store
            .summaries()
            .save(owner.id, habit.id, &summary)
            .await?;
        computed.push((habit.id, summary));
    }
    Ok(computed)
}

/// The summary rule for a habit as just written (new schedule, kind or
/// archive date, or new pauses), run by the store inside the write's transaction.
pub fn summarize_habit(
    owner: &User,
) -> impl Fn(&Habit, &PauseSet, &[Checkin]) -> HistorySummary + Send + Sync + use<> {
    let calendar = UserCalendar::of(owner);
    move |habit: &Habit, pauses: &PauseSet, history: &[Checkin]| {
        summarize_with(
            habit,
            habit.archived_at.map(|at| calendar.date_of(at)),
            pauses,
            history,
            Date::MAX,
        )
    }
}

/// Recomputes a habit's summary from its whole history (after an import).
pub async fn resummarize(state: &Services, owner: &User, habit: &Habit) -> Result<(), AppError> {
    let calendar = UserCalendar::of(owner);
    let pauses = pauses_of(state, owner).await?;
    summarize_missing(
        state,
        owner,
        &[habit],
        &pauses,
        &calendar,
        calendar.today(state),
    )
    .await
    .map(drop)
}
