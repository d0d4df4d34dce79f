//! The home page (docs/product.md#home-page): what is left today and how the day is going.
use super::Services;
use super::error::AppError;
use super::habits::{self, HabitQuery, HabitStatus, HabitView};
use super::quotes::quote_of_the_day;
use super::today::UserCalendar;
use habitflow_domain::derived::percent;
use habitflow_domain::model::{Quote, Task, TaskQuery, TaskSort, TaskStatus, User};
use jiff::civil::Date;
use uuid::Uuid;

const TASKS_SHOWN: u32 = 5;

pub struct Today {
    pub date: Date,
    pub greeting: &'static str,
    /// Active tasks, overdue and due today first.
    pub tasks: Vec<Task>,
    /// Habits due or done today.
    pub habits: Vec<HabitView>,
    pub quote: Quote,
    pub active_tasks: u32,
    pub habits_total: u32,
    pub habits_active: u32,
    pub due_today: u32,
    pub done_today: u32,
    /// done ÷ (done + still due), 0 when nothing is due.
    pub success_today: f64,
}

/// The catalog key of the greeting for the user's local hour.
fn greeting(hour: i8) -> &'static str {
    match hour {
        5..=11 => "greeting-morning",
        12..=17 => "greeting-afternoon",
        _ => "greeting-evening",
    }
}

pub async fn today(state: &Services, owner: &User, theme: Option<Uuid>) -> Result<Today, AppError> {
    let calendar = UserCalendar::of(owner);
    let now = state.clock.now();
    let date = calendar.date_of(now);
    let task_query = TaskQuery {
        status: TaskStatus::Active,
        sort: TaskSort::DueOn,
        descending: false,
        limit: TASKS_SHOWN,
        offset: 0,
        theme_id: theme,
    };
    let tasks = state.store.tasks().list(owner.id, &task_query).await?;
    let all = HabitQuery {
        status: HabitStatus::All,
        theme_id: theme,
        page: 1,
        per_page: u32::MAX,
        ..HabitQuery::default()
    };
    let (views, _) = habits::list(state, owner, &all).await?;
    let due_today = views.iter().filter(|v| v.derived.due_today).count() as u32;
    let done_today = views.iter().filter(|v| v.derived.done_today).count() as u32;
    Ok(Today {
        date,
        greeting: greeting(calendar.hour_of(now)),
        active_tasks: tasks.total,
        tasks: tasks.items,
        habits_total: views.len() as u32,
        habits_active: views.iter().filter(|v| !v.derived.archived).count() as u32,
        due_today,
        done_today,
        success_today: percent(done_today, done_today + due_today).unwrap_or(0.0),
        habits: views
            .into_iter()
            .filter(|v| v.derived.is_for_today())
            .collect(),
        quote: quote_of_the_day(state, date).await?,
    })
}
