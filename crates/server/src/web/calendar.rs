//! The calendar feed (docs/product.md#calendar-feed): `GET /calendar/{secret}.ics`
//! written with the `icalendar` crate, which folds lines at 75 octets and
//! escapes text as RFC 5545 asks; `POST /settings/calendar` makes or rotates
//! the secret URL and `DELETE /settings/calendar` turns it off.
use super::AppError;
use super::current_user::CurrentUser;
use super::habits::ActionForm;
use super::input::Input;
use super::reply::json;
use super::state::AppState;
use super::tokens::{Shown, tokens_page};
use super::ui_session::UiSession;
use super::wants::Wants;
use crate::app::calendar_feed::{self, Feed};
use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Redirect, Response};
use chrono::{DateTime, NaiveDate, Utc};
use icalendar::{Calendar, Component, EventLike, Todo};
use jiff::civil::Date;
use serde::Serialize;

/// `{url}`: the whole feed URL, shown when it is made.
#[derive(Serialize, utoipa::ToSchema)]
pub struct FeedUrlResponse {
    url: String,
}

fn naive(date: Date) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(
        i32::from(date.year()),
        u32::try_from(date.month()).ok()?,
        u32::try_from(date.day()).ok()?,
    )
}

/// The feed as iCalendar text: one all-day VTODO per task (due that day)
/// and one all-day VEVENT per scheduled date, whose UID stays the same from
/// one request to the next.
fn ics(feed: &Feed) -> String {
    let stamp = DateTime::<Utc>::from_timestamp(
        feed.made_at.as_second(),
        u32::try_from(feed.made_at.subsec_nanosecond()).unwrap_or(0),
    )
    .unwrap_or_default();
    let mut calendar = Calendar::new();
    calendar.name("HabitFlow");
    for task in &feed.tasks {
        let Some(due) = task.due_on.and_then(naive) else {
            continue;
        };
        calendar.push(
            Todo::new()
                .uid(&format!("task-{}@habitflow", task.id))
                .timestamp(stamp)
                .summary(&task.name)
                .due(due)
                .done(),
        );
    }
    for (habit, days) in &feed.habits {
        for (date, status) in days {
            let (Some(start), Some(end)) = (naive(*date), date.tomorrow().ok().and_then(naive))
            else {
                continue;
            };
            calendar.push(
                icalendar::Event::new()
                    .uid(&format!("habit-{}-{date}@habitflow", habit.id))
                    .timestamp(stamp)
                    .summary(&habit.name)
                    .starts(start)
                    .ends(end)
                    .description(&format!("Status: {}", status.code()))
                    .done(),
            );
        }
    }
    calendar.done().to_string()
}

/// `GET /calendar/{secret}.ics`; anything else under `/calendar/` is 404.
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, AppError> {
    let secret = file
        .strip_suffix(".ics")
        .ok_or_else(|| AppError::NotFound("error-feed-not-found".into()))?;
    let feed = calendar_feed::read(&state.services, secret).await?;
    Ok(([(CONTENT_TYPE, "text/calendar; charset=utf-8")], ics(&feed)).into_response())
}

pub async fn rotate(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    _form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    let secret = calendar_feed::rotate(&state.services, &auth.user).await?;
    let url = format!("{}/calendar/{secret}.ics", state.web.public_origin);
    match wants {
        Wants::Json => Ok(json(StatusCode::OK, FeedUrlResponse { url })),
        Wants::Html => tokens_page(&state, &ui, &auth, Shown::FeedUrl(url)).await,
    }
}

pub async fn turn_off(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    _form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    calendar_feed::turn_off(&state.services, &auth.user).await?;
    Ok(wants.deleted(|| {
        ui.flash("success", "flash-feed-off");
        Redirect::to("/settings/tokens").into_response()
    }))
}
