//! `Tr`: one request's language, handed to templates and renderers, turning
//! catalog keys, messages, dates and numbers into text.
use super::{Language, catalog, numbers};
use fluent_bundle::{FluentArgs, FluentValue};
use habitflow_domain::message::{Arg, Message};
use habitflow_domain::schedule::Weekday;
use jiff::civil::Date;

/// A value for a message argument. Templates hand values over by
/// reference (often twice), hence the blanket implementation for references.
pub trait ToArg {
    fn to_arg(&self) -> Arg;
}

impl ToArg for str {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.to_owned())
    }
}

impl ToArg for String {
    fn to_arg(&self) -> Arg {
        Arg::Text(self.clone())
    }
}

impl ToArg for Date {
    fn to_arg(&self) -> Arg {
        Arg::Date(*self)
    }
}

macro_rules! count_arg {
    ($($int:ty),*) => {$(
        impl ToArg for $int {
            fn to_arg(&self) -> Arg {
                Arg::from(*self)
            }
        }
    )*};
}

count_arg!(u8, u16, u32, i32, i64, usize);

impl<T: ToArg + ?Sized> ToArg for &T {
    fn to_arg(&self) -> Arg {
        (**self).to_arg()
    }
}

/// A civil date, by value or by reference.
pub trait CivilDate {
    fn civil(&self) -> Date;
}

impl CivilDate for Date {
    fn civil(&self) -> Date {
        *self
    }
}

impl<T: CivilDate + ?Sized> CivilDate for &T {
    fn civil(&self) -> Date {
        (**self).civil()
    }
}

/// A number a template may hand over, by value or by reference.
pub trait Numeric {
    fn to_f64(&self) -> f64;
}

macro_rules! numeric {
    ($($number:ty),*) => {$(
        impl Numeric for $number {
            fn to_f64(&self) -> f64 {
                f64::from(*self)
            }
        }
    )*};
}

numeric!(f64, u8, u32, i32);

