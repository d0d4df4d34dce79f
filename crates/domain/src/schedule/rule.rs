use super::months::{MonthGrid, month_index, year_month};
use super::{PeriodKind, WeekOfMonth, Weekday, WeekdaySet};
use crate::calendar::{add_days, clamped_date, day_number, days_between, weekday_index};
use jiff::civil::Date;

/// A recurrence rule. Weekly and interval rules are anchored at the habit's
/// `starts_on`, which every method takes as `anchor`; the window itself is
/// applied by [`super::Schedule`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rule {
    Daily,
    /// The listed weekdays of every `every_weeks`-th ISO week, counting from the anchor's week.
    WeeklyDays {
        days: WeekdaySet,
        every_weeks: u8,
    },
    /// That day of every `every_months`-th month counting from the anchor's
    /// month, or the month's last day when the month is shorter.
    MonthlyDay {
        day: u8,
        every_months: u8,
    },
    /// The first to fourth, or the last, given weekday of every
    /// `every_months`-th month counting from the anchor's month.
    MonthlyWeekday {
        week: WeekOfMonth,
        weekday: Weekday,
        every_months: u8,
    },
    /// That date every year; Feb 29 falls on Feb 28 in common years.
    YearlyDate {
        month: u8,
        day: u8,
    },
    /// `active_days` scheduled days, then `break_days` off, repeating from the anchor.
    IntervalCycle {
        active_days: u16,
        break_days: u16,
    },
    /// Any day of the window, `times` done per period (docs/product.md#n-times-per-period).
    /// `times` is `None` for a measurable habit, whose period sums its values.
    TimesPerPeriod {
        times: Option<u8>,
        period: PeriodKind,
    },
}

impl Rule {
    pub fn type_name(&self) -> &'static str {
        match self {
            Rule::Daily => "daily",
            Rule::WeeklyDays { .. } => "weekly_days",
            Rule::MonthlyDay { .. } => "monthly_day",
            Rule::MonthlyWeekday { .. } => "monthly_weekday",
            Rule::YearlyDate { .. } => "yearly_date",
            Rule::IntervalCycle { .. } => "interval_cycle",
            Rule::TimesPerPeriod { .. } => "times_per_period",
        }
    }

    pub(super) fn falls_on(&self, anchor: Date, date: Date) -> bool {
        self.first_on_or_after(anchor, date) == Some(date)
    }

    pub(super) fn first_on_or_after(&self, anchor: Date, date: Date) -> Option<Date> {
        match *self {
            Rule::Daily | Rule::TimesPerPeriod { .. } => Some(date),
            Rule::WeeklyDays { days, every_weeks } => {
                let week = WeekGrid::new(anchor, every_weeks);
                let weekday = weekday_index(date);
                let week_no = week.number(date);
                if week.is_active(week_no)
                    && let Some(found) = days.first_from_index(weekday)
                {
                    return add_days(date, i32::from(found) - i32::from(weekday));
                }
                let next_active = week.next_active_after(week_no);
                let first_day = days.first_from_index(0)?;
                add_days(week.monday_of(next_active)?, i32::from(first_day))
            }
            Rule::MonthlyDay { every_months, .. } | Rule::MonthlyWeekday { every_months, .. } => {
                let grid = MonthGrid::new(anchor, every_months);
                let month = month_index(date);
                if grid.is_eligible(month) {
                    let this_month = self.date_in_month(month)?;
                    if this_month >= date {
                        return Some(this_month);
                    }
                }
                self.date_in_month(grid.eligible_from(month + 1))
            }
            Rule::YearlyDate { month, day } => {
                let this_year = clamped_date(date.year(), month, day)?;
                if this_year >= date {
                    return Some(this_year);
                }
                clamped_date(date.year().checked_add(1)?, month, day)
            }
            Rule::IntervalCycle {
                active_days,
                break_days,
            } => {
                let (active, cycle) = (
                    i32::from(active_days),
                    cycle_length(active_days, break_days),
                );
                let position = days_between(anchor, date).rem_euclid(cycle);
                if position < active {
                    Some(date)
                } else {
                    add_days(date, cycle - position)
                }
            }
        }
    }

    pub(super) fn last_on_or_before(&self, anchor: Date, date: Date) -> Option<Date> {
        match *self {
            Rule::Daily | Rule::TimesPerPeriod { .. } => Some(date),
            Rule::WeeklyDays { days, every_weeks } => {
                let week = WeekGrid::new(anchor, every_weeks);
                let weekday = weekday_index(date);
                let week_no = week.number(date);
                if week.is_active(week_no)
                    && let Some(found) = days.last_up_to_index(weekday)
                {
                    return add_days(date, i32::from(found) - i32::from(weekday));
                }
                let previous_active = week.previous_active_before(week_no);
                let last_day = days.last_up_to_index(6)?;
                add_days(week.monday_of(previous_active)?, i32::from(last_day))
            }
            Rule::MonthlyDay { every_months, .. } | Rule::MonthlyWeekday { every_months, .. } => {
                let grid = MonthGrid::new(anchor, every_months);
                let month = month_index(date);
                if grid.is_eligible(month) {
                    let this_month = self.date_in_month(month)?;
                    if this_month <= date {
                        return Some(this_month);
                    }
                }
                self.date_in_month(grid.eligible_up_to(month - 1))
            }
            Rule::YearlyDate { month, day } => {
                let this_year = clamped_date(date.year(), month, day)?;
                if this_year <= date {
                    return Some(this_year);
                }
                clamped_date(date.year().checked_sub(1)?, month, day)
            }
            Rule::IntervalCycle {
                active_days,
                break_days,
            } => {
                let (active, cycle) = (
                    i32::from(active_days),
                    cycle_length(active_days, break_days),
                );
                let position = days_between(anchor, date).rem_euclid(cycle);
                if position < active {
                    Some(date)
                } else {
                    add_days(date, active - 1 - position)
                }
            }
        }
    }

    /// A number that grows by exactly one from each scheduled date to the next.
    /// Only meaningful for dates on which the rule falls.
    pub(super) fn ordinal(&self, anchor: Date, date: Date) -> i64 {
        match *self {
            Rule::Daily | Rule::TimesPerPeriod { .. } => i64::from(day_number(date)),
            Rule::WeeklyDays { days, every_weeks } => {
                let week = WeekGrid::new(anchor, every_weeks);
                let active_weeks_before = week.number(date).div_euclid(i32::from(every_weeks));
                i64::from(active_weeks_before) * i64::from(days.len())
                    + i64::from(days.rank_of_index(weekday_index(date)))
            }
            Rule::MonthlyDay { every_months, .. } | Rule::MonthlyWeekday { every_months, .. } => {
                MonthGrid::new(anchor, every_months).ordinal(month_index(date))
            }
            Rule::YearlyDate { .. } => i64::from(date.year()),
            Rule::IntervalCycle {
                active_days,
                break_days,
            } => {
                let offset = days_between(anchor, date);
                let cycle = cycle_length(active_days, break_days);
                i64::from(offset.div_euclid(cycle)) * i64::from(active_days)
                    + i64::from(offset.rem_euclid(cycle))
            }
        }
    }
}

