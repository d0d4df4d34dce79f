//! /habits: the list, create, edit, archive and delete.
use super::current_user::CurrentUser;
use super::habit_form::HabitSubmission;
use super::habit_form_page::form_page;
use super::ids::HabitId;
use super::input::Input;
use super::layout::Layout;
use super::paging::{QueryParams, code_of};
use super::refused_entry::RefusedValue;
use super::render::{page, page_with_status};
use super::reply::json;
use super::responses::{HabitResponse, ListResponse};
use super::schedule_text::describe;
use super::state::AppState;
use super::theme_filter::sidebar;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use super::{period_text, streak_text};
use crate::app::habits::{self, HabitQuery, HabitSort, HabitStatus, HabitView};
use crate::app::sessions::Authenticated;
use crate::app::themes;
use crate::i18n::Tr;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::message::Message;
use habitflow_domain::schedule::SCHEDULE_TYPES;
use habitflow_domain::validation::FieldErrors;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::HashMap;

const STATUSES: [(&str, HabitStatus); 5] = [
    ("today", HabitStatus::Today),
    ("active", HabitStatus::Active),
    ("completed_today", HabitStatus::CompletedToday),
    ("archived", HabitStatus::Archived),
    ("all", HabitStatus::All),
];
const SORTS: [(&str, HabitSort); 4] = [
    ("created_at", HabitSort::CreatedAt),
    ("updated_at", HabitSort::UpdatedAt),
    ("name", HabitSort::Name),
    ("streak", HabitSort::Streak),
];
const ORDERS: [(&str, bool); 2] = [("asc", false), ("desc", true)];

pub struct HabitRow {
    pub view: HabitView,
    pub schedule: String,
    /// "streak 4 weeks", and the best in the same unit.
    pub streak: String,
    pub best_streak: String,
    /// The current streak without the word "streak", for the phone's badge: "4 weeks".
    pub streak_length: String,
    /// "2 of 3 this week" for a `times_per_period` habit.
    pub period: Option<String>,
    /// Today's value refused without JavaScript: as typed, and why.
    pub value_entered: Option<String>,
    pub value_error: Option<String>,
}

impl HabitRow {
    pub fn of(view: &HabitView, tr: Tr) -> Self {
        Self {
            schedule: describe(view, tr),
            streak: streak_text::current_streak(tr, view),
            best_streak: streak_text::best_streak(tr, view),
            streak_length: streak_text::streak_length(tr, view, view.derived.current_streak),
            period: period_text::describe(tr, view),
            view: view.clone(),
            value_entered: None,
            value_error: None,
        }
    }

    /// The row with today's refused value, when it is this habit's.
    pub fn with_refused(mut self, refused: Option<&RefusedValue>, tr: Tr) -> Self {
        if let Some(refused) = refused.filter(|r| r.habit == self.view.habit.id) {
            self.value_entered = Some(refused.entered.clone());
            self.value_error = Some(tr.message(&refused.message));
        }
        self
    }
}

#[derive(Template)]
#[template(path = "habits_list.html")]
struct HabitsPage {
    layout: Layout,
    rows: Vec<HabitRow>,
    status: &'static str,
    schedule_type: String,
    sort: &'static str,
    order: &'static str,
    page: u32,
    pages: u32,
    total: u32,
    schedule_types: &'static [&'static str],
}

pub async fn list(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    list_page(&state, wants, &ui, &auth, raw, None, StatusCode::OK).await
}

