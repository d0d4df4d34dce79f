use super::HabitOnDate;
use super::outcome::judge;
use super::record::Record;
use crate::schedule::Schedule;
use jiff::civil::Date;

impl HabitOnDate<'_> {
    /// The streaks and strength through the closed occurrence `last`: each
    /// check-in is judged, and the runs of occurrences between check-ins are
    /// passed in one step each.
    pub(super) fn record_through(&self, schedule: &Schedule, last: Date) -> Record {
        let mut record = Record::starting(self.target);
        let mut next_unjudged = schedule.first_on_or_after(schedule.starts_on());
        let counted = self
            .history
            .up_to(last)
            .iter()
            .filter(|checkin| schedule.is_scheduled(checkin.date));
        // Check-ins and pauses are both in date order: one cursor finds the
        // pause of each check-in, whatever the number of pauses.
        let pauses = self.pauses.ranges();
        let mut pause = 0;
        for checkin in counted {
            if let (Some(from), Some(before)) = (next_unjudged, checkin.date.yesterday().ok()) {
                record.pass_unlogged(schedule, self.pauses, self.target, from, before);
            }
            while pauses
                .get(pause)
                .is_some_and(|range| range.to() < checkin.date)
            {
                pause += 1;
            }
            let paused = pauses
                .get(pause)
                .is_some_and(|range| range.contains(checkin.date));
            record.apply(judge(self.target, checkin, paused));
            next_unjudged = schedule.next_scheduled(checkin.date);
        }
        if let Some(from) = next_unjudged {
            record.pass_unlogged(schedule, self.pauses, self.target, from, last);
        }
        record
    }

    /// The record through the latest closed occurrence, `None` before the first.
    pub(super) fn closed_record(&self) -> Option<Record> {
        let schedule = self.active_schedule();
        let last = self.last_closed_occurrence(&schedule)?;
        Some(self.record_through(&schedule, last))
    }

    /// Met occurrences in a row, walking back from the latest closed
    /// occurrence: neutral ones (skipped, or paused without a success) are
    /// passed over, a miss ends the run, and today's still-open occurrence is
    /// left out (docs/product.md#derived-values).
    pub fn current_streak(&self) -> u32 {
        if let Some(periods) = self.periods() {
            return periods.values_from_history().current_streak;
        }
        self.closed_record().map_or(0, |record| record.run)
    }

    /// The longest run of met occurrences, by the same rules, over the whole history.
    pub fn best_streak(&self) -> u32 {
        if let Some(periods) = self.periods() {
            return periods.values_from_history().best_streak;
        }
        self.closed_record().map_or(0, |record| record.best)
    }
}
