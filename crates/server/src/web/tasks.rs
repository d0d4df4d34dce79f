//! /tasks: list with filters, sort and pages; create, edit, complete, reopen, delete.
use super::current_user::CurrentUser;
use super::ids::TaskId;
use super::input::Input;
use super::layout::Layout;
use super::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, QueryParams, code_of};
use super::render::{form_failure, page, page_with_status};
use super::responses::{ListResponse, TaskResponse};
use super::theme_filter::{sidebar, theme_filter};
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::sessions::Authenticated;
use crate::app::tasks::{self, TaskChanges};
use crate::app::{AppState, themes};
use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::message::Message;
use habitflow_domain::validation::FieldErrors;
use habitflow_storage::{Task, TaskQuery, TaskSort, TaskStatus, ThemeWithCounts};
use serde::de::IgnoredAny;
use serde::{Deserialize, Deserializer};
use std::collections::HashMap;
use uuid::Uuid;

/// Present-but-null (`Some(None)`) differs from absent (`None`).
pub fn present<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(deserializer).map(Some)
}

#[derive(Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct TaskBody {
    name: Option<String>,
    description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    theme_id: Option<Option<String>>,
    priority: Option<String>,
    #[serde(default, deserialize_with = "present")]
    due_on: Option<Option<String>>,
    #[serde(default, rename = "csrf_token")]
    _csrf_token: Option<IgnoredAny>,
}

impl TaskBody {
    fn changes(&self) -> TaskChanges {
        TaskChanges {
            name: self.name.clone(),
            description: self.description.clone(),
            theme_id: self.theme_id.clone(),
            priority: self.priority.clone(),
            due_on: self.due_on.clone(),
        }
    }
}

pub struct TaskRow {
    pub task: Task,
    pub theme: Option<(String, String)>,
}

#[derive(Template)]
#[template(path = "tasks_list.html")]
struct TasksPage {
    layout: Layout,
    rows: Vec<TaskRow>,
    status: &'static str,
    sort: &'static str,
    order: &'static str,
    page: u32,
    pages: u32,
    total: u32,
}

#[derive(Template)]
#[template(path = "task_form.html")]
struct TaskForm {
    layout: Layout,
    id: Option<String>,
    name: String,
    description: String,
    theme_id: String,
    priority: String,
    due_on: String,
    themes: Vec<ThemeWithCounts>,
    fields: FieldErrors,
}

type ThemeMap = HashMap<Uuid, (String, String)>;

fn theme_map(themes: &[ThemeWithCounts]) -> ThemeMap {
    themes
        .iter()
        .map(|t| (t.theme.id, (t.theme.name.clone(), t.theme.color.clone())))
        .collect()
}

fn label(map: &ThemeMap, task: &Task) -> Option<(String, String)> {
    task.theme_id.and_then(|id| map.get(&id).cloned())
}

const STATUSES: [(&str, TaskStatus); 3] = [
    ("active", TaskStatus::Active),
    ("completed", TaskStatus::Completed),
    ("all", TaskStatus::All),
];
const SORTS: [(&str, TaskSort); 5] = [
    ("created_at", TaskSort::CreatedAt),
    ("updated_at", TaskSort::UpdatedAt),
    ("name", TaskSort::Name),
    ("priority", TaskSort::Priority),
    ("due_on", TaskSort::DueOn),
];
const ORDERS: [(&str, bool); 2] = [("desc", true), ("asc", false)];

