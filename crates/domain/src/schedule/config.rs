//! The stored and API form of a rule: `schedule_type` + `schedule_config` JSON,
//! parsed strictly (unknown keys, wrong types and booleans-as-numbers refused).
use super::{PeriodKind, Rule, WeekOfMonth, Weekday, WeekdaySet};
use crate::calendar::days_in_month;
use crate::measure::HabitKind;
use crate::message::Message;
use crate::validation::FieldErrors;
use serde_json::{Map, Value, json};

pub const SCHEDULE_TYPES: [&str; 7] = [
    "daily",
    "weekly_days",
    "monthly_day",
    "monthly_weekday",
    "yearly_date",
    "interval_cycle",
    "times_per_period",
];

/// The types of the first release. The statistics always list them, so that
/// their JSON keeps its shape (later types appear once a habit uses them)
/// (docs/product.md#statistics).
pub const ORIGINAL_SCHEDULE_TYPES: [&str; 5] = [
    "daily",
    "weekly_days",
    "monthly_day",
    "yearly_date",
    "interval_cycle",
];

pub type ScheduleConfigError = FieldErrors;

const TYPE_FIELD: &str = "schedule_type";
const CONFIG_FIELD: &str = "schedule_config";

impl Rule {
    /// Parses a rule from its type name and JSON config; errors name the field,
    /// e.g. `schedule_config.day`.
    pub fn from_config(schedule_type: &str, config: &Value) -> Result<Rule, ScheduleConfigError> {
        if !SCHEDULE_TYPES.contains(&schedule_type) {
            return Err(FieldErrors::single(
                TYPE_FIELD,
                Message::new("error-choice").with("choices", SCHEDULE_TYPES.join(", ")),
            ));
        }
        let Some(object) = config.as_object() else {
            return Err(FieldErrors::single(CONFIG_FIELD, "error-json-object"));
        };
        let mut reader = ConfigReader::new(object);
        let rule = match schedule_type {
            "daily" => Some(Rule::Daily),
            "weekly_days" => {
                let days = reader.weekdays("days");
                let every_weeks = reader
                    .optional_integer("every_weeks", 1, 52)
                    .map(|weeks| weeks.unwrap_or(1))
                    .ok();
                days.zip(every_weeks)
                    .map(|(days, every_weeks)| Rule::WeeklyDays {
                        days,
                        every_weeks: every_weeks as u8,
                    })
            }
            "monthly_day" => {
                let day = reader.integer("day", 1, 31);
                let every_months = reader.every_months();
                day.zip(every_months)
                    .map(|(day, every_months)| Rule::MonthlyDay {
                        day: day as u8,
                        every_months,
                    })
            }
            "monthly_weekday" => {
                let week = reader.week_of_month("week");
                let weekday = reader.weekday("weekday");
                let every_months = reader.every_months();
                match (week, weekday, every_months) {
                    (Some(week), Some(weekday), Some(every_months)) => Some(Rule::MonthlyWeekday {
                        week,
                        weekday,
                        every_months,
                    }),
                    _ => None,
                }
            }
            "yearly_date" => {
                let month = reader.integer("month", 1, 12);
                let day = reader.integer("day", 1, 31);
                match (month, day) {
                    // February accepts 29: the rule falls on Feb 28 in common years.
                    (Some(month), Some(day))
                        if day > i64::from(days_in_month(2000, month as u8)) =>
                    {
                        reader.errors.add(
                            field("day"),
                            Message::new("error-day-of-month")
                                .with("max", days_in_month(2000, month as u8))
                                .with("month", month),
                        );
                        None
                    }
                    (Some(month), Some(day)) => Some(Rule::YearlyDate {
                        month: month as u8,
                        day: day as u8,
                    }),
                    _ => None,
                }
            }
            "times_per_period" => reader.times_per_period(),
            _ => {
                let active_days = reader.integer("active_days", 1, 365);
                let break_days = reader.integer("break_days", 0, 365);
                active_days
                    .zip(break_days)
                    .map(|(active_days, break_days)| Rule::IntervalCycle {
                        active_days: active_days as u16,
                        break_days: break_days as u16,
                    })
            }
        };
        reader.refuse_unknown_keys(schedule_type);
        match rule {
            Some(rule) => reader.errors.into_result(rule),
            None => Err(reader.errors),
        }
    }

