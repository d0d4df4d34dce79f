//! The statistics dashboard (`docs/product.md#statistics`): one bulk load
//! per request, then the domain's arithmetic. Check-ins are read from the
//! start of the previous period (for "most improved"), or from the first day
//! of the `times_per_period` period holding it, whose sums start there
//! (docs/schedules.md#statistics); for `1y` and `all` they come from the
//! check-in months except a measurable habit's
//! (docs/architecture.md#check-in-month-aggregates). Streaks and today's
//! values come from the per-habit summaries, so the cost follows the period,
//! not the age of the history.
use super::Services;
use super::error::AppError;
use super::habit_values::{checkin_of, derive_from_summary, summaries_of};
use super::today::UserCalendar;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::{HabitOnDate, History, HistorySummary};
use habitflow_domain::model::{
    CheckinRecord, EffectivePauses, Habit, TaskCountGroup, ThemeWithCounts, User,
};
use habitflow_domain::pause::PauseSet;
use habitflow_domain::stats::{
    Granularity, HabitFigures, HabitStats, Insight, Period, Range, TaskStats, habit_stats,
    history_needed_from, insights, reads_values, statistics_history, task_stats, value_series,
};
use jiff::civil::Date;
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

/// The group of tasks and habits without a theme; the web layer words it.
pub const NO_THEME: &str = "";

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Statistics {
    pub range: &'static str,
    pub from: Date,
    pub to: Date,
    pub tasks: TaskStats,
    pub habits: HabitStats,
    pub insights: Vec<Insight>,
    /// Per-habit completion rate in the period (HTML chart; not part of the JSON shape).
    #[serde(skip)]
    pub rates_by_habit: Vec<(String, Option<f64>)>,
}

/// Everything the figures are computed from, read in a bounded number of queries.
struct Loaded {
    habits: Vec<Habit>,
    themes: Vec<ThemeWithCounts>,
    /// The tasks counted in the database for the period
    /// (docs/architecture.md#tasks-counted-in-sql).
    task_counts: Vec<TaskCountGroup>,
    period: Period,
    /// Each habit's check-ins from the start of the previous period (or of
    /// the habit period holding it).
    checkins: HashMap<Uuid, Vec<Checkin>>,
    summaries: HashMap<Uuid, HistorySummary>,
    /// Each habit's effective pauses.
    pauses: EffectivePauses,
    /// The account's vacations, for the insight that mentions them.
    vacations: PauseSet,
}

pub async fn statistics(
    state: &Services,
    owner: &User,
    range: Range,
) -> Result<Statistics, AppError> {
    let calendar = UserCalendar::of(owner);
    let today = calendar.today(state);
    let loaded = load(state, owner, range, &calendar, today).await?;
    let theme_names: HashMap<Uuid, String> = loaded
        .themes
        .iter()
        .map(|t| (t.theme.id, t.theme.name.clone()))
        .collect();
    let theme_of = |id: Option<Uuid>| {
        id.and_then(|id| theme_names.get(&id).cloned())
            .unwrap_or_else(|| NO_THEME.to_owned())
    };
    let figures = habit_figures(&loaded, range.granularity(), &calendar, today, &theme_of)?;
    let tasks = task_stats(&loaded.task_counts, &theme_of);
    let habits = habit_stats(
        &figures,
        &loaded.period,
        range.granularity(),
        &loaded.checkins,
    );
    let insights = insights(
        &figures,
        &loaded.task_counts,
        &theme_of,
        &habits,
        &loaded.vacations,
        &loaded.period,
    );
    let rates_by_habit = figures
        .iter()
        .filter(|f| f.tally.scheduled > 0)
        .map(|f| (f.name.clone(), f.tally.rate()))
        .collect();
    Ok(Statistics {
        range: range.code(),
        from: loaded.period.from,
        to: loaded.period.to,
        tasks,
        habits,
        insights,
        rates_by_habit,
    })
}

