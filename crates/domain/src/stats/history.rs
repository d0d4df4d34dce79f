//! The check-ins the statistics of a period read, put together from the two
//! sources the service loads (docs/architecture.md#check-in-month-aggregates):
//! a measurable habit's rows, whose values its figures need, and every other
//! habit's check-in months, which hold the dates and kinds exactly and cost
//! one row per month instead of one per day.
use crate::checkin::Checkin;
use crate::measure::HabitKind;
use crate::model::{CheckinMonth, Habit};
use jiff::civil::Date;
use std::collections::HashMap;
use uuid::Uuid;

/// Whether the statistics of `habit` read the values of its check-ins, so
/// its check-ins come from their rows rather than from its months.
pub fn reads_values(habit: &Habit) -> bool {
    matches!(habit.kind, HabitKind::Measurable(_))
}

/// Each habit's check-ins dated `since` or later (all without it), by date:
/// those of `rows` (read for the habits that `reads_values`) and those of
/// the months of the other habits.
pub fn statistics_history(
    habits: &[Habit],
    months: &[CheckinMonth],
    rows: impl IntoIterator<Item = (Uuid, Checkin)>,
    since: Option<Date>,
) -> HashMap<Uuid, Vec<Checkin>> {
    let from_rows: Vec<Uuid> = habits
        .iter()
        .filter(|habit| reads_values(habit))
        .map(|habit| habit.id)
        .collect();
    let mut history: HashMap<Uuid, Vec<Checkin>> = HashMap::new();
    for month in months.iter().filter(|m| !from_rows.contains(&m.habit_id)) {
        history.entry(month.habit_id).or_default().extend(
            month
                .checkins()
                .filter(|c| since.is_none_or(|since| c.date >= since)),
        );
    }
    for (habit_id, checkin) in rows {
        history.entry(habit_id).or_default().push(checkin);
    }
    history.retain(|_, checkins| !checkins.is_empty());
    history
}