    /// The canonical JSON config of this rule (weekdays Monday first, defaults filled in).
    pub fn config(&self) -> Value {
        match *self {
            Rule::Daily => json!({}),
            Rule::WeeklyDays { days, every_weeks } => json!({
                "days": days.iter().map(Weekday::code).collect::<Vec<_>>(),
                "every_weeks": every_weeks,
            }),
            // Without `every_months` when it is 1, as stored before it existed.
            Rule::MonthlyDay {
                day,
                every_months: 1,
            } => json!({ "day": day }),
            Rule::MonthlyDay { day, every_months } => {
                json!({ "day": day, "every_months": every_months })
            }
            Rule::MonthlyWeekday {
                week,
                weekday,
                every_months,
            } => json!({
                "week": week.number(),
                "weekday": weekday.code(),
                "every_months": every_months,
            }),
            Rule::YearlyDate { month, day } => json!({ "month": month, "day": day }),
            Rule::IntervalCycle {
                active_days,
                break_days,
            } => json!({ "active_days": active_days, "break_days": break_days }),
            Rule::TimesPerPeriod { times, period } => {
                let mut config = json!({ "period": period.code() });
                if let PeriodKind::Days(days) = period {
                    config["period_days"] = json!(days);
                }
                if let Some(times) = times {
                    config["times"] = json!(times);
                }
                config
            }
        }
    }

    /// Checks the rule against the habit's kind: a yes/no `times_per_period`
    /// habit needs `times`, a measurable one sums its values and must not
    /// have it. Errors name `schedule_config.times`.
    pub fn check_kind(&self, kind: &HabitKind) -> Result<(), ScheduleConfigError> {
        match (self, kind) {
            (Rule::TimesPerPeriod { times: None, .. }, HabitKind::Boolean) => {
                Err(FieldErrors::single(field("times"), "error-required"))
            }
            (Rule::TimesPerPeriod { times: Some(_), .. }, HabitKind::Measurable(_)) => Err(
                FieldErrors::single(field("times"), "error-times-measurable"),
            ),
            _ => Ok(()),
        }
    }
}

fn field(key: &str) -> String {
    format!("{CONFIG_FIELD}.{key}")
}

fn allowed_keys(schedule_type: &str) -> &'static [&'static str] {
    match schedule_type {
        "weekly_days" => &["days", "every_weeks"],
        "monthly_day" => &["day", "every_months"],
        "monthly_weekday" => &["week", "weekday", "every_months"],
        "yearly_date" => &["month", "day"],
        "interval_cycle" => &["active_days", "break_days"],
        "times_per_period" => &["times", "period", "period_days"],
        _ => &[],
    }
}

struct ConfigReader<'a> {
    object: &'a Map<String, Value>,
    errors: FieldErrors,
}

impl<'a> ConfigReader<'a> {
    fn new(object: &'a Map<String, Value>) -> Self {
        Self {
            object,
            errors: FieldErrors::new(),
        }
    }

    fn integer(&mut self, key: &str, min: i64, max: i64) -> Option<i64> {
        match self.optional_integer(key, min, max) {
            Ok(Some(value)) => Some(value),
            Ok(None) => {
                self.errors.add(field(key), "error-required");
                None
            }
            Err(()) => None,
        }
    }

    /// `Ok(None)` when absent, `Err(())` when present but invalid (error recorded).
    fn optional_integer(&mut self, key: &str, min: i64, max: i64) -> Result<Option<i64>, ()> {
        let Some(value) = self.object.get(key) else {
            return Ok(None);
        };
        match value.as_i64() {
            Some(number) if (min..=max).contains(&number) => Ok(Some(number)),
            Some(_) => {
                self.errors.add(
                    field(key),
                    Message::new("error-range")
                        .with("min", min)
                        .with("max", max),
                );
                Err(())
            }
            None => {
                self.errors.add(field(key), "error-whole-number");
                Err(())
            }
        }
    }

