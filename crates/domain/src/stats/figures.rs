//! The figures of the statistics page, computed from what the service loaded:
//! the task counts, one `HabitFigures` per habit, and the check-ins of the period
//! (`docs/product.md#statistics`).
use super::{Granularity, Period, ValueSeries};
use crate::checkin::{Checkin, CheckinKind};
use crate::derived::{History, Tally, percent};
use crate::model::TaskCountGroup;
use crate::schedule::{ORIGINAL_SCHEDULE_TYPES, StreakUnit};
use crate::task::Priority;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

/// How many themes and streaks the "top" lists show.
const TOP: usize = 5;

/// Fields in alphabetical order: the statistics answer lists its keys sorted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaskStats {
    pub active: u32,
    pub avg_completion_hours: Option<f64>,
    pub by_priority: BTreeMap<&'static str, u32>,
    pub by_theme: Vec<NamedCount>,
    pub completed: u32,
    pub completed_in_period: u32,
    pub completion_rate: Option<f64>,
    pub created_in_period: u32,
    pub total: u32,
}

/// Fields in alphabetical order: the statistics answer lists its keys sorted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HabitStats {
    pub active: u32,
    pub archived: u32,
    pub by_schedule_type: BTreeMap<&'static str, u32>,
    pub by_theme: Vec<NamedCount>,
    pub checkins: Vec<Bucket>,
    pub completion_rate: Option<f64>,
    pub done_today: u32,
    pub due_today: u32,
    /// The values of the measurable habits: the active ones, and the
    /// archived ones that logged a value in the period.
    pub measurable: Vec<ValueSeries>,
    pub success_today: Option<f64>,
    pub top_streaks: Vec<TopStreak>,
    pub total: u32,
}

/// Fields in alphabetical order: the statistics answer lists its keys sorted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NamedCount {
    pub count: u32,
    pub name: String,
}

/// Fields in alphabetical order: the statistics answer lists its keys sorted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TopStreak {
    pub habit_id: Uuid,
    pub name: String,
    pub streak: u32,
    /// What `streak` counts: days, weeks, occurrences … of that habit.
    pub streak_unit: StreakUnit,
}

/// Check-ins of one bar of the chart.
/// Fields in alphabetical order: the statistics answer lists its keys sorted.
#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bucket {
    pub done: u32,
    pub from: Date,
    pub skipped: u32,
    pub to: Date,
}

/// What the statistics need of one habit, derived for the user's today.
#[derive(Debug, Clone, PartialEq)]
pub struct HabitFigures {
    pub habit_id: Uuid,
    pub name: String,
    /// The theme's name, or "" for no theme.
    pub theme: String,
    pub schedule_type: &'static str,
    pub archived: bool,
    pub due_today: bool,
    pub done_today: bool,
    pub current_streak: u32,
    pub streak_unit: StreakUnit,
    /// The habit's occurrences in the period (its periods, for a
    /// `times_per_period` habit), as the engine counts them for rates.
    pub tally: Tally,
    /// Its completion rate in the period before.
    pub previous_rate: Option<f64>,
    /// A measurable habit's values in the period; `None` for a yes/no habit.
    pub values: Option<ValueSeries>,
}

/// The largest counts first (ties by name), at most five.
pub fn top_counts(counts: HashMap<String, u32>) -> Vec<NamedCount> {
    let mut named: Vec<NamedCount> = counts
        .into_iter()
        .map(|(name, count)| NamedCount { name, count })
        .collect();
    named.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    named.truncate(TOP);
    named
}

/// The task figures from the database's task counts: totals over all tasks,
/// creations and completions in the period (counted against the period's
/// instants, docs/architecture.md#tasks-counted-in-sql), and the groups.
pub fn task_stats(
    groups: &[TaskCountGroup],
    theme_of: &dyn Fn(Option<Uuid>) -> String,
) -> TaskStats {
    let mut total = 0;
    let mut completed = 0;
    let mut created_in_period = 0;
    let mut completed_in_period = 0;
    let mut completion_micros: i128 = 0;
    let mut by_priority: BTreeMap<&'static str, u32> =
        Priority::ALL.iter().map(|p| (p.code(), 0)).collect();
    let mut by_theme: HashMap<String, u32> = HashMap::new();
    for group in groups {
        total += group.tasks;
        if group.completed {
            completed += group.tasks;
        }
        created_in_period += group.created_in_period;
        completed_in_period += group.completed_in_period;
        completion_micros += i128::from(group.completion_micros);
        *by_priority.entry(group.priority.code()).or_default() += group.tasks;
        *by_theme.entry(theme_of(group.theme_id)).or_default() += group.tasks;
    }
    TaskStats {
        total,
        active: total - completed,
        completed,
        completion_rate: percent(completed, total),
        created_in_period,
        completed_in_period,
        avg_completion_hours: average_hours_to_one_decimal(completion_micros, completed_in_period),
        by_priority,
        by_theme: top_counts(by_theme),
    }
}

