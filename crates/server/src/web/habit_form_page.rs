//! The habit form page: new and edit, filled from a stored habit.
use super::AppError;
use super::current_user::CurrentUser;
use super::habit_form::HabitFormFields;
use super::habit_form::WEEKDAY_CODES;
use super::habit_preview::PreviewText;
use super::ids::HabitId;
use super::layout::Layout;
use super::render::page;
use super::state::AppState;
use super::ui_session::UiSession;
use crate::app::Services;
use crate::app::habits::{self, HabitView};
use crate::app::sessions::Authenticated;
use crate::app::themes;
use askama::Template;
use axum::extract::State;
use axum::response::Response;
use habitflow_domain::measure::HabitKind;
use habitflow_domain::model::ThemeWithCounts;
use habitflow_domain::schedule::{PeriodKind, Rule};
use habitflow_domain::validation::FieldErrors;

#[derive(Template)]
#[template(path = "habit_form.html")]
pub struct HabitFormPage {
    layout: Layout,
    id: Option<String>,
    form: HabitFormFields,
    themes: Vec<ThemeWithCounts>,
    fields: FieldErrors,
    weekdays: [&'static str; 7],
    /// The choices of `monthly_weekday`'s week, the last as -1.
    weeks_of_month: [i64; 5],
    /// The choices of `times_per_period`'s period.
    periods: [&'static str; 3],
    /// The rule in a sentence and its next dates, for the fields as they are.
    preview: PreviewText,
}

impl HabitFormPage {
    fn value(&self, key: &str) -> String {
        self.form.text(key)
    }

    fn has_day(&self, day: &str) -> bool {
        self.form.all("days").iter().any(|d| d == day)
    }

    fn is_measurable(&self) -> bool {
        self.form.get("kind") == Some("measurable")
    }

    fn is_type(&self, schedule_type: &str) -> bool {
        self.form.get("schedule_type").unwrap_or("daily") == schedule_type
    }
}

/// The form fields that show a stored habit.
fn fields_of(view: &HabitView) -> HabitFormFields {
    let habit = &view.habit;
    let mut pairs: Vec<(&str, String)> = vec![
        ("name", habit.name.clone()),
        ("description", habit.description.clone()),
        (
            "theme_id",
            habit.theme_id.map(|id| id.to_string()).unwrap_or_default(),
        ),
        ("schedule_type", habit.rule.type_name().to_owned()),
        ("starts_on", habit.starts_on.to_string()),
        (
            "ends_on",
            habit.ends_on.map(|d| d.to_string()).unwrap_or_default(),
        ),
    ];
    pairs.push(("kind", habit.kind.code().to_owned()));
    let times: Vec<String> = view
        .reminder_times
        .as_slice()
        .iter()
        .map(ToString::to_string)
        .collect();
    pairs.push(("reminder_times", times.join(", ")));
    if let HabitKind::Measurable(measure) = &habit.kind {
        pairs.push(("unit", measure.unit.as_str().to_owned()));
        pairs.push(("target", measure.target.amount().to_string()));
        pairs.push((
            "target_type",
            measure.target.target_type().code().to_owned(),
        ));
    }
    match habit.rule {
        Rule::Daily => {}
        Rule::WeeklyDays { days, every_weeks } => {
            pairs.extend(days.iter().map(|day| ("days", day.code().to_owned())));
            pairs.push(("every_weeks", every_weeks.to_string()));
        }
        Rule::MonthlyDay { day, every_months } => {
            pairs.push(("monthly_day", day.to_string()));
            pairs.push(("monthly_every_months", every_months.to_string()));
        }
        Rule::MonthlyWeekday {
            week,
            weekday,
            every_months,
        } => {
            pairs.push(("monthly_week", week.number().to_string()));
            pairs.push(("monthly_weekday", weekday.code().to_owned()));
            pairs.push(("monthly_every_months", every_months.to_string()));
        }
        Rule::YearlyDate { month, day } => {
            pairs.push(("yearly_month", month.to_string()));
            pairs.push(("yearly_day", day.to_string()));
        }
        Rule::IntervalCycle {
            active_days,
            break_days,
        } => {
            pairs.push(("active_days", active_days.to_string()));
            pairs.push(("break_days", break_days.to_string()));
        }
        Rule::TimesPerPeriod { times, period } => {
            if let Some(times) = times {
                pairs.push(("times", times.to_string()));
            }
            pairs.push(("period", period.code().to_owned()));
            if let PeriodKind::Days(days) = period {
                pairs.push(("period_days", days.to_string()));
            }
        }
    }
    let encoded = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(pairs)
        .finish();
    HabitFormFields::parse(encoded.as_bytes())
}

pub async fn form_page(
    state: &Services,
    ui: &UiSession,
    auth: &Authenticated,
    id: Option<String>,
    form: HabitFormFields,
    fields: FieldErrors,
) -> Result<HabitFormPage, AppError> {
    let tr = ui.tr();
    let preview = match habits::preview(state, &auth.user, &form.changes()) {
        Ok(preview) => PreviewText::of(&preview, tr),
        Err(AppError::Validation(errors)) => PreviewText::incomplete(&errors, tr),
        Err(error) => return Err(error),
    };
    Ok(HabitFormPage {
        preview,
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
        weeks_of_month: [1, 2, 3, 4, -1],
        periods: ["week", "month", "days"],
    })
}

pub async fn new_form(
    State(state): State<AppState>,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
) -> Result<Response, AppError> {
    let defaults =
        HabitFormFields::parse(b"schedule_type=daily&every_weeks=1&monthly_every_months=1");
    page(
        &form_page(
            &state.services,
            &ui,
            &auth,
            None,
            defaults,
            FieldErrors::new(),
        )
        .await?,
    )
}

pub async fn edit_form(
    State(state): State<AppState>,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    id: HabitId,
) -> Result<Response, AppError> {
    let view = habits::get(&state.services, &auth.user, id.uuid()).await?;
    page(
        &form_page(
            &state.services,
            &ui,
            &auth,
            Some(view.habit.id.to_string()),
            fields_of(&view),
            FieldErrors::new(),
        )
        .await?,
    )
}
