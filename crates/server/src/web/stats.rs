//! /stats: the statistics dashboard, as a page with charts or as JSON.
use super::charts::{checkins_bars, rate_bars, value_bars};
use super::current_user::CurrentUser;
use super::layout::Layout;
use super::render::page;
use super::state::AppState;
use super::streak_text::count_of;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::stats::{NO_THEME, Statistics, statistics};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::Response;
use habitflow_domain::measure::Amount;
use habitflow_domain::message::Message;
use habitflow_domain::stats::{
    Compared, HabitStats, NamedCount, Range, TaskStats, TopStreak, ValueSeries,
};
use habitflow_domain::task::Priority;
use habitflow_domain::validation::FieldErrors;
use jiff::civil::Date;
use serde::Deserialize;
use serde::Serialize;

#[derive(Deserialize, Default, utoipa::ToSchema)]
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
        value.map_or_else(|| "—".to_owned(), |v| self.layout.tr.percent(v, 1))
    }

    /// Tasks per priority, highest first.
    fn by_priority(&self) -> Vec<(&'static str, u32)> {
        Priority::ALL
            .iter()
            .rev()
            .map(|p| {
                let code = p.code();
                (
                    code,
                    self.stats.tasks.by_priority.get(code).copied().unwrap_or(0),
                )
            })
            .collect()
    }

    fn theme_name(&self, name: &str) -> String {
        theme_name(name, self.layout.tr)
    }

    /// A measurable habit's chart of values against its target.
    fn value_chart(&self, series: &ValueSeries, index: &usize) -> String {
        value_bars(series, *index, self.layout.tr)
    }

    /// The sentence saying what the target judges and which bars compare with it.
    fn value_rule(&self, series: &ValueSeries) -> String {
        let key = match series.compared {
            Compared::Average => "stats-values-rule-average",
            Compared::Sum => "stats-values-rule-sum",
        };
        let tr = self.layout.tr;
        tr.message(
            &Message::new(key)
                .with(
                    "target_type",
                    tr.t(format!("target-type-{}", series.target_type)),
                )
                .with("target", series.target.to_string())
                .with("unit", series.unit.as_str()),
        )
    }

    /// A top streak with its habit's unit: "4 weeks".
    fn top_streak(&self, top: &TopStreak) -> String {
        count_of(self.layout.tr, top.streak_unit, top.streak)
    }

    fn amount(&self, amount: &Option<Amount>) -> String {
        amount.map_or_else(|| "—".to_owned(), |a| a.to_string())
    }
}

/// A theme's name, or the reader's words for "no theme".
fn theme_name(name: &str, tr: Tr) -> String {
    if name == NO_THEME {
        tr.t("form-no-theme")
    } else {
        name.to_owned()
    }
}

/// The statistics as the API answers them, worded in the reader's language
/// where they hold words (insights, the "no theme" group). Fields in
/// alphabetical order, the order of the answer's keys (see `stats_json`).
#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct StatisticsResponse {
    #[schema(value_type = String, format = Date)]
    from: Date,
    #[schema(value_type = Object)]
    habits: HabitStats,
    insights: Vec<InsightResponse>,
    range: &'static str,
    #[schema(value_type = Object)]
    tasks: TaskStats,
    #[schema(value_type = String, format = Date)]
    to: Date,
}

#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct InsightResponse {
    kind: &'static str,
    severity: &'static str,
    text: String,
    title: String,
}

/// The JSON answer. Its keys are sorted at every level, the order this answer
/// has always had: the fields of the structs it is made of are declared in
/// alphabetical order, so it is serialized directly (a `serde_json::Value`
/// in between cost as much as the rest of a long range's answer).
fn stats_json(stats: &Statistics, tr: Tr) -> StatisticsResponse {
    let reworded = |groups: &[NamedCount]| -> Vec<NamedCount> {
        groups
            .iter()
            .map(|group| NamedCount {
                name: theme_name(&group.name, tr),
                count: group.count,
            })
            .collect()
    };
    StatisticsResponse {
        range: stats.range,
        from: stats.from,
        to: stats.to,
        tasks: TaskStats {
            by_theme: reworded(&stats.tasks.by_theme),
            ..stats.tasks.clone()
        },
        habits: HabitStats {
            by_theme: reworded(&stats.habits.by_theme),
            ..stats.habits.clone()
        },
        insights: stats
            .insights
            .iter()
            .map(|insight| InsightResponse {
                kind: insight.kind,
                title: tr.message(&insight.title),
                text: tr.message(&insight.text),
                severity: insight.severity,
            })
            .collect(),
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
                Message::new("error-choice")
                    .with("choices", Range::ALL.map(Range::code).join(", ")),
            )));
        }
        Some(None) => {
            ui.flash("error", "flash-stats-range-unknown");
            Range::Days7
        }
    };
    let stats = statistics(&state.services, &auth.user, range).await?;
    wants
        .reply(
            || stats_json(&stats, ui.tr()),
            async || {
                let layout = Layout::page("nav-stats", "stats", &ui, Some(&auth));
                let tr = layout.tr;
                page(&StatsPage {
                    layout,
                    checkins_chart: checkins_bars(&stats.habits.checkins, tr),
                    rates_chart: rate_bars(&stats.rates_by_habit, tr),
                    ranges: Range::ALL.map(Range::code),
                    stats: stats.clone(),
                })
            },
        )
        .await
}
