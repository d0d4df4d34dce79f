//! `/settings/data`: the export's downloads and the import's two steps
//! (docs/data.md), pages that work without JavaScript.
use super::AppError;
use super::current_user::CurrentUser;
use super::import::ImportResponse;
use super::layout::Layout;
use super::render::{page, page_with_status};
use super::ui_session::UiSession;
use crate::app::sessions::Authenticated;
use askama::Template;
use axum::http::StatusCode;
use axum::response::Response;

#[derive(Template)]
#[template(path = "settings_data.html")]
struct DataPage {
    layout: Layout,
    /// Why the last file was refused: where, and the message.
    errors: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "settings_import_plan.html")]
pub struct ImportPlanPage {
    layout: Layout,
    plan: ImportResponse,
    /// The catalog key naming the kind of file.
    source_key: String,
    /// The key of the upload kept for the confirmation; `None` when it
    /// could not be kept and the file is sent again.
    kept: Option<String>,
}

impl ImportPlanPage {
    pub fn render(
        ui: &UiSession,
        auth: &Authenticated,
        plan: ImportResponse,
        kept: Option<String>,
    ) -> Result<Response, AppError> {
        page(&ImportPlanPage {
            layout: Layout::page("nav-data", "settings", ui, Some(auth)),
            source_key: format!("data-plan-source-{}", plan.source),
            plan,
            kept,
        })
    }
}

/// The page, with the refusal of the last file when there is one: a 422
/// lists each place and message; any other error is answered as it is.
pub fn data_page(
    ui: &UiSession,
    auth: &Authenticated,
    refusal: Option<AppError>,
) -> Result<Response, AppError> {
    let tr = ui.tr();
    let (status, errors) = match refusal {
        None => (StatusCode::OK, Vec::new()),
        Some(AppError::Validation(fields)) => (
            StatusCode::UNPROCESSABLE_ENTITY,
            fields
                .iter()
                .map(|(place, message)| (place.to_owned(), tr.message(message)))
                .collect(),
        ),
        Some(other) => return Err(other),
    };
    page_with_status(
        status,
        &DataPage {
            layout: Layout::page("nav-data", "settings", ui, Some(auth)),
            errors,
        },
    )
}

pub async fn show(ui: UiSession, CurrentUser(auth): CurrentUser) -> Result<Response, AppError> {
    data_page(&ui, &auth, None)
}
