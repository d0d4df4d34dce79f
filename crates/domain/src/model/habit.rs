//! Habits as stored and as written.
use crate::measure::{HabitKind, Target};
use crate::schedule::{Rule, Schedule};
use crate::values::{HabitDescription, HabitName};
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Habit {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    /// How the habit recurs, anchored at `starts_on`.
    pub rule: Rule,
    /// Yes/no, or a value judged by a target (docs/product.md#measurable-habits).
    pub kind: HabitKind,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
    pub archived_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Habit {
    /// The dates the habit is scheduled on: its rule in its window.
    pub fn schedule(&self) -> Schedule {
        Schedule::new(self.rule.clone(), self.starts_on, self.ends_on)
    }

    /// The target its values are judged by; `None` for a yes/no habit.
    pub fn target(&self) -> Option<Target> {
        self.kind.target()
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct HabitInput {
    pub theme_id: Option<Uuid>,
    pub name: HabitName,
    pub description: HabitDescription,
    pub rule: Rule,
    pub kind: HabitKind,
    pub starts_on: Date,
    pub ends_on: Option<Date>,
}
