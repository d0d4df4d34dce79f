//! The JSON answers of the API, as types (the documented shapes of
//! `docs/product.md#json-shapes`). Fields are declared in alphabetical order:
//! the order the API has always answered in.
use super::period_text::PeriodProgressResponse;
use crate::app::checkins::CheckinOutcome;
use crate::app::habits::HabitView;
use crate::app::tasks::TaskView;
use habitflow_domain::measure::{Amount, HabitKind};
use habitflow_domain::model::{CheckinRecord, Pause, ThemeWithCounts, User, Vacation};
use jiff::Timestamp;
use jiff::civil::Date;
use serde::Serialize;
use uuid::Uuid;

/// One page of a list.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ListResponse<T> {
    pub items: Vec<T>,
    pub page: u32,
    pub per_page: u32,
    pub total: u32,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct ThemeResponse<'a> {
    color: &'a str,
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    habits_count: u32,
    id: Uuid,
    name: &'a str,
    tasks_count: u32,
    #[schema(value_type = String, format = DateTime)]
    updated_at: Timestamp,
}

impl<'a> From<&'a ThemeWithCounts> for ThemeResponse<'a> {
    fn from(counted: &'a ThemeWithCounts) -> Self {
        let theme = &counted.theme;
        Self {
            color: &theme.color,
            created_at: theme.created_at,
            habits_count: counted.habits_count,
            id: theme.id,
            name: &theme.name,
            tasks_count: counted.tasks_count,
            updated_at: theme.updated_at,
        }
    }
}

/// A task with its theme's name and colour (`None` when it has no theme).
#[derive(Serialize, utoipa::ToSchema)]
pub struct TaskResponse<'a> {
    completed: bool,
    #[schema(value_type = Option<String>, format = DateTime)]
    completed_at: Option<Timestamp>,
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    description: &'a str,
    #[schema(value_type = Option<String>, format = Date)]
    due_on: Option<Date>,
    id: Uuid,
    name: &'a str,
    priority: &'static str,
    theme_color: Option<&'a str>,
    theme_id: Option<Uuid>,
    theme_name: Option<&'a str>,
    #[schema(value_type = String, format = DateTime)]
    updated_at: Timestamp,
}

impl<'a> From<&'a TaskView> for TaskResponse<'a> {
    fn from(view: &'a TaskView) -> Self {
        let task = &view.task;
        Self {
            completed: task.completed_at.is_some(),
            completed_at: task.completed_at,
            created_at: task.created_at,
            description: &task.description,
            due_on: task.due_on,
            id: task.id,
            name: &task.name,
            priority: task.priority.code(),
            theme_color: view.theme.as_ref().map(|t| t.color.as_str()),
            theme_id: task.theme_id,
            theme_name: view.theme.as_ref().map(|t| t.name.as_str()),
            updated_at: task.updated_at,
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct HabitResponse<'a> {
    archived: bool,
    #[schema(value_type = Option<String>, format = DateTime)]
    archived_at: Option<Timestamp>,
    best_streak: u32,
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    current_streak: u32,
    description: &'a str,
    done_today: bool,
    due_today: bool,
    #[schema(value_type = Option<String>, format = Date)]
    ends_on: Option<Date>,
    id: Uuid,
    kind: &'static str,
    name: &'a str,
    #[schema(value_type = Option<String>, format = Date)]
    next_scheduled_on: Option<Date>,
    paused_today: bool,
    period_progress: Option<PeriodProgressResponse>,
    progress: Option<f64>,
    /// Local times of day, `HH:MM`, at most five (docs/reminders.md).
    reminder_times: Vec<String>,
    #[schema(value_type = Object)]
    schedule_config: serde_json::Value,
    schedule_type: &'static str,
    #[schema(value_type = String, format = Date)]
    starts_on: Date,
    streak_unit: &'static str,
    strength: u8,
    #[schema(value_type = Option<f64>)]
    target: Option<serde_json::Value>,
    target_type: Option<&'static str>,
    theme_color: Option<&'a str>,
    theme_id: Option<Uuid>,
    theme_name: Option<&'a str>,
    #[schema(value_type = Option<f64>)]
    today_value: Option<serde_json::Value>,
    unit: Option<&'a str>,
    #[schema(value_type = String, format = DateTime)]
    updated_at: Timestamp,
}

impl<'a> From<&'a HabitView> for HabitResponse<'a> {
    fn from(view: &'a HabitView) -> Self {
        let habit = &view.habit;
        let derived = &view.derived;
        let measure = match &habit.kind {
            HabitKind::Measurable(measure) => Some(measure),
            HabitKind::Boolean => None,
        };
        Self {
            archived: derived.archived,
            archived_at: habit.archived_at,
            best_streak: derived.best_streak,
            created_at: habit.created_at,
            current_streak: derived.current_streak,
            description: &habit.description,
            done_today: derived.done_today,
            due_today: derived.due_today,
            ends_on: habit.ends_on,
            id: habit.id,
            kind: habit.kind.code(),
            name: &habit.name,
            next_scheduled_on: derived.next_scheduled_on,
            paused_today: derived.paused_today,
            period_progress: derived
                .current_period
                .as_ref()
                .map(PeriodProgressResponse::from),
            progress: derived.progress,
            reminder_times: view
                .reminder_times
                .as_slice()
                .iter()
                .map(ToString::to_string)
                .collect(),
            schedule_config: habit.rule.config(),
            schedule_type: habit.rule.type_name(),
            starts_on: habit.starts_on,
            streak_unit: habit.rule.streak_unit().code(),
            strength: derived.strength,
            target: measure.map(|m| m.target.amount().to_json()),
            target_type: measure.map(|m| m.target.target_type().code()),
            theme_color: view.theme.as_ref().map(|t| t.color.as_str()),
            theme_id: habit.theme_id,
            theme_name: view.theme.as_ref().map(|t| t.name.as_str()),
            today_value: derived.today_value.map(Amount::to_json),
            unit: measure.map(|m| m.unit.as_str()),
            updated_at: habit.updated_at,
        }
    }
}

