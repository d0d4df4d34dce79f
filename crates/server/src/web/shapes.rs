//! The JSON shapes of themes, tasks, habits and check-ins (SPEC §11).
use crate::app::habits::{CheckinOutcome, HabitView};
use habitflow_storage::{CheckinRecord, Task, ThemeWithCounts};
use serde_json::{Value, json};

pub fn theme_json(theme: &ThemeWithCounts) -> Value {
    json!({
        "id": theme.theme.id,
        "name": theme.theme.name,
        "color": theme.theme.color,
        "tasks_count": theme.tasks_count,
        "habits_count": theme.habits_count,
        "created_at": theme.theme.created_at.to_string(),
        "updated_at": theme.theme.updated_at.to_string(),
    })
}

/// A task with its theme's name and colour (`None` when it has no theme).
pub fn task_json(task: &Task, theme: Option<(&str, &str)>) -> Value {
    json!({
        "id": task.id,
        "name": task.name,
        "description": task.description,
        "theme_id": task.theme_id,
        "theme_name": theme.map(|t| t.0),
        "theme_color": theme.map(|t| t.1),
        "priority": task.priority.code(),
        "due_on": task.due_on.map(|d| d.to_string()),
        "completed": task.completed_at.is_some(),
        "completed_at": task.completed_at.map(|t| t.to_string()),
        "created_at": task.created_at.to_string(),
        "updated_at": task.updated_at.to_string(),
    })
}

pub fn habit_json(view: &HabitView) -> Value {
    let habit = &view.habit;
    let derived = &view.derived;
    json!({
        "id": habit.id,
        "name": habit.name,
        "description": habit.description,
        "theme_id": habit.theme_id,
        "theme_name": view.theme.as_ref().map(|t| t.name.clone()),
        "theme_color": view.theme.as_ref().map(|t| t.color.clone()),
        "schedule_type": habit.schedule_type,
        "schedule_config": habit.schedule_config,
        "starts_on": habit.starts_on.to_string(),
        "ends_on": habit.ends_on.map(|d| d.to_string()),
        "archived": derived.archived,
        "archived_at": habit.archived_at.map(|t| t.to_string()),
        "created_at": habit.created_at.to_string(),
        "updated_at": habit.updated_at.to_string(),
        "due_today": derived.due_today,
        "done_today": derived.done_today,
        "current_streak": derived.current_streak,
        "best_streak": derived.best_streak,
        "strength": derived.strength,
        "progress": derived.progress,
        "next_scheduled_on": derived.next_scheduled_on.map(|d| d.to_string()),
    })
}

pub fn outcome_json(outcome: &CheckinOutcome) -> Value {
    json!({
        "date": outcome.date.to_string(),
        "kind": outcome.kind.map(|k| k.code()),
        "changed": outcome.changed,
        "current_streak": outcome.current_streak,
        "best_streak": outcome.best_streak,
        "due_today": outcome.due_today,
    })
}

pub fn checkin_json(record: &CheckinRecord) -> Value {
    json!({ "date": record.date.to_string(), "kind": record.kind.code(), "note": record.note })
}

pub fn list_json(items: Vec<Value>, page: u32, per_page: u32, total: u32) -> Value {
    json!({ "items": items, "page": page, "per_page": per_page, "total": total })
}
