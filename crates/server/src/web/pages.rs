//! `/`: today's page for a signed-in user, a welcome page for visitors.
use super::AppError;
use super::current_user::MaybeUser;
use super::habits::HabitRow;
use super::layout::Layout;
use super::refused_entry::RefusedValue;
use super::render::{page, page_with_status};
use super::starters::{STARTERS, Starter};
use super::state::AppState;
use super::theme_filter::{sidebar, theme_filter};
use super::ui_session::UiSession;
use crate::app::home::{Today, today};
use crate::app::sessions::Authenticated;
use crate::app::themes;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
    name: String,
    today: Today,
    /// Today's habits with their streak and period worded.
    rows: Vec<HabitRow>,
    /// One-click habits offered while the account has none.
    starters: &'static [Starter],
}

impl HomePage {
    fn is_overdue(&self, task: &habitflow_domain::model::Task) -> bool {
        task.due_on.is_some_and(|due| due < self.today.date)
    }
}

#[derive(Template)]
#[template(path = "landing.html")]
struct LandingPage {
    layout: Layout,
}

#[derive(Deserialize, Default)]
pub struct HomeQuery {
    theme: Option<String>,
}

pub async fn home(
    State(state): State<AppState>,
    ui: UiSession,
    MaybeUser(user): MaybeUser,
    Query(choice): Query<HomeQuery>,
) -> Result<Response, AppError> {
    let Some(auth) = user else {
        return page(&LandingPage {
            layout: Layout::page("title-welcome", "", &ui, None),
        });
    };
    home_page(
        &state,
        &ui,
        &auth,
        choice.theme.as_deref(),
        None,
        StatusCode::OK,
    )
    .await
}

/// Today's page for a signed-in user; a refused value is shown again on its
/// habit's row (answered with `status`).
pub async fn home_page(
    state: &AppState,
    ui: &UiSession,
    auth: &Authenticated,
    theme_choice: Option<&str>,
    refused: Option<&RefusedValue>,
    status: StatusCode,
) -> Result<Response, AppError> {
    let themes = themes::list(&state.services, &auth.user).await?;
    let theme = theme_filter(ui, theme_choice, &themes);
    let today = today(&state.services, &auth.user, theme).await?;
    let name = if auth.user.display_name.is_empty() {
        String::new()
    } else {
        auth.user.display_name.clone()
    };
    let layout = Layout::page("nav-today", "home", ui, Some(auth))
        .with_sidebar(sidebar("/", &themes, theme));
    let tr = layout.tr;
    let rows = today
        .habits
        .iter()
        .map(|view| HabitRow::of(view, tr).with_refused(refused, tr))
        .collect();
    page_with_status(
        status,
        &HomePage {
            layout,
            name,
            today,
            rows,
            starters: &STARTERS,
        },
    )
}
