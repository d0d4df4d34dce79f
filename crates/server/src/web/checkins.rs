//! Check-ins: complete, skip and undo a day, and the history as JSON.
use super::current_user::CurrentUser;
use super::habit_page::{PageEntries, habit_page};
use super::habits::{ActionForm, back_to, list_page, next_of};
use super::ids::{HabitId, PathDate};
use super::input::Input;
use super::pages::home_page;
use super::refused_entry::RefusedValue;
use super::reply::json;
use super::responses::{CheckinOutcomeResponse, CheckinResponse, ListResponse};
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::checkins::{self, CheckinOutcome};
use crate::app::habits;
use crate::app::sessions::Authenticated;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::measure::Amount;
use habitflow_domain::redirect::safe_next;
use habitflow_domain::validation::FieldErrors;
use jiff::civil::Date;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;
use std::collections::HashMap;
use uuid::Uuid;

#[derive(Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckinBody {
    date: Option<String>,
    kind: String,
    note: Option<String>,
    /// A measurable habit's value: a JSON number, or text from a form.
    #[schema(value_type = Option<f64>)]
    value: Option<Value>,
    next: Option<String>,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

fn parse_day(raw: Option<&str>) -> Result<Option<Date>, AppError> {
    match raw.map(str::trim).filter(|d| !d.is_empty()) {
        None => Ok(None),
        Some(text) => text
            .parse::<Date>()
            .map(Some)
            .map_err(|_| AppError::Validation(FieldErrors::single("date", "error-date"))),
    }
}

/// The value as sent (docs/product.md#measurable-habits); an empty form
/// field is none. Errors name `value`.
fn parse_value(raw: Option<&Value>) -> Result<Option<Amount>, AppError> {
    let parsed = match raw {
        None | Some(Value::Null) => return Ok(None),
        Some(Value::String(text)) if text.trim().is_empty() => return Ok(None),
        Some(Value::String(text)) => Amount::parse(text),
        Some(value) => Amount::from_json(value),
    };
    parsed
        .map(Some)
        .map_err(|message| AppError::Validation(FieldErrors::single("value", message)))
}

pub async fn check_in(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    Input(body): Input<CheckinBody>,
) -> Result<Response, AppError> {
    let habit_id = id.uuid();
    let result = write(&state, &auth, habit_id, &body).await;
    wants
        .written(
            result,
            |outcome| json(StatusCode::OK, CheckinOutcomeResponse::from(outcome)),
            |_| back_to(habit_id, body.next.as_deref()).unwrap_or_else(IntoResponse::into_response),
            async |status, fields| {
                let date = parse_day(body.date.as_deref()).ok().flatten();
                let entered = match &body.value {
                    Some(Value::String(text)) => text.clone(),
                    Some(other) => other.to_string(),
                    None => String::new(),
                };
                let refused = RefusedValue::new(habit_id, date, &fields, entered);
                page_of_refusal(&state, &ui, &auth, body.next.as_deref(), refused, status).await
            },
        )
        .await
}

/// The check-in as sent: its kind, date and value parsed, then stored.
async fn write(
    state: &AppState,
    auth: &Authenticated,
    habit_id: Uuid,
    body: &CheckinBody,
) -> Result<CheckinOutcome, AppError> {
    let kind = CheckinKind::from_code(body.kind.trim())
        .ok_or_else(|| AppError::Validation(FieldErrors::single("kind", "error-checkin-kind")))?;
    let date = parse_day(body.date.as_deref())?;
    let value = parse_value(body.value.as_ref())?;
    checkins::check_in(
        &state.services,
        &auth.user,
        habit_id,
        date,
        Some(kind),
        value,
        body.note.as_deref().unwrap_or(""),
    )
    .await
}

/// The page the refused check-in came from, shown again with the value as
/// typed and the message: home, the habit list (its filters kept), or the
/// habit page (its calendar).
async fn page_of_refusal(
    state: &AppState,
    ui: &UiSession,
    auth: &Authenticated,
    next: Option<&str>,
    refused: RefusedValue,
    status: StatusCode,
) -> Result<Response, AppError> {
    let next = next.map(safe_next);
    let (path, query) = next
        .as_deref()
        .map_or(("", ""), |next| next.split_once('?').unwrap_or((next, "")));
    match path {
        "/" => home_page(state, ui, auth, None, Some(&refused), status).await,
        "/habits" => {
            let raw: HashMap<String, String> = form_urlencoded::parse(query.as_bytes())
                .into_owned()
                .collect();
            list_page(state, Wants::Html, ui, auth, raw, Some(&refused), status).await
        }
        _ => {
            let view = habits::get(&state.services, &auth.user, refused.habit).await?;
            let entries = PageEntries {
                value: Some(refused),
                ..PageEntries::default()
            };
            habit_page(&state.services, ui, auth, &view, None, entries, status).await
        }
    }
}

pub async fn undo(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    PathDate(date): PathDate,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    let habit_id = id.uuid();
    let outcome = checkins::check_in(
        &state.services,
        &auth.user,
        habit_id,
        Some(date),
        None,
        None,
        "",
    )
    .await?;
    wants
        .reply(
            || CheckinOutcomeResponse::from(&outcome),
            async || back_to(habit_id, next_of(&form)),
        )
        .await
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct RangeQuery {
    from: Option<String>,
    to: Option<String>,
}

pub async fn list(
    State(state): State<AppState>,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    Query(range): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let habit_id = id.uuid();
    let parse = |field: &str, raw: Option<&str>, fallback: Date| -> Result<Date, AppError> {
        match raw.filter(|v| !v.is_empty()) {
            None => Ok(fallback),
            Some(text) => text
                .parse()
                .map_err(|_| AppError::Validation(FieldErrors::single(field, "error-date"))),
        }
    };
    let from = parse(
        "from",
        range.from.as_deref(),
        Date::new(1900, 1, 1).unwrap_or(Date::MIN),
    )?;
    let to = parse(
        "to",
        range.to.as_deref(),
        Date::new(2999, 12, 31).unwrap_or(Date::MAX),
    )?;
    let records = checkins::between(&state.services, &auth.user, habit_id, from, to).await?;
    let total = records.len() as u32;
    let list = ListResponse {
        items: records.iter().map(CheckinResponse::from).collect(),
        page: 1,
        per_page: total.max(1),
        total,
    };
    Ok(json(StatusCode::OK, list))
}