/// The list for `raw` query parameters; a refused value is shown again on
/// its habit's row (answered with `answer_status`).
pub async fn list_page(
    state: &AppState,
    wants: Wants,
    ui: &UiSession,
    auth: &Authenticated,
    raw: HashMap<String, String>,
    refused: Option<&RefusedValue>,
    answer_status: StatusCode,
) -> Result<Response, AppError> {
    let mut params = QueryParams::new(raw, wants);
    let status = params.choice("status", &STATUSES);
    let sort = params.choice("sort", &SORTS);
    let descending = params.choice("order", &ORDERS);
    let paging = params.paging();
    let schedule_type = match params.text("schedule_type") {
        None | Some("all") => None,
        Some(t) if SCHEDULE_TYPES.contains(&t) => Some(t.to_owned()),
        Some(_) => {
            params.add_error("schedule_type", "error-schedule-filter");
            None
        }
    };
    let theme_choice = params.theme_choice();
    params.finish()?;
    // A JSON answer needs no theme list, which the page reads for its sidebar:
    // its theme filter is the id asked for (`ThemeChoice::resolve`) and each
    // habit comes with its theme's label (docs/benchmarks.md#habits-list-17).
    let themes = match wants {
        Wants::Html => themes::list(&state.services, &auth.user).await?,
        Wants::Json => Vec::new(),
    };
    let theme_id = theme_choice.resolve(wants, ui, &themes);
    let query = HabitQuery {
        status,
        schedule_type: schedule_type.clone(),
        theme_id,
        sort,
        descending,
        page: paging.page,
        per_page: paging.per_page,
    };
    let (views, total) = habits::list_page(&state.services, &auth.user, &query).await?;
    if let Some(last) = paging.past_the_end(total).filter(|_| wants == Wants::Html) {
        let target = format!(
            "/habits?status={}&schedule_type={}&sort={}&order={}&page={last}&per_page={}",
            code_of(&STATUSES, status),
            schedule_type.as_deref().unwrap_or("all"),
            code_of(&SORTS, sort),
            code_of(&ORDERS, descending),
            paging.per_page
        );
        return Ok(Redirect::to(&target).into_response());
    }
    wants
        .reply(
            || ListResponse {
                items: views.iter().map(HabitResponse::from).collect(),
                page: paging.page,
                per_page: paging.per_page,
                total,
            },
            async || {
                let layout = Layout::page("nav-habits", "habits", ui, Some(auth))
                    .with_sidebar(sidebar("/habits", &themes, theme_id));
                let tr = layout.tr;
                page_with_status(
                    answer_status,
                    &HabitsPage {
                        layout,
                        rows: views
                            .iter()
                            .map(|view| HabitRow::of(view, tr).with_refused(refused, tr))
                            .collect(),
                        status: code_of(&STATUSES, status),
                        schedule_type: schedule_type.clone().unwrap_or_else(|| "all".into()),
                        sort: code_of(&SORTS, sort),
                        order: code_of(&ORDERS, descending),
                        page: paging.page,
                        pages: paging.pages(total),
                        total,
                        schedule_types: &SCHEDULE_TYPES,
                    },
                )
            },
        )
        .await
}
impl HabitsPage {
    fn type_name(&self, code: &str) -> String {
        self.layout.t(format!("schedule-type-{code}"))
    }
}

pub async fn create(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    submission: HabitSubmission,
) -> Result<Response, AppError> {
    if submission.preview {
        return page(
            &form_page(
                &state.services,
                &ui,
                &auth,
                None,
                submission.form,
                FieldErrors::new(),
            )
            .await?,
        );
    }
    let result = habits::create(&state.services, &auth.user, submission.changes).await;
    wants
        .written(
            result,
            |view| json(StatusCode::CREATED, HabitResponse::from(view)),
            |view| {
                let name = view.habit.name.as_str();
                ui.flash(
                    "success",
                    Message::new("flash-habit-created").with("name", name),
                );
                Redirect::to(&format!("/habits/{}", view.habit.id)).into_response()
            },
            async |status, fields| {
                let form = form_page(&state.services, &ui, &auth, None, submission.form, fields);
                page_with_status(status, &form.await?)
            },
        )
        .await
}

pub async fn update(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    submission: HabitSubmission,
) -> Result<Response, AppError> {
    if submission.preview {
        // The habit must be the user's: another's answers 404 as on save.
        habits::owned_habit(&state.services, &auth.user, id.uuid()).await?;
        let id = Some(id.uuid().to_string());
        return page(
            &form_page(
                &state.services,
                &ui,
                &auth,
                id,
                submission.form,
                FieldErrors::new(),
            )
            .await?,
        );
    }
    let result = habits::update(&state.services, &auth.user, id.uuid(), submission.changes).await;
    wants
        .written(
            result,
            |view| json(StatusCode::OK, HabitResponse::from(view)),
            |view| {
                ui.flash("success", "flash-habit-saved");
                Redirect::to(&format!("/habits/{}", view.habit.id)).into_response()
            },
            async |status, fields| {
                let id = Some(id.uuid().to_string());
                let form = form_page(&state.services, &ui, &auth, id, submission.form, fields);
                page_with_status(status, &form.await?)
            },
        )
        .await
}

/// One day of the month calendar on the habit page.

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct ActionForm {
    next: Option<String>,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

/// Back to where the action was taken (the habit page unless `next` says).
pub fn back_to(habit: uuid::Uuid, next: Option<&str>) -> Result<Response, AppError> {
    let target = habitflow_domain::redirect::safe_next(next.unwrap_or(&format!("/habits/{habit}")));
    Ok(Redirect::to(&target).into_response())
}

pub fn next_of(form: &Option<Input<ActionForm>>) -> Option<&str> {
    form.as_ref().and_then(|Input(f)| f.next.as_deref())
}

async fn set_archived(
    state: AppState,
    wants: Wants,
    auth: Authenticated,
    id: HabitId,
    archived: bool,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    let view = habits::set_archived(&state.services, &auth.user, id.uuid(), archived).await?;
    wants
        .reply(
            || HabitResponse::from(&view),
            async || back_to(id.uuid(), next_of(&form)),
        )
        .await
}

pub async fn archive(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    set_archived(state, wants, auth, id, true, form).await
}

pub async fn unarchive(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    set_archived(state, wants, auth, id, false, form).await
}

pub async fn delete(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
) -> Result<Response, AppError> {
    habits::delete(&state.services, &auth.user, id.uuid()).await?;
    Ok(wants.deleted(|| {
        ui.flash("success", "flash-habit-deleted");
        Redirect::to("/habits").into_response()
    }))
}