pub async fn list(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let mut params = QueryParams::new(raw, wants);
    let status = params.choice("status", &STATUSES);
    let sort = params.choice("sort", &SORTS);
    let descending = params.choice("order", &ORDERS);
    let page_number = params.number("page", 1, 1, u32::MAX);
    let per_page = params.number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
    let requested_theme = params.id("theme_id");
    let choice = params.text("theme").map(str::to_owned);
    params.finish()?;
    let themes = themes::list(&state, &auth.user).await?;
    let theme_id = match wants {
        Wants::Json => requested_theme,
        Wants::Html => theme_filter(&ui, choice.as_deref(), &themes),
    };
    let query = TaskQuery {
        status,
        sort,
        descending,
        limit: per_page,
        offset: (page_number - 1).saturating_mul(per_page),
        theme_id,
    };
    let found = tasks::list(&state, &auth.user, &query).await?;
    let map = theme_map(&themes);
    let pages = found.total.div_ceil(per_page).max(1);
    match wants {
        Wants::Json => {
            let labels: Vec<_> = found.items.iter().map(|t| label(&map, t)).collect();
            let items = found
                .items
                .iter()
                .zip(&labels)
                .map(|(task, theme)| TaskResponse::new(task, theme.as_ref()))
                .collect();
            Ok(Json(ListResponse {
                items,
                page: page_number,
                per_page,
                total: found.total,
            })
            .into_response())
        }
        Wants::Html if page_number > pages => {
            let target = format!(
                "/tasks?status={}&sort={}&order={}&page={pages}&per_page={per_page}",
                code_of(&STATUSES, status),
                code_of(&SORTS, sort),
                code_of(&ORDERS, descending)
            );
            Ok(Redirect::to(&target).into_response())
        }
        Wants::Html => page(&TasksPage {
            layout: Layout::page("nav-tasks", "tasks", &ui, Some(&auth))
                .with_sidebar(sidebar("/tasks", &themes, theme_id)),
            rows: found
                .items
                .into_iter()
                .map(|task| TaskRow {
                    theme: label(&map, &task),
                    task,
                })
                .collect(),
            status: code_of(&STATUSES, status),
            sort: code_of(&SORTS, sort),
            order: code_of(&ORDERS, descending),
            page: page_number,
            pages,
            total: found.total,
        }),
    }
}

fn form(
    ui: &UiSession,
    auth: &Authenticated,
    id: Option<String>,
    task: Option<&Task>,
    body: Option<&TaskBody>,
    themes: Vec<ThemeWithCounts>,
    fields: FieldErrors,
) -> TaskForm {
    let pick = |from_body: Option<String>, from_task: Option<String>| {
        from_body.or(from_task).unwrap_or_default()
    };
    TaskForm {
        layout: Layout::page(
            if id.is_some() {
                "title-edit-task"
            } else {
                "title-new-task"
            },
            "tasks",
            ui,
            Some(auth),
        ),
        id,
        name: pick(
            body.and_then(|b| b.name.clone()),
            task.map(|t| t.name.clone()),
        ),
        description: pick(
            body.and_then(|b| b.description.clone()),
            task.map(|t| t.description.clone()),
        ),
        theme_id: pick(
            body.and_then(|b| b.theme_id.clone().flatten()),
            task.and_then(|t| t.theme_id.map(|id| id.to_string())),
        ),
        priority: pick(
            body.and_then(|b| b.priority.clone()),
            Some(task.map_or("medium", |t| t.priority.code()).to_owned()),
        ),
        due_on: pick(
            body.and_then(|b| b.due_on.clone().flatten()),
            task.and_then(|t| t.due_on.map(|d| d.to_string())),
        ),
        themes,
        fields,
    }
}

pub async fn new_form(
    State(state): State<AppState>,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
) -> Result<Response, AppError> {
    let themes = themes::list(&state, &auth.user).await?;
    page(&form(
        &ui,
        &auth,
        None,
        None,
        None,
        themes,
        FieldErrors::new(),
    ))
}

pub async fn show(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: TaskId,
) -> Result<Response, AppError> {
    let task = tasks::get(&state, &auth.user, id.uuid()).await?;
    let themes = themes::list(&state, &auth.user).await?;
    match wants {
        Wants::Json => {
            let theme = label(&theme_map(&themes), &task);
            Ok(Json(TaskResponse::new(&task, theme.as_ref())).into_response())
        }
        Wants::Html => page(&form(
            &ui,
            &auth,
            Some(task.id.to_string()),
            Some(&task),
            None,
            themes,
            FieldErrors::new(),
        )),
    }
}

