use super::HabitOnDate;
use crate::checkin::CheckinKind;

use super::summary::multiplier;

impl HabitOnDate<'_> {
    /// Strength 0–100: an exponential moving average stepped once per closed
    /// occurrence (done = 1, missed = 0, skipped leaves it unchanged).
    ///
    /// Runs of missed occurrences are applied in one step (`m^k`), so the cost
    /// grows with the number of check-ins, not with the age of the habit.
    pub fn strength(&self) -> u8 {
        (self.raw_strength() * 100.0).round().clamp(0.0, 100.0) as u8
    }

    /// Strength as a number from 0 to 1, unrounded.
    pub(super) fn raw_strength(&self) -> f64 {
        let schedule = self.active_schedule();
        let Some(last) = self.last_closed_occurrence(&schedule) else {
            return 0.0;
        };
        let m = multiplier();
        let mut score = 0.0;
        let mut first_unscored = schedule.first_on_or_after(schedule.starts_on());
        for checkin in self.history.up_to(last) {
            if !schedule.is_scheduled(checkin.date) {
                continue;
            }
            if let Some(from) = first_unscored {
                let missed = schedule.count_between(from, checkin.date).saturating_sub(1);
                score *= m.powi(missed as i32);
            }
            if checkin.kind == CheckinKind::Done {
                score = score * m + (1.0 - m);
            }
            first_unscored = schedule.next_scheduled(checkin.date);
        }
        if let Some(from) = first_unscored {
            score *= m.powi(schedule.count_between(from, last) as i32);
        }
        score
    }
}