impl<T: Numeric> Numeric for &T {
    fn to_f64(&self) -> f64 {
        (**self).to_f64()
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Tr(pub Language);

impl Tr {
    pub fn language(self) -> Language {
        self.0
    }

    /// The wording of a key without arguments. A key missing from the
    /// catalog fails debug builds (and so every test that reaches it); a
    /// release build shows the key itself and logs a warning.
    pub fn t(&self, key: impl AsRef<str>) -> String {
        self.format(key.as_ref(), None)
    }

    /// The wording of a key the catalog may lack.
    pub fn try_t(&self, key: &str) -> Option<String> {
        catalog::format(self.0, key, None)
    }

    /// The wording of a key with one argument.
    pub fn t1(&self, key: &str, name: &str, value: impl ToArg) -> String {
        self.message(&Message::new(key).with(name, value.to_arg()))
    }

    /// The wording of a key with two arguments.
    pub fn t2(
        &self,
        key: &str,
        first: &str,
        first_value: impl ToArg,
        second: &str,
        second_value: impl ToArg,
    ) -> String {
        self.message(
            &Message::new(key)
                .with(first, first_value.to_arg())
                .with(second, second_value.to_arg()),
        )
    }

    pub fn message(&self, message: &Message) -> String {
        let mut args = FluentArgs::new();
        for (name, value) in &message.args {
            let value = match value {
                Arg::Text(text) => FluentValue::from(text.clone()),
                Arg::Count(count) => FluentValue::from(*count),
                Arg::Tenths(tenths) => FluentValue::from(self.decimal(*tenths as f64 / 10.0, 1)),
                Arg::Date(date) => FluentValue::from(self.date(*date)),
            };
            args.set(name.clone(), value);
        }
        self.format(&message.key, Some(&args))
    }

    fn format(&self, key: &str, args: Option<&FluentArgs>) -> String {
        catalog::format(self.0, key, args).unwrap_or_else(|| {
            debug_assert!(false, "{key} is missing from the {} catalog", self.0.code());
            tracing::warn!(
                key,
                language = self.0.code(),
                "message missing from the catalog"
            );
            key.to_owned()
        })
    }

    /// A date in running text: `27 Nov 2026`, `27 нояб. 2026 г.`
    pub fn date(&self, date: impl CivilDate) -> String {
        let date = date.civil();
        self.message(
            &Message::new("date-medium")
                .with("day", i64::from(date.day()))
                .with("month", self.t(format!("month-short-{}", date.month())))
                .with("year", date.year().to_string()),
        )
    }

    /// A date as a heading: `Friday, 27 November 2026`, `пятница, 27 ноября 2026 г.`
    pub fn date_long(&self, date: impl CivilDate) -> String {
        let date = date.civil();
        self.message(
            &Message::new("date-long")
                .with("weekday", self.weekday(date))
                .with("day", i64::from(date.day()))
                .with("month", self.t(format!("month-of-{}", date.month())))
                .with("year", date.year().to_string()),
        )
    }

    /// A month heading: `November 2026`, `Ноябрь 2026`.
    pub fn month_year(&self, date: Date) -> String {
        self.message(
            &Message::new("date-month-year")
                .with("month", self.t(format!("month-{}", date.month())))
                .with("year", date.year().to_string()),
        )
    }

    fn weekday(&self, date: Date) -> String {
        let index = usize::try_from(date.weekday().to_monday_zero_offset()).unwrap_or(0);
        self.t(format!("weekday-{}", Weekday::ALL[index % 7].code()))
    }

    /// The short name of a weekday by its code (`mon` … `sun`).
    pub fn weekday_short(&self, code: &str) -> String {
        self.t(format!("weekday-short-{code}"))
    }

    /// A day of the year without the year: `29 February`, `29 февраля`.
    pub fn day_of_year(&self, month: u8, day: u8) -> String {
        self.message(
            &Message::new("date-day-month")
                .with("day", day)
                .with("month", self.t(format!("month-of-{month}"))),
        )
    }

    pub fn decimal(&self, value: impl Numeric, decimals: usize) -> String {
        numbers::decimal(self.0, value.to_f64(), decimals)
    }

    pub fn integer(&self, value: i64) -> String {
        numbers::decimal(self.0, value as f64, 0)
    }

    pub fn percent(&self, value: impl Numeric, decimals: usize) -> String {
        numbers::percent(self.0, value.to_f64(), decimals)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn dates_are_written_in_each_language() {
        let day = date(2026, 11, 27);
        let en = Tr(Language::En);
        let ru = Tr(Language::Ru);
        assert_eq!(en.date_long(day), "Friday, 27 November 2026");
        assert_eq!(ru.date_long(day), "пятница, 27 ноября 2026 г.");
        assert_eq!(en.date(day), "27 Nov 2026");
        assert_eq!(ru.date(day), "27 нояб. 2026 г.");
        assert_eq!(en.month_year(day), "November 2026");
        assert_eq!(ru.month_year(day), "Ноябрь 2026");
        assert_eq!(ru.weekday_short("mon"), "Пн");
        assert_eq!(ru.day_of_year(2, 29), "29 февраля");
    }

    #[test]
    fn russian_plurals_follow_the_number() {
        let ru = Tr(Language::Ru);
        let tasks = |n: i64| ru.t1("tasks-count", "count", n);
        assert_eq!(tasks(1), "1 задача");
        assert_eq!(tasks(3), "3 задачи");
        assert_eq!(tasks(5), "5 задач");
        assert_eq!(tasks(11), "11 задач");
        assert_eq!(tasks(21), "21 задача");
        assert_eq!(tasks(22), "22 задачи");
        assert_eq!(Tr(Language::En).t1("tasks-count", "count", 1), "1 task");
        assert_eq!(Tr(Language::En).t1("tasks-count", "count", 2), "2 tasks");
    }

    #[test]
    fn message_arguments_are_formatted_for_the_language() {
        let message = Message::new("refusal-future").with("date", date(2026, 3, 1));
        assert_eq!(
            Tr(Language::En).message(&message),
            "1 Mar 2026 is in the future"
        );
        assert_eq!(
            Tr(Language::Ru).message(&message),
            "1 мар. 2026 г. — это будущая дата"
        );
    }
}
