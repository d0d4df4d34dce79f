//! Calendar months numbered from the anchor's month, of which every
//! `every_months`-th is eligible (docs/product.md#schedules).
use jiff::civil::Date;

/// A month as one number: `year × 12 + (month − 1)`.
pub(crate) fn month_index(date: Date) -> i32 {
    i32::from(date.year()) * 12 + i32::from(date.month()) - 1
}

/// The year and month (1–12) of a month index, `None` outside the supported years.
pub(crate) fn year_month(index: i32) -> Option<(i16, u8)> {
    let year = i16::try_from(index.div_euclid(12)).ok()?;
    Some((year, index.rem_euclid(12) as u8 + 1))
}

pub(super) struct MonthGrid {
    anchor: i32,
    every_months: i32,
}

impl MonthGrid {
    pub(super) fn new(anchor: Date, every_months: u8) -> Self {
        Self {
            anchor: month_index(anchor),
            every_months: i32::from(every_months.max(1)),
        }
    }

    pub(super) fn is_eligible(&self, month: i32) -> bool {
        (month - self.anchor).rem_euclid(self.every_months) == 0
    }

    /// The first eligible month ≥ `month`.
    pub(super) fn eligible_from(&self, month: i32) -> i32 {
        month + (self.anchor - month).rem_euclid(self.every_months)
    }

    /// The last eligible month ≤ `month`.
    pub(super) fn eligible_up_to(&self, month: i32) -> i32 {
        month - (month - self.anchor).rem_euclid(self.every_months)
    }

    /// Grows by one from each eligible month to the next.
    pub(super) fn ordinal(&self, month: i32) -> i64 {
        i64::from((month - self.anchor).div_euclid(self.every_months))
    }
}
