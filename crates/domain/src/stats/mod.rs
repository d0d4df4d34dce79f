//! Statistics periods and their buckets (`docs/product.md#statistics`): which local dates a
//! range covers, and how check-ins are grouped for the chart.
mod figures;
mod history;
mod insights;
mod values;

pub use figures::{
    Bucket, HabitFigures, HabitStats, NamedCount, TaskStats, TopStreak, checkin_buckets,
    habit_stats, task_stats, top_counts,
};
pub use history::{all_time_buckets, reads_values, statistics_history};
pub use insights::{Insight, insights};
pub use values::{Compared, ValueBucket, ValueSeries, history_needed_from, value_series};

use crate::calendar::add_days;
use jiff::civil::Date;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Range {
    Days7,
    Days30,
    Days90,
    Year,
    All,
}

impl Range {
    pub const ALL: [Range; 5] = [
        Range::Days7,
        Range::Days30,
        Range::Days90,
        Range::Year,
        Range::All,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Range::Days7 => "7d",
            Range::Days30 => "30d",
            Range::Days90 => "90d",
            Range::Year => "1y",
            Range::All => "all",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|range| range.code() == code)
    }

    fn days(self) -> Option<i32> {
        match self {
            Range::Days7 => Some(7),
            Range::Days30 => Some(30),
            Range::Days90 => Some(90),
            Range::Year => Some(365),
            Range::All => None,
        }
    }

    /// `7d` is today−6 … today; `all` starts at `earliest` (the first start
    /// date or check-in), or today when there is nothing yet.
    pub fn period(self, today: Date, earliest: Option<Date>) -> Period {
        let from = match self.days() {
            Some(days) => add_days(today, 1 - days).unwrap_or(today),
            None => earliest.map_or(today, |date| date.min(today)),
        };
        Period { from, to: today }
    }

    /// How the check-ins chart groups the period: by day for 7d/30d, by week
    /// for 90d, by month for 1y and all.
    pub fn granularity(self) -> Granularity {
        match self {
            Range::Days7 | Range::Days30 => Granularity::Day,
            Range::Days90 => Granularity::Week,
            Range::Year | Range::All => Granularity::Month,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Granularity {
    Day,
    Week,
    Month,
}

/// The local dates `from ..= to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: Date,
    pub to: Date,
}

impl Period {
    pub fn contains(&self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    pub fn length_in_days(&self) -> i32 {
        crate::calendar::days_between(self.from, self.to) + 1
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        let length = self.length_in_days();
        Period {
            from: add_days(self.from, -length).unwrap_or(self.from),
            to: add_days(self.from, -1).unwrap_or(self.from),
        }
    }

    /// Consecutive buckets covering the period; the first and last may be partial.
    pub fn buckets(&self, granularity: Granularity) -> Vec<Period> {
        let mut buckets = Vec::new();
        let mut start = self.from;
        while start <= self.to {
            let natural_end = match granularity {
                Granularity::Day => start,
                Granularity::Week => {
                    add_days(start, 6 - i32::from(crate::calendar::weekday_index(start)))
                        .unwrap_or(start)
                }
                Granularity::Month => start.last_of_month(),
            };
            let end = natural_end.min(self.to);
            buckets.push(Period {
                from: start,
                to: end,
            });
            match add_days(end, 1) {
                Some(next) => start = next,
                None => break,
            }
        }
        buckets
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn ranges_end_today_and_count_their_days() {
        let today = date(2026, 3, 10);
        assert_eq!(
            Range::Days7.period(today, None),
            Period {
                from: date(2026, 3, 4),
                to: today
            }
        );
        assert_eq!(Range::Year.period(today, None).length_in_days(), 365);
        assert_eq!(
            Range::All.period(today, Some(date(2025, 1, 5))).from,
            date(2025, 1, 5)
        );
        assert_eq!(Range::All.period(today, None).from, today);
        assert_eq!(Range::from_code("90d"), Some(Range::Days90));
        assert_eq!(Range::from_code("2w"), None);
    }

    #[test]
    fn buckets_cover_the_period_without_overlap() {
        let period = Period {
            from: date(2026, 1, 28),
            to: date(2026, 3, 3),
        };
        let months = period.buckets(Granularity::Month);
        assert_eq!(
            months.iter().map(|b| (b.from, b.to)).collect::<Vec<_>>(),
            vec![
                (date(2026, 1, 28), date(2026, 1, 31)),
                (date(2026, 2, 1), date(2026, 2, 28)),
                (date(2026, 3, 1), date(2026, 3, 3)),
            ]
        );
        let weeks = period.buckets(Granularity::Week);
        assert_eq!(
            weeks[0],
            Period {
                from: date(2026, 1, 28),
                to: date(2026, 2, 1)
            },
            "weeks end on Sunday"
        );
        assert!(
            weeks
                .windows(2)
                .all(|w| add_days(w[0].to, 1) == Some(w[1].from))
        );
        assert_eq!(
            period.buckets(Granularity::Day).len() as i32,
            period.length_in_days()
        );
        assert_eq!(
            period.previous(),
            Period {
                from: date(2025, 12, 24),
                to: date(2026, 1, 27)
            }
        );
    }
}

#[cfg(test)]
mod richer_tests;
#[cfg(test)]
mod task_count_tests;
