//! Pauses of a habit (`/habits/{id}/pauses`) and vacations of the account
//! (`/settings/vacations`): lists as JSON, add and delete as JSON or forms
//! (docs/product.md#pauses-and-vacations).
use super::current_user::CurrentUser;
use super::habit_page::{PageEntries, habit_page};
use super::habits::{ActionForm, back_to, next_of};
use super::ids::{HabitId, PauseId, VacationId};
use super::input::Input;
use super::refused_entry::RangeEntry;
use super::reply::json;
use super::responses::{ListResponse, PauseResponse};
use super::settings::vacation_refused;
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::habits;
use crate::app::pauses::{self, RangeChanges};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde::de::IgnoredAny;

/// A pause or vacation as sent.
#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct RangeBody {
    from: Option<String>,
    to: Option<String>,
    next: Option<String>,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

impl RangeBody {
    fn changes(&self) -> RangeChanges {
        RangeChanges {
            from: self.from.clone(),
            to: self.to.clone(),
        }
    }
}

/// The whole list as one page.
fn whole<T>(items: Vec<T>) -> ListResponse<T> {
    let total = items.len() as u32;
    ListResponse {
        items,
        page: 1,
        per_page: total.max(1),
        total,
    }
}

pub async fn list(
    State(state): State<AppState>,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
) -> Result<Response, AppError> {
    let pauses = pauses::for_habit(&state.services, &auth.user, id.uuid()).await?;
    Ok(json(
        StatusCode::OK,
        whole(pauses.iter().map(PauseResponse::from).collect()),
    ))
}

pub async fn create(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    Input(body): Input<RangeBody>,
) -> Result<Response, AppError> {
    let result = pauses::add(&state.services, &auth.user, id.uuid(), &body.changes()).await;
    wants
        .written(
            result,
            |pause| json(StatusCode::CREATED, PauseResponse::from(pause)),
            |_| {
                ui.flash("success", "flash-pause-added");
                back_to(id.uuid(), body.next.as_deref()).unwrap_or_else(IntoResponse::into_response)
            },
            async |status, fields| {
                let view = habits::get(&state.services, &auth.user, id.uuid()).await?;
                let entries = PageEntries {
                    pause: RangeEntry::refused(body.from.as_deref(), body.to.as_deref(), fields),
                    value: None,
                    day: None,
                };
                habit_page(&state.services, &ui, &auth, &view, None, entries, status).await
            },
        )
        .await
}

pub async fn delete(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    pause: PauseId,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    pauses::delete(&state.services, &auth.user, id.uuid(), pause.uuid()).await?;
    let back = back_to(id.uuid(), next_of(&form))?;
    Ok(wants.deleted(|| {
        ui.flash("success", "flash-pause-deleted");
        back
    }))
}

pub async fn vacations(
    State(state): State<AppState>,
    CurrentUser(auth): CurrentUser,
) -> Result<Response, AppError> {
    let vacations = pauses::vacations(&state.services, &auth.user).await?;
    Ok(json(
        StatusCode::OK,
        whole(vacations.iter().map(PauseResponse::from).collect()),
    ))
}

pub async fn create_vacation(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Input(body): Input<RangeBody>,
) -> Result<Response, AppError> {
    let result = pauses::add_vacation(&state.services, &auth.user, &body.changes()).await;
    wants
        .written(
            result,
            |vacation| json(StatusCode::CREATED, PauseResponse::from(vacation)),
            |_| {
                ui.flash("success", "flash-vacation-added");
                Redirect::to("/settings").into_response()
            },
            async |status, fields| {
                let entry = RangeEntry::refused(body.from.as_deref(), body.to.as_deref(), fields);
                vacation_refused(&state.services, &ui, &auth, entry, status).await
            },
        )
        .await
}

pub async fn delete_vacation(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: VacationId,
) -> Result<Response, AppError> {
    pauses::delete_vacation(&state.services, &auth.user, id.uuid()).await?;
    Ok(wants.deleted(|| {
        ui.flash("success", "flash-vacation-deleted");
        Redirect::to("/settings").into_response()
    }))
}
