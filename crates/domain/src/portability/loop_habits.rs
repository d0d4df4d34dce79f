//! Loop Habit Tracker's habits and entries, as both of its files hold them,
//! turned into an import plan (docs/data.md#from-loop-habit-tracker): the
//! frequency into a schedule, numerical habits into measurable ones (Loop
//! stores values × 1000), manual checks and skips into check-ins, the colour
//! into the nearest colour of HabitFlow's palette, given to a theme.
use super::bounds::{MAX_CHECKINS, check_count, check_date};
use super::plan::{
    ImportPlan, PlannedCheckin, PlannedHabit, PlannedTheme, Skipped, Source, Stamps,
};
use crate::checkin::CheckinKind;
use crate::measure::{Amount, HabitKind, Measure, Target, TargetType};
use crate::message::Message;
use crate::reminder::ReminderTimes;
use crate::schedule::Rule;
use crate::text::{PALETTE, PALETTE_NAMES};
use crate::validation::FieldErrors;
use crate::values::{HabitDescription, HabitName, Note, Unit};
use jiff::Timestamp;
use jiff::civil::Date;
use serde_json::json;
use std::collections::BTreeMap;

/// Loop's value of an entry the user checked.
pub const YES_MANUAL: i64 = 2;
/// Loop's value of a day the user skipped.
pub const SKIP: i64 = 3;
/// Loop's value of a day without data.
pub const UNKNOWN: i64 = -1;

/// The unit a numerical habit gets when Loop has none.
const DEFAULT_UNIT: &str = "units";

/// One habit as Loop stores it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct LoopHabit {
    pub name: String,
    pub question: String,
    pub description: String,
    pub freq_num: i64,
    pub freq_den: i64,
    /// `#RRGGBB`, when known.
    pub color: Option<String>,
    pub archived: bool,
    pub numerical: bool,
    pub unit: String,
    /// 0: at least, 1: at most.
    pub target_type: i64,
    /// In units (not thousandths).
    pub target_value: f64,
    /// `hh:mm` of its reminder, if it has one.
    pub reminder: Option<String>,
    pub entries: Vec<LoopEntry>,
}

/// One entry: a date (Loop's timestamps are UTC midnights of local dates,
/// taken as they are), Loop's value and its notes.
#[derive(Debug, Clone, PartialEq)]
pub struct LoopEntry {
    pub date: Date,
    pub value: i64,
    pub notes: String,
}

/// Loop's colours, by palette index (Loop 2, database version 21 and later).
pub const LOOP_PALETTE: [&str; 20] = [
    "#D32F2F", "#E64A19", "#F57C00", "#FF8F00", "#F9A825", "#AFB42B", "#7CB342", "#388E3C",
    "#00897B", "#00ACC1", "#039BE5", "#1976D2", "#303F9F", "#5E35B1", "#8E24AA", "#D81B60",
    "#5D4037", "#303030", "#757575", "#AAAAAA",
];

fn rgb(hex: &str) -> Option<(i32, i32, i32)> {
    let hex = hex.strip_prefix('#')?;
    let channel = |i: usize| {
        hex.get(i..i + 2)
            .and_then(|c| i32::from_str_radix(c, 16).ok())
    };
    Some((channel(0)?, channel(2)?, channel(4)?))
}

/// The index of the palette colour nearest to `hex` (by distance in RGB).
pub fn nearest_palette_color(hex: &str) -> Option<usize> {
    let (r, g, b) = rgb(hex)?;
    (0..PALETTE.len()).min_by_key(|&i| {
        let (pr, pg, pb) = rgb(PALETTE[i]).unwrap_or_default();
        (r - pr).pow(2) + (g - pg).pow(2) + (b - pb).pow(2)
    })
}

/// Loop's frequency (`num` times in `den` days) as a rule: 1/1 daily, n/7
/// n times a week, n/30 or n/31 n times a month, other n/d n times in
/// blocks of d days. A numerical habit's period sums its values instead of
/// counting times.
pub fn rule_of(num: i64, den: i64, numerical: bool) -> Result<Rule, FieldErrors> {
    if (num, den) == (1, 1) {
        return Ok(Rule::Daily);
    }
    let mut config = match den {
        7 => json!({"period": "week"}),
        30 | 31 => json!({"period": "month"}),
        days => json!({"period": "days", "period_days": days}),
    };
    if !numerical {
        config["times"] = json!(num);
    }
    Rule::from_config("times_per_period", &config)
}

