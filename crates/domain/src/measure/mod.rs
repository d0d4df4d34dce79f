//! Measurable habits: a unit, a target and whether a value must reach it or
//! stay within it (docs/product.md#measurable-habits).
mod amount;

pub use amount::Amount;

use crate::checkin::CheckinKind;
use crate::message::Message;
use crate::validation::FieldErrors;
use crate::values::Unit;
use serde_json::Value;

/// Whether a value must reach the target or stay within it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TargetType {
    AtLeast,
    AtMost,
}

impl TargetType {
    pub fn code(self) -> &'static str {
        match self {
            TargetType::AtLeast => "at_least",
            TargetType::AtMost => "at_most",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "at_least" => Some(TargetType::AtLeast),
            "at_most" => Some(TargetType::AtMost),
            _ => None,
        }
    }
}

/// The target a measurable habit's values are judged by.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Target {
    amount: Amount,
    target_type: TargetType,
}

impl Target {
    /// An `at_least` target must be above 0 (every value would meet 0);
    /// the error names `target`.
    pub fn new(amount: Amount, target_type: TargetType) -> Result<Self, FieldErrors> {
        if target_type == TargetType::AtLeast && amount == Amount::ZERO {
            return Err(FieldErrors::single(
                "target",
                Message::new("error-target-positive"),
            ));
        }
        Ok(Self {
            amount,
            target_type,
        })
    }

    pub fn amount(self) -> Amount {
        self.amount
    }

    pub fn target_type(self) -> TargetType {
        self.target_type
    }

    pub fn is_at_most(self) -> bool {
        self.target_type == TargetType::AtMost
    }

    /// At least: the value reaches the target; at most: it stays within it.
    pub fn is_met(self, value: Amount) -> bool {
        match self.target_type {
            TargetType::AtLeast => value >= self.amount,
            TargetType::AtMost => value <= self.amount,
        }
    }

    /// Partial credit from 0 to 1 for the strength, as Loop Habit Tracker
    /// gives it (docs/product.md#measurable-habits): the share of an `at_least`
    /// target reached, or for `at_most` 1 when met and less the further the
    /// value goes over the target (0 at twice the target, or over a target of 0).
    pub fn credit(self, value: Amount) -> f64 {
        let (value, target) = (value.as_f64(), self.amount.as_f64());
        match self.target_type {
            TargetType::AtLeast => (value / target).min(1.0),
            TargetType::AtMost if value <= target => 1.0,
            TargetType::AtMost if target == 0.0 => 0.0,
            TargetType::AtMost => (1.0 - (value - target) / target).max(0.0),
        }
    }
}

/// What a measurable habit records: values in a unit, judged by a target.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Measure {
    pub unit: Unit,
    pub target: Target,
}

/// A yes/no habit, or one that records a number each time.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum HabitKind {
    #[default]
    Boolean,
    Measurable(Measure),
}

impl HabitKind {
    pub fn code(&self) -> &'static str {
        match self {
            HabitKind::Boolean => "boolean",
            HabitKind::Measurable(_) => "measurable",
        }
    }

    /// The target the derived values judge by; `None` for a yes/no habit.
    pub fn target(&self) -> Option<Target> {
        match self {
            HabitKind::Boolean => None,
            HabitKind::Measurable(measure) => Some(measure.target),
        }
    }
}

impl HabitKind {
    /// Reads a habit's kind as the API and the forms send it: `kind`
    /// (`boolean` by default, or `measurable` with `unit`, `target` and
    /// `target_type`). `target` is a JSON number, or text from a form. Errors
    /// name each field.
    pub fn parse(
        kind: Option<&str>,
        unit: Option<&str>,
        target: Option<&Value>,
        target_type: Option<&str>,
    ) -> Result<HabitKind, FieldErrors> {
        match kind.unwrap_or("boolean") {
            // A yes/no habit has no target, but one sent must still be a
            // number (or a form's text), as for a measurable habit.
            "boolean"
                if target.is_some_and(|t| !(t.is_null() || t.is_number() || t.is_string())) =>
            {
                Err(FieldErrors::single("target", "error-amount-number"))
            }
            "boolean" => Ok(HabitKind::Boolean),
            "measurable" => Measure::parse(unit, target, target_type).map(HabitKind::Measurable),
            _ => Err(FieldErrors::single(
                "kind",
                Message::new("error-choice").with("choices", "boolean, measurable"),
            )),
        }
    }
}

impl Measure {
    fn parse(
        unit: Option<&str>,
        target: Option<&Value>,
        target_type: Option<&str>,
    ) -> Result<Measure, FieldErrors> {
        let mut errors = FieldErrors::new();
        let unit = match unit.map(str::trim).filter(|unit| !unit.is_empty()) {
            Some(unit) => Unit::parse(unit)
                .map_err(|message| errors.add("unit", message))
                .ok(),
            None => {
                errors.add("unit", "error-required");
                None
            }
        };
        let amount = match target {
            None | Some(Value::Null) => {
                errors.add("target", "error-required");
                None
            }
            Some(Value::String(text)) => Amount::parse(text)
                .map_err(|message| errors.add("target", message))
                .ok(),
            Some(value) => Amount::from_json(value)
                .map_err(|message| errors.add("target", message))
                .ok(),
        };
        let target_type = match target_type.map(TargetType::from_code) {
            Some(Some(target_type)) => Some(target_type),
            Some(None) => {
                errors.add(
                    "target_type",
                    Message::new("error-choice").with("choices", "at_least, at_most"),
                );
                None
            }
            None => {
                errors.add("target_type", "error-required");
                None
            }
        };
        let target = match (amount, target_type) {
            (Some(amount), Some(target_type)) => Target::new(amount, target_type)
                .map_err(|target_errors| {
                    target_errors
                        .iter()
                        .for_each(|(field, message)| errors.add(field, message.clone()))
                })
                .ok(),
            _ => None,
        };
        match (unit, target) {
            (Some(unit), Some(target)) => errors.into_result(Measure { unit, target }),
            _ => Err(errors),
        }
    }
}

/// Checks the value of a check-in to write: a measurable habit's `done`
/// needs one, and nothing else may carry one (a skip has no value). Errors
/// name `value`.
pub fn check_checkin_value(
    kind: &HabitKind,
    checkin: CheckinKind,
    value: Option<Amount>,
) -> Result<(), FieldErrors> {
    match (kind, checkin, value) {
        (HabitKind::Measurable(_), CheckinKind::Done, None) => {
            Err(FieldErrors::single("value", "error-required"))
        }
        (HabitKind::Boolean, CheckinKind::Done, Some(_)) => {
            Err(FieldErrors::single("value", "error-value-not-for-boolean"))
        }
        (_, CheckinKind::Skipped, Some(_)) => {
            Err(FieldErrors::single("value", "error-value-not-for-skip"))
        }
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests;
