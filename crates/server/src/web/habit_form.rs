//! The habit form: schedule settings arrive as separate form fields (only
//! those of the chosen type count) and are turned into the JSON config the
//! domain validates, so both paths share one set of rules.
use super::AppError;
use super::input::Input;
use crate::app::habits::HabitChanges;
use axum::body::Bytes;
use axum::extract::{FromRequest, Request};
use axum::http::header::CONTENT_TYPE;
use serde::Deserialize;
use serde::de::IgnoredAny;
use serde_json::{Value, json};
use std::collections::HashMap;

#[derive(Deserialize, Default, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct HabitJson {
    name: Option<String>,
    description: Option<String>,
    #[serde(default, deserialize_with = "super::tasks::present")]
    #[schema(value_type = Option<String>)]
    theme_id: Option<Option<String>>,
    schedule_type: Option<String>,
    #[schema(value_type = Option<Object>)]
    schedule_config: Option<Value>,
    starts_on: Option<String>,
    #[serde(default, deserialize_with = "super::tasks::present")]
    #[schema(value_type = Option<String>)]
    ends_on: Option<Option<String>>,
    kind: Option<String>,
    unit: Option<String>,
    #[schema(schema_with = number_or_text)]
    target: Option<Value>,
    target_type: Option<String>,
    /// Up to five local times of day, `HH:MM` (docs/reminders.md).
    reminder_times: Option<Vec<String>>,
    #[serde(default, rename = "csrf_token")]
    #[schema(value_type = Option<serde_json::Value>)]
    _csrf_token: Option<IgnoredAny>,
}

/// A measurable habit's target: a JSON number, or the text of a form field
/// holding one (empty for none); a yes/no habit has none.
fn number_or_text() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::ObjectBuilder;
    use utoipa::openapi::schema::{OneOfBuilder, Type};
    OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Number))
        .item(ObjectBuilder::new().schema_type(Type::String))
        .item(ObjectBuilder::new().schema_type(Type::Null))
        .build()
        .into()
}

impl HabitJson {
    pub fn into_changes(self) -> HabitChanges {
        HabitChanges {
            name: self.name,
            description: self.description,
            theme_id: self.theme_id,
            schedule_type: self.schedule_type,
            schedule_config: self.schedule_config,
            starts_on: self.starts_on,
            ends_on: self.ends_on,
            kind: self.kind,
            unit: self.unit,
            target: self.target,
            target_type: self.target_type,
            reminder_times: self.reminder_times,
        }
    }
}

/// The raw fields of a submitted habit form (a key may repeat: `days`).
#[derive(Debug, Default, Clone)]
pub struct HabitFormFields(HashMap<String, Vec<String>>);

impl HabitFormFields {
    pub fn parse(body: &[u8]) -> Self {
        let mut fields: HashMap<String, Vec<String>> = HashMap::new();
        for (key, value) in form_urlencoded::parse(body) {
            fields
                .entry(key.into_owned())
                .or_default()
                .push(value.into_owned());
        }
        Self(fields)
    }

    pub fn get(&self, key: &str) -> Option<&str> {
        self.0
            .get(key)
            .and_then(|values| values.first())
            .map(String::as_str)
    }

    pub fn all(&self, key: &str) -> Vec<String> {
        self.0.get(key).cloned().unwrap_or_default()
    }

    pub fn text(&self, key: &str) -> String {
        self.get(key).unwrap_or("").to_owned()
    }

    /// A number when the text is one, else the text, for the domain to refuse by name.
    fn number(&self, key: &str) -> Value {
        let text = self.get(key).unwrap_or("").trim();
        text.parse::<i64>()
            .map_or_else(|_| json!(text), |n| json!(n))
    }

    /// The optional month step of the monthly rules, left out when not typed.
    fn add_every_months(&self, config: &mut Value) {
        if self
            .get("monthly_every_months")
            .is_some_and(|v| !v.trim().is_empty())
        {
            config["every_months"] = self.number("monthly_every_months");
        }
    }

