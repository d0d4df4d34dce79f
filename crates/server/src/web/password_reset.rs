//! `/auth/reset-password/{token}`: the form behind an operator's one-time
//! link, and setting the new password (docs/security.md, password resets).
use super::ids::ResetToken;
use super::input::Input;
use super::layout::Layout;
use super::render::page_with_status;
use super::reply::json;
use super::responses::StatusResponse;
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::password_resets;
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::validation::FieldErrors;
use serde::Deserialize;
use serde::de::IgnoredAny;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ResetForm {
    new_password: String,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

#[derive(Template)]
#[template(path = "reset_password.html")]
struct ResetPage {
    layout: Layout,
    token: String,
    fields: FieldErrors,
}

fn reset_page(
    ui: &UiSession,
    token: &str,
    status: StatusCode,
    fields: FieldErrors,
) -> Result<Response, AppError> {
    page_with_status(
        status,
        &ResetPage {
            layout: Layout::page("title-reset-password", "login", ui, None),
            token: token.to_owned(),
            fields,
        },
    )
}

/// The form, for a link that can still be used; else 404.
pub async fn form(
    State(state): State<AppState>,
    ui: UiSession,
    ResetToken(token): ResetToken,
) -> Result<Response, AppError> {
    password_resets::check_link(&state.services, &token).await?;
    reset_page(&ui, &token, StatusCode::OK, FieldErrors::new())
}

/// Sets the new password; every session of the account ends, and a browser
/// goes on to sign in with it.
pub async fn reset(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    ResetToken(token): ResetToken,
    Input(form): Input<ResetForm>,
) -> Result<Response, AppError> {
    let result = password_resets::reset_password(&state.services, &token, form.new_password).await;
    wants
        .written(
            result,
            |_| {
                json(
                    StatusCode::OK,
                    StatusResponse {
                        status: "password_reset",
                    },
                )
            },
            |()| {
                ui.flash("success", "flash-password-reset");
                Redirect::to("/auth/login").into_response()
            },
            async |status, fields| reset_page(&ui, &token, status, fields),
        )
        .await
}
