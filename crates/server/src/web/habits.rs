//! /habits: list, create, edit, archive, delete, the habit page with its
//! calendar, and check-ins (complete, skip, undo).
use super::charts::year_heatmap;
use super::current_user::CurrentUser;
use super::habit_form::{HabitFormFields, HabitJson};
use super::ids::{HabitId, PathDate};
use super::input::Input;
use super::layout::Layout;
use super::paging::{DEFAULT_PER_PAGE, MAX_PER_PAGE, QueryParams, code_of};
use super::render::{page, page_with_status};
use super::reply::json;
use super::responses::{CheckinOutcomeResponse, CheckinResponse, HabitResponse, ListResponse};
use super::theme_filter::{sidebar, theme_filter};
use super::ui_session::UiSession;
use super::{AppError, Wants};
use crate::app::habits::{self, HabitChanges, HabitQuery, HabitSort, HabitStatus, HabitView};
use crate::app::sessions::Authenticated;
use crate::app::{AppState, themes};
use crate::i18n::Tr;
use askama::Template;
use axum::body::Bytes;
use axum::extract::{FromRequest, Query, Request, State};
use axum::http::StatusCode;
use axum::http::header::CONTENT_TYPE;
use axum::response::{IntoResponse, Redirect, Response};
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::message::Message;
use habitflow_domain::schedule::{Rule, SCHEDULE_TYPES};
use habitflow_domain::validation::FieldErrors;
use habitflow_storage::ThemeWithCounts;
use jiff::civil::Date;
use serde::Deserialize;
use serde::de::IgnoredAny;
use std::collections::HashMap;

/// A habit as submitted: JSON, or the fields of the HTML form.
pub struct HabitSubmission {
    changes: HabitChanges,
    form: HabitFormFields,
}

impl<S: Send + Sync> FromRequest<S> for HabitSubmission {
    type Rejection = AppError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form = request
            .headers()
            .get(CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.starts_with("application/x-www-form-urlencoded"));
        if is_form {
            let bytes = Bytes::from_request(request, state)
                .await
                .map_err(|_| AppError::PayloadTooLarge)?;
            let form = HabitFormFields::parse(&bytes);
            Ok(Self {
                changes: form.changes(),
                form,
            })
        } else {
            let Input(json) = Input::<HabitJson>::from_request(request, state).await?;
            Ok(Self {
                changes: json.into_changes(),
                form: HabitFormFields::default(),
            })
        }
    }
}

const STATUSES: [(&str, HabitStatus); 5] = [
    ("today", HabitStatus::Today),
    ("active", HabitStatus::Active),
    ("completed_today", HabitStatus::CompletedToday),
    ("archived", HabitStatus::Archived),
    ("all", HabitStatus::All),
];
const SORTS: [(&str, HabitSort); 4] = [
    ("created_at", HabitSort::CreatedAt),
    ("updated_at", HabitSort::UpdatedAt),
    ("name", HabitSort::Name),
    ("streak", HabitSort::Streak),
];
const ORDERS: [(&str, bool); 2] = [("asc", false), ("desc", true)];
const WEEKDAY_CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

/// A one-line description of a habit's schedule in the reader's language.
pub fn describe(view: &HabitView, tr: Tr) -> String {
    match habits::schedule_of(&view.habit).map(|s| s.rule().clone()) {
        Ok(Rule::Daily) => tr.t("schedule-daily"),
        Ok(Rule::WeeklyDays { days, every_weeks }) => {
            let names: Vec<String> = days.iter().map(|d| tr.weekday_short(d.code())).collect();
            tr.t2(
                "schedule-weekly",
                "days",
                names.join(", "),
                "every",
                every_weeks,
            )
        }
        Ok(Rule::MonthlyDay { day }) => tr.t1("schedule-monthly", "day", day),
        Ok(Rule::YearlyDate { month, day }) => {
            tr.t1("schedule-yearly", "date", tr.day_of_year(month, day))
        }
        Ok(Rule::IntervalCycle {
            active_days,
            break_days,
        }) => tr.t2(
            "schedule-interval",
            "active",
            active_days,
            "rest",
            break_days,
        ),
        Err(_) => "—".into(),
    }
}