/// Reads the habits, themes, task counts, the check-ins the period needs (all of
/// them for `all`, whose period starts at the earliest date; otherwise from
/// `history_since`) and the summaries.
async fn load(
    state: &Services,
    owner: &User,
    range: Range,
    calendar: &UserCalendar,
    today: Date,
) -> Result<Loaded, AppError> {
    let (habits, owner_pauses) = state.store.habits().list_with_pauses(owner.id).await?;
    let pauses = owner_pauses.effective();
    let vacations = PauseSet::merge(owner_pauses.vacations.iter().map(|v| v.range));
    let themes = state.store.themes().list_with_counts(owner.id).await?;
    let (period, checkins) = match range {
        Range::Year | Range::All => {
            long_range_checkins(state, owner, &habits, range, today).await?
        }
        Range::Days7 | Range::Days30 | Range::Days90 => {
            let period = range.period(today, None);
            let records = state
                .store
                .checkins()
                .for_owner_since(owner.id, history_since(&habits, &period))
                .await?;
            (period, group_by_habit(records))
        }
    };
    let task_counts = state
        .store
        .tasks()
        .counts_for_statistics(owner.id, calendar.instants_of(&period))
        .await?;
    let summaries = summaries_of(state, owner, &habits, &pauses, calendar, today).await?;
    Ok(Loaded {
        habits,
        themes,
        task_counts,
        period,
        checkins,
        summaries,
        pauses,
        vacations,
    })
}

/// The first date whose check-ins a period's figures read: the start of the
/// previous period (for "most improved"), or of the habit period holding it.
fn history_since(habits: &[Habit], period: &Period) -> Date {
    let previous = period.previous().from;
    habits
        .iter()
        .map(|habit| history_needed_from(&habit.schedule(), previous))
        .fold(previous, Date::min)
}

/// The check-ins of `1y` and `all` from the check-in months (one row per
/// habit and month) and only a measurable habit's rows, so ten years cost
/// about what one year costs (docs/architecture.md#check-in-month-aggregates).
/// `all` starts at the earliest start date or check-in.
async fn long_range_checkins(
    state: &Services,
    owner: &User,
    habits: &[Habit],
    range: Range,
    today: Date,
) -> Result<(Period, HashMap<Uuid, Vec<Checkin>>), AppError> {
    let since = (range != Range::All).then(|| history_since(habits, &range.period(today, None)));
    let measurable: Vec<Uuid> = habits
        .iter()
        .filter(|habit| reads_values(habit))
        .map(|habit| habit.id)
        .collect();
    let read = state
        .store
        .checkins()
        .months_and_rows(owner.id, since, &measurable)
        .await?;
    let history = statistics_history(
        habits,
        &read.months,
        read.rows
            .iter()
            .map(|record| (record.habit_id, checkin_of(record))),
        since,
    );
    let period = match since {
        Some(_) => range.period(today, None),
        None => {
            let earliest = habits
                .iter()
                .map(|h| h.starts_on)
                .chain(history.values().filter_map(|c| c.first()).map(|c| c.date))
                .min();
            range.period(today, earliest)
        }
    };
    Ok((period, history))
}

fn group_by_habit(records: Vec<CheckinRecord>) -> HashMap<Uuid, Vec<Checkin>> {
    let mut grouped: HashMap<Uuid, Vec<Checkin>> = HashMap::new();
    for record in records {
        grouped
            .entry(record.habit_id)
            .or_default()
            .push(checkin_of(&record));
    }
    grouped
}

/// One habit's figures: today's values from its summary, the period's tally,
/// the previous period's rate and a measurable habit's values from the
/// check-ins read.
fn habit_figures(
    loaded: &Loaded,
    granularity: Granularity,
    calendar: &UserCalendar,
    today: Date,
    theme_of: &dyn Fn(Option<Uuid>) -> String,
) -> Result<Vec<HabitFigures>, AppError> {
    let previous = loaded.period.previous();
    loaded
        .habits
        .iter()
        .map(|habit| {
            let schedule = habit.schedule();
            let history = loaded
                .checkins
                .get(&habit.id)
                .map_or(&[][..], Vec::as_slice);
            let view = HabitOnDate {
                schedule: &schedule,
                archived_on: habit.archived_at.map(|at| calendar.date_of(at)),
                target: habit.target(),
                pauses: loaded.pauses.of(habit.id),
                history: History::new(history),
                today,
            };
            let summary = loaded.summaries.get(&habit.id).copied().unwrap_or_default();
            let derived = derive_from_summary(
                habit,
                summary,
                view.history.checkin(today).copied(),
                view.pauses,
                calendar,
                today,
            )?;
            Ok(HabitFigures {
                habit_id: habit.id,
                name: habit.name.clone(),
                theme: theme_of(habit.theme_id),
                schedule_type: habit.rule.type_name(),
                archived: derived.archived,
                due_today: derived.due_today,
                done_today: derived.done_today,
                current_streak: derived.current_streak,
                streak_unit: habit.rule.streak_unit(),
                tally: view.tally(loaded.period.from, loaded.period.to),
                previous_rate: view.completion_rate(previous.from, previous.to),
                values: value_series(habit, view.history, &loaded.period, granularity),
            })
        })
        .collect()
}