    /// `period` (`week`, `month` or `days` with `period_days` 2–365) and the
    /// optional `times`, 1 up to the number of days of a period.
    fn times_per_period(&mut self) -> Option<Rule> {
        let code = self.object.get("period").map(Value::as_str);
        let period = match code {
            Some(Some("week")) => Some(PeriodKind::Week),
            Some(Some("month")) => Some(PeriodKind::Month),
            Some(Some("days")) => self
                .integer("period_days", 2, 365)
                .map(|days| PeriodKind::Days(days as u16)),
            Some(_) => {
                self.errors.add(
                    field("period"),
                    Message::new("error-choice").with("choices", "week, month, days"),
                );
                None
            }
            None => {
                self.errors.add(field("period"), "error-required");
                None
            }
        };
        if self.object.contains_key("period_days") && code != Some(Some("days")) {
            self.errors
                .add(field("period_days"), "error-period-days-only");
        }
        let period = period?;
        let times = self
            .optional_integer("times", 1, i64::from(period.max_times()))
            .ok()?;
        Some(Rule::TimesPerPeriod {
            times: times.map(|times| times as u8),
            period,
        })
    }

    /// The optional `every_months` (1–12, default 1).
    fn every_months(&mut self) -> Option<u8> {
        self.optional_integer("every_months", 1, 12)
            .map(|months| months.unwrap_or(1) as u8)
            .ok()
    }

    /// 1 to 4, or -1 for the last.
    fn week_of_month(&mut self, key: &str) -> Option<WeekOfMonth> {
        let Some(value) = self.object.get(key) else {
            self.errors.add(field(key), "error-required");
            return None;
        };
        let week = value.as_i64().and_then(WeekOfMonth::from_number);
        if week.is_none() {
            self.errors.add(field(key), "error-week-of-month");
        }
        week
    }

    fn weekday(&mut self, key: &str) -> Option<Weekday> {
        let Some(value) = self.object.get(key) else {
            self.errors.add(field(key), "error-required");
            return None;
        };
        let day = value.as_str().and_then(Weekday::from_code);
        if day.is_none() {
            self.errors.add(field(key), "error-weekday-code");
        }
        day
    }

    fn weekdays(&mut self, key: &str) -> Option<WeekdaySet> {
        let Some(value) = self.object.get(key) else {
            self.errors.add(field(key), "error-required");
            return None;
        };
        let Some(items) = value.as_array() else {
            self.errors.add(field(key), "error-weekday-list");
            return None;
        };
        let mut days = Vec::with_capacity(items.len());
        for item in items {
            match item.as_str().and_then(Weekday::from_code) {
                Some(day) => days.push(day),
                None => {
                    self.errors.add(field(key), "error-weekday-codes");
                    return None;
                }
            }
        }
        let set = WeekdaySet::new(days);
        if set.is_none() {
            self.errors.add(field(key), "error-weekday-none");
        }
        set
    }