impl Rule {
    /// The date a monthly rule falls on in the month with this index.
    fn date_in_month(&self, month: i32) -> Option<Date> {
        let (year, month) = year_month(month)?;
        match *self {
            Rule::MonthlyDay { day, .. } => clamped_date(year, month, day),
            Rule::MonthlyWeekday { week, weekday, .. } => week.date_in(year, month, weekday),
            _ => None,
        }
    }
}

fn cycle_length(active_days: u16, break_days: u16) -> i32 {
    i32::from(active_days) + i32::from(break_days)
}

/// ISO weeks numbered from the anchor's week (week 0), of which every
/// `every_weeks`-th is active.
struct WeekGrid {
    anchor_monday: i32,
    every_weeks: i32,
}

impl WeekGrid {
    fn new(anchor: Date, every_weeks: u8) -> Self {
        Self {
            anchor_monday: day_number(anchor) - i32::from(weekday_index(anchor)),
            every_weeks: i32::from(every_weeks.max(1)),
        }
    }

    fn number(&self, date: Date) -> i32 {
        (day_number(date) - self.anchor_monday).div_euclid(7)
    }

    fn is_active(&self, week: i32) -> bool {
        week.rem_euclid(self.every_weeks) == 0
    }

    fn next_active_after(&self, week: i32) -> i32 {
        (week.div_euclid(self.every_weeks) + 1) * self.every_weeks
    }

    fn previous_active_before(&self, week: i32) -> i32 {
        (week - 1).div_euclid(self.every_weeks) * self.every_weeks
    }

    fn monday_of(&self, week: i32) -> Option<Date> {
        crate::calendar::from_day_number(self.anchor_monday.checked_add(week.checked_mul(7)?)?)
    }
}