/// The answer to a check-in or its undo: the day and the streaks after it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct CheckinOutcomeResponse {
    best_streak: u32,
    changed: bool,
    current_streak: u32,
    #[schema(value_type = String, format = Date)]
    date: Date,
    due_today: bool,
    kind: Option<&'static str>,
    #[schema(value_type = Option<f64>)]
    value: Option<serde_json::Value>,
}

impl From<&CheckinOutcome> for CheckinOutcomeResponse {
    fn from(outcome: &CheckinOutcome) -> Self {
        Self {
            best_streak: outcome.best_streak,
            changed: outcome.changed,
            current_streak: outcome.current_streak,
            date: outcome.date,
            due_today: outcome.due_today,
            kind: outcome.kind.map(|k| k.code()),
            value: outcome.value.map(Amount::to_json),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CheckinResponse<'a> {
    #[schema(value_type = String, format = Date)]
    date: Date,
    kind: &'static str,
    note: &'a str,
    #[schema(value_type = Option<f64>)]
    value: Option<serde_json::Value>,
}

impl<'a> From<&'a CheckinRecord> for CheckinResponse<'a> {
    fn from(record: &'a CheckinRecord) -> Self {
        Self {
            date: record.date,
            kind: record.kind.code(),
            note: &record.note,
            value: record.value.map(Amount::to_json),
        }
    }
}

/// A habit's pause or an account's vacation (docs/product.md#pauses-and-vacations).
#[derive(Serialize, utoipa::ToSchema)]
pub struct PauseResponse {
    #[schema(value_type = String, format = Date)]
    from: Date,
    id: Uuid,
    #[schema(value_type = String, format = Date)]
    to: Date,
}

impl From<&Pause> for PauseResponse {
    fn from(pause: &Pause) -> Self {
        Self {
            from: pause.range.from(),
            id: pause.id,
            to: pause.range.to(),
        }
    }
}

impl From<&Vacation> for PauseResponse {
    fn from(vacation: &Vacation) -> Self {
        Self {
            from: vacation.range.from(),
            id: vacation.id,
            to: vacation.range.to(),
        }
    }
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct UserResponse<'a> {
    #[schema(value_type = String, format = DateTime)]
    created_at: Timestamp,
    day_start_hour: u8,
    display_name: &'a str,
    email: &'a str,
    id: Uuid,
    language: &'a str,
    time_zone: &'a str,
}

impl<'a> From<&'a User> for UserResponse<'a> {
    fn from(user: &'a User) -> Self {
        Self {
            created_at: user.created_at,
            day_start_hour: user.day_start_hour,
            display_name: &user.display_name,
            email: &user.email,
            id: user.id,
            language: &user.language,
            time_zone: &user.time_zone,
        }
    }
}

/// The answer of an action that has nothing else to return.
#[derive(Serialize, utoipa::ToSchema)]
pub struct StatusResponse {
    pub status: &'static str,
}

/// The user's signed-in sessions (the sessions page).
#[derive(Serialize, utoipa::ToSchema)]
pub struct SessionsResponse<'a> {
    pub items: &'a [super::settings::SessionRow],
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct CsrfResponse {
    pub csrf_token: String,
}
