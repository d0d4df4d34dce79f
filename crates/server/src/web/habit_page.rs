//! The habit page: figures, the month calendar (with values for a
//! measurable habit), the pauses and the year heat-map.
use super::charts::{MonthTally, value_bars, year_heatmap, year_months};
use super::current_user::CurrentUser;
use super::habit_form::WEEKDAY_CODES;
use super::ids::HabitId;
use super::layout::Layout;
use super::refused_entry::{RangeEntry, RefusedValue};
use super::render::page_with_status;
use super::responses::HabitResponse;
use super::schedule_text::describe;
use super::state::AppState;
use super::ui_session::UiSession;
use super::{AppError, Wants};
use super::{period_text, streak_text};
use crate::app::Services;
use crate::app::checkins;
use crate::app::habit_values::history_of;
use crate::app::habits::{self, HabitView};
use crate::app::pauses;
use crate::app::sessions::Authenticated;
use askama::Template;
use axum::extract::{Query, State};
use axum::http::StatusCode;
use axum::response::Response;
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::derived::History;
use habitflow_domain::measure::{Amount, HabitKind};
use habitflow_domain::model::Pause;
use habitflow_domain::stats::{Granularity, Period, value_series};
use jiff::civil::Date;
use serde::Deserialize;
use std::collections::HashMap;

