//! The habit form's preview (docs/schedules.md#the-preview-in-the-habit-form):
//! the rule as a plain sentence and its next five dates (or periods),
//! computed by the same engine on the server. `GET /habits/preview?<form
//! fields>` answers JSON (422 naming the field for an incomplete rule) or
//! the HTML fragment the form's script swaps in;
//! without JavaScript the form's "Preview" button shows the same fragment.
use super::AppError;
use super::Wants;
use super::current_user::CurrentUser;
use super::habit_form::HabitFormFields;
use super::render::page;
use super::reply::json;
use super::schedule_text::describe_rule;
use super::state::AppState;
use super::ui_session::UiSession;
use crate::app::habits::{self, SchedulePreview};
use crate::i18n::Tr;
use askama::Template;
use axum::extract::{RawQuery, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use habitflow_domain::validation::FieldErrors;
use jiff::civil::Date;
use serde::Serialize;

/// The preview as the page words it.
#[derive(Debug, Clone, Default)]
pub struct PreviewText {
    pub sentence: Option<String>,
    /// "Next dates" or "Next periods".
    pub heading: String,
    pub dates: Vec<String>,
    /// Why there is nothing to show: an incomplete rule, or no date ahead.
    pub hint: Option<String>,
}

impl PreviewText {
    pub fn of(preview: &SchedulePreview, tr: Tr) -> Self {
        let periods = !preview.next_periods.is_empty();
        let dates: Vec<String> = if periods {
            preview
                .next_periods
                .iter()
                .map(|&(from, to)| tr.t2("preview-period", "from", from, "to", to))
                .collect()
        } else {
            preview
                .next_dates
                .iter()
                .map(|&date| tr.date_long(date))
                .collect()
        };
        Self {
            sentence: Some(describe_rule(&preview.rule, tr)),
            heading: tr.t(if periods {
                "preview-next-periods"
            } else {
                "preview-next-dates"
            }),
            hint: dates.is_empty().then(|| tr.t("preview-none")),
            dates,
        }
    }

    /// A rule that cannot be read yet: the first field message, and a hint.
    pub fn incomplete(fields: &FieldErrors, tr: Tr) -> Self {
        let first = fields.iter().next().map(|(field, message)| {
            let label = tr
                .try_t(&format!("field-{}", field.replace('.', "-")))
                .unwrap_or_else(|| field.to_owned());
            format!("{label}: {}", tr.message(message))
        });
        Self {
            hint: Some(first.map_or_else(
                || tr.t("preview-incomplete"),
                |first| format!("{} {first}", tr.t("preview-incomplete")),
            )),
            ..Self::default()
        }
    }
}

#[derive(Template)]
#[template(path = "habit_preview.html")]
struct PreviewFragment {
    preview: PreviewText,
}

#[derive(Serialize, utoipa::ToSchema)]
struct PeriodResponse {
    #[schema(value_type = String, format = Date)]
    from: Date,
    #[schema(value_type = String, format = Date)]
    to: Date,
}

/// `{next_dates, next_periods, sentence}` (docs/product.md#json-shapes).
#[derive(Serialize, utoipa::ToSchema)]
pub(super) struct PreviewResponse {
    #[schema(value_type = Vec<String>)]
    next_dates: Vec<Date>,
    next_periods: Vec<PeriodResponse>,
    sentence: String,
}

impl PreviewResponse {
    fn of(preview: &SchedulePreview, tr: Tr) -> Self {
        Self {
            next_dates: preview.next_dates.clone(),
            next_periods: preview
                .next_periods
                .iter()
                .map(|&(from, to)| PeriodResponse { from, to })
                .collect(),
            sentence: describe_rule(&preview.rule, tr),
        }
    }
}

pub async fn preview(
    State(state): State<AppState>,
    wants: Wants,
    ui: UiSession,
    CurrentUser(auth): CurrentUser,
    RawQuery(query): RawQuery,
) -> Result<Response, AppError> {
    let form = HabitFormFields::parse(query.unwrap_or_default().as_bytes());
    let result = habits::preview(&state.services, &auth.user, &form.changes());
    let tr = ui.tr();
    wants
        .written(
            result,
            |preview| json(StatusCode::OK, PreviewResponse::of(preview, tr)),
            |preview| {
                page(&PreviewFragment {
                    preview: PreviewText::of(&preview, tr),
                })
                .unwrap_or_else(IntoResponse::into_response)
            },
            // An incomplete rule is a state of the preview, not a failure
            // of the page: the fragment says what is missing, with 200.
            async |_, fields| {
                page(&PreviewFragment {
                    preview: PreviewText::incomplete(&fields, tr),
                })
            },
        )
        .await
}
