//! `GET /export`: the account's data as a download (docs/data.md#the-export).
use super::AppError;
use super::current_user::CurrentUser;
use super::state::AppState;
use crate::app::portability::export::{self, Download};
use crate::app::portability::loop_export;
use axum::body::Body;
use axum::extract::{Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Deserialize)]
pub struct ExportQuery {
    format: Option<String>,
}

pub async fn download(
    State(state): State<AppState>,
    CurrentUser(auth): CurrentUser,
    Query(query): Query<ExportQuery>,
) -> Result<Response, AppError> {
    let download = match query.format.as_deref() {
        None | Some("habitflow") => export::habitflow(&state.services, &auth.user),
        Some("loop") => loop_export::loop_zip(&state.services, &auth.user),
        Some(_) => return Err(AppError::BadRequest("error-export-format".into())),
    };
    Ok(attachment(download))
}

fn attachment(download: Download) -> Response {
    let disposition = format!("attachment; filename=\"{}\"", download.file_name);
    (
        [
            (CONTENT_TYPE, download.content_type.to_owned()),
            (CONTENT_DISPOSITION, disposition),
        ],
        Body::from_stream(download.body),
    )
        .into_response()
}
