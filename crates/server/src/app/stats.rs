//! The statistics dashboard (SPEC §5): one bulk load per request, then pure
//! arithmetic. Check-ins are read from the start of the previous period (for
//! "most improved"); streaks and today's values come from the per-habit
//! summaries, so the cost follows the period, not the age of the history.
use super::AppState;
use super::error::AppError;
use super::habits::{derive_from_summary, summaries_of};
use super::today::UserCalendar;
use habitflow_domain::checkin::{Checkin, CheckinKind};
use habitflow_domain::derived::{HabitOnDate, History, Tally, percent};
use habitflow_domain::message::Message;
use habitflow_domain::model::{Habit, TaskQuery, TaskStatus, User};
use habitflow_domain::schedule::SCHEDULE_TYPES;
use habitflow_domain::stats::Range;
use habitflow_domain::task::Priority;
use jiff::civil::Date;
use serde::Serialize;
use std::collections::{BTreeMap, HashMap};
use uuid::Uuid;

const TOP: usize = 5;
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

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TaskStats {
    pub total: u32,
    pub active: u32,
    pub completed: u32,
    pub completion_rate: Option<f64>,
    pub created_in_period: u32,
    pub completed_in_period: u32,
    pub avg_completion_hours: Option<f64>,
    pub by_priority: BTreeMap<&'static str, u32>,
    pub by_theme: Vec<NamedCount>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct HabitStats {
    pub total: u32,
    pub active: u32,
    pub archived: u32,
    pub due_today: u32,
    pub done_today: u32,
    pub success_today: Option<f64>,
    pub completion_rate: Option<f64>,
    pub top_streaks: Vec<TopStreak>,
    pub by_theme: Vec<NamedCount>,
    pub by_schedule_type: BTreeMap<&'static str, u32>,
    pub checkins: Vec<Bucket>,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct NamedCount {
    pub name: String,
    pub count: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct TopStreak {
    pub habit_id: Uuid,
    pub name: String,
    pub streak: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Bucket {
    pub from: Date,
    pub to: Date,
    pub done: u32,
    pub skipped: u32,
}

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Insight {
    pub kind: &'static str,
    pub title: Message,
    pub text: Message,
    pub severity: &'static str,
}

/// The values derived for one habit in the period.
struct HabitFigures {
    habit_index: usize,
    archived: bool,
    due_today: bool,
    done_today: bool,
    current_streak: u32,
    tally: Tally,
    previous_rate: Option<f64>,
}

fn top_counts(counts: HashMap<String, u32>) -> Vec<NamedCount> {
    let mut named: Vec<NamedCount> = counts
        .into_iter()
        .map(|(name, count)| NamedCount { name, count })
        .collect();
    named.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.name.cmp(&b.name)));
    named.truncate(TOP);
    named
}

fn group_by_habit(
    records: Vec<habitflow_domain::model::CheckinRecord>,
) -> HashMap<Uuid, Vec<Checkin>> {
    let mut grouped: HashMap<Uuid, Vec<Checkin>> = HashMap::new();
    for record in records {
        grouped.entry(record.habit_id).or_default().push(Checkin {
            date: record.date,
            kind: record.kind,
        });
    }
    grouped
}

pub async fn statistics(
    state: &AppState,
    owner: &User,
    range: Range,
) -> Result<Statistics, AppError> {
    let calendar = UserCalendar::of(owner);
    let today = calendar.today(state);
    let habits = state.store.habits().list(owner.id).await?;
    let themes = state.store.themes().list_with_counts(owner.id).await?;
    let all_tasks = TaskQuery {
        status: TaskStatus::All,
        limit: u32::MAX,
        ..TaskQuery::default()
    };
    let tasks = state.store.tasks().list(owner.id, &all_tasks).await?.items;

    // Rates need the period and the previous one; streaks and today's values
    // come from the per-habit summaries, so nothing older is read.
    let (period, checkins) = if range == Range::All {
        let ids: Vec<Uuid> = habits.iter().map(|h| h.id).collect();
        let records = state.store.checkins().for_habits(owner.id, &ids).await?;
        let earliest = habits
            .iter()
            .map(|h| h.starts_on)
            .chain(records.iter().map(|r| r.date))
            .min();
        (range.period(today, earliest), group_by_habit(records))
    } else {
        let period = range.period(today, None);
        let since = period.previous().from;
        (
            period,
            group_by_habit(
                state
                    .store
                    .checkins()
                    .for_owner_since(owner.id, since)
                    .await?,
            ),
        )
    };
    let summaries = summaries_of(state, owner, &habits, &calendar, today).await?;
    let per_habit = habits
        .iter()
        .enumerate()
        .map(|(habit_index, habit)| {
            let schedule = habit.schedule();
            let history = checkins.get(&habit.id).map_or(&[][..], Vec::as_slice);
            let view = HabitOnDate {
                schedule: &schedule,
                archived_on: habit.archived_at.map(|at| calendar.date_of(at)),
                history: History::new(history),
                today,
            };
            let summary = summaries.get(&habit.id).copied().unwrap_or_default();
            let derived =
                derive_from_summary(habit, summary, view.history.get(today), &calendar, today)?;
            let previous = period.previous();
            Ok(HabitFigures {
                habit_index,
                archived: derived.archived,
                due_today: derived.due_today,
                done_today: derived.done_today,
                current_streak: derived.current_streak,
                tally: view.tally(period.from, period.to),
                previous_rate: view.completion_rate(previous.from, previous.to),
            })
        })
        .collect::<Result<Vec<_>, AppError>>()?;

    let theme_names: HashMap<Uuid, String> = themes
        .iter()
        .map(|t| (t.theme.id, t.theme.name.clone()))
        .collect();
    let theme_of = |id: Option<Uuid>| {
        id.and_then(|id| theme_names.get(&id).cloned())
            .unwrap_or_else(|| NO_THEME.to_owned())
    };

    let task_stats = {
        let completed = tasks.iter().filter(|t| t.completed_at.is_some()).count() as u32;
        let completed_in_period: Vec<_> = tasks
            .iter()
            .filter_map(|t| t.completed_at.map(|at| (t, at)))
            .filter(|(_, at)| period.contains(calendar.date_of(*at)))
            .collect();
        let hours: Vec<f64> = completed_in_period
            .iter()
            .map(|(t, at)| at.duration_since(t.created_at).as_secs_f64() / 3600.0)
            .collect();
        let mut by_priority: BTreeMap<&'static str, u32> =
            Priority::ALL.iter().map(|p| (p.code(), 0)).collect();
        let mut by_theme: HashMap<String, u32> = HashMap::new();
        for task in &tasks {
            *by_priority.entry(task.priority.code()).or_default() += 1;
            *by_theme.entry(theme_of(task.theme_id)).or_default() += 1;
        }
        TaskStats {
            total: tasks.len() as u32,
            active: tasks.len() as u32 - completed,
            completed,
            completion_rate: percent(completed, tasks.len() as u32),
            created_in_period: tasks
                .iter()
                .filter(|t| period.contains(calendar.date_of(t.created_at)))
                .count() as u32,
            completed_in_period: completed_in_period.len() as u32,
            avg_completion_hours: (!hours.is_empty())
                .then(|| (hours.iter().sum::<f64>() / hours.len() as f64 * 10.0).round() / 10.0),
            by_priority,
            by_theme: top_counts(by_theme),
        }
    };

    let habit_stats = {
        let due = per_habit.iter().filter(|f| f.due_today).count() as u32;
        let done = per_habit.iter().filter(|f| f.done_today).count() as u32;
        let total_tally = per_habit.iter().fold(Tally::default(), |sum, f| Tally {
            scheduled: sum.scheduled + f.tally.scheduled,
            done: sum.done + f.tally.done,
            skipped: sum.skipped + f.tally.skipped,
        });
        let mut top: Vec<TopStreak> = per_habit
            .iter()
            .filter(|f| !f.archived && f.current_streak > 0)
            .map(|f| TopStreak {
                habit_id: habits[f.habit_index].id,
                name: habits[f.habit_index].name.clone(),
                streak: f.current_streak,
            })
            .collect();
        top.sort_by(|a, b| b.streak.cmp(&a.streak).then_with(|| a.name.cmp(&b.name)));
        top.truncate(TOP);
        let mut by_theme: HashMap<String, u32> = HashMap::new();
        let mut by_schedule_type: BTreeMap<&'static str, u32> =
            SCHEDULE_TYPES.iter().map(|t| (*t, 0)).collect();
        for habit in &habits {
            *by_theme.entry(theme_of(habit.theme_id)).or_default() += 1;
            if let Some(count) = SCHEDULE_TYPES
                .iter()
                .find(|t| **t == habit.rule.type_name())
                .and_then(|t| by_schedule_type.get_mut(t))
            {
                *count += 1;
            }
        }
        let buckets = period
            .buckets(range.granularity())
            .into_iter()
            .map(|bucket| {
                let mut counts = Bucket {
                    from: bucket.from,
                    to: bucket.to,
                    done: 0,
                    skipped: 0,
                };
                for history in checkins.values() {
                    for checkin in History::new(history).between(bucket.from, bucket.to) {
                        match checkin.kind {
                            CheckinKind::Done => counts.done += 1,
                            CheckinKind::Skipped => counts.skipped += 1,
                        }
                    }
                }
                counts
            })
            .collect();
        HabitStats {
            total: habits.len() as u32,
            active: per_habit.iter().filter(|f| !f.archived).count() as u32,
            archived: per_habit.iter().filter(|f| f.archived).count() as u32,
            due_today: due,
            done_today: done,
            success_today: Some(percent(done, done + due).unwrap_or(0.0)),
            completion_rate: total_tally.rate(),
            top_streaks: top,
            by_theme: top_counts(by_theme),
            by_schedule_type,
            checkins: buckets,
        }
    };

    let insights = insights(&habits, &per_habit, &tasks, &theme_of, &habit_stats);
    let rates_by_habit = per_habit
        .iter()
        .filter(|f| f.tally.scheduled > 0)
        .map(|f| (habits[f.habit_index].name.clone(), f.tally.rate()))
        .collect();
    Ok(Statistics {
        range: range.code(),
        from: period.from,
        to: period.to,
        tasks: task_stats,
        habits: habit_stats,
        insights,
        rates_by_habit,
    })
}

fn insights(
    habits: &[Habit],
    per_habit: &[HabitFigures],
    tasks: &[habitflow_domain::model::Task],
    theme_of: &dyn Fn(Option<Uuid>) -> String,
    stats: &HabitStats,
) -> Vec<Insight> {
    let mut insights = Vec::new();
    let scheduled_today = stats.due_today + stats.done_today;
    if scheduled_today > 0 {
        insights.push(Insight {
            kind: "todo_today",
            title: "insight-today-title".into(),
            text: Message::new("insight-today-text")
                .with("count", stats.due_today)
                .with("total", scheduled_today),
            severity: if stats.due_today == 0 {
                "success"
            } else {
                "info"
            },
        });
    }
    if let Some(best) = stats.top_streaks.first() {
        insights.push(Insight {
            kind: "best_streak",
            title: "insight-best-streak-title".into(),
            text: Message::new("insight-best-streak-text")
                .with("name", best.name.as_str())
                .with("count", best.streak),
            severity: "success",
        });
    }
    let mut open_by_theme: HashMap<String, u32> = HashMap::new();
    for task in tasks
        .iter()
        .filter(|t| t.completed_at.is_none() && t.theme_id.is_some())
    {
        *open_by_theme.entry(theme_of(task.theme_id)).or_default() += 1;
    }
    if let Some(busiest) = top_counts(open_by_theme).into_iter().next() {
        insights.push(Insight {
            kind: "busiest_theme",
            title: "insight-busiest-theme-title".into(),
            text: Message::new("insight-busiest-theme-text")
                .with("name", busiest.name.as_str())
                .with("count", busiest.count),
            severity: "info",
        });
    }
    let improved = per_habit
        .iter()
        .filter_map(|f| Some((f, f.tally.rate()? - f.previous_rate?)))
        .filter(|(_, gain)| *gain > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1));
    if let Some((figures, gain)) = improved {
        insights.push(Insight {
            kind: "most_improved",
            title: "insight-most-improved-title".into(),
            text: Message::new("insight-most-improved-text")
                .with("name", habits[figures.habit_index].name.as_str())
                .with_decimal("points", gain),
            severity: "success",
        });
    }
    insights
}