    fn refuse_unknown_keys(&mut self, schedule_type: &str) {
        let allowed = allowed_keys(schedule_type);
        for key in self.object.keys() {
            if !allowed.contains(&key.as_str()) {
                self.errors.add(
                    field(key),
                    Message::new("error-unknown-setting").with("type", schedule_type),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error_of(schedule_type: &str, config: Value) -> (String, String) {
        let errors = Rule::from_config(schedule_type, &config).unwrap_err();
        let (field, message) = errors.iter().next().unwrap();
        (field.to_owned(), message.key.clone())
    }

    #[test]
    fn parses_every_type_and_round_trips() {
        let cases = [
            ("daily", json!({})),
            (
                "weekly_days",
                json!({"days": ["mon", "fri"], "every_weeks": 2}),
            ),
            ("monthly_day", json!({"day": 31})),
            ("monthly_day", json!({"day": 31, "every_months": 2})),
            (
                "monthly_weekday",
                json!({"week": -1, "weekday": "fri", "every_months": 2}),
            ),
            (
                "monthly_weekday",
                json!({"week": 4, "weekday": "mon", "every_months": 1}),
            ),
            ("times_per_period", json!({"times": 3, "period": "week"})),
            ("times_per_period", json!({"times": 31, "period": "month"})),
            (
                "times_per_period",
                json!({"times": 10, "period": "days", "period_days": 10}),
            ),
            ("times_per_period", json!({"period": "month"})),
            ("yearly_date", json!({"month": 2, "day": 29})),
            ("interval_cycle", json!({"active_days": 3, "break_days": 0})),
        ];
        for (schedule_type, config) in cases {
            let rule = Rule::from_config(schedule_type, &config).unwrap();
            assert_eq!(rule.type_name(), schedule_type);
            assert_eq!(rule.config(), config);
        }
    }

    #[test]
    fn weekdays_are_deduplicated_sorted_and_defaulted() {
        let rule =
            Rule::from_config("weekly_days", &json!({"days": ["sun", "mon", "sun"]})).unwrap();
        assert_eq!(
            rule.config(),
            json!({"days": ["mon", "sun"], "every_weeks": 1})
        );
    }

    #[test]
    fn stored_monthly_configs_stay_valid_and_byte_identical() {
        let stored = json!({"day": 15});
        let rule = Rule::from_config("monthly_day", &stored).unwrap();
        assert_eq!(
            rule,
            Rule::MonthlyDay {
                day: 15,
                every_months: 1
            }
        );
        assert_eq!(rule.config().to_string(), r#"{"day":15}"#);
        let explicit_one = Rule::from_config("monthly_day", &json!({"day": 15, "every_months": 1}));
        assert_eq!(explicit_one.unwrap().config(), stored);
        let weekday =
            Rule::from_config("monthly_weekday", &json!({"week": 2, "weekday": "tue"})).unwrap();
        assert_eq!(
            weekday.config(),
            json!({"week": 2, "weekday": "tue", "every_months": 1})
        );
    }

    #[test]
    fn times_per_period_refusals_name_the_field() {
        let cases = [
            (
                json!({"times": 3}),
                "schedule_config.period",
                "error-required",
            ),
            (
                json!({"times": 3, "period": "year"}),
                "schedule_config.period",
                "error-choice",
            ),
            (
                json!({"times": 3, "period": 7}),
                "schedule_config.period",
                "error-choice",
            ),
            (
                json!({"times": 8, "period": "week"}),
                "schedule_config.times",
                "error-range",
            ),
            (
                json!({"times": 0, "period": "week"}),
                "schedule_config.times",
                "error-range",
            ),
            (
                json!({"times": 32, "period": "month"}),
                "schedule_config.times",
                "error-range",
            ),
            (
                json!({"times": 11, "period": "days", "period_days": 10}),
                "schedule_config.times",
                "error-range",
            ),
            (
                json!({"times": true, "period": "week"}),
                "schedule_config.times",
                "error-whole-number",
            ),
            (
                json!({"times": "3", "period": "week"}),
                "schedule_config.times",
                "error-whole-number",
            ),
            (
                json!({"times": 1, "period": "days"}),
                "schedule_config.period_days",
                "error-required",
            ),
            (
                json!({"times": 1, "period": "days", "period_days": 1}),
                "schedule_config.period_days",
                "error-range",
            ),
            (
                json!({"times": 1, "period": "days", "period_days": 366}),
                "schedule_config.period_days",
                "error-range",
            ),
            (
                json!({"times": 1, "period": "week", "period_days": 7}),
                "schedule_config.period_days",
                "error-period-days-only",
            ),
            (
                json!({"times": 1, "period": "week", "every": 2}),
                "schedule_config.every",
                "error-unknown-setting",
            ),
        ];
        for (config, field, key) in cases {
            assert_eq!(
                error_of("times_per_period", config.clone()),
                (field.to_owned(), key.to_owned()),
                "{config}"
            );
        }
    }

    #[test]
    fn times_depends_on_the_habit_kind() {
        use crate::measure::{Amount, Measure, Target, TargetType};
        use crate::values::Unit;
        let measurable = HabitKind::Measurable(Measure {
            unit: Unit::parse("km").unwrap(),
            target: Target::new(
                Amount::from_thousandths(5_000).unwrap(),
                TargetType::AtLeast,
            )
            .unwrap(),
        });
        let counted =
            Rule::from_config("times_per_period", &json!({"times": 3, "period": "week"})).unwrap();
        let summed = Rule::from_config("times_per_period", &json!({"period": "week"})).unwrap();
        assert_eq!(counted.check_kind(&HabitKind::Boolean), Ok(()));
        assert_eq!(summed.check_kind(&measurable), Ok(()));
        let key = |result: Result<(), ScheduleConfigError>| {
            let errors = result.unwrap_err();
            let (field, message) = errors.iter().next().unwrap();
            (field.to_owned(), message.key.clone())
        };
        assert_eq!(
            key(summed.check_kind(&HabitKind::Boolean)),
            ("schedule_config.times".into(), "error-required".into())
        );
        assert_eq!(
            key(counted.check_kind(&measurable)),
            (
                "schedule_config.times".into(),
                "error-times-measurable".into()
            )
        );
        assert_eq!(Rule::Daily.check_kind(&measurable), Ok(()));
    }

    #[test]
    fn monthly_refusals_name_the_field() {
        let cases = [
            (
                "monthly_day",
                json!({"day": 1, "every_months": 0}),
                "schedule_config.every_months",
                "error-range",
            ),
            (
                "monthly_day",
                json!({"day": 1, "every_months": 13}),
                "schedule_config.every_months",
                "error-range",
            ),
            (
                "monthly_day",
                json!({"day": 1, "every_months": true}),
                "schedule_config.every_months",
                "error-whole-number",
            ),
            (
                "monthly_weekday",
                json!({"week": 5, "weekday": "mon"}),
                "schedule_config.week",
                "error-week-of-month",
            ),
            (
                "monthly_weekday",
                json!({"week": 0, "weekday": "mon"}),
                "schedule_config.week",
                "error-week-of-month",
            ),
            (
                "monthly_weekday",
                json!({"week": -2, "weekday": "mon"}),
                "schedule_config.week",
                "error-week-of-month",
            ),
            (
                "monthly_weekday",
                json!({"week": "1", "weekday": "mon"}),
                "schedule_config.week",
                "error-week-of-month",
            ),
            (
                "monthly_weekday",
                json!({"weekday": "mon"}),
                "schedule_config.week",
                "error-required",
            ),
            (
                "monthly_weekday",
                json!({"week": 1, "weekday": "monday"}),
                "schedule_config.weekday",
                "error-weekday-code",
            ),
            (
                "monthly_weekday",
                json!({"week": 1, "weekday": ["mon"]}),
                "schedule_config.weekday",
                "error-weekday-code",
            ),
            (
                "monthly_weekday",
                json!({"week": 1}),
                "schedule_config.weekday",
                "error-required",
            ),
            (
                "monthly_weekday",
                json!({"week": 1, "weekday": "mon", "day": 3}),
                "schedule_config.day",
                "error-unknown-setting",
            ),
        ];
        for (schedule_type, config, field, key) in cases {
            assert_eq!(
                error_of(schedule_type, config.clone()),
                (field.to_owned(), key.to_owned()),
                "{schedule_type} {config}"
            );
        }
    }

    #[test]
    fn refusals_name_the_field() {
        assert_eq!(error_of("hourly", json!({})).0, "schedule_type");
        assert_eq!(error_of("daily", json!([])).0, "schedule_config");
        assert_eq!(
            error_of("daily", json!({"day": 1})).0,
            "schedule_config.day"
        );
        assert_eq!(
            error_of("monthly_day", json!({})),
            ("schedule_config.day".into(), "error-required".into())
        );
        assert_eq!(
            error_of("monthly_day", json!({"day": 32})).0,
            "schedule_config.day"
        );
        assert_eq!(
            error_of("monthly_day", json!({"day": true})),
            ("schedule_config.day".into(), "error-whole-number".into())
        );
        assert_eq!(
            error_of("monthly_day", json!({"day": 1.5})).0,
            "schedule_config.day"
        );
        assert_eq!(
            error_of("monthly_day", json!({"day": "3"})).0,
            "schedule_config.day"
        );
        assert_eq!(
            error_of("yearly_date", json!({"month": 4, "day": 31})).0,
            "schedule_config.day"
        );
        assert_eq!(
            error_of("yearly_date", json!({"month": 13, "day": 1})).0,
            "schedule_config.month"
        );
        assert_eq!(
            error_of("weekly_days", json!({"days": []})).0,
            "schedule_config.days"
        );
        assert_eq!(
            error_of("weekly_days", json!({"days": ["monday"]})).0,
            "schedule_config.days"
        );
        assert_eq!(
            error_of("weekly_days", json!({"days": ["mon"], "every_weeks": 53})).0,
            "schedule_config.every_weeks"
        );
        assert_eq!(
            error_of("interval_cycle", json!({"active_days": 0, "break_days": 1})).0,
            "schedule_config.active_days"
        );
        assert_eq!(
            error_of("interval_cycle", json!({"active_days": 1})).0,
            "schedule_config.break_days"
        );
        assert_eq!(
            error_of(
                "interval_cycle",
                json!({"active_days": 1, "break_days": 1, "extra": 0})
            )
            .0,
            "schedule_config.extra"
        );
    }
}