fn kind_of(habit: &LoopHabit) -> Result<HabitKind, FieldErrors> {
    if !habit.numerical {
        return Ok(HabitKind::Boolean);
    }
    let unit = if habit.unit.trim().is_empty() {
        DEFAULT_UNIT
    } else {
        habit.unit.as_str()
    };
    let unit = Unit::parse(unit).map_err(|m| FieldErrors::single("unit", m))?;
    let out_of_range = || {
        FieldErrors::single(
            "target",
            Message::new("error-range")
                .with("min", 0)
                .with("max", 1_000_000),
        )
    };
    let thousandths = habit.target_value * 1000.0;
    if !thousandths.is_finite() {
        return Err(out_of_range());
    }
    let amount = Amount::from_thousandths(thousandths.round() as i64).ok_or_else(out_of_range)?;
    let target_type = match habit.target_type {
        1 => TargetType::AtMost,
        _ => TargetType::AtLeast,
    };
    let target = Target::new(amount, target_type)?;
    Ok(HabitKind::Measurable(Measure { unit, target }))
}

fn description_of(habit: &LoopHabit) -> String {
    [habit.question.trim(), habit.description.trim()]
        .into_iter()
        .filter(|text| !text.is_empty())
        .collect::<Vec<_>>()
        .join("\n\n")
}

/// Adds each of `found` as `place.field`.
fn add_all(errors: &mut FieldErrors, place: &str, found: FieldErrors) {
    for (field, message) in found.iter() {
        errors.add(format!("{place}.{field}"), message.clone());
    }
}

/// The plan of Loop's habits (in Loop's order); `now` and `today` date an
/// archived habit and a habit without entries. Errors name the habit (by
/// its position and name) and the field.
pub fn plan(
    source: Source,
    habits: &[LoopHabit],
    now: Timestamp,
    today: Date,
) -> Result<ImportPlan, FieldErrors> {
    let entries: usize = habits.iter().map(|h| h.entries.len()).sum();
    check_count(entries, MAX_CHECKINS, "check-ins")
        .map_err(|message| FieldErrors::single("file", message))?;
    let mut plan = ImportPlan::new(source);
    let mut errors = FieldErrors::new();
    let mut themes: BTreeMap<usize, usize> = BTreeMap::new();
    for (index, habit) in habits.iter().enumerate() {
        let place = format!("habits[{}] {:?}", index + 1, habit.name);
        let theme = habit
            .color
            .as_deref()
            .and_then(nearest_palette_color)
            .map(|color| {
                let next = themes.len();
                *themes.entry(color).or_insert(next)
            });
        match planned_habit(habit, theme, now, today, &mut plan.skipped) {
            Ok(planned) => plan.habits.push(planned),
            Err(found) => add_all(&mut errors, &place, found),
        }
    }
    let mut by_theme: Vec<(usize, usize)> = themes.into_iter().collect();
    by_theme.sort_by_key(|&(_, theme)| theme);
    for (color, _) in by_theme {
        let name = format!("Loop {}", PALETTE_NAMES[color]);
        plan.themes.push(PlannedTheme {
            name: name.parse().map_err(|m| FieldErrors::single("theme", m))?,
            color: PALETTE[color].to_owned(),
            stamps: Stamps::default(),
        });
    }
    errors.into_result(plan)
}

