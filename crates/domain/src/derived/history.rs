use crate::checkin::{Checkin, CheckinKind};
use jiff::civil::Date;

/// A habit's check-ins, sorted by date, at most one per date.
#[derive(Debug, Clone, Copy)]
pub struct History<'a> {
    checkins: &'a [Checkin],
}

impl<'a> History<'a> {
    /// `checkins` must be sorted by date without repeats, as the store returns them.
    pub fn new(checkins: &'a [Checkin]) -> Self {
        debug_assert!(checkins.windows(2).all(|pair| pair[0].date < pair[1].date));
        Self { checkins }
    }

    pub fn get(&self, date: Date) -> Option<CheckinKind> {
        self.checkin(date).map(|checkin| checkin.kind)
    }

    /// The check-in on `date`, with its value.
    pub fn checkin(&self, date: Date) -> Option<&'a Checkin> {
        self.checkins
            .binary_search_by_key(&date, |checkin| checkin.date)
            .ok()
            .map(|index| &self.checkins[index])
    }

    /// The check-ins dated `from ..= to`.
    pub fn between(&self, from: Date, to: Date) -> &'a [Checkin] {
        let start = self.checkins.partition_point(|checkin| checkin.date < from);
        let end = self.checkins.partition_point(|checkin| checkin.date <= to);
        self.checkins.get(start..end).unwrap_or_default()
    }

    /// The check-ins dated on or before `last`.
    pub fn up_to(&self, last: Date) -> &'a [Checkin] {
        let end = self
            .checkins
            .partition_point(|checkin| checkin.date <= last);
        &self.checkins[..end]
    }

    pub fn all(&self) -> &'a [Checkin] {
        self.checkins
    }
}
