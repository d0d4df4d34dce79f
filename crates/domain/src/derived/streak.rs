use super::HabitOnDate;
use crate::checkin::CheckinKind;

impl HabitOnDate<'_> {
    /// Done occurrences in a row, walking back from the latest closed
    /// occurrence: skipped ones are passed over, the first occurrence without a
    /// check-in ends the walk, and today's still-open occurrence is left out.
    pub fn current_streak(&self) -> u32 {
        let schedule = self.active_schedule();
        let Some(mut expected) = self.last_closed_occurrence(&schedule) else {
            return 0;
        };
        let mut streak = 0;
        for checkin in self.history.up_to(expected).iter().rev() {
            if !schedule.is_scheduled(checkin.date) {
                continue;
            }
            if checkin.date != expected {
                break;
            }
            if checkin.kind == CheckinKind::Done {
                streak += 1;
            }
            match schedule.previous_scheduled(checkin.date) {
                Some(previous) => expected = previous,
                None => break,
            }
        }
        streak
    }

    /// The longest run of done occurrences, by the same rules, over the whole history.
    pub fn best_streak(&self) -> u32 {
        let schedule = self.active_schedule();
        let mut best = 0;
        let mut run = 0;
        let mut previous = None;
        for checkin in self.history.up_to(self.today) {
            if !schedule.is_scheduled(checkin.date) {
                continue;
            }
            if previous.is_some_and(|date| schedule.next_scheduled(date) != Some(checkin.date)) {
                run = 0;
            }
            if checkin.kind == CheckinKind::Done {
                run += 1;
                best = best.max(run);
            }
            previous = Some(checkin.date);
        }
        best
    }
}
