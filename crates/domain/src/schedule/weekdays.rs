use std::fmt;

/// A day of the week, Monday first as in ISO 8601.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Weekday::Mon => "mon",
            Weekday::Tue => "tue",
            Weekday::Wed => "wed",
            Weekday::Thu => "thu",
            Weekday::Fri => "fri",
            Weekday::Sat => "sat",
            Weekday::Sun => "sun",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|day| day.code() == code)
    }

    /// Monday = 0 … Sunday = 6.
    pub fn index(self) -> u8 {
        self as u8
    }
}

impl fmt::Display for Weekday {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// A non-empty set of weekdays, iterated Monday to Sunday.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct WeekdaySet(u8);

impl WeekdaySet {
    /// `None` for an empty set.
    pub fn new(days: impl IntoIterator<Item = Weekday>) -> Option<Self> {
        let bits = days
            .into_iter()
            .fold(0u8, |bits, day| bits | 1 << day.index());
        (bits != 0).then_some(Self(bits))
    }

    pub fn contains_index(self, index: u8) -> bool {
        self.0 & (1 << index) != 0
    }

    pub fn len(self) -> u8 {
        self.0.count_ones() as u8
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// How many days of the set come before the weekday `index` in a week.
    pub fn rank_of_index(self, index: u8) -> u8 {
        (self.0 & ((1u8 << index) - 1)).count_ones() as u8
    }

    /// The first day of the set with an index ≥ `index`.
    pub fn first_from_index(self, index: u8) -> Option<u8> {
        (index..7).find(|&i| self.contains_index(i))
    }

    /// The last day of the set with an index ≤ `index`.
    pub fn last_up_to_index(self, index: u8) -> Option<u8> {
        (0..=index.min(6)).rev().find(|&i| self.contains_index(i))
    }

    pub fn iter(self) -> impl Iterator<Item = Weekday> {
        Weekday::ALL
            .into_iter()
            .filter(move |day| self.contains_index(day.index()))
    }
}

impl fmt::Debug for WeekdaySet {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}