pub struct HabitRow {
    pub view: HabitView,
    pub schedule: String,
}

#[derive(Template)]
#[template(path = "habits_list.html")]
struct HabitsPage {
    layout: Layout,
    rows: Vec<HabitRow>,
    status: &'static str,
    schedule_type: String,
    sort: &'static str,
    order: &'static str,
    page: u32,
    pages: u32,
    total: u32,
    schedule_types: [&'static str; 5],
}

pub async fn list(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    Query(raw): Query<HashMap<String, String>>,
) -> Result<Response, AppError> {
    let mut params = QueryParams::new(raw, wants);
    let status = params.choice("status", &STATUSES);
    let sort = params.choice("sort", &SORTS);
    let descending = params.choice("order", &ORDERS);
    let page_number = params.number("page", 1, 1, u32::MAX);
    let per_page = params.number("per_page", DEFAULT_PER_PAGE, 1, MAX_PER_PAGE);
    let schedule_type = match params.text("schedule_type") {
        None | Some("all") => None,
        Some(t) if SCHEDULE_TYPES.contains(&t) => Some(t.to_owned()),
        Some(_) => {
            params.add_error("schedule_type", "error-schedule-filter");
            None
        }
    };
    let requested_theme = params.id("theme_id");
    let choice = params.text("theme").map(str::to_owned);
    params.finish()?;
    let themes = themes::list(&state, &auth.user).await?;
    let theme_id = match wants {
        Wants::Json => requested_theme,
        Wants::Html => theme_filter(&ui, choice.as_deref(), &themes),
    };
    let query = HabitQuery {
        status,
        schedule_type: schedule_type.clone(),
        theme_id,
        sort,
        descending,
        page: page_number,
        per_page,
    };
    let (views, total) = habits::list(&state, &auth.user, &themes, &query).await?;
    let pages = total.div_ceil(per_page).max(1);
    if wants == Wants::Html && page_number > pages {
        let target = format!(
            "/habits?status={}&schedule_type={}&sort={}&order={}&page={pages}",
            code_of(&STATUSES, status),
            schedule_type.as_deref().unwrap_or("all"),
            code_of(&SORTS, sort),
            code_of(&ORDERS, descending)
        );
        return Ok(Redirect::to(&target).into_response());
    }
    wants.reply(
        || ListResponse {
            items: views.iter().map(HabitResponse::from).collect(),
            page: page_number,
            per_page,
            total,
        },
        || {
            let layout = Layout::page("nav-habits", "habits", &ui, Some(&auth))
                .with_sidebar(sidebar("/habits", &themes, theme_id));
            let tr = layout.tr;
            page(&HabitsPage {
                layout,
                rows: views
                    .iter()
                    .map(|view| HabitRow {
                        schedule: describe(view, tr),
                        view: view.clone(),
                    })
                    .collect(),
                status: code_of(&STATUSES, status),
                schedule_type: schedule_type.clone().unwrap_or_else(|| "all".into()),
                sort: code_of(&SORTS, sort),
                order: code_of(&ORDERS, descending),
                page: page_number,
                pages,
                total,
                schedule_types: SCHEDULE_TYPES,
            })
        },
    )
}

#[derive(Template)]
#[template(path = "habit_form.html")]
struct HabitFormPage {
    layout: Layout,
    id: Option<String>,
    form: HabitFormFields,
    themes: Vec<ThemeWithCounts>,
    fields: FieldErrors,
    weekdays: [&'static str; 7],
}

impl HabitsPage {
    fn type_name(&self, code: &str) -> String {
        self.layout.t(format!("schedule-type-{code}"))
    }
}

impl HabitFormPage {
    fn value(&self, key: &str) -> String {
        self.form.text(key)
    }

    fn has_day(&self, day: &str) -> bool {
        self.form.all("days").iter().any(|d| d == day)
    }

