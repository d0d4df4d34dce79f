//! The current period of a `times_per_period` habit, worded ("2 of 3 this
//! week", "90 of 150 min this week") and as JSON (`period_progress`,
//! docs/product.md#json-shapes).
use crate::app::habits::HabitView;
use crate::i18n::Tr;
use habitflow_domain::derived::{PeriodGoal, PeriodProgress};
use habitflow_domain::measure::HabitKind;
use habitflow_domain::message::Message;
use jiff::civil::Date;
use serde::Serialize;

/// "2 of 3 this week", or for a measurable habit "90 of 150 min this week";
/// `None` for a habit without periods or outside its window.
pub fn describe(tr: Tr, view: &HabitView) -> Option<String> {
    let progress = view.derived.current_period?;
    let period = progress.period.code();
    let message = match progress.goal {
        PeriodGoal::Times(times) => Message::new("period-progress")
            .with("done", progress.done)
            .with("times", times)
            .with("period", period),
        PeriodGoal::Sum { sum, target } => {
            let unit = match &view.habit.kind {
                HabitKind::Measurable(measure) => measure.unit.as_str(),
                HabitKind::Boolean => "",
            };
            Message::new("period-progress-sum")
                .with("sum", sum.to_string())
                .with("target", target.amount().to_string())
                .with("unit", unit)
                .with("period", period)
        }
    };
    Some(tr.message(&message))
}

/// The JSON of the current period: its dates, the `done` count, and the
/// goal (`times`, or `sum` and `target` for a measurable habit).
#[derive(Serialize, utoipa::ToSchema)]
pub struct PeriodProgressResponse {
    done: u32,
    #[schema(value_type = String, format = Date)]
    from: Date,
    met: bool,
    period: &'static str,
    #[schema(value_type = Option<f64>)]
    sum: Option<serde_json::Value>,
    #[schema(value_type = Option<f64>)]
    target: Option<serde_json::Value>,
    times: Option<u8>,
    #[schema(value_type = String, format = Date)]
    to: Date,
}

impl From<&PeriodProgress> for PeriodProgressResponse {
    fn from(progress: &PeriodProgress) -> Self {
        let (times, sum, target) = match progress.goal {
            PeriodGoal::Times(times) => (Some(times), None, None),
            PeriodGoal::Sum { sum, target } => {
                (None, Some(sum.to_json()), Some(target.amount().to_json()))
            }
        };
        Self {
            done: progress.done,
            from: progress.from,
            met: progress.met,
            period: progress.period.code(),
            sum,
            target,
            times,
            to: progress.to,
        }
    }
}
