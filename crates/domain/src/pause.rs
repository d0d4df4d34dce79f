//! Pauses and vacations: ranges of local dates on which a habit's misses are
//! excused (docs/product.md#pauses-and-vacations). A habit's effective pauses
//! are its own merged with the account's vacations.
use crate::calendar::{add_days, days_between};
use crate::message::Message;
use crate::schedule::Schedule;
use crate::validation::FieldErrors;
use jiff::civil::Date;

/// An inclusive range of local dates, `from ≤ to`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct DateRange {
    from: Date,
    to: Date,
}

impl DateRange {
    /// The longest pause or vacation a user may enter at once, in days.
    pub const MAX_PAUSE_DAYS: i32 = 366;

    /// `None` when `to` is before `from`.
    pub fn new(from: Date, to: Date) -> Option<Self> {
        (from <= to).then_some(Self { from, to })
    }

    /// A pause or vacation as entered: `to ≥ from` and at most 366 days;
    /// errors name `to`.
    pub fn pause(from: Date, to: Date) -> Result<Self, FieldErrors> {
        let Some(range) = Self::new(from, to) else {
            return Err(FieldErrors::single(
                "to",
                Message::new("error-pause-order").with("from", from),
            ));
        };
        if range.days() > Self::MAX_PAUSE_DAYS {
            return Err(FieldErrors::single(
                "to",
                Message::new("error-pause-length").with("max", Self::MAX_PAUSE_DAYS),
            ));
        }
        Ok(range)
    }

    pub fn from(self) -> Date {
        self.from
    }

    pub fn to(self) -> Date {
        self.to
    }

    /// Number of dates in the range.
    pub fn days(self) -> i32 {
        days_between(self.from, self.to) + 1
    }

    pub fn contains(self, date: Date) -> bool {
        self.from <= date && date <= self.to
    }

    /// Overlapping or adjacent: the two make one unbroken range.
    pub fn touches(self, other: DateRange) -> bool {
        let ends_before =
            |a: DateRange, b: DateRange| add_days(a.to, 1).is_some_and(|after| after < b.from);
        !ends_before(self, other) && !ends_before(other, self)
    }

    /// The smallest range covering both.
    pub fn span(self, other: DateRange) -> DateRange {
        Self {
            from: self.from.min(other.from),
            to: self.to.max(other.to),
        }
    }

    /// The part of the range inside `from ..= to`, if any.
    pub fn clip(self, from: Date, to: Date) -> Option<DateRange> {
        Self::new(self.from.max(from), self.to.min(to))
    }
}

/// Date ranges merged into disjoint, non-adjacent ranges in date order.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct PauseSet(Vec<DateRange>);

static NO_PAUSES: PauseSet = PauseSet(Vec::new());

