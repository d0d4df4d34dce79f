//! The insights of the statistics page: short sentences about today, the
//! best streak, the busiest theme, the most improved habit and the days of
//! the period on vacation.
use super::{HabitFigures, HabitStats, Period, top_counts};
use crate::message::Message;
use crate::model::TaskCountGroup;
use crate::pause::PauseSet;
use serde::Serialize;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Debug, Clone, Serialize, PartialEq)]
pub struct Insight {
    pub kind: &'static str,
    pub title: Message,
    pub text: Message,
    pub severity: &'static str,
}

pub fn insights(
    habits: &[HabitFigures],
    tasks: &[TaskCountGroup],
    theme_of: &dyn Fn(Option<Uuid>) -> String,
    stats: &HabitStats,
    vacations: &PauseSet,
    period: &Period,
) -> Vec<Insight> {
    [
        still_to_do_today(stats),
        best_streak(stats),
        busiest_theme(tasks, theme_of),
        most_improved(habits),
        on_vacation(vacations, period),
    ]
    .into_iter()
    .flatten()
    .collect()
}

fn still_to_do_today(stats: &HabitStats) -> Option<Insight> {
    let scheduled_today = stats.due_today + stats.done_today;
    (scheduled_today > 0).then(|| Insight {
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
    })
}

fn best_streak(stats: &HabitStats) -> Option<Insight> {
    stats.top_streaks.first().map(|best| Insight {
        kind: "best_streak",
        title: "insight-best-streak-title".into(),
        text: Message::new("insight-best-streak-text")
            .with("name", best.name.as_str())
            .with("count", best.streak),
        severity: "success",
    })
}

/// The theme with the most open tasks.
fn busiest_theme(
    tasks: &[TaskCountGroup],
    theme_of: &dyn Fn(Option<Uuid>) -> String,
) -> Option<Insight> {
    let mut open_by_theme: HashMap<String, u32> = HashMap::new();
    for group in tasks
        .iter()
        .filter(|g| !g.completed && g.theme_id.is_some())
    {
        *open_by_theme.entry(theme_of(group.theme_id)).or_default() += group.tasks;
    }
    top_counts(open_by_theme)
        .into_iter()
        .next()
        .map(|busiest| Insight {
            kind: "busiest_theme",
            title: "insight-busiest-theme-title".into(),
            text: Message::new("insight-busiest-theme-text")
                .with("name", busiest.name.as_str())
                .with("count", busiest.count),
            severity: "info",
        })
}

/// The habit whose completion rate rose most against the period before.
fn most_improved(habits: &[HabitFigures]) -> Option<Insight> {
    habits
        .iter()
        .filter_map(|f| Some((f, f.tally.rate()? - f.previous_rate?)))
        .filter(|(_, gain)| *gain > 0.0)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(figures, gain)| Insight {
            kind: "most_improved",
            title: "insight-most-improved-title".into(),
            text: Message::new("insight-most-improved-text")
                .with("name", figures.name.as_str())
                .with_decimal("points", gain),
            severity: "success",
        })
}

/// The days of the period on vacation, which every habit's figures leave out
/// (docs/schedules.md#pauses-and-vacations).
fn on_vacation(vacations: &PauseSet, period: &Period) -> Option<Insight> {
    let days: i32 = vacations
        .within(period.from, period.to)
        .map(|range| range.days())
        .sum();
    (days > 0).then(|| Insight {
        kind: "vacation",
        title: "insight-vacation-title".into(),
        text: Message::new("insight-vacation-text").with("count", days),
        severity: "info",
    })
}
