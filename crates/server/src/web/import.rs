//! `POST /import` (docs/data.md#the-import): a browser sends the multipart
//! field `file` (or, to confirm a plan it saw, the key of its kept upload);
//! an API client sends the file itself as the body. `dry_run=true` shows
//! the plan and writes nothing.
use super::current_user::CurrentUser;
use super::data_pages::{ImportPlanPage, data_page};
use super::pending_uploads;
use super::reply::json;
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::portability::import;
use crate::i18n::Tr;
use axum::body::Bytes;
use axum::extract::{FromRequest, Multipart, Query, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::message::Message;
use habitflow_domain::portability::plan::ImportPlan;
use serde::{Deserialize, Serialize};

#[derive(Deserialize)]
pub struct ImportQuery {
    #[serde(default)]
    dry_run: Option<String>,
}

impl ImportQuery {
    fn dry_run(&self) -> bool {
        matches!(self.dry_run.as_deref(), Some("true" | "1" | "yes"))
    }
}

/// What the import answers: the plan's counts and what it leaves out.
#[derive(Serialize, utoipa::ToSchema)]
pub struct ImportResponse {
    pub checkins: usize,
    pub habits: usize,
    pub pauses: usize,
    pub skipped: Vec<SkippedResponse>,
    pub source: &'static str,
    pub tasks: usize,
    pub themes: usize,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SkippedResponse {
    pub what: String,
    pub why: String,
}

impl ImportResponse {
    pub fn of(plan: &ImportPlan, tr: Tr) -> Self {
        let counts = plan.counts();
        Self {
            checkins: counts.checkins,
            habits: counts.habits,
            pauses: counts.pauses,
            skipped: plan
                .skipped
                .iter()
                .map(|skipped| SkippedResponse {
                    what: skipped.what.clone(),
                    why: tr.message(&skipped.why),
                })
                .collect(),
            source: plan.source.code(),
            tasks: counts.tasks,
            themes: counts.themes,
        }
    }
}

/// The uploaded file, or the key of one kept from the plan's step.
pub enum Upload {
    File(Bytes),
    Kept(String),
}

fn multipart_error(_: impl std::fmt::Debug) -> AppError {
    AppError::BadRequest("error-body-unreadable".into())
}

impl<S: Send + Sync> FromRequest<S> for Upload {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, AppError> {
        let multipart = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("multipart/form-data"));
        if !multipart {
            let bytes = Bytes::from_request(request, state)
                .await
                .map_err(|_| AppError::PayloadTooLarge)?;
            return Ok(Upload::File(bytes));
        }
        let mut form = Multipart::from_request(request, state)
            .await
            .map_err(multipart_error)?;
        let mut kept = None;
        while let Some(field) = form.next_field().await.map_err(too_large_or_unreadable)? {
            match field.name() {
                Some("file") => {
                    let bytes = field.bytes().await.map_err(too_large_or_unreadable)?;
                    if !bytes.is_empty() {
                        return Ok(Upload::File(bytes));
                    }
                }
                Some("upload") => kept = Some(field.text().await.map_err(multipart_error)?),
                _ => {}
            }
        }
        kept.map(Upload::Kept).ok_or_else(|| {
            AppError::Validation(habitflow_domain::validation::FieldErrors::single(
                "file",
                "error-import-choose-file",
            ))
        })
    }
}

fn too_large_or_unreadable(error: axum::extract::multipart::MultipartError) -> AppError {
    if error.status() == StatusCode::PAYLOAD_TOO_LARGE {
        AppError::PayloadTooLarge
    } else {
        multipart_error(error)
    }
}

pub async fn upload(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Query(query): Query<ImportQuery>,
    upload: Upload,
) -> Result<Response, AppError> {
    let dry_run = query.dry_run();
    let bytes = match upload {
        Upload::File(bytes) => bytes,
        Upload::Kept(key) => pending_uploads::take(auth.user.id, &key).ok_or_else(|| {
            AppError::Validation(habitflow_domain::validation::FieldErrors::single(
                "file",
                "error-import-upload-expired",
            ))
        })?,
    };
    let services = &state.services;
    match wants {
        Wants::Json => {
            let plan = import::import(services, &auth.user, &bytes, dry_run).await?;
            let status = if dry_run {
                StatusCode::OK
            } else {
                StatusCode::CREATED
            };
            Ok(json(status, ImportResponse::of(&plan, ui.tr())))
        }
        Wants::Html if dry_run => {
            let plan = import::plan(services, &auth.user, &bytes).await;
            match plan {
                Ok(plan) => {
                    let kept = pending_uploads::keep(auth.user.id, bytes);
                    ImportPlanPage::render(&ui, &auth, ImportResponse::of(&plan, ui.tr()), kept)
                }
                Err(error) => data_page(&ui, &auth, Some(error)),
            }
        }
        Wants::Html => match import::import(services, &auth.user, &bytes, false).await {
            Ok(plan) => {
                let counts = plan.counts();
                ui.flash(
                    "success",
                    Message::new("flash-imported")
                        .with("habits", counts.habits)
                        .with("checkins", counts.checkins),
                );
                Ok(Redirect::to("/habits").into_response())
            }
            Err(error) => data_page(&ui, &auth, Some(error)),
        },
    }
}