fn planned_habit(
    habit: &LoopHabit,
    theme: Option<usize>,
    now: Timestamp,
    today: Date,
    skipped: &mut Vec<Skipped>,
) -> Result<PlannedHabit, FieldErrors> {
    let mut errors = FieldErrors::new();
    let name = HabitName::parse(&habit.name)
        .map_err(|m| errors.add("name", m))
        .ok();
    let description = HabitDescription::parse(&description_of(habit))
        .map_err(|m| errors.add("description", m))
        .ok();
    let kind = kind_of(habit)
        .map_err(|found| found.iter().for_each(|(f, m)| errors.add(f, m.clone())))
        .ok();
    // Loop's one reminder becomes the habit's one reminder time; its
    // weekdays are not carried: HabitFlow reminds on the habit's due days
    // (docs/data.md#from-loop-habit-tracker).
    let reminder_times = ReminderTimes::parse(habit.reminder.as_slice())
        .map_err(|m| errors.add("reminder", m))
        .ok();
    let rule = rule_of(habit.freq_num, habit.freq_den, habit.numerical)
        .map_err(|found| {
            errors.add(
                "frequency",
                found
                    .iter()
                    .next()
                    .map_or_else(|| Message::new("error-bad-request"), |(_, m)| m.clone()),
            )
        })
        .ok();
    let (Some(name), Some(description), Some(kind), Some(rule), Some(reminder_times)) =
        (name, description, kind, rule, reminder_times)
    else {
        return Err(errors);
    };
    let mut checkins: Vec<PlannedCheckin> = Vec::new();
    let mut skips_dropped = 0usize;
    for entry in &habit.entries {
        let kind_and_value = match (habit.numerical, entry.value) {
            (_, UNKNOWN) => None,
            (true, value) => match Amount::from_thousandths(value) {
                Some(amount) => Some((CheckinKind::Done, Some(amount))),
                None => {
                    errors.add(
                        format!("entries[{}].value", entry.date),
                        Message::new("error-range")
                            .with("min", 0)
                            .with("max", 1_000_000),
                    );
                    None
                }
            },
            (false, YES_MANUAL) => Some((CheckinKind::Done, None)),
            (false, SKIP) if matches!(rule, Rule::TimesPerPeriod { .. }) => {
                skips_dropped += 1;
                None
            }
            (false, SKIP) => Some((CheckinKind::Skipped, None)),
            // NO and YES_AUTO are derived in Loop, and derived here.
            (false, _) => None,
        };
        let Some((kind, value)) = kind_and_value else {
            if !entry.notes.trim().is_empty() {
                skipped.push(Skipped {
                    what: format!("{} {}: {}", habit.name, entry.date, entry.notes.trim()),
                    why: Message::new("import-skip-note-without-checkin"),
                });
            }
            continue;
        };
        let date = match check_date(entry.date) {
            Ok(date) => date,
            Err(message) => {
                errors.add(format!("entries[{}].date", entry.date), message);
                continue;
            }
        };
        let note = match Note::parse(&entry.notes) {
            Ok(note) => note,
            Err(message) => {
                errors.add(format!("entries[{}].notes", entry.date), message);
                continue;
            }
        };
        checkins.push(PlannedCheckin {
            date,
            kind,
            value,
            note,
        });
    }
    if skips_dropped > 0 {
        skipped.push(Skipped {
            what: format!("{}: {skips_dropped}", habit.name),
            why: Message::new("import-skip-period-skips"),
        });
    }
    checkins.sort_by_key(|checkin| checkin.date);
    if let Some(pair) = checkins
        .windows(2)
        .find(|pair| pair[0].date == pair[1].date)
    {
        errors.add(
            "entries",
            Message::new("error-import-duplicate-date").with("date", pair[0].date),
        );
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    Ok(PlannedHabit {
        theme,
        name,
        description,
        starts_on: checkins.first().map_or(today, |checkin| checkin.date),
        rule,
        kind,
        ends_on: None,
        archived_at: habit.archived.then_some(now),
        stamps: Stamps::default(),
        checkins,
        pauses: Vec::new(),
        reminder_times,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn frequencies_become_schedules() {
        assert_eq!(rule_of(1, 1, false).unwrap(), Rule::Daily);
        assert_eq!(
            rule_of(3, 7, false).unwrap().config(),
            json!({"times": 3, "period": "week"})
        );
        assert_eq!(
            rule_of(2, 30, false).unwrap().config(),
            json!({"times": 2, "period": "month"})
        );
        assert_eq!(
            rule_of(1, 31, false).unwrap().config(),
            json!({"times": 1, "period": "month"})
        );
        assert_eq!(
            rule_of(1, 5, false).unwrap().config(),
            json!({"times": 1, "period": "days", "period_days": 5})
        );
        assert_eq!(
            rule_of(1, 7, true).unwrap().config(),
            json!({"period": "week"})
        );
        assert!(rule_of(9, 7, false).is_err(), "9 times a week");
        assert!(rule_of(1, 0, false).is_err());
    }

    #[test]
    fn colours_go_to_the_nearest_palette_colour() {
        assert_eq!(
            nearest_palette_color("#00897B").map(|i| PALETTE[i]),
            Some("#10B981")
        );
        assert_eq!(
            nearest_palette_color("#00ACC1").map(|i| PALETTE[i]),
            Some("#14B8A6")
        );
        assert_eq!(
            nearest_palette_color("#D32F2F").map(|i| PALETTE[i]),
            Some("#EF4444")
        );
        assert_eq!(nearest_palette_color("teal"), None);
    }

    #[test]
    fn numerical_values_are_thousandths_and_skips_of_periods_are_listed() {
        let entry = |day, value, notes: &str| LoopEntry {
            date: date(2024, 5, day),
            value,
            notes: notes.into(),
        };
        let habits = [
            LoopHabit {
                name: "Run".into(),
                question: "How far did you run?".into(),
                freq_num: 1,
                freq_den: 7,
                numerical: true,
                unit: "km".into(),
                target_type: 0,
                target_value: 10.5,
                color: Some("#388E3C".into()),
                entries: vec![entry(3, 5_250, "hills"), entry(2, UNKNOWN, "")],
                ..LoopHabit::default()
            },
            LoopHabit {
                name: "Gym".into(),
                freq_num: 3,
                freq_den: 7,
                archived: true,
                reminder: Some("07:30".into()),
                entries: vec![
                    entry(1, YES_MANUAL, ""),
                    entry(2, SKIP, ""),
                    entry(3, 0, ""),
                ],
                ..LoopHabit::default()
            },
        ];
        let now: Timestamp = "2024-06-01T10:00:00Z".parse().unwrap();
        let plan = plan(Source::LoopDb, &habits, now, date(2024, 6, 1)).unwrap();
        let run = &plan.habits[0];
        assert_eq!(run.description.as_str(), "How far did you run?");
        assert_eq!(run.starts_on, date(2024, 5, 3));
        assert_eq!(run.checkins.len(), 1);
        assert_eq!(run.checkins[0].value, Amount::from_thousandths(5_250));
        assert_eq!(run.checkins[0].note.as_str(), "hills");
        assert_eq!(
            run.kind.target().map(|t| t.amount()),
            Amount::from_thousandths(10_500)
        );
        assert_eq!(plan.themes[0].color, "#10B981");
        assert_eq!(run.theme, Some(0));
        let gym = &plan.habits[1];
        assert_eq!(gym.archived_at, Some(now));
        assert_eq!(
            gym.checkins.len(),
            1,
            "the skip of a weekly count is dropped"
        );
        assert_eq!(gym.theme, None);
        let reminder: Vec<String> = gym
            .reminder_times
            .as_slice()
            .iter()
            .map(ToString::to_string)
            .collect();
        assert_eq!(reminder, ["07:30"], "Loop's reminder is the habit's time");
        assert!(run.reminder_times.is_empty());
        assert_eq!(
            plan.skipped.len(),
            1,
            "only the dropped skip is listed: {:?}",
            plan.skipped
        );
    }

    #[test]
    fn bad_values_name_the_habit_and_field() {
        let habits = [LoopHabit {
            name: "x".repeat(60),
            freq_num: 1,
            freq_den: 1,
            ..LoopHabit::default()
        }];
        let errors = plan(
            Source::LoopCsv,
            &habits,
            Timestamp::UNIX_EPOCH,
            date(2024, 1, 1),
        )
        .unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|(field, _)| field).collect();
        assert_eq!(fields, [format!("habits[1] {:?}.name", "x".repeat(60))]);
    }
}
