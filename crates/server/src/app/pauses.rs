//! Pauses of a habit and vacations of the account
//! (`docs/product.md#pauses-and-vacations`): list, add (merged with what it
//! overlaps or touches) and delete. Every write re-summarizes the habits it
//! excuses in its transaction.
use super::Services;
use super::changes::parse_date;
use super::error::{AppError, OrNotFound};
use super::habit_values::summarize_habit;
use super::habits::owned_habit;
use habitflow_domain::model::{Pause, User, Vacation};
use habitflow_domain::pause::DateRange;
use habitflow_domain::validation::FieldErrors;
use jiff::civil::Date;
use uuid::Uuid;

const HABIT_NOT_FOUND: &str = "error-habit-not-found";
const PAUSE_NOT_FOUND: &str = "error-pause-not-found";
const VACATION_NOT_FOUND: &str = "error-vacation-not-found";

/// A pause or vacation as sent: `from` and `to`, local dates.
#[derive(Debug, Default, Clone)]
pub struct RangeChanges {
    pub from: Option<String>,
    pub to: Option<String>,
}

fn required_date(field: &str, raw: Option<&str>, errors: &mut FieldErrors) -> Option<Date> {
    match parse_date(field, raw, errors) {
        Some(Some(date)) => Some(date),
        Some(None) => {
            errors.add(field, "error-required");
            None
        }
        None => None,
    }
}

/// `from ≤ to`, at most 366 days; errors name the field.
fn validated(changes: &RangeChanges) -> Result<DateRange, AppError> {
    let mut errors = FieldErrors::new();
    let from = required_date("from", changes.from.as_deref(), &mut errors);
    let to = required_date("to", changes.to.as_deref(), &mut errors);
    match (from, to) {
        (Some(from), Some(to)) => Ok(DateRange::pause(from, to)?),
        _ => Err(AppError::Validation(errors)),
    }
}

/// The habit's pauses by date.
pub async fn for_habit(
    state: &Services,
    owner: &User,
    habit: Uuid,
) -> Result<Vec<Pause>, AppError> {
    owned_habit(state, owner, habit).await?;
    Ok(state.store.pauses().for_habit(owner.id, habit).await?)
}

/// Pauses the habit; returns the pause as merged.
pub async fn add(
    state: &Services,
    owner: &User,
    habit: Uuid,
    changes: &RangeChanges,
) -> Result<Pause, AppError> {
    owned_habit(state, owner, habit).await?;
    let range = validated(changes)?;
    state
        .store
        .pauses()
        .add(owner.id, habit, range, &summarize_habit(owner))
        .await
        .or_not_found(HABIT_NOT_FOUND)
}

pub async fn delete(state: &Services, owner: &User, habit: Uuid, id: Uuid) -> Result<(), AppError> {
    owned_habit(state, owner, habit).await?;
    state
        .store
        .pauses()
        .delete(owner.id, habit, id, &summarize_habit(owner))
        .await?
        .then_some(())
        .or_not_found(PAUSE_NOT_FOUND)
}

/// The account's vacations by date.
pub async fn vacations(state: &Services, owner: &User) -> Result<Vec<Vacation>, AppError> {
    Ok(state.store.vacations().list(owner.id).await?)
}

/// Adds a vacation, which pauses every habit; returns it as merged.
pub async fn add_vacation(
    state: &Services,
    owner: &User,
    changes: &RangeChanges,
) -> Result<Vacation, AppError> {
    let range = validated(changes)?;
    Ok(state
        .store
        .vacations()
        .add(owner.id, range, &summarize_habit(owner))
        .await?)
}

pub async fn delete_vacation(state: &Services, owner: &User, id: Uuid) -> Result<(), AppError> {
    state
        .store
        .vacations()
        .delete(owner.id, id, &summarize_habit(owner))
        .await?
        .then_some(())
        .or_not_found(VACATION_NOT_FOUND)
}