const MICROS_PER_HOUR: u128 = 3_600_000_000;

/// The mean of `count` durations summing to `total_micros`, in hours rounded
/// to one decimal, half away from zero (as `f64::round`). The division is
/// exact on integers; a negative mean that rounds to zero stays `-0.0`
/// (docs/decisions.md, "#17 tasks counted in SQL").
fn average_hours_to_one_decimal(total_micros: i128, count: u32) -> Option<f64> {
    (count > 0).then(|| {
        let tenths_numerator = total_micros.unsigned_abs() * 10;
        let divisor = u128::from(count) * MICROS_PER_HOUR;
        let tenths = (2 * tenths_numerator + divisor) / (2 * divisor);
        let magnitude = tenths as f64 / 10.0;
        if total_micros < 0 {
            -magnitude
        } else {
            magnitude
        }
    })
}

/// The habit figures: counts for today, the period's completion rate over all
/// habits, the longest current streaks, the groups and the chart's bars.
pub fn habit_stats(habits: &[HabitFigures], checkins: Vec<Bucket>) -> HabitStats {
    let due = habits.iter().filter(|f| f.due_today).count() as u32;
    let done = habits.iter().filter(|f| f.done_today).count() as u32;
    let mut by_theme: HashMap<String, u32> = HashMap::new();
    let mut by_schedule_type: BTreeMap<&'static str, u32> =
        ORIGINAL_SCHEDULE_TYPES.iter().map(|t| (*t, 0)).collect();
    for habit in habits {
        *by_theme.entry(habit.theme.clone()).or_default() += 1;
        *by_schedule_type.entry(habit.schedule_type).or_default() += 1;
    }
    HabitStats {
        total: habits.len() as u32,
        active: habits.iter().filter(|f| !f.archived).count() as u32,
        archived: habits.iter().filter(|f| f.archived).count() as u32,
        due_today: due,
        done_today: done,
        success_today: Some(percent(done, done + due).unwrap_or(0.0)),
        completion_rate: total_tally(habits).rate(),
        top_streaks: top_streaks(habits),
        by_theme: top_counts(by_theme),
        by_schedule_type,
        checkins,
        measurable: habits
            .iter()
            .filter_map(|f| f.values.as_ref().map(|series| (f.archived, series)))
            .filter(|(archived, series)| !archived || series.buckets.iter().any(|b| b.logged > 0))
            .map(|(_, series)| series.clone())
            .collect(),
    }
}

fn total_tally(habits: &[HabitFigures]) -> Tally {
    habits.iter().fold(Tally::default(), |sum, f| Tally {
        scheduled: sum.scheduled + f.tally.scheduled,
        done: sum.done + f.tally.done,
        skipped: sum.skipped + f.tally.skipped,
    })
}

/// The active habits with the longest current streaks (ties by name).
fn top_streaks(habits: &[HabitFigures]) -> Vec<TopStreak> {
    let mut top: Vec<TopStreak> = habits
        .iter()
        .filter(|f| !f.archived && f.current_streak > 0)
        .map(|f| TopStreak {
            habit_id: f.habit_id,
            name: f.name.clone(),
            streak: f.current_streak,
            streak_unit: f.streak_unit,
        })
        .collect();
    top.sort_by(|a, b| b.streak.cmp(&a.streak).then_with(|| a.name.cmp(&b.name)));
    top.truncate(TOP);
    top
}

/// The chart's bars: each bucket's done and skipped check-ins over all habits.
pub fn checkin_buckets(
    period: &Period,
    granularity: Granularity,
    checkins: &HashMap<Uuid, Vec<Checkin>>,
) -> Vec<Bucket> {
    period
        .buckets(granularity)
        .into_iter()
        .map(|bar| {
            let mut counts = Bucket {
                from: bar.from,
                to: bar.to,
                done: 0,
                skipped: 0,
            };
            for history in checkins.values() {
                for checkin in History::new(history).between(bar.from, bar.to) {
                    match checkin.kind {
                        CheckinKind::Done => counts.done += 1,
                        CheckinKind::Skipped => counts.skipped += 1,
                    }
                }
            }
            counts
        })
        .collect()
}
