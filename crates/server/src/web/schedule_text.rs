//! A habit's schedule as one sentence in the reader's language.
use crate::app::habits::HabitView;
use crate::i18n::Tr;
use habitflow_domain::message::Message;
use habitflow_domain::schedule::{PeriodKind, Rule};

/// A one-line description of a habit's schedule in the reader's language.
pub fn describe(view: &HabitView, tr: Tr) -> String {
    describe_rule(&view.habit.rule, tr)
}

/// A rule as one plain sentence: "The last Friday of every 2nd month".
pub fn describe_rule(rule: &Rule, tr: Tr) -> String {
    match *rule {
        Rule::Daily => tr.t("schedule-daily"),
        Rule::WeeklyDays { days, every_weeks } => {
            let names: Vec<String> = days.iter().map(|d| tr.weekday_short(d.code())).collect();
            tr.t2(
                "schedule-weekly",
                "days",
                names.join(", "),
                "every",
                every_weeks,
            )
        }
        Rule::MonthlyDay {
            day,
            every_months: 1,
        } => tr.t1("schedule-monthly", "day", day),
        Rule::MonthlyDay { day, every_months } => {
            tr.t2("schedule-monthly-every", "day", day, "every", every_months)
        }
        Rule::MonthlyWeekday {
            week,
            weekday,
            every_months,
        } => tr.message(
            &Message::new("schedule-monthly-weekday")
                .with("week", week.number())
                .with("weekday", weekday.code())
                .with("every", every_months),
        ),
        Rule::YearlyDate { month, day } => {
            tr.t1("schedule-yearly", "date", tr.day_of_year(month, day))
        }
        Rule::IntervalCycle {
            active_days,
            break_days,
        } => tr.t2(
            "schedule-interval",
            "active",
            active_days,
            "rest",
            break_days,
        ),
        Rule::TimesPerPeriod { times, period } => tr.message(
            &Message::new("schedule-times-per-period")
                .with("times", times.map_or(0, u16::from))
                .with("period", period.code())
                .with(
                    "days",
                    match period {
                        PeriodKind::Days(days) => days,
                        PeriodKind::Week | PeriodKind::Month => 0,
                    },
                ),
        ),
    }
}
