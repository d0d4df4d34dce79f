//! The values derived from a habit's history (`docs/product.md#derived-values`):
//! each habit's summary, kept up to date in the write transactions, and the
//! values derived from it for the user's today.
use super::Services;
use super::error::AppError;
use super::today::UserCalendar;
use habitflow_domain::checkin::{Checkin, CheckinKind};
use habitflow_domain::derived::{FromSummary, HabitOnDate, History, HistorySummary};
use habitflow_domain::model::{CheckinRecord, Habit, User};
use habitflow_domain::pause::PauseSet;
use habitflow_domain::schedule::Schedule;
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
    pub current_streak: u32,
    pub best_streak: u32,
    pub strength: u8,
    pub progress: Option<f64>,
    pub next_scheduled_on: Option<Date>,
}

pub fn history_of(records: &[CheckinRecord]) -> Vec<Checkin> {
    records
        .iter()
        .map(|r| Checkin {
            date: r.date,
            kind: r.kind,
            // No value column yet: every stored habit is a yes/no habit.
            value: None,
        })
        .collect()
}

/// The derived values from the whole history: summarized first, so that one
/// path (`derive_from_summary`) turns every habit into its values.
pub fn derive(
    habit: &Habit,
    checkins: &[Checkin],
    calendar: &UserCalendar,
    today: Date,
) -> Result<Derived, AppError> {
    let schedule = habit.schedule();
    let archived_on = habit.archived_at.map(|at| calendar.date_of(at));
    let summary = summarize_with(&schedule, archived_on, checkins, today);
    let today_checkin = History::new(checkins).get(today);
    derive_from_summary(habit, summary, today_checkin, calendar, today)
}

/// The domain's summary of a habit's history, with its active window.
pub fn summarize_with(
    schedule: &Schedule,
    archived_on: Option<Date>,
    history: &[Checkin],
    today: Date,
) -> HistorySummary {
    HabitOnDate {
        schedule,
        archived_on,
        // Kinds and pauses are not stored yet: a yes/no habit without pauses.
        target: None,
        pauses: PauseSet::none(),
        history: History::new(history),
        today,
    }
    .summarize()
}

pub fn derive_from_summary(
    habit: &Habit,
    summary: HistorySummary,
    today_checkin: Option<CheckinKind>,
    calendar: &UserCalendar,
    today: Date,
) -> Result<Derived, AppError> {
    let schedule = habit.schedule();
    let view = FromSummary {
        target: None,
        pauses: PauseSet::none(),
        today_value: None,
        schedule: &schedule,
        archived_on: habit.archived_at.map(|at| calendar.date_of(at)),
        summary,
        today_checkin,
        today,
    };
    Ok(Derived {
        archived: view.is_archived(),
        due_today: view.due_today(),
        done_today: view.done_today(),
        skipped_today: view.skipped_today(),
        current_streak: view.current_streak(),
        best_streak: view.best_streak(),
        strength: view.strength(),
        progress: view.progress(),
        next_scheduled_on: view.next_scheduled_open(),
    })
}

/// The summaries of the owner's habits, computing (once) those that are missing.
pub async fn summaries_of(
    state: &Services,
    owner: &User,
    habits: &[Habit],
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
        summaries.extend(summarize_missing(state, owner, &unsummarized, calendar, today).await?);
    }
    Ok(summaries)
}

/// Computes and stores the summaries of habits that have none (created
/// before summaries existed, or imported); one read for all of them.
pub async fn summarize_missing(
    state: &Services,
    owner: &User,
    habits: &[&Habit],
    calendar: &UserCalendar,
    today: Date,
) -> Result<Vec<(Uuid, HistorySummary)>, AppError> {
    let ids: Vec<Uuid> = habits.iter().map(|h| h.id).collect();
    let mut histories: HashMap<Uuid, Vec<Checkin>> = HashMap::new();
    for record in state.store.checkins().for_habits(owner.id, &ids).await? {
        histories.entry(record.habit_id).or_default().push(Checkin {
            date: record.date,
            kind: record.kind,
            // No value column yet: every stored habit is a yes/no habit.
            value: None,
        });
    }
    let mut computed = Vec::with_capacity(habits.len());
    for habit in habits {
        let schedule = habit.schedule();
        let history = histories.remove(&habit.id).unwrap_or_default();
        let summary = summarize_with(
            &schedule,
            habit.archived_at.map(|at| calendar.date_of(at)),
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

/// The summary rule for a habit as just written (new schedule or archive
/// date), run by the store inside the write's transaction.
pub fn summarize_habit(
    owner: &User,
) -> impl Fn(&Habit, &[Checkin]) -> HistorySummary + Send + Sync + use<> {
    let calendar = UserCalendar::of(owner);
    move |habit: &Habit, history: &[Checkin]| {
        summarize_with(
            &habit.schedule(),
            habit.archived_at.map(|at| calendar.date_of(at)),
            history,
            Date::MAX,
        )
    }
}

/// Recomputes a habit's summary from its whole history (after an import).
pub async fn resummarize(state: &Services, owner: &User, habit: &Habit) -> Result<(), AppError> {
    let calendar = UserCalendar::of(owner);
    summarize_missing(state, owner, &[habit], &calendar, calendar.today(state))
        .await
        .map(drop)
}
