//! /stats: the statistics dashboard, as a page with charts or as JSON.
use super::charts::{checkins_bars, rate_bars};
use super::current_user::CurrentUser;
use super::layout::Layout;
use super::render::page;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::AppState;
use crate::app::stats::{Statistics, statistics};
use askama::Template;
use axum::Json;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Response};
use habitflow_domain::stats::Range;
use habitflow_domain::validation::FieldErrors;
use serde::Deserialize;

#[derive(Deserialize, Default)]
pub struct RangeQuery {
    range: Option<String>,
}

#[derive(Template)]
#[template(path = "stats.html")]
struct StatsPage {
    layout: Layout,
    stats: Statistics,
    ranges: [&'static str; 5],
    checkins_chart: String,
    rates_chart: String,
}

impl StatsPage {
    fn rate(&self, value: &Option<f64>) -> String {
        value.map_or_else(|| "—".to_owned(), |v| format!("{v:.1}%"))
    }
}

pub async fn show(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Query(query): Query<RangeQuery>,
) -> Result<Response, AppError> {
    let requested = query.range.as_deref().filter(|r| !r.is_empty());
    let range = match requested.map(Range::from_code) {
        None => Range::Days7,
        Some(Some(range)) => range,
        Some(None) if wants == Wants::Json => {
            return Err(AppError::Validation(FieldErrors::single(
                "range",
                "must be one of: 7d, 30d, 90d, 1y, all",
            )));
        }
        Some(None) => {
            ui.flash(
                "error",
                "That period is not available; showing the last 7 days.",
            );
            Range::Days7
        }
    };
    let stats = statistics(&state, &auth.user, range).await?;
    match wants {
        Wants::Json => Ok(Json(&stats).into_response()),
        Wants::Html => page(&StatsPage {
            layout: Layout::page("Statistics", "stats", &ui, Some(&auth)),
            checkins_chart: checkins_bars(&stats.habits.checkins),
            rates_chart: rate_bars(&stats.rates_by_habit),
            ranges: Range::ALL.map(Range::code),
            stats,
        }),
    }
}
