//! The parts of the task-list query both backends write alike.
use habitflow_domain::model::{TaskQuery, TaskSort, TaskStatus};

/// The list's completion filter, bound as a parameter: `Some(false)` keeps the
/// active tasks, `Some(true)` the completed ones, `None` all of them.
pub fn completed_filter(status: TaskStatus) -> Option<bool> {
    match status {
        TaskStatus::Active => Some(false),
        TaskStatus::Completed => Some(true),
        TaskStatus::All => None,
    }
}

/// An ORDER BY clause with a unique tie-breaker, so pages never overlap.
pub fn order_by(query: &TaskQuery) -> String {
    let direction = if query.descending { "DESC" } else { "ASC" };
    let key = match query.sort {
        TaskSort::CreatedAt => "created_at",
        TaskSort::UpdatedAt => "updated_at",
        TaskSort::Name => "lower(name)",
        TaskSort::Priority => "CASE priority WHEN 'high' THEN 3 WHEN 'medium' THEN 2 ELSE 1 END",
        // Tasks without a due date come last in either direction.
        TaskSort::DueOn => {
            return format!("ORDER BY due_on IS NULL ASC, due_on {direction}, id {direction}");
        }
    };
    format!("ORDER BY {key} {direction}, id {direction}")
}
