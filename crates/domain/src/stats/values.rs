//! The values of a measurable habit over the statistics period, for its
//! chart (docs/schedules.md#statistics): per bar, the sum of the logged
//! values, how many were logged and their average. The bars of a
//! `times_per_period` habit are its own periods, whose sum the target
//! judges; the bars of the other rules follow the range (day, week or
//! month), and the target judges each logged value, so their average is
//! what compares with it.
use super::{Granularity, Period};
use crate::checkin::CheckinKind;
use crate::derived::History;
use crate::measure::{Amount, HabitKind};
use crate::model::Habit;
use crate::schedule::{PeriodGrid, Rule, Schedule};
use jiff::civil::Date;
use serde::{Serialize, Serializer};
use uuid::Uuid;

/// Which figure of a bar the target compares with.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Compared {
    /// Each logged value meets the target or not: the bar's average.
    Average,
    /// A period's sum meets the target or not (`times_per_period`).
    Sum,
}

/// The values logged in `from ..= to`.
/// Fields in alphabetical order: the statistics answer lists its keys sorted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueBucket {
    /// `sum ÷ logged` to the nearest thousandth, `None` when nothing was logged.
    #[serde(serialize_with = "optional_amount_json")]
    pub average: Option<Amount>,
    pub from: Date,
    /// How many values were logged.
    pub logged: u32,
    #[serde(serialize_with = "amount_json")]
    pub sum: Amount,
    pub to: Date,
}

impl ValueBucket {
    /// The figure the target compares with, `None` for a bar without values
    /// whose average is undefined.
    pub fn compared(&self, compared: Compared) -> Option<Amount> {
        match compared {
            Compared::Average => self.average,
            Compared::Sum => Some(self.sum),
        }
    }
}

/// One measurable habit's values over the period.
/// Fields in alphabetical order: the statistics answer lists its keys sorted.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ValueSeries {
    pub buckets: Vec<ValueBucket>,
    pub compared: Compared,
    pub habit_id: Uuid,
    pub name: String,
    #[serde(serialize_with = "amount_json")]
    pub target: Amount,
    pub target_type: &'static str,
    pub unit: String,
}

/// The series of a measurable habit; `None` for a yes/no habit. `history`
/// must hold its check-ins from the first day of the period holding
/// `period.from` (see `history_needed_from`).
pub fn value_series(
    habit: &Habit,
    history: History<'_>,
    period: &Period,
    granularity: Granularity,
) -> Option<ValueSeries> {
    let HabitKind::Measurable(measure) = &habit.kind else {
        return None;
    };
    let schedule = habit.schedule();
    let (compared, bars) = match habit.rule {
        Rule::TimesPerPeriod { .. } => (Compared::Sum, habit_periods(&schedule, period)),
        _ => (Compared::Average, period.buckets(granularity)),
    };
    Some(ValueSeries {
        habit_id: habit.id,
        name: habit.name.clone(),
        unit: measure.unit.as_str().to_owned(),
        target: measure.target.amount(),
        target_type: measure.target.target_type().code(),
        compared,
        buckets: bars
            .into_iter()
            .map(|bar| bucket(&schedule, history, bar))
            .collect(),
    })
}

/// The periods of a `times_per_period` habit that overlap `period`, each
/// whole (inside the habit's window), also the first one that began before it.
fn habit_periods(schedule: &Schedule, period: &Period) -> Vec<Period> {
    let Rule::TimesPerPeriod { period: kind, .. } = *schedule.rule() else {
        return Vec::new();
    };
    let (starts_on, ends_on) = (schedule.starts_on(), schedule.ends_on());
    let last = ends_on.map_or(period.to, |end| end.min(period.to));
    if last < starts_on || last < period.from {
        return Vec::new();
    }
    let grid = PeriodGrid::new(kind, starts_on);
    (grid.index_of(period.from.max(starts_on))..=grid.index_of(last))
        .filter_map(|index| {
            let from = grid.first_day(index)?.max(starts_on);
            let to = grid.last_day(index)?;
            let to = ends_on.map_or(to, |end| to.min(end));
            Some(Period { from, to })
        })
        .collect()
}

/// The `done` values logged on scheduled dates of `bar`.
fn bucket(schedule: &Schedule, history: History<'_>, bar: Period) -> ValueBucket {
    let values = history
        .between(bar.from, bar.to)
        .iter()
        .filter(|c| c.kind == CheckinKind::Done && schedule.is_scheduled(c.date))
        .filter_map(|c| c.value);
    let (sum, logged) = values.fold((Amount::ZERO, 0u32), |(sum, logged), value| {
        (sum.saturating_add(value), logged + 1)
    });
    ValueBucket {
        from: bar.from,
        to: bar.to,
        sum,
        logged,
        average: average(sum, logged),
    }
}

fn average(sum: Amount, logged: u32) -> Option<Amount> {
    let count = i64::from(logged);
    (count > 0).then(|| {
        // Rounded half up, in thousandths: exact, like the values themselves.
        let thousandths = (sum.thousandths() * 2 + count) / (count * 2);
        Amount::sum_from_thousandths(thousandths).unwrap_or(Amount::ZERO)
    })
}

/// The first date whose check-ins the statistics of a period starting at
/// `from` need: for a `times_per_period` habit, the first day of the period
/// holding `from` (its sum and done count start there); `from` otherwise.
/// At most one period (≤ 365 days) earlier, so the read stays bounded.
pub fn history_needed_from(schedule: &Schedule, from: Date) -> Date {
    schedule
        .next_periods(from, 1)
        .first()
        .map_or(from, |(first, _)| (*first).min(from))
}

fn amount_json<S: Serializer>(amount: &Amount, serializer: S) -> Result<S::Ok, S::Error> {
    amount.to_json().serialize(serializer)
}

fn optional_amount_json<S: Serializer>(
    amount: &Option<Amount>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    amount.map(Amount::to_json).serialize(serializer)
}
