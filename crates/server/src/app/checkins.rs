//! Check-ins (`docs/product.md#check-ins`): complete, skip and undo a date,
//! the history of a period, and the completion rate the habit page shows.
use super::Services;
use super::error::AppError;
use super::error::OrNotFound;
use super::habit_values::{CheckinSummaries, derive_from_summary, history_of};
use super::habits::{HabitView, owned_habit};
use super::today::UserCalendar;
use habitflow_domain::checkin::{CheckinKind, check_date_accepts_checkin, check_kind_accepted};
use habitflow_domain::derived::{HabitOnDate, History};
use habitflow_domain::measure::{Amount, check_checkin_value};
use habitflow_domain::model::{CheckinRecord, CheckinWrite, User};
use habitflow_domain::pause::PauseSet;
use habitflow_domain::validation::FieldErrors;
use habitflow_domain::values::Note;
use jiff::civil::Date;
use uuid::Uuid;

/// The answer to a check-in action.
#[derive(Debug, Clone)]
pub struct CheckinOutcome {
    pub date: Date,
    pub kind: Option<CheckinKind>,
    /// The value of the date's check-in on a measurable habit.
    pub value: Option<Amount>,
    pub changed: bool,
    pub current_streak: u32,
    pub best_streak: u32,
    pub due_today: bool,
}

/// Completes, skips (`Some(kind)`) or undoes (`None`) a date, today by
/// default; a measurable habit's `done` carries its value
/// (docs/product.md#measurable-habits).
pub async fn check_in(
    state: &Services,
    owner: &User,
    id: Uuid,
    date: Option<Date>,
    kind: Option<CheckinKind>,
    value: Option<Amount>,
    note: &str,
) -> Result<CheckinOutcome, AppError> {
    let habit = owned_habit(state, owner, id).await?;
    let calendar = UserCalendar::of(owner);
    let today = calendar.today(state);
    let date = date.unwrap_or(today);
    let note = Note::parse(note).map_err(|m| FieldErrors::single("note", m))?;
    if let Some(kind) = kind {
        check_checkin_value(&habit.kind, kind, value)?;
    }
    let schedule = habit.schedule();
    let archived_on = habit.archived_at.map(|at| calendar.date_of(at));
    // Archived or not depends on the dates alone, never on the history or pauses.
    let archived = HabitOnDate {
        schedule: &schedule,
        archived_on,
        target: habit.target(),
        pauses: PauseSet::none(),
        history: History::new(&[]),
        today,
    }
    .is_archived();
    check_date_accepts_checkin(&schedule, archived, date, today)
        .and_then(|()| kind.map_or(Ok(()), |kind| check_kind_accepted(&habit.rule, kind)))
        .map_err(|refusal| AppError::BadRequest(refusal.message()))?;
    let summarize = CheckinSummaries::new(&habit, archived_on, today);
    // The answer comes from what the write's transaction left — the summary,
    // the pauses, the check-ins from the date on — never from a read after
    // the commit: a failed read must not turn a committed write into a 503
    // the client takes for "nothing written" (docs/reliability.md).
    let written = match kind {
        Some(kind) => {
            let checkin = CheckinWrite {
                owner: owner.id,
                habit_id: id,
                date,
                kind,
                note,
                value,
                now: state.clock.now(),
            };
            state.store.checkins().put(&checkin, &summarize).await?
        }
        None => state
            .store
            .checkins()
            .remove(owner.id, id, date, &summarize)
            .await?
            .or_not_found("error-habit-not-found")?,
    };
    let today_checkin = written.later.iter().find(|c| c.date == today).copied();
    let derived = derive_from_summary(
        &habit,
        written.summary,
        today_checkin,
        &written.pauses,
        &calendar,
        today,
    )?;
    Ok(CheckinOutcome {
        date,
        kind,
        value: kind.and(value),
        changed: written.changed,
        current_streak: derived.current_streak,
        best_streak: derived.best_streak,
        due_today: derived.due_today,
    })
}

/// The habit's check-ins in `from ..= to`.
pub async fn between(
    state: &Services,
    owner: &User,
    id: Uuid,
    from: Date,
    to: Date,
) -> Result<Vec<CheckinRecord>, AppError> {
    owned_habit(state, owner, id).await?;
    Ok(state
        .store
        .checkins()
        .for_habit(owner.id, id, from, to)
        .await?)
}

/// The completion rate of the last `days` local dates (today included),
/// from the check-ins of that window only (docs/product.md#performance).
pub async fn completion_rate(
    state: &Services,
    owner: &User,
    view: &HabitView,
    days: i64,
) -> Result<Option<f64>, AppError> {
    let pauses = state
        .store
        .pauses()
        .effective_for_habit(owner.id, view.habit.id)
        .await?;
    let schedule = view.habit.schedule();
    let calendar = UserCalendar::of(owner);
    let habit = HabitOnDate {
        schedule: &schedule,
        archived_on: view.habit.archived_at.map(|at| calendar.date_of(at)),
        target: view.habit.target(),
        pauses: &pauses,
        history: History::new(&[]),
        today: view.today,
    };
    let from = view
        .today
        .checked_sub(jiff::Span::new().days(days - 1))
        .unwrap_or(view.today);
    let records = state
        .store
        .checkins()
        .for_habit(
            owner.id,
            view.habit.id,
            habit.tally_reads_from(from),
            view.today,
        )
        .await?;
    let history = history_of(&records);
    let habit = HabitOnDate {
        history: History::new(&history),
        ..habit
    };
    Ok(habit.completion_rate(from, view.today))
}