    fn is_type(&self, schedule_type: &str) -> bool {
        self.form.get("schedule_type").unwrap_or("daily") == schedule_type
    }
}

/// The form fields that show a stored habit.
fn fields_of(view: &HabitView) -> HabitFormFields {
    let habit = &view.habit;
    let config = &habit.schedule_config;
    let mut pairs: Vec<(String, String)> = vec![
        ("name".into(), habit.name.clone()),
        ("description".into(), habit.description.clone()),
        (
            "theme_id".into(),
            habit.theme_id.map(|id| id.to_string()).unwrap_or_default(),
        ),
        ("schedule_type".into(), habit.schedule_type.clone()),
        ("starts_on".into(), habit.starts_on.to_string()),
        (
            "ends_on".into(),
            habit.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ];
    let number = |key: &str| config.get(key).map(|v| v.to_string()).unwrap_or_default();
    match habit.schedule_type.as_str() {
        "weekly_days" => {
            for day in config
                .get("days")
                .and_then(|d| d.as_array())
                .into_iter()
                .flatten()
            {
                pairs.push(("days".into(), day.as_str().unwrap_or("").into()));
            }
            pairs.push(("every_weeks".into(), number("every_weeks")));
        }
        "monthly_day" => pairs.push(("monthly_day".into(), number("day"))),
        "yearly_date" => {
            pairs.push(("yearly_month".into(), number("month")));
            pairs.push(("yearly_day".into(), number("day")));
        }
        "interval_cycle" => {
            pairs.push(("active_days".into(), number("active_days")));
            pairs.push(("break_days".into(), number("break_days")));
        }
        _ => {}
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    HabitFormFields::parse(encoded.as_bytes())
}

async fn form_page(
    state: &AppState,
    ui: &UiSession,
    auth: &Authenticated,
    id: Option<String>,
    form: HabitFormFields,
    fields: FieldErrors,
) -> Result<HabitFormPage, AppError> {
    Ok(HabitFormPage {
        layout: Layout::page(
            if id.is_some() {
                "title-edit-habit"
            } else {
                "title-new-habit"
            },
            "habits",
            ui,
            Some(auth),
        ),
        id,
        form,
        themes: themes::list(state, &auth.user).await?,
        fields,
        weekdays: WEEKDAY_CODES,
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
) -> Result<Response, AppError> {
    let defaults = HabitFormFields::parse(b"schedule_type=daily&every_weeks=1");
    page(&form_page(&state, &ui, &auth, None, defaults, FieldErrors::new()).await?)
}

pub async fn edit_form(
    State(state): State<AppState>,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
) -> Result<Response, AppError> {
    let view = habits::get(&state, &auth.user, id.uuid()).await?;
    page(
        &form_page(
            &state,
            &ui,
            &auth,
            Some(view.habit.id.to_string()),
            fields_of(&view),
            FieldErrors::new(),
        )
        .await?,
    )
}

pub async fn create(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    submission: HabitSubmission,
) -> Result<Response, AppError> {
    let result = habits::create(&state, &auth.user, submission.changes).await;
    wants
        .written(
            result,
            |view| json(StatusCode::CREATED, HabitResponse::from(view)),
            |view| {
                let name = view.habit.name.as_str();
                ui.flash(
                    "success",
                    Message::new("flash-habit-created").with("name", name),
                );
                Redirect::to(&format!("/habits/{}", view.habit.id)).into_response()
            },
            async |status, fields| {
                let form = form_page(&state, &ui, &auth, None, submission.form, fields);
                page_with_status(status, &form.await?)
            },
        )
        .await
}

pub async fn update(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    submission: HabitSubmission,
) -> Result<Response, AppError> {
    let result = habits::update(&state, &auth.user, id.uuid(), submission.changes).await;
    wants
        .written(
            result,
            |view| json(StatusCode::OK, HabitResponse::from(view)),
            |view| {
                ui.flash("success", "flash-habit-saved");
                Redirect::to(&format!("/habits/{}", view.habit.id)).into_response()
            },
            async |status, fields| {
                let id = Some(id.uuid().to_string());
                let form = form_page(&state, &ui, &auth, id, submission.form, fields);
                page_with_status(status, &form.await?)
            },
        )
        .await
}

/// One day of the month calendar on the habit page.
pub struct CalendarDay {
    pub date: Date,
    pub in_month: bool,
    pub scheduled: bool,
    pub kind: Option<&'static str>,
    /// Check-ins may be added or undone on this date.
    pub actionable: bool,
    pub today: bool,
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
    weekdays: [&'static str; 7],
}

#[derive(Deserialize, Default)]
pub struct MonthQuery {
    month: Option<String>,
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
    let view = habits::get(&state, &auth.user, id.uuid()).await?;
    if wants == Wants::Json {
        return Ok(json(StatusCode::OK, HabitResponse::from(&view)));
    }
    let first = month_start(query.month.as_deref(), view.today);
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
    let records = habits::checkins(
        &state,
        &auth.user,
        view.habit.id,
        grid_start.min(year_start),
        grid_end.max(view.today),
    )
    .await?;
    let schedule = habits::schedule_of(&view.habit)?;
    let kinds: HashMap<Date, CheckinKind> = records.iter().map(|r| (r.date, r.kind)).collect();
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
                actionable: scheduled && !view.derived.archived && day <= view.today,
                today: day == view.today,
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
    let rate_30 = habits::completion_rate(&state, &auth.user, &view, 30).await?;
    let layout =
        Layout::page("nav-habits", "habits", &ui, Some(&auth)).titled(view.habit.name.clone());
    let tr = layout.tr;
    page(&HabitPage {
        layout,
        schedule: describe(&view, tr),
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
        weekdays: WEEKDAY_CODES,
        rate_30: rate_30.map_or_else(|| "—".into(), |r| tr.percent(r, 0)),
        view,
    })
}

#[derive(Deserialize, Default)]
pub struct ActionForm {
    next: Option<String>,
    #[serde(default, rename = "csrf_token")]
    _csrf_token: Option<IgnoredAny>,
}

/// Back to where the action was taken (the habit page unless `next` says).
fn back_to(habit: uuid::Uuid, next: Option<&str>) -> Result<Response, AppError> {
    let target = habitflow_domain::redirect::safe_next(next.unwrap_or(&format!("/habits/{habit}")));
    Ok(Redirect::to(&target).into_response())
}

fn next_of(form: &Option<Input<ActionForm>>) -> Option<&str> {
    form.as_ref().and_then(|Input(f)| f.next.as_deref())
}

async fn set_archived(
    state: AppState,
    wants: Wants,
    auth: Authenticated,
    id: HabitId,
    archived: bool,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    let view = habits::set_archived(&state, &auth.user, id.uuid(), archived).await?;
    wants.reply(
        || HabitResponse::from(&view),
        || back_to(id.uuid(), next_of(&form)),
    )
}

pub async fn archive(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    set_archived(state, wants, auth, id, true, form).await
}

pub async fn unarchive(
    State(state): State<AppState>,
    wants: Wants,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
    form: Option<Input<ActionForm>>,
) -> Result<Response, AppError> {
    set_archived(state, wants, auth, id, false, form).await
}

pub async fn delete(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
) -> Result<Response, AppError> {
    habits::delete(&state, &auth.user, id.uuid()).await?;
    Ok(wants.deleted(|| {
        ui.flash("success", "flash-habit-deleted");
        Redirect::to("/habits").into_response()
    }))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CheckinBody {
    date: Option<String>,
    kind: String,
    note: Option<String>,
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
    let outcome = habits::check_in(
        &state,
        &auth.user,
        habit_id,
        date,
        Some(kind),
        body.note.as_deref().unwrap_or(""),
    )
    .await?;
    wants.reply(
        || CheckinOutcomeResponse::from(&outcome),
        || back_to(habit_id, body.next.as_deref()),
    )
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
    let outcome = habits::check_in(&state, &auth.user, habit_id, Some(date), None, "").await?;
    wants.reply(
        || CheckinOutcomeResponse::from(&outcome),
        || back_to(habit_id, next_of(&form)),
    )
}

#[derive(Deserialize, Default)]
pub struct RangeQuery {
    from: Option<String>,
    to: Option<String>,
}

pub async fn checkins(
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
    let records = habits::checkins(&state, &auth.user, habit_id, from, to).await?;
    let total = records.len() as u32;
    let list = ListResponse {
        items: records.iter().map(CheckinResponse::from).collect(),
        page: 1,
        per_page: total.max(1),
        total,
    };
    Ok(json(StatusCode::OK, list))
}