async fn answer(
    state: &AppState,
    auth: &Authenticated,
    task: &Task,
    status: StatusCode,
) -> Result<Response, AppError> {
    let theme = match task.theme_id {
        Some(_) => label(&theme_map(&themes::list(state, &auth.user).await?), task),
        None => None,
    };
    Ok((status, Json(TaskResponse::new(task, theme.as_ref()))).into_response())
}

pub async fn create(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Input(body): Input<TaskBody>,
) -> Result<Response, AppError> {
    match (
        tasks::create(&state, &auth.user, body.changes()).await,
        wants,
    ) {
        (Ok(task), Wants::Json) => answer(&state, &auth, &task, StatusCode::CREATED).await,
        (Ok(task), Wants::Html) => {
            ui.flash(
                "success",
                Message::new("flash-task-created").with("name", task.name.as_str()),
            );
            Ok(Redirect::to("/tasks").into_response())
        }
        (Err(error), Wants::Html) => {
            let (status, fields) = form_failure(error)?;
            let themes = themes::list(&state, &auth.user).await?;
            page_with_status(
                status,
                &form(&ui, &auth, None, None, Some(&body), themes, fields),
            )
        }
        (Err(error), Wants::Json) => Err(error),
    }
}

pub async fn update(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: TaskId,
    Input(body): Input<TaskBody>,
) -> Result<Response, AppError> {
    let id = id.uuid();
    match (
        tasks::update(&state, &auth.user, id, body.changes()).await,
        wants,
    ) {
        (Ok(task), Wants::Json) => answer(&state, &auth, &task, StatusCode::OK).await,
        (Ok(_), Wants::Html) => {
            ui.flash("success", "flash-task-saved");
            Ok(Redirect::to("/tasks").into_response())
        }
        (Err(error), Wants::Html) => {
            let (status, fields) = form_failure(error)?;
            let themes = themes::list(&state, &auth.user).await?;
            page_with_status(
                status,
                &form(
                    &ui,
                    &auth,
                    Some(id.to_string()),
                    None,
                    Some(&body),
                    themes,
                    fields,
                ),
            )
        }
        (Err(error), Wants::Json) => Err(error),
    }
}

/// Where a form action goes back to: the list the user came from.
fn back(next: Option<&str>) -> String {
    habitflow_domain::redirect::safe_next(next.unwrap_or("/tasks"))
}

#[derive(Deserialize, Default)]
pub struct ActionForm {
    next: Option<String>,
    #[serde(default, rename = "csrf_token")]
    _csrf_token: Option<IgnoredAny>,
}

pub async fn complete(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    id: TaskId,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    let task = tasks::complete(&state, &auth.user, id.uuid()).await?;
    match wants {
        Wants::Json => answer(&state, &auth, &task, StatusCode::OK).await,
        Wants::Html => Ok(Redirect::to(&back(
            form.as_ref().and_then(|Input(f)| f.next.as_deref()),
        ))
        .into_response()),
    }
}

pub async fn reopen(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    id: TaskId,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    let task = tasks::reopen(&state, &auth.user, id.uuid()).await?;
    match wants {
        Wants::Json => answer(&state, &auth, &task, StatusCode::OK).await,
        Wants::Html => Ok(Redirect::to(&back(
            form.as_ref().and_then(|Input(f)| f.next.as_deref()),
        ))
        .into_response()),
    }
}

pub async fn delete(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: TaskId,
) -> Result<Response, AppError> {
    tasks::delete(&state, &auth.user, id.uuid()).await?;
    Ok(match wants {
        Wants::Json => StatusCode::NO_CONTENT.into_response(),
        Wants::Html => {
            ui.flash("success", "flash-task-deleted");
            Redirect::to("/tasks").into_response()
        }
    })
}
