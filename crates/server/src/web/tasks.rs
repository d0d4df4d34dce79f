//! /tasks: list with filters, sort and pages; create, edit, complete, reopen, delete.
use super::current_user::CurrentUser;
use super::ids::TaskId;
use super::input::Input;
use super::layout::Layout;
use super::paging::{QueryParams, code_of};
use super::render::{page, page_with_status};
use super::reply::json;
use super::responses::{ListResponse, TaskResponse};
use super::state::AppState;
use super::theme_filter::sidebar;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::Services;
use crate::app::sessions::Authenticated;
use crate::app::tasks::{self, TaskChanges, TaskView};
use crate::app::themes;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::message::Message;
use habitflow_domain::model::{Task, TaskQuery, TaskSort, TaskStatus, ThemeWithCounts};
use habitflow_domain::validation::FieldErrors;
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

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct TaskBody {
    name: Option<String>,
    description: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    theme_id: Option<Option<String>>,
    priority: Option<String>,
    #[serde(default, deserialize_with = "present")]
    #[schema(value_type = Option<String>)]
    due_on: Option<Option<String>>,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
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

#[derive(Template)]
#[template(path = "tasks_list.html")]
struct TasksPage {
    layout: Layout,
    rows: Vec<TaskView>,
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
    let paging = params.paging();
    let theme_choice = params.theme_choice();
    params.finish()?;
    let themes = themes::list(&state.services, &auth.user).await?;
    let theme_id = theme_choice.resolve(wants, &ui, &themes);
    let query = TaskQuery {
        status,
        sort,
        descending,
        limit: paging.per_page,
        offset: paging.offset(),
        theme_id,
    };
    let found = tasks::list(&state.services, &auth.user, &query, &themes).await?;
    if let Some(last) = paging
        .past_the_end(found.total)
        .filter(|_| wants == Wants::Html)
    {
        let target = format!(
            "/tasks?status={}&sort={}&order={}&page={last}&per_page={}",
            code_of(&STATUSES, status),
            code_of(&SORTS, sort),
            code_of(&ORDERS, descending),
            paging.per_page
        );
        return Ok(Redirect::to(&target).into_response());
    }
    wants
        .reply(
            || ListResponse {
                items: found.items.iter().map(TaskResponse::from).collect(),
                page: paging.page,
                per_page: paging.per_page,
                total: found.total,
            },
            async || {
                page(&TasksPage {
                    layout: Layout::page("nav-tasks", "tasks", &ui, Some(&auth))
                        .with_sidebar(sidebar("/tasks", &themes, theme_id)),
                    rows: found.items.clone(),
                    status: code_of(&STATUSES, status),
                    sort: code_of(&SORTS, sort),
                    order: code_of(&ORDERS, descending),
                    page: paging.page,
                    pages: paging.pages(found.total),
                    total: found.total,
                })
            },
        )
        .await
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
    let themes = themes::list(&state.services, &auth.user).await?;
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
    let view = tasks::get(&state.services, &auth.user, id.uuid()).await?;
    wants
        .reply(
            || TaskResponse::from(&view),
            async || {
                let themes = themes::list(&state.services, &auth.user).await?;
                let id = Some(view.task.id.to_string());
                let fields = FieldErrors::new();
                page(&form(
                    &ui,
                    &auth,
                    id,
                    Some(&view.task),
                    None,
                    themes,
                    fields,
                ))
            },
        )
        .await
}

/// The form again, with the user's input and the field messages.
async fn form_again(
    state: &Services,
    ui: &UiSession,
    auth: &Authenticated,
    id: Option<Uuid>,
    body: &TaskBody,
    status: StatusCode,
    fields: FieldErrors,
) -> Result<Response, AppError> {
    let themes = themes::list(state, &auth.user).await?;
    let id = id.map(|id| id.to_string());
    page_with_status(
        status,
        &form(ui, auth, id, None, Some(body), themes, fields),
    )
}

pub async fn create(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Input(body): Input<TaskBody>,
) -> Result<Response, AppError> {
    let result = tasks::create(&state.services, &auth.user, body.changes()).await;
    wants
        .written(
            result,
            |view| json(StatusCode::CREATED, TaskResponse::from(view)),
            |view| {
                let name = view.task.name.as_str();
                ui.flash(
                    "success",
                    Message::new("flash-task-created").with("name", name),
                );
                Redirect::to("/tasks").into_response()
            },
            async |status, fields| {
                form_again(&state.services, &ui, &auth, None, &body, status, fields).await
            },
        )
        .await
}

pub async fn update(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: TaskId,
    Input(body): Input<TaskBody>,
) -> Result<Response, AppError> {
    let result = tasks::update(&state.services, &auth.user, id.uuid(), body.changes()).await;
    wants
        .written(
            result,
            |view| json(StatusCode::OK, TaskResponse::from(view)),
            |_| {
                ui.flash("success", "flash-task-saved");
                Redirect::to("/tasks").into_response()
            },
            async |status, fields| {
                form_again(
                    &state.services,
                    &ui,
                    &auth,
                    Some(id.uuid()),
                    &body,
                    status,
                    fields,
                )
                .await
            },
        )
        .await
}

/// Where a form action goes back to: the list the user came from.
fn back(form: Option<Input<ActionForm>>) -> Result<Response, AppError> {
    let next = form.as_ref().and_then(|Input(f)| f.next.as_deref());
    let target = habitflow_domain::redirect::safe_next(next.unwrap_or("/tasks"));
    Ok(Redirect::to(&target).into_response())
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
    let view = tasks::complete(&state.services, &auth.user, id.uuid()).await?;
    wants
        .reply(|| TaskResponse::from(&view), async || back(form))
        .await
}

pub async fn reopen(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    id: TaskId,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    let view = tasks::reopen(&state.services, &auth.user, id.uuid()).await?;
    wants
        .reply(|| TaskResponse::from(&view), async || back(form))
        .await
}

pub async fn delete(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: TaskId,
) -> Result<Response, AppError> {
    tasks::delete(&state.services, &auth.user, id.uuid()).await?;
    Ok(wants.deleted(|| {
        ui.flash("success", "flash-task-deleted");
        Redirect::to("/tasks").into_response()
    }))
}
