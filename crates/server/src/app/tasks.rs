//! Tasks (docs/product.md#tasks).
use super::Services;
use super::changes::{Patch, parse_date, parse_id, text_field};
use super::error::{AppError, OrNotFound};
use super::themes::{ThemeLabel, owned_theme_id, theme_label, theme_labels};
use habitflow_domain::model::{Page, Task, TaskInput, TaskQuery, ThemeWithCounts, User};
use habitflow_domain::task::Priority;
use habitflow_domain::validation::FieldErrors;
use habitflow_domain::values::{TaskDescription, TaskName};
use uuid::Uuid;

/// The fields of a task as sent; absent fields keep their stored value.
#[derive(Debug, Default, Clone)]
pub struct TaskChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub theme_id: Patch<String>,
    pub priority: Option<String>,
    pub due_on: Patch<String>,
}

const NOT_FOUND: &str = "error-task-not-found";

/// A task with its theme's name and colour, as pages and the API show it.
#[derive(Debug, Clone)]
pub struct TaskView {
    pub task: Task,
    pub theme: Option<ThemeLabel>,
}

async fn view_of(state: &Services, owner: &User, task: Task) -> Result<TaskView, AppError> {
    let theme = theme_label(state, owner, task.theme_id).await?;
    Ok(TaskView { task, theme })
}

async fn validated(
    state: &Services,
    owner: &User,
    changes: TaskChanges,
    current: Option<&Task>,
) -> Result<TaskInput, AppError> {
    let mut errors = FieldErrors::new();
    let name = text_field(
        "name",
        changes.name.as_deref(),
        current.map(|t| t.name.as_str()),
        TaskName::parse,
        &mut errors,
    );
    let description = text_field(
        "description",
        changes.description.as_deref(),
        current.map(|t| t.description.as_str()),
        TaskDescription::parse,
        &mut errors,
    );
    let priority = match (changes.priority, current) {
        (Some(code), _) => Priority::from_code(code.trim()).or_else(|| {
            errors.add("priority", "error-priority");
            None
        }),
        (None, task) => Some(task.map_or(Priority::Medium, |t| t.priority)),
    };
    let due_on = match (changes.due_on, current) {
        (Some(raw), _) => parse_date("due_on", raw.as_deref(), &mut errors),
        (None, task) => Some(task.and_then(|t| t.due_on)),
    };
    let theme_id = match (changes.theme_id, current) {
        (Some(raw), _) => parse_id("theme_id", raw.as_deref(), &mut errors),
        (None, task) => Some(task.and_then(|t| t.theme_id)),
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let (Some(name), Some(description), Some(priority), Some(due_on), Some(theme_id)) =
        (name, description, priority, due_on, theme_id)
    else {
        return Err(AppError::Validation(errors));
    };
    let theme_id = owned_theme_id(state, owner, theme_id).await?;
    Ok(TaskInput {
        theme_id,
        name,
        description,
        priority,
        due_on,
    })
}

/// A create or an edit reads the theme's label before its write, so that the
/// answer to a committed write needs no database (docs/reliability.md).
pub async fn create(
    state: &Services,
    owner: &User,
    changes: TaskChanges,
) -> Result<TaskView, AppError> {
    let input = validated(state, owner, changes, None).await?;
    let theme = theme_label(state, owner, input.theme_id).await?;
    let task = state
        .store
        .tasks()
        .create(owner.id, &input, state.clock.now())
        .await?;
    Ok(TaskView { task, theme })
}

async fn stored(state: &Services, owner: &User, id: Uuid) -> Result<Task, AppError> {
    state
        .store
        .tasks()
        .get(owner.id, id)
        .await?
        .or_not_found(NOT_FOUND)
}

pub async fn get(state: &Services, owner: &User, id: Uuid) -> Result<TaskView, AppError> {
    let task = stored(state, owner, id).await?;
    view_of(state, owner, task).await
}

pub async fn list(
    state: &Services,
    owner: &User,
    query: &TaskQuery,
    themes: &[ThemeWithCounts],
) -> Result<Page<TaskView>, AppError> {
    let found = state.store.tasks().list(owner.id, query).await?;
    let labels = theme_labels(themes);
    let items = found
        .items
        .into_iter()
        .map(|task| TaskView {
            theme: task.theme_id.and_then(|id| labels.get(&id).cloned()),
            task,
        })
        .collect();
    Ok(Page {
        items,
        total: found.total,
    })
}

pub async fn update(
    state: &Services,
    owner: &User,
    id: Uuid,
    changes: TaskChanges,
) -> Result<TaskView, AppError> {
    let current = stored(state, owner, id).await?;
    let input = validated(state, owner, changes, Some(&current)).await?;
    let theme = theme_label(state, owner, input.theme_id).await?;
    let task = state
        .store
        .tasks()
        .update(owner.id, id, &input, state.clock.now())
        .await
        .or_not_found(NOT_FOUND)?;
    Ok(TaskView { task, theme })
}

/// Marks the task done now; an already completed task keeps its completion time.
pub async fn complete(state: &Services, owner: &User, id: Uuid) -> Result<TaskView, AppError> {
    set_completed(state, owner, id, true).await
}

pub async fn reopen(state: &Services, owner: &User, id: Uuid) -> Result<TaskView, AppError> {
    set_completed(state, owner, id, false).await
}

/// Completing a completed task (or reopening an open one) changes nothing.
async fn set_completed(
    state: &Services,
    owner: &User,
    id: Uuid,
    completed: bool,
) -> Result<TaskView, AppError> {
    let mut task = stored(state, owner, id).await?;
    let theme = theme_label(state, owner, task.theme_id).await?;
    if task.completed_at.is_some() != completed {
        let now = state.clock.now();
        task = state
            .store
            .tasks()
            .set_completed_at(owner.id, id, completed.then_some(now), now)
            .await?;
    }
    Ok(TaskView { task, theme })
}

pub async fn delete(state: &Services, owner: &User, id: Uuid) -> Result<(), AppError> {
    state
        .store
        .tasks()
        .delete(owner.id, id)
        .await?
        .then_some(())
        .or_not_found(NOT_FOUND)
}
