//! Check-ins: complete, skip and undo a day, and the history as JSON.
use super::current_user::CurrentUser;
use super::habits::{ActionForm, back_to, next_of};
use super::ids::{HabitId, PathDate};
use super::input::Input;
use super::reply::json;
use super::responses::{CheckinOutcomeResponse, CheckinResponse, ListResponse};
use super::state::AppState;
use super::{AppError, Wants};
use crate::app::checkins;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::measure::Amount;
use habitflow_domain::validation::FieldErrors;
use jiff::civil::Date;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::Value;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckinBody {
    date: Option<String>,
    kind: String,
    note: Option<String>,
    /// A measurable habit's value: a JSON number, or text from a form.
    value: Option<Value>,
    next: Option<String>,
    #[serde(default, rename = "csrf_token")]
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
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    Input(body): Input<CheckinBody>,
) -> Result<Response, AppError> {
    let habit_id = id.uuid();
    let kind = CheckinKind::from_code(body.kind.trim())
        .ok_or_else(|| AppError::Validation(FieldErrors::single("kind", "error-checkin-kind")))?;
    let date = parse_day(body.date.as_deref())?;
    let value = parse_value(body.value.as_ref())?;
    let outcome = checkins::check_in(
        &state.services,
        &auth.user,
        habit_id,
        date,
        Some(kind),
        value,
        body.note.as_deref().unwrap_or(""),
    )
    .await?;
    wants
        .reply(
            || CheckinOutcomeResponse::from(&outcome),
            async || back_to(habit_id, body.next.as_deref()),
        )
        .await
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

#[derive(Deserialize, Default)]
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
