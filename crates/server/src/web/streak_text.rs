//! A streak with what it counts, in the reader's language: "4 weeks",
//! "12 days", "3 times" (docs/schedules.md#streaks-and-their-units).
use crate::app::habits::HabitView;
use crate::i18n::Tr;
use habitflow_domain::message::Message;
use habitflow_domain::schedule::StreakUnit;

/// The unit's word for `count`, pluralised: "weeks", "недели".
pub fn unit_word(tr: Tr, unit: StreakUnit, count: u32) -> String {
    tr.message(
        &Message::new("streak-unit")
            .with("unit", unit.code())
            .with("count", count),
    )
}

/// A count of `unit`: "4 weeks".
pub fn count_of(tr: Tr, unit: StreakUnit, count: u32) -> String {
    tr.message(
        &Message::new("streak-length")
            .with("count", count)
            .with("word", unit_word(tr, unit, count)),
    )
}

/// A count of the habit's unit: "4 weeks".
pub fn streak_length(tr: Tr, view: &HabitView, count: u32) -> String {
    count_of(tr, view.habit.rule.streak_unit(), count)
}

/// The current streak as a list shows it: "streak 4 weeks".
pub fn current_streak(tr: Tr, view: &HabitView) -> String {
    tr.t1(
        "habit-streak-length",
        "length",
        streak_length(tr, view, view.derived.current_streak),
    )
}

/// The best streak as a tooltip says it: "Current streak (best 6 weeks)".
pub fn best_streak(tr: Tr, view: &HabitView) -> String {
    tr.t1(
        "habit-streak-best-length",
        "length",
        streak_length(tr, view, view.derived.best_streak),
    )
}

/// The unit's word alone, for a figure shown apart from its number.
pub fn current_unit(tr: Tr, view: &HabitView) -> String {
    unit_word(
        tr,
        view.habit.rule.streak_unit(),
        view.derived.current_streak,
    )
}

/// The best streak's unit word.
pub fn best_unit(tr: Tr, view: &HabitView) -> String {
    unit_word(tr, view.habit.rule.streak_unit(), view.derived.best_streak)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Language;

    #[test]
    fn units_are_pluralised_in_each_language() {
        let en = Tr(Language::En);
        let ru = Tr(Language::Ru);
        assert_eq!(unit_word(en, StreakUnit::Weeks, 1), "week");
        assert_eq!(unit_word(en, StreakUnit::Weeks, 4), "weeks");
        assert_eq!(unit_word(en, StreakUnit::Days, 0), "days");
        assert_eq!(unit_word(en, StreakUnit::Occurrences, 1), "time");
        assert_eq!(unit_word(en, StreakUnit::Occurrences, 3), "times");
        assert_eq!(unit_word(en, StreakUnit::Months, 2), "months");
        assert_eq!(unit_word(en, StreakUnit::Periods, 1), "period");
        let ru_days: Vec<String> = [1, 2, 5, 11, 21, 22, 0]
            .iter()
            .map(|&n| unit_word(ru, StreakUnit::Days, n))
            .collect();
        assert_eq!(
            ru_days,
            ["день", "дня", "дней", "дней", "день", "дня", "дней"]
        );
        assert_eq!(unit_word(ru, StreakUnit::Weeks, 4), "недели");
        assert_eq!(unit_word(ru, StreakUnit::Weeks, 5), "недель");
        assert_eq!(unit_word(ru, StreakUnit::Months, 1), "месяц");
        assert_eq!(unit_word(ru, StreakUnit::Occurrences, 3), "раза");
        assert_eq!(unit_word(ru, StreakUnit::Occurrences, 5), "раз");
        assert_eq!(unit_word(ru, StreakUnit::Periods, 2), "периода");
    }
}