impl PauseSet {
    /// The empty set, for habits without pauses.
    pub fn none() -> &'static PauseSet {
        &NO_PAUSES
    }

    /// Merges overlapping and adjacent ranges.
    pub fn merge(ranges: impl IntoIterator<Item = DateRange>) -> Self {
        let mut sorted: Vec<DateRange> = ranges.into_iter().collect();
        sorted.sort();
        let mut merged: Vec<DateRange> = Vec::with_capacity(sorted.len());
        for range in sorted {
            match merged.last_mut() {
                Some(last) if last.touches(range) => *last = last.span(range),
                _ => merged.push(range),
            }
        }
        Self(merged)
    }

    /// Both sets' dates: a habit's pauses with the account's vacations.
    pub fn union(&self, other: &PauseSet) -> Self {
        Self::merge(self.0.iter().chain(&other.0).copied())
    }

    pub fn ranges(&self) -> &[DateRange] {
        &self.0
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// The range that holds `date`, if it is paused.
    pub fn range_containing(&self, date: Date) -> Option<DateRange> {
        let index = self.0.partition_point(|range| range.to < date);
        self.0
            .get(index)
            .copied()
            .filter(|range| range.contains(date))
    }

    pub fn contains(&self, date: Date) -> bool {
        self.range_containing(date).is_some()
    }

    /// The ranges that meet `from ..= to`, clipped to it.
    pub fn within(&self, from: Date, to: Date) -> impl Iterator<Item = DateRange> + '_ {
        let start = self.0.partition_point(|range| range.to < from);
        self.0[start..]
            .iter()
            .take_while(move |range| range.from <= to)
            .filter_map(move |range| range.clip(from, to))
    }

    /// Scheduled dates of `from ..= to` that are paused.
    pub fn scheduled_in(&self, schedule: &Schedule, from: Date, to: Date) -> u32 {
        self.within(from, to)
            .map(|range| schedule.count_between(range.from, range.to))
            .sum()
    }

    /// The first scheduled date ≥ `date` that is not paused.
    pub fn first_unpaused(&self, schedule: &Schedule, date: Date) -> Option<Date> {
        let mut candidate = schedule.first_on_or_after(date)?;
        while let Some(range) = self.range_containing(candidate) {
            candidate = schedule.next_scheduled(range.to)?;
        }
        Some(candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::schedule::Rule;
    use jiff::civil::date;

    fn range(from: Date, to: Date) -> DateRange {
        DateRange::new(from, to).unwrap()
    }

    #[test]
    fn pauses_are_ordered_and_at_most_366_days() {
        assert!(DateRange::pause(date(2026, 3, 1), date(2026, 3, 1)).is_ok());
        assert!(DateRange::pause(date(2028, 1, 1), date(2028, 12, 31)).is_ok());
        let too_long = DateRange::pause(date(2026, 1, 1), date(2027, 1, 2)).unwrap_err();
        assert_eq!(too_long.get("to").unwrap().key, "error-pause-length");
        let reversed = DateRange::pause(date(2026, 3, 2), date(2026, 3, 1)).unwrap_err();
        assert_eq!(reversed.get("to").unwrap().key, "error-pause-order");
    }

    #[test]
    fn overlapping_and_adjacent_ranges_merge() {
        let set = PauseSet::merge([
            range(date(2026, 3, 10), date(2026, 3, 12)),
            range(date(2026, 3, 1), date(2026, 3, 5)),
            range(date(2026, 3, 6), date(2026, 3, 7)),
            range(date(2026, 3, 4), date(2026, 3, 4)),
            range(date(2026, 3, 20), date(2026, 3, 25)),
            range(date(2026, 3, 24), date(2026, 4, 2)),
        ]);
        assert_eq!(
            set.ranges(),
            &[
                range(date(2026, 3, 1), date(2026, 3, 7)),
                range(date(2026, 3, 10), date(2026, 3, 12)),
                range(date(2026, 3, 20), date(2026, 4, 2)),
            ]
        );
        let vacations = PauseSet::merge([range(date(2026, 3, 8), date(2026, 3, 9))]);
        assert_eq!(
            set.union(&vacations).ranges(),
            &[
                range(date(2026, 3, 1), date(2026, 3, 12)),
                range(date(2026, 3, 20), date(2026, 4, 2)),
            ]
        );
        assert!(set.contains(date(2026, 3, 7)));
        assert!(!set.contains(date(2026, 3, 8)));
        assert!(PauseSet::none().is_empty());
    }

    #[test]
    fn counts_and_skips_paused_occurrences() {
        let schedule = Schedule::new(Rule::Daily, date(2026, 3, 1), None);
        let set = PauseSet::merge([
            range(date(2026, 3, 3), date(2026, 3, 4)),
            range(date(2026, 3, 6), date(2026, 3, 9)),
        ]);
        assert_eq!(
            set.scheduled_in(&schedule, date(2026, 3, 1), date(2026, 3, 31)),
            6
        );
        assert_eq!(
            set.scheduled_in(&schedule, date(2026, 3, 4), date(2026, 3, 7)),
            3
        );
        assert_eq!(
            set.first_unpaused(&schedule, date(2026, 3, 3)),
            Some(date(2026, 3, 5))
        );
        assert_eq!(
            set.first_unpaused(&schedule, date(2026, 3, 6)),
            Some(date(2026, 3, 10))
        );
        assert_eq!(
            set.first_unpaused(&schedule, date(2026, 3, 2)),
            Some(date(2026, 3, 2))
        );
    }
}
