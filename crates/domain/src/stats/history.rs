//! The check-ins the statistics of a period read, put together from the two
//! sources the service loads (docs/architecture.md#check-in-month-aggregates):
//! a measurable habit's rows, whose values its figures need, and every other
//! habit's check-in months, which hold the dates and kinds exactly and cost
//! one row per month instead of one per day.
use super::{Bucket, Granularity, Period};
use crate::checkin::Checkin;
use crate::measure::HabitKind;
use crate::model::{CheckinMonth, Habit, MonthTotal};
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

/// The all-time chart's monthly bars, when no check-in is dated before
/// `period.from`: the months before the current one from the owner's month
/// totals (one row a month, however many habits), the current month from
/// every habit's check-in month (`this_month`), counted up to `period.to`.
/// `totals` are by month.
pub fn all_time_buckets(
    period: &Period,
    totals: &[MonthTotal],
    this_month: &[CheckinMonth],
) -> Vec<Bucket> {
    period
        .buckets(Granularity::Month)
        .into_iter()
        .map(|bar| {
            let month = bar.from.first_of_month();
            let (done, skipped) = match totals.binary_search_by_key(&month, |total| total.month) {
                Ok(found) => (totals[found].done, totals[found].skipped),
                Err(_) => this_month.iter().filter(|m| m.month == month).fold(
                    (0, 0),
                    |(done, skipped), m| {
                        let through_to = u32::MAX >> (32 - i32::from(bar.to.day()));
                        (
                            done + (m.done_days & through_to).count_ones(),
                            skipped + (m.skipped_days & through_to).count_ones(),
                        )
                    },
                ),
            };
            Bucket {
                from: bar.from,
                to: bar.to,
                done,
                skipped,
            }
        })
        .collect()
}
