//! The import (docs/data.md#the-import): a file read into one plan, shown
//! as a dry run or written in one transaction, adding to the account and
//! never changing what is there.
use super::super::Services;
use super::super::error::AppError;
use super::super::habit_values::summarize_habit;
use super::super::reminders;
use super::super::today::UserCalendar;
use super::readers;
use habitflow_domain::message::Message;
use habitflow_domain::model::{TaskQuery, TaskStatus, User};
use habitflow_domain::pause::DateRange;
use habitflow_domain::portability::plan::{ImportPlan, Skipped};

/// Tasks read per query for their names.
const TASK_PAGE: u32 = 1_000;

/// Reads the file into the plan it would write for `user`: names the
/// account already uses renamed, vacations that would overlap the
/// account's own left out.
pub async fn plan(state: &Services, user: &User, bytes: &[u8]) -> Result<ImportPlan, AppError> {
    let today = UserCalendar::of(user).today(state);
    let mut plan = readers::read(bytes, state.clock.now(), today).await?;
    let store = &state.store;
    let themes = store.themes().list_with_counts(user.id).await?;
    let habits = store.habits().list(user.id).await?;
    let tasks = task_names(state, user).await?;
    plan.rename_taken(
        themes.into_iter().map(|counted| counted.theme.name),
        tasks,
        habits.into_iter().map(|habit| habit.name),
    );
    let owned: Vec<DateRange> = store
        .vacations()
        .list(user.id)
        .await?
        .into_iter()
        .map(|vacation| vacation.range)
        .collect();
    let (kept, overlapping): (Vec<DateRange>, Vec<DateRange>) = plan
        .vacations
        .iter()
        .partition(|range| !owned.iter().any(|own| own.touches(**range)));
    plan.vacations = kept;
    plan.skipped
        .extend(overlapping.into_iter().map(|range| Skipped {
            what: format!("vacation {} – {}", range.from(), range.to()),
            why: Message::new("import-skip-vacation-overlaps"),
        }));
    Ok(plan)
}

/// Reads the file and, unless `dry_run`, writes its plan in one transaction.
pub async fn import(
    state: &Services,
    user: &User,
    bytes: &[u8],
    dry_run: bool,
) -> Result<ImportPlan, AppError> {
    let plan = plan(state, user, bytes).await?;
    if !dry_run {
        let now = state.clock.now();
        let summarize = summarize_habit(user);
        let next_reminder = reminders::next_reminder(user, now);
        state
            .store
            .portability()
            .write_import(user.id, &plan, now, &summarize, &next_reminder)
            .await?;
        let counts = plan.counts();
        tracing::info!(
            user_id = %user.id,
            source = plan.source.code(),
            habits = counts.habits,
            checkins = counts.checkins,
            "imported"
        );
    }
    Ok(plan)
}

async fn task_names(state: &Services, user: &User) -> Result<Vec<String>, AppError> {
    let mut names = Vec::new();
    loop {
        let page = state
            .store
            .tasks()
            .list(
                user.id,
                &TaskQuery {
                    status: TaskStatus::All,
                    limit: TASK_PAGE,
                    offset: u32::try_from(names.len()).unwrap_or(u32::MAX),
                    ..TaskQuery::default()
                },
            )
            .await?;
        let read = page.items.len();
        names.extend(page.items.into_iter().map(|task| task.name));
        if read < TASK_PAGE as usize || names.len() >= page.total as usize {
            return Ok(names);
        }
    }
}