pub struct CalendarDay {
    pub date: Date,
    pub in_month: bool,
    pub scheduled: bool,
    pub kind: Option<&'static str>,
    /// The value of a measurable habit's check-in, as written.
    pub value: Option<String>,
    /// Check-ins may be added or undone on this date.
    pub actionable: bool,
    /// A refused value for this date, as typed.
    pub entered: Option<String>,
    pub today: bool,
    /// The day whose actions the phone layout's day panel shows.
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "habit_page.html")]
struct HabitPage {
    layout: Layout,
    view: HabitView,
    schedule: String,
    month_label: String,
    previous_month: String,
    next_month: String,
    weeks: Vec<Vec<CalendarDay>>,
    rate_30: String,
    heatmap: String,
    /// A measurable habit's values of the last 30 days against its target.
    values_chart: Option<String>,
    /// The heat-map's figures month by month, its table alternative.
    heatmap_months: Vec<MonthTally>,
    /// The calendar's month, for the day links (`YYYY-MM`).
    month: String,
    weekdays: [&'static str; 7],
    /// The calendar's done asks for a value (docs/product.md#measurable-habits).
    measurable: bool,
    pauses: Vec<Pause>,
    /// The streaks' unit words ("weeks") and the current period's progress.
    current_unit: String,
    best_unit: String,
    period: Option<String>,
    /// The pause form as typed after a refusal, with its messages.
    pause: RangeEntry,
    /// A refused calendar value: "Value for 3 Mar 2026: must be a number".
    value_error: Option<String>,
}

/// What the habit page shows again after a refused post without JavaScript.
#[derive(Debug, Default)]
pub struct PageEntries {
    pub pause: RangeEntry,
    pub value: Option<RefusedValue>,
    /// The calendar day chosen with `?day=`.
    pub day: Option<Date>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct MonthQuery {
    month: Option<String>,
    /// The day chosen in the calendar on a phone (`YYYY-MM-DD`).
    day: Option<String>,
}

fn month_start(raw: Option<&str>, today: Date) -> Date {
    raw.and_then(|m| format!("{m}-01").parse::<Date>().ok())
        .unwrap_or_else(|| today.first_of_month())
}

pub async fn show(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    Query(query): Query<MonthQuery>,
) -> Result<Response, AppError> {
    let view = habits::get(&state.services, &auth.user, id.uuid()).await?;
    wants
        .reply(
            || HabitResponse::from(&view),
            async || {
                let month = query.month.as_deref();
                let entries = PageEntries {
                    day: query.day.as_deref().and_then(|day| day.parse().ok()),
                    ..PageEntries::default()
                };
                habit_page(
                    &state.services,
                    &ui,
                    &auth,
                    &view,
                    month,
                    entries,
                    StatusCode::OK,
                )
                .await
            },
        )
        .await
}

/// The habit page, with `entries` shown again after a refusal (answered
/// with `status`).
pub async fn habit_page(
    state: &Services,
    ui: &UiSession,
    auth: &Authenticated,
    view: &HabitView,
    month: Option<&str>,
    entries: PageEntries,
    status: StatusCode,
) -> Result<Response, AppError> {
    // A refused calendar value shows in its month.
    let month = entries
        .value
        .as_ref()
        .and_then(|refused| refused.date)
        .map(|date| date.strftime("%Y-%m").to_string())
        .or_else(|| month.map(str::to_owned));
    let first = month_start(month.as_deref(), view.today);
    let last = first.last_of_month();
    let grid_start = first
        .checked_sub(jiff::Span::new().days(i64::from(first.weekday().to_monday_zero_offset())))
        .unwrap_or(first);
    let grid_end = last
        .checked_add(jiff::Span::new().days(i64::from(6 - last.weekday().to_monday_zero_offset())))
        .unwrap_or(last);
    let year_start = view
        .today
        .checked_sub(jiff::Span::new().days(371))
        .unwrap_or(view.today);
    let records = checkins::between(
        state,
        &auth.user,
        view.habit.id,
        grid_start.min(year_start),
        grid_end.max(view.today),
    )
    .await?;
    let schedule = view.habit.schedule();
    let kinds: HashMap<Date, CheckinKind> = records.iter().map(|r| (r.date, r.kind)).collect();
    let values: HashMap<Date, Amount> = records
        .iter()
        .filter_map(|r| r.value.map(|value| (r.date, value)))
        .collect();
    // The day panel shows a refused value's day, else the chosen one, else today.
    let selected = entries
        .value
        .as_ref()
        .and_then(|refused| refused.date)
        .or(entries.day)
        .unwrap_or(view.today);
    let mut weeks = Vec::new();
    let mut day = grid_start;
    while day <= grid_end {
        let mut week = Vec::with_capacity(7);
        for _ in 0..7 {
            let scheduled = schedule.is_scheduled(day);
            week.push(CalendarDay {
                date: day,
                in_month: day.month() == first.month(),
                scheduled,
                kind: kinds.get(&day).map(|k| k.code()),
                value: values.get(&day).map(Amount::to_string),
                actionable: scheduled && !view.derived.archived && day <= view.today,
                entered: entries
                    .value
                    .as_ref()
                    .filter(|refused| refused.date == Some(day))
                    .map(|refused| refused.entered.clone()),
                today: day == view.today,
                selected: day == selected,
            });
            day = day.tomorrow().unwrap_or(day);
        }
        weeks.push(week);
    }
    let heatmap = year_heatmap(
        view.today,
        &kinds,
        &|day| schedule.is_scheduled(day),
        ui.tr(),
    );
    let heatmap_months = year_months(view.today, &kinds, &|day| schedule.is_scheduled(day));
    // The records reach a year back: more than the 30 days' periods need
    // (docs/schedules.md#statistics).
    let last_30 = Period {
        from: view
            .today
            .checked_sub(jiff::Span::new().days(29))
            .unwrap_or(view.today),
        to: view.today,
    };
    let history = history_of(&records);
    let values_chart = value_series(
        &view.habit,
        History::new(&history),
        &last_30,
        Granularity::Day,
    )
    .map(|series| value_bars(&series, 0, ui.tr()));
    let rate_30 = checkins::completion_rate(state, &auth.user, view, 30).await?;
    let pauses = pauses::for_habit(state, &auth.user, view.habit.id).await?;
    let layout =
        Layout::page("nav-habits", "habits", ui, Some(auth)).titled(view.habit.name.clone());
    let tr = layout.tr;
    let value_error = entries.value.as_ref().map(|refused| {
        let label = refused.date.map_or_else(
            || tr.t1("habit-value-today", "name", view.habit.name.as_str()),
            |date| tr.t1("calendar-value-label", "date", date),
        );
        format!("{label}: {}", tr.message(&refused.message))
    });
    page_with_status(
        status,
        &HabitPage {
            pause: entries.pause,
            value_error,
            layout,
            schedule: describe(view, tr),
            month_label: tr.month_year(first),
            previous_month: first
                .checked_sub(jiff::Span::new().months(1))
                .unwrap_or(first)
                .strftime("%Y-%m")
                .to_string(),
            next_month: first
                .checked_add(jiff::Span::new().months(1))
                .unwrap_or(first)
                .strftime("%Y-%m")
                .to_string(),
            weeks,
            heatmap,
            heatmap_months,
            values_chart,
            month: first.strftime("%Y-%m").to_string(),
            weekdays: WEEKDAY_CODES,
            rate_30: rate_30.map_or_else(|| "—".into(), |r| tr.percent(r, 0)),
            measurable: matches!(view.habit.kind, HabitKind::Measurable(_)),
            pauses,
            current_unit: streak_text::current_unit(tr, view),
            best_unit: streak_text::best_unit(tr, view),
            period: period_text::describe(tr, view),
            view: view.clone(),
        },
    )
}
