//! `/settings/delete`: what deleting the account removes, and the deletion
//! itself after re-authentication (docs/data.md#deleting-your-account).
use super::auth_cookie::cleared_session_cookie;
use super::current_user::{CurrentUser, SessionUser};
use super::input::Input;
use super::layout::Layout;
use super::render::{page, page_with_status};
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::accounts::Client;
use crate::app::portability::account_deletion::{Confirmation, delete_account};
use askama::Template;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use habitflow_domain::validation::FieldErrors;
use serde::Deserialize;
use serde::de::IgnoredAny;

#[derive(Template)]
#[template(path = "settings_delete.html")]
struct DeletePage {
    layout: Layout,
    has_password: bool,
    fields: FieldErrors,
}

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct DeleteForm {
    #[serde(default)]
    password: String,
    #[serde(default)]
    email: String,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

pub async fn page_of(ui: UiSession, CurrentUser(auth): CurrentUser) -> Result<Response, AppError> {
    page(&DeletePage {
        has_password: auth.user.password_hash.is_some(),
        layout: Layout::page("delete-title", "settings", &ui, Some(&auth)),
        fields: FieldErrors::new(),
    })
}

pub async fn delete(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    SessionUser(auth): SessionUser,
    client: Client,
    jar: CookieJar,
    Input(form): Input<DeleteForm>,
) -> Result<Response, AppError> {
    let confirmation = Confirmation {
        password: form.password,
        email: form.email,
    };
    let outcome = delete_account(&state.services, &auth.user, &client, confirmation).await;
    let signed_out = || {
        ui.signed_out();
        jar.clone().add(cleared_session_cookie(&state))
    };
    match (outcome, wants) {
        (Ok(()), Wants::Json) => Ok((signed_out(), StatusCode::NO_CONTENT).into_response()),
        (Ok(()), Wants::Html) => {
            let jar = signed_out();
            ui.flash("success", "flash-account-deleted");
            Ok((jar, Redirect::to("/")).into_response())
        }
        (Err(AppError::Validation(fields)), Wants::Html) => page_with_status(
            StatusCode::UNPROCESSABLE_ENTITY,
            &DeletePage {
                has_password: auth.user.password_hash.is_some(),
                layout: Layout::page("delete-title", "settings", &ui, Some(&auth)),
                fields,
            },
        ),
        (Err(error), _) => Err(error),
    }
}
