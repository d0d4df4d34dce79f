use super::HabitOnDate;
use super::record::Record;

impl HabitOnDate<'_> {
    /// Strength 0–100: an exponential moving average stepped once per closed
    /// occurrence (met = 1, a missed value its partial credit, skipped leaves
    /// it unchanged), docs/product.md#derived-values.
    pub fn strength(&self) -> u8 {
        (self.raw_strength() * 100.0).round().clamp(0.0, 100.0) as u8
    }

    /// Strength as a number from 0 to 1, unrounded.
    pub(super) fn raw_strength(&self) -> f64 {
        if let Some(periods) = self.periods() {
            return periods.values_from_history().strength;
        }
        match self.closed_record() {
            Some(record) => record.strength,
            None if self.today < self.schedule.starts_on() => 0.0,
            None => Record::starting(self.target).strength,
        }
    }
}