    fn config(&self, schedule_type: &str) -> Value {
        match schedule_type {
            "weekly_days" => {
                let mut config = json!({ "days": self.all("days") });
                if self
                    .get("every_weeks")
                    .is_some_and(|v| !v.trim().is_empty())
                {
                    config["every_weeks"] = self.number("every_weeks");
                }
                config
            }
            "monthly_day" => {
                let mut config = json!({ "day": self.number("monthly_day") });
                self.add_every_months(&mut config);
                config
            }
            "monthly_weekday" => {
                let mut config = json!({
                    "week": self.number("monthly_week"),
                    "weekday": self.text("monthly_weekday"),
                });
                self.add_every_months(&mut config);
                config
            }
            "yearly_date" => {
                json!({ "month": self.number("yearly_month"), "day": self.number("yearly_day") })
            }
            "times_per_period" => {
                // A measurable habit's periods add up values: no `times`.
                let mut config = json!({ "period": self.text("period") });
                if self.get("times").is_some_and(|v| !v.trim().is_empty()) {
                    config["times"] = self.number("times");
                }
                if self.get("period") == Some("days") {
                    config["period_days"] = self.number("period_days");
                }
                config
            }
            "interval_cycle" => {
                json!({ "active_days": self.number("active_days"), "break_days": self.number("break_days") })
            }
            _ => json!({}),
        }
    }

    pub fn changes(&self) -> HabitChanges {
        let schedule_type = self.get("schedule_type").unwrap_or("daily").to_owned();
        HabitChanges {
            name: Some(self.text("name")),
            description: Some(self.text("description")),
            theme_id: Some(self.get("theme_id").map(str::to_owned)),
            schedule_config: Some(self.config(&schedule_type)),
            schedule_type: Some(schedule_type),
            starts_on: self
                .get("starts_on")
                .filter(|v| !v.trim().is_empty())
                .map(str::to_owned),
            ends_on: Some(self.get("ends_on").map(str::to_owned)),
            // Absent from a form without them: the habit keeps its kind.
            kind: self.get("kind").map(str::to_owned),
            unit: self.get("unit").map(str::to_owned),
            // An empty target is none at all: "required" for a measurable habit.
            target: self.get("target").map(|text| {
                if text.trim().is_empty() {
                    Value::Null
                } else {
                    json!(text)
                }
            }),
            target_type: self.get("target_type").map(str::to_owned),
            // One field of times separated by commas or spaces; absent from a
            // form without it: the habit keeps its times.
            reminder_times: self.get("reminder_times").map(|text| {
                text.split([',', ' '])
                    .filter(|time| !time.is_empty())
                    .map(str::to_owned)
                    .collect()
            }),
        }
    }
}

/// A habit as submitted: JSON, or the fields of the HTML form.
pub struct HabitSubmission {
    pub changes: HabitChanges,
    /// The fields as typed, to show the form again (empty for JSON).
    pub form: HabitFormFields,
    /// The form's "Preview" button was pressed: show the form again with
    /// the schedule's preview, store nothing.
    pub preview: bool,
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
                preview: form.get("preview").is_some(),
                form,
            })
        } else {
            let Input(json) = Input::<HabitJson>::from_request(request, state).await?;
            Ok(Self {
                changes: json.into_changes(),
                form: HabitFormFields::default(),
                preview: false,
            })
        }
    }
}

/// Weekday codes, Monday first, as the forms and the calendar use them.
pub const WEEKDAY_CODES: [&str; 7] = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_newer_rules_round_trip_through_the_form() {
        use habitflow_domain::schedule::Rule;
        let cases: [(&[u8], &str, Value); 3] = [
            (
                b"schedule_type=monthly_weekday&monthly_week=-1&monthly_weekday=fri&monthly_every_months=2",
                "monthly_weekday",
                json!({"week": -1, "weekday": "fri", "every_months": 2}),
            ),
            (
                b"schedule_type=monthly_day&monthly_day=31&monthly_every_months=3",
                "monthly_day",
                json!({"day": 31, "every_months": 3}),
            ),
            (
                b"schedule_type=times_per_period&times=3&period=days&period_days=10",
                "times_per_period",
                json!({"times": 3, "period": "days", "period_days": 10}),
            ),
        ];
        for (body, schedule_type, config) in cases {
            let changes = HabitFormFields::parse(body).changes();
            let parsed = changes.schedule_config.unwrap();
            let rule = Rule::from_config(schedule_type, &parsed).unwrap();
            assert_eq!(rule.config(), config);
        }
    }

    #[test]
    fn only_the_chosen_types_fields_make_the_config() {
        let form = HabitFormFields::parse(
            b"name=Run&schedule_type=weekly_days&days=mon&days=thu&every_weeks=2&monthly_day=5",
        );
        let changes = form.changes();
        assert_eq!(
            changes.schedule_config,
            Some(json!({"days": ["mon", "thu"], "every_weeks": 2}))
        );
        let form = HabitFormFields::parse(b"name=Pay&schedule_type=monthly_day&monthly_day=x");
        assert_eq!(form.changes().schedule_config, Some(json!({"day": "x"})));
    }
}
