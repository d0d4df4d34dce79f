use super::AppError;
use super::layout::Layout;
use askama::Template;
use axum::response::Html;

#[derive(Template)]
#[template(path = "home.html")]
struct HomePage {
    layout: Layout,
}

pub async fn home() -> Result<Html<String>, AppError> {
    let page = HomePage {
        layout: Layout::new("Today"),
    };
    page.render()
        .map(Html)
        .map_err(|e| AppError::Internal(format!("home page failed to render: {e}")))
}
