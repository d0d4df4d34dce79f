//! What an import writes (docs/data.md#the-import): pure values, each built
//! through the same validation as the forms, and what was left out and why.
use crate::checkin::CheckinKind;
use crate::measure::{Amount, HabitKind};
use crate::message::Message;
use crate::pause::DateRange;
use crate::reminder::ReminderTimes;
use crate::schedule::Rule;
use crate::task::Priority;
use crate::values::{HabitDescription, HabitName, Note, TaskDescription, TaskName, ThemeName};
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::HashSet;

/// The kind of file a plan was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Source {
    HabitFlow,
    LoopDb,
    LoopCsv,
}

impl Source {
    pub fn code(self) -> &'static str {
        match self {
            Source::HabitFlow => "habitflow",
            Source::LoopDb => "loop_db",
            Source::LoopCsv => "loop_csv",
        }
    }
}

/// When a record was made and last changed, kept from a HabitFlow export
/// (the import's time otherwise).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Stamps {
    pub created_at: Option<Timestamp>,
    pub updated_at: Option<Timestamp>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTheme {
    pub name: ThemeName,
    /// `#RRGGBB`, upper-case.
    pub color: String,
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedTask {
    /// The index of its theme in the plan's themes.
    pub theme: Option<usize>,
    pub name: TaskName,
    pub description: TaskDescription,
    pub priority: Priority,
    pub due_on: Option<Date>,
    pub completed_at: Option<Timestamp>,
    pub stamps: Stamps,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedCheckin {
    pub date: Date,
    pub kind: CheckinKind,
    pub value: Option<Amount>,
    pub note: Note,
}

#[derive(Debug, Clone, PartialEq)]
pub struct PlannedHabit {
    /// The index of its theme in the plan's themes.
    pub theme: Option<usize>,
    pub name: HabitName,
    pub description: HabitDescription,
    pub rule: Rule,
    pub kind: HabitKind,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub archived_at: Option<Timestamp>,
    pub stamps: Stamps,
    /// By date, one per date.
    pub checkins: Vec<PlannedCheckin>,
    /// Merged: none overlap or touch.
    pub pauses: Vec<DateRange>,
    /// Written with the habit, its next slot counted from the import's time
    /// (docs/reminders.md).
    pub reminder_times: ReminderTimes,
}

/// Something of the file the import leaves out, and why.
#[derive(Debug, Clone, PartialEq)]
pub struct Skipped {
    /// Where in the file: a habit's name, a line.
    pub what: String,
    pub why: Message,
}

/// Everything an import writes, in one transaction.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportPlan {
    pub source: Source,
    pub themes: Vec<PlannedTheme>,
    pub tasks: Vec<PlannedTask>,
    pub habits: Vec<PlannedHabit>,
    /// Merged: none overlap or touch.
    pub vacations: Vec<DateRange>,
    pub skipped: Vec<Skipped>,
}

/// How much a plan writes, as the import answers it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Counts {
    pub themes: usize,
    pub tasks: usize,
    pub habits: usize,
    pub checkins: usize,
    pub pauses: usize,
}

impl ImportPlan {
    pub fn new(source: Source) -> Self {
        Self {
            source,
            themes: Vec::new(),
            tasks: Vec::new(),
            habits: Vec::new(),
            vacations: Vec::new(),
            skipped: Vec::new(),
        }
    }

    pub fn counts(&self) -> Counts {
        Counts {
            themes: self.themes.len(),
            tasks: self.tasks.len(),
            habits: self.habits.len(),
            checkins: self.habits.iter().map(|h| h.checkins.len()).sum(),
            pauses: self.habits.iter().map(|h| h.pauses.len()).sum(),
        }
    }

    /// Renames what would take a name the account (or the plan itself)
    /// already uses: `Run` becomes `Run (2)`, or `(3)` when that is taken
    /// too, shortened to fit the name's length. Import adds to an account
    /// and never changes what is there (docs/data.md#the-import).
    pub fn rename_taken(
        &mut self,
        themes: impl IntoIterator<Item = String>,
        tasks: impl IntoIterator<Item = String>,
        habits: impl IntoIterator<Item = String>,
    ) {
        let mut taken = Taken::of(themes);
        for theme in &mut self.themes {
            theme.name = taken.claim(&theme.name);
        }
        let mut taken = Taken::of(tasks);
        for task in &mut self.tasks {
            task.name = taken.claim(&task.name);
        }
        let mut taken = Taken::of(habits);
        for habit in &mut self.habits {
            habit.name = taken.claim(&habit.name);
        }
    }
}

/// Names in use, compared without case.
struct Taken(HashSet<String>);

impl Taken {
    fn of(names: impl IntoIterator<Item = String>) -> Self {
        Self(names.into_iter().map(|name| name.to_lowercase()).collect())
    }

    /// The name itself when free, else the first free `name (n)`; the name
    /// is the taken one's, so it parses whenever a shortened one does.
    fn claim<R: crate::values::TextRule + Clone>(
        &mut self,
        name: &crate::values::Bounded<R>,
    ) -> crate::values::Bounded<R> {
        let mut claimed = name.clone();
        let mut number = 2u32;
        while self.0.contains(&claimed.as_str().to_lowercase()) {
            let suffix = format!(" ({number})");
            let room = R::MAX_CHARS.saturating_sub(suffix.chars().count());
            let base: String = name.as_str().chars().take(room).collect();
            if let Ok(renamed) =
                crate::values::Bounded::<R>::parse(&format!("{}{suffix}", base.trim_end()))
            {
                claimed = renamed;
            }
            number += 1;
        }
        self.0.insert(claimed.as_str().to_lowercase());
        claimed
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan_with_habits(names: &[&str]) -> ImportPlan {
        let mut plan = ImportPlan::new(Source::HabitFlow);
        for name in names {
            plan.habits.push(PlannedHabit {
                theme: None,
                name: HabitName::parse(name).unwrap(),
                description: HabitDescription::parse("").unwrap(),
                rule: Rule::Daily,
                kind: HabitKind::Boolean,
                starts_on: jiff::civil::date(2026, 1, 1),
                ends_on: None,
                archived_at: None,
                stamps: Stamps::default(),
                checkins: Vec::new(),
                pauses: Vec::new(),
                reminder_times: ReminderTimes::default(),
            });
        }
        plan
    }

    #[test]
    fn taken_names_get_the_first_free_number() {
        let long = "x".repeat(46);
        let mut plan = plan_with_habits(&["Run", "run", "Read", &long]);
        plan.rename_taken(
            [],
            [],
            ["RUN".to_owned(), "Run (2)".to_owned(), long.clone()],
        );
        let names: Vec<&str> = plan.habits.iter().map(|h| h.name.as_str()).collect();
        assert_eq!(
            names,
            [
                "Run (3)",
                "run (4)",
                "Read",
                &format!("{} (2)", "x".repeat(42))
            ]
        );
    }
}
