//! The statistics dashboard (`docs/product.md#statistics`): one bulk load
//! per request, then the domain's arithmetic. Check-ins are read from the
//! start of the previous period (for "most improved"), or from the first day
//! of the `times_per_period` period holding it, whose sums start there
//! (docs/schedules.md#statistics); for `1y` they come from the check-in
//! months except a measurable habit's, and `all` takes each yes/no habit's
//! tally from its summary and the bars from the owner's month totals
//! (docs/architecture.md#check-in-month-aggregates). Streaks and today's
//! values come from the per-habit summaries, so the cost follows the period,
//! not the age of the history.
use super::Services;
use super::error::AppError;
use super::habit_values::{checkin_of, derived_of, on_summary, summaries_of};
use super::today::UserCalendar;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::{
    HabitOnDate, History, HistorySummary, tallies_lifetime_from_summary,
};
use habitflow_domain::model::{
    CheckinMonth, CheckinRecord, EffectivePauses, Habit, MonthsAndRows, TaskCountGroup,
    ThemeWithCounts, User,
};
use habitflow_domain::pause::PauseSet;
use habitflow_domain::stats::{
    Bucket, Granularity, HabitFigures, HabitStats, Insight, Period, Range, TaskStats,
    all_time_buckets, checkin_buckets, habit_stats, history_needed_from, insights, reads_values,
    statistics_history, task_stats, value_series,
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
    /// The period, the check-ins its figures read and the chart's bars.
    read: Read,
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
    let habits = habit_stats(&figures, loaded.read.chart);
    let insights = insights(
        &figures,
        &loaded.task_counts,
        &theme_of,
        &habits,
        &loaded.vacations,
        &loaded.read.period,
    );
    let rates_by_habit = figures
        .iter()
        .filter(|f| f.tally.scheduled > 0)
        .map(|f| (f.name.clone(), f.tally.rate()))
        .collect();
    Ok(Statistics {
        range: range.code(),
        from: loaded.read.period.from,
        to: loaded.read.period.to,
        tasks,
        habits,
        insights,
        rates_by_habit,
    })
}

/// Reads the habits, themes, task counts, the check-ins the period needs
/// (`Read`) and the summaries.
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
    let read = match range {
        Range::All => all_time_checkins(state, owner, &habits, today).await?,
        Range::Year => year_checkins(state, owner, &habits, today).await?,
        Range::Days7 | Range::Days30 | Range::Days90 => {
            let period = range.period(today, None);
            let records = state
                .store
                .checkins()
                .for_owner_since(owner.id, history_since(&habits, &period))
                .await?;
            let checkins = group_by_habit(records);
            Read {
                chart: checkin_buckets(&period, range.granularity(), &checkins),
                period,
                checkins,
                whole_lives: false,
            }
        }
    };
    let task_counts = state
        .store
        .tasks()
        .counts_for_statistics(owner.id, calendar.instants_of(&read.period))
        .await?;
    let summaries = summaries_of(state, owner, &habits, &pauses, calendar, today).await?;
    Ok(Loaded {
        habits,
        themes,
        task_counts,
        read,
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

/// The check-ins a period's figures read, and the chart's bars.
struct Read {
    period: Period,
    /// Each habit's check-ins from the start of the previous period (or of
    /// the habit period holding it); for `all`, only those a summary cannot
    /// stand in for, and this month's.
    checkins: HashMap<Uuid, Vec<Checkin>>,
    chart: Vec<Bucket>,
    /// Whether the period starts before every check-in, so that a habit's
    /// tally may come from its summary (`all`).
    whole_lives: bool,
}

/// The check-ins of `1y` from the check-in months (one row per habit and
/// month) and only a measurable habit's rows, so ten years cost about what
/// one year costs (docs/architecture.md#check-in-month-aggregates).
async fn year_checkins(
    state: &Services,
    owner: &User,
    habits: &[Habit],
    today: Date,
) -> Result<Read, AppError> {
    let period = Range::Year.period(today, None);
    let since = history_since(habits, &period);
    let read = state
        .store
        .checkins()
        .months_and_rows(owner.id, Some(since), &ids_of(habits, reads_values))
        .await?;
    let checkins = statistics_history(habits, &read.months, rows_of(&read), Some(since));
    Ok(Read {
        chart: checkin_buckets(&period, Granularity::Month, &checkins),
        period,
        checkins,
        whole_lives: false,
    })
}

/// The check-ins of `all`, which starts at the earliest start date or
/// check-in: the bars from the owner's month totals, each habit's tally from
/// its summary, and so only this month's check-ins — plus the whole history
/// of the habits a summary cannot tally (measurable ones from their rows,
/// archived and `times_per_period` ones from their months)
/// (docs/architecture.md#check-in-month-aggregates).
async fn all_time_checkins(
    state: &Services,
    owner: &User,
    habits: &[Habit],
    today: Date,
) -> Result<Read, AppError> {
    let by_history = |habit: &Habit| {
        !reads_values(habit)
            && !tallies_lifetime_from_summary(
                &habit.schedule(),
                habit.target(),
                habit.archived_at.is_some(),
            )
    };
    let read = state
        .store
        .checkins()
        .all_time(
            owner.id,
            today,
            &ids_of(habits, by_history),
            &ids_of(habits, reads_values),
        )
        .await?;
    let checkins = statistics_history(habits, &read.months, rows_of(&read), None);
    let earliest = habits
        .iter()
        .map(|h| h.starts_on)
        .chain(read.first_checkin)
        .min();
    let period = Range::All.period(today, earliest);
    let this_month: Vec<CheckinMonth> = read
        .months
        .into_iter()
        .filter(|month| month.month >= today.first_of_month())
        .collect();
    Ok(Read {
        chart: all_time_buckets(&period, &read.totals, &this_month),
        period,
        checkins,
        whole_lives: true,
    })
}

fn ids_of(habits: &[Habit], which: impl Fn(&Habit) -> bool) -> Vec<Uuid> {
    habits
        .iter()
        .filter(|habit| which(habit))
        .map(|habit| habit.id)
        .collect()
}

fn rows_of(read: &MonthsAndRows) -> impl Iterator<Item = (Uuid, Checkin)> + '_ {
    read.rows
        .iter()
        .map(|record| (record.habit_id, checkin_of(record)))
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
    let previous = loaded.read.period.previous();
    loaded
        .habits
        .iter()
        .map(|habit| {
            let schedule = habit.schedule();
            let history = loaded
                .read
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
            let (derived, lifetime_tally) = on_summary(
                habit,
                summary,
                view.history.checkin(today).copied(),
                view.pauses,
                calendar,
                today,
                |from_summary| {
                    let lifetime_tally = loaded
                        .read
                        .whole_lives
                        .then(|| from_summary.lifetime_tally(loaded.read.period.from))
                        .flatten();
                    (derived_of(from_summary), lifetime_tally)
                },
            );
            let derived = derived?;
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
                tally: lifetime_tally
                    .unwrap_or_else(|| view.tally(loaded.read.period.from, loaded.read.period.to)),
                previous_rate: view.completion_rate(previous.from, previous.to),
                values: value_series(habit, view.history, &loaded.read.period, granularity),
            })
        })
        .collect()
}
