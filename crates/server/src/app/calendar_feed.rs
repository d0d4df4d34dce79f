//! The calendar feed (docs/product.md#calendar-feed): a secret URL per user,
//! made, rotated and turned off in settings, that answers the user's open
//! tasks with a due date and the habits' scheduled dates around today.
use super::Services;
use super::error::AppError;
use super::sessions::{hash_token, new_token};
use super::today::UserCalendar;
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::feed::{self, FeedStatus};
use habitflow_domain::model::{Habit, Task, TaskQuery, TaskSort, TaskStatus, User};
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::HashMap;
use uuid::Uuid;

/// Tasks read per query while gathering the feed's tasks.
const TASK_BATCH: u32 = 500;

/// What the feed shows, in the order it shows it.
pub struct Feed {
    /// When it was made (each item's DTSTAMP).
    pub made_at: Timestamp,
    /// Open tasks with a due date, by due date.
    pub tasks: Vec<Task>,
    /// Habits not archived, each with its scheduled dates in the window.
    pub habits: Vec<(Habit, Vec<(Date, FeedStatus)>)>,
}

/// Makes the user's feed secret, replacing the one before; returns it (the
/// only time it is known).
pub async fn rotate(state: &Services, user: &User) -> Result<String, AppError> {
    let secret = new_token()?;
    state
        .store
        .calendar_feeds()
        .put(user.id, &hash_token(&secret), state.clock.now())
        .await?;
    Ok(secret)
}

/// Turns the user's feed off; its URL answers 404 from now on.
pub async fn turn_off(state: &Services, user: &User) -> Result<(), AppError> {
    state.store.calendar_feeds().delete(user.id).await?;
    Ok(())
}

/// The feed a secret opens; an unknown, rotated or disabled one is 404.
pub async fn read(state: &Services, secret: &str) -> Result<Feed, AppError> {
    let not_found = || AppError::NotFound("error-feed-not-found".into());
    let owner = state
        .store
        .calendar_feeds()
        .owner_of(&hash_token(secret))
        .await?
        .ok_or_else(not_found)?;
    let user = match state.store.users().by_id(owner).await? {
        Some(user) if user.is_active => user,
        _ => return Err(not_found()),
    };
    let today = UserCalendar::of(&user).today(state);
    let (from, _) = feed::window(today);
    let (habits, pauses) = state.store.habits().list_with_pauses(user.id).await?;
    let pauses = pauses.effective();
    let mut checkins: HashMap<Uuid, HashMap<Date, CheckinKind>> = HashMap::new();
    for record in state
        .store
        .checkins()
        .for_owner_since(user.id, from)
        .await?
    {
        checkins
            .entry(record.habit_id)
            .or_default()
            .insert(record.date, record.kind);
    }
    let none = HashMap::new();
    let habits = habits
        .into_iter()
        .filter(|habit| habit.archived_at.is_none())
        .map(|habit| {
            let kinds = checkins.get(&habit.id).unwrap_or(&none);
            let days = feed::habit_days(&habit.schedule(), pauses.of(habit.id), kinds, today);
            (habit, days)
        })
        .collect();
    Ok(Feed {
        made_at: state.clock.now(),
        tasks: open_tasks_with_due_dates(state, user.id).await?,
        habits,
    })
}

async fn open_tasks_with_due_dates(state: &Services, owner: Uuid) -> Result<Vec<Task>, AppError> {
    let mut tasks = Vec::new();
    let mut offset = 0;
    loop {
        let query = TaskQuery {
            status: TaskStatus::Active,
            theme_id: None,
            sort: TaskSort::DueOn,
            descending: false,
            limit: TASK_BATCH,
            offset,
        };
        let page = state.store.tasks().list(owner, &query).await?;
        let read = page.items.len() as u32;
        tasks.extend(page.items.into_iter().filter(|task| task.due_on.is_some()));
        offset = offset.saturating_add(read);
        if read < TASK_BATCH || offset >= page.total {
            return Ok(tasks);
        }
    }
}
