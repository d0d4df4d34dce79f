//! Tasks as stored and as written, and how a task list is asked for.
use crate::task::Priority;
use crate::values::{TaskDescription, TaskName};
use jiff::Timestamp;
use jiff::civil::Date;
use uuid::Uuid;

#[derive(Debug, Clone, PartialEq)]
pub struct Task {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub theme_id: Option<Uuid>,
    pub name: String,
    pub description: String,
    pub priority: Priority,
    pub due_on: Option<Date>,
    pub completed_at: Option<Timestamp>,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

#[derive(Debug, Clone, PartialEq)]
pub struct TaskInput {
    pub theme_id: Option<Uuid>,
    pub name: TaskName,
    pub description: TaskDescription,
    pub priority: Priority,
    pub due_on: Option<Date>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskStatus {
    #[default]
    Active,
    Completed,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TaskSort {
    #[default]
    CreatedAt,
    UpdatedAt,
    Name,
    Priority,
    DueOn,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct TaskQuery {
    pub status: TaskStatus,
    /// Only the tasks of this theme.
    pub theme_id: Option<Uuid>,
    pub sort: TaskSort,
    pub descending: bool,
    pub limit: u32,
    pub offset: u32,
}

/// The owner's tasks of one theme, priority and completion state, counted by
/// the database for the statistics against a period given as instants
/// (docs/architecture.md#tasks-counted-in-sql).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TaskCountGroup {
    pub theme_id: Option<Uuid>,
    pub priority: Priority,
    pub completed: bool,
    pub tasks: u32,
    /// Those created in the period.
    pub created_in_period: u32,
    /// Those completed in the period.
    pub completed_in_period: u32,
    /// The sum of `completed_at - created_at`, in microseconds, over the
    /// tasks completed in the period.
    pub completion_micros: i64,
}
