use super::AppError;
use super::current_user::CurrentUser;
use super::layout::Layout;
use super::render::page;
use super::ui_session::UiSession;
use askama::Template;
use axum::response::Response;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
}

pub async fn home(CurrentUser(auth): CurrentUser, ui: UiSession) -> Result<Response, AppError> {
    page(&HomePage {
        layout: Layout::page("Today", "home", &ui, Some(&auth)),
    })
}
