//! Habits (`docs/product.md#habits`): create, list, edit, archive and delete.
use super::Services;
use super::changes::{Patch, parse_date, parse_id, text_field};
use super::error::{AppError, OrNotFound};
use super::habit_values::{
    Derived, checkin_of, derive_from_summary, summarize_habit, summarize_missing, summarize_with,
};
use super::reminders;
use super::themes::{ThemeLabel, owned_theme_id, theme_label};
use super::today::UserCalendar;
use habitflow_domain::checkin::Checkin;
use habitflow_domain::derived::HistorySummary;
use habitflow_domain::measure::HabitKind;
use habitflow_domain::model::page_offset;
use habitflow_domain::model::{EffectivePauses, Habit, HabitInput, User};
use habitflow_domain::pause::PauseSet;
use habitflow_domain::reminder::ReminderTimes;
use habitflow_domain::schedule::{Rule, Schedule};
use habitflow_domain::validation::FieldErrors;
use habitflow_domain::values::{HabitDescription, HabitName};
use habitflow_storage::ListedHabit;
use jiff::civil::Date;
use std::collections::HashMap;
use std::sync::Mutex;
use uuid::Uuid;

/// The fields of a habit as sent; absent fields keep their stored value.
#[derive(Debug, Default, Clone)]
pub struct HabitChanges {
    pub name: Option<String>,
    pub description: Option<String>,
    pub theme_id: Patch<String>,
    pub schedule_type: Option<String>,
    pub schedule_config: Option<serde_json::Value>,
    pub starts_on: Option<String>,
    pub ends_on: Patch<String>,
    /// `boolean` or `measurable` (docs/product.md#measurable-habits); with
    /// `unit`, `target` (a JSON number, or text from a form) and `target_type`.
    pub kind: Option<String>,
    pub unit: Option<String>,
    pub target: Option<serde_json::Value>,
    pub target_type: Option<String>,
    /// Up to five `HH:MM` (docs/reminders.md); absent keeps the habit's times.
    pub reminder_times: Option<Vec<String>>,
}

/// A habit as the pages and the API show it.
#[derive(Debug, Clone)]
pub struct HabitView {
    pub habit: Habit,
    pub theme: Option<ThemeLabel>,
    pub derived: Derived,
    pub today: Date,
    /// Its reminder times (docs/reminders.md); left empty by `list`, which
    /// the home page uses without them, and read by `list_page` and `get`.
    pub reminder_times: ReminderTimes,
}

impl HabitView {
    /// Whether its check-ins carry a value (docs/product.md#measurable-habits).
    pub fn is_measurable(&self) -> bool {
        matches!(self.habit.kind, HabitKind::Measurable(_))
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HabitStatus {
    #[default]
    Today,
    Active,
    CompletedToday,
    Archived,
    All,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum HabitSort {
    #[default]
    CreatedAt,
    UpdatedAt,
    Name,
    Streak,
}

#[derive(Debug, Clone, Default)]
pub struct HabitQuery {
    pub status: HabitStatus,
    /// `None` for all types.
    pub schedule_type: Option<String>,
    /// Only the habits of this theme.
    pub theme_id: Option<Uuid>,
    pub sort: HabitSort,
    pub descending: bool,
    pub page: u32,
    pub per_page: u32,
}

const NOT_FOUND: &str = "error-habit-not-found";

/// The owner's habit, or "habit not found" (for another owner's too).
pub async fn owned_habit(state: &Services, owner: &User, id: Uuid) -> Result<Habit, AppError> {
    state
        .store
        .habits()
        .get(owner.id, id)
        .await?
        .or_not_found(NOT_FOUND)
}
fn matches_status(derived: &Derived, status: HabitStatus) -> bool {
    match status {
        HabitStatus::Today => derived.is_for_today(),
        HabitStatus::Active => !derived.archived,
        HabitStatus::CompletedToday => derived.done_today,
        HabitStatus::Archived => derived.archived,
        HabitStatus::All => true,
    }
}

/// One page of the owner's habits with derived values. Reads the habits with
/// their themes' labels, their pauses (and the vacations), their summaries and
/// today's check-ins in one query whatever the number of habits or the length of their history (plus,
/// once, the history of habits that have no summary yet).
pub async fn list(
    state: &Services,
    owner: &User,
    query: &HabitQuery,
) -> Result<(Vec<HabitView>, u32), AppError> {
    listed_views(state, owner, query, ReminderTimesShown::No).await
}

/// Whether the views carry their habits' reminder times (read with the
/// habits either way).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReminderTimesShown {
    Yes,
    No,
}

async fn listed_views(
    state: &Services,
    owner: &User,
    query: &HabitQuery,
    reminder_times_shown: ReminderTimesShown,
) -> Result<(Vec<HabitView>, u32), AppError> {
    let calendar = UserCalendar::of(owner);
    let today = calendar.today(state);
    let (listed, pauses) = state.store.habits().list_for_day(owner.id, today).await?;
    let pauses = pauses.effective();
    let unsummarized: Vec<&Habit> = listed
        .iter()
        .filter(|listed| listed.summary.is_none())
        .map(|listed| &listed.habit)
        .collect();
    let computed: HashMap<Uuid, HistorySummary> = if unsummarized.is_empty() {
        HashMap::new()
    } else {
        summarize_missing(state, owner, &unsummarized, &pauses, &calendar, today)
            .await?
            .into_iter()
            .collect()
    };
    let mut views = Vec::new();
    for ListedHabit {
        habit,
        theme,
        summary,
        checkin_of_day,
        reminder_times,
    } in listed
    {
        let other_type = query
            .schedule_type
            .as_deref()
            .is_some_and(|t| t != habit.rule.type_name());
        let other_theme = query
            .theme_id
            .is_some_and(|theme| habit.theme_id != Some(theme));
        if other_type || other_theme {
            continue;
        }
        let summary = summary
            .or_else(|| computed.get(&habit.id).copied())
            .unwrap_or_default();
        let derived = derive_from_summary(
            &habit,
            summary,
            checkin_of_day,
            pauses.of(habit.id),
            &calendar,
            today,
        )?;
        if matches_status(&derived, query.status) {
            let theme = theme.map(|theme| ThemeLabel {
                name: theme.name,
                color: theme.color,
            });
            views.push(HabitView {
                reminder_times: match reminder_times_shown {
                    ReminderTimesShown::Yes => reminder_times,
                    ReminderTimesShown::No => ReminderTimes::default(),
                },
                habit,
                theme,
                derived,
                today,
            });
        }
    }
    views.sort_by(|a, b| {
        let order = match query.sort {
            HabitSort::CreatedAt => a.habit.created_at.cmp(&b.habit.created_at),
            HabitSort::UpdatedAt => a.habit.updated_at.cmp(&b.habit.updated_at),
            HabitSort::Name => a
                .habit
                .name
                .to_lowercase()
                .cmp(&b.habit.name.to_lowercase()),
            HabitSort::Streak => a.derived.current_streak.cmp(&b.derived.current_streak),
        };
        let order = order.then_with(|| a.habit.id.cmp(&b.habit.id));
        if query.descending {
            order.reverse()
        } else {
            order
        }
    });
    let total = views.len() as u32;
    let start = usize::try_from(page_offset(query.page, query.per_page)).unwrap_or(usize::MAX);
    let page = views
        .into_iter()
        .skip(start)
        .take(query.per_page as usize)
        .collect();
    Ok((page, total))
}

/// The habits list's page: `list`, with the reminder times of the habits
/// on the page (read with them).
pub async fn list_page(
    state: &Services,
    owner: &User,
    query: &HabitQuery,
) -> Result<(Vec<HabitView>, u32), AppError> {
    listed_views(state, owner, query, ReminderTimesShown::Yes).await
}

pub async fn get(state: &Services, owner: &User, id: Uuid) -> Result<HabitView, AppError> {
    let habit = owned_habit(state, owner, id).await?;
    view_of(state, owner, habit).await
}

async fn view_of(state: &Services, owner: &User, habit: Habit) -> Result<HabitView, AppError> {
    let around = Surroundings::read(state, owner, Some(&habit), habit.theme_id).await?;
    around.view(state, owner, habit, None)
}

/// What a habit's answer is derived from besides the habit itself: its
/// summary, today's check-in and its effective pauses — a bounded read,
/// whatever the length of its history (docs/product.md#performance). A create
/// or an edit reads it before its write, so that once the write is committed
/// the answer needs no database: a failure right after the commit must not
/// report a stored write as failed (docs/reliability.md).
struct Surroundings {
    /// `None` for a habit not yet created: it has no check-ins.
    summary: Option<HistorySummary>,
    today_checkin: Option<Checkin>,
    reminder_times: ReminderTimes,
    pauses: PauseSet,
    theme: Option<ThemeLabel>,
}

impl Surroundings {
    /// The summary, today's check-in and the effective pauses of `habit`
    /// (for a habit not yet created, the owner's vacations), and the label of `theme`.
    async fn read(
        state: &Services,
        owner: &User,
        habit: Option<&Habit>,
        theme: Option<Uuid>,
    ) -> Result<Self, AppError> {
        let calendar = UserCalendar::of(owner);
        let today = calendar.today(state);
        let theme = theme_label(state, owner, theme).await?;
        let Some(habit) = habit else {
            let vacations = state.store.vacations().list(owner.id).await?;
            return Ok(Self {
                summary: None,
                today_checkin: None,
                reminder_times: ReminderTimes::default(),
                pauses: PauseSet::merge(vacations.into_iter().map(|vacation| vacation.range)),
                theme,
            });
        };
        let pauses = state
            .store
            .pauses()
            .effective_for_habit(owner.id, habit.id)
            .await?;
        let stored = state
            .store
            .summaries()
            .for_owner(owner.id)
            .await?
            .into_iter()
            .find(|(id, _)| *id == habit.id)
            .map(|(_, summary)| summary);
        let summary = match stored {
            Some(summary) => summary,
            None => {
                let effective = EffectivePauses::single(habit.id, pauses.clone());
                summarize_missing(state, owner, &[habit], &effective, &calendar, today)
                    .await?
                    .into_iter()
                    .map(|(_, summary)| summary)
                    .next()
                    .unwrap_or_default()
            }
        };
        let today_checkin = state
            .store
            .checkins()
            .for_habit(owner.id, habit.id, today, today)
            .await?
            .first()
            .map(checkin_of);
        let reminder_times = reminders::times_of(state, owner, &[habit.id])
            .await?
            .remove(&habit.id)
            .unwrap_or_default();
        Ok(Self {
            summary: Some(summary),
            today_checkin,
            reminder_times,
            pauses,
            theme,
        })
    }

    /// The habit's view; `written` is the summary its write just stored, if any.
    fn view(
        self,
        state: &Services,
        owner: &User,
        habit: Habit,
        written: Option<HistorySummary>,
    ) -> Result<HabitView, AppError> {
        let calendar = UserCalendar::of(owner);
        let today = calendar.today(state);
        let summary = written.or(self.summary).unwrap_or_else(|| {
            let archived_on = habit.archived_at.map(|at| calendar.date_of(at));
            summarize_with(&habit, archived_on, &self.pauses, &[], today)
        });
        let derived = derive_from_summary(
            &habit,
            summary,
            self.today_checkin,
            &self.pauses,
            &calendar,
            today,
        )?;
        Ok(HabitView {
            habit,
            theme: self.theme,
            derived,
            today,
            reminder_times: self.reminder_times,
        })
    }
}

/// The summary rule of a habit write, keeping what it computed for the
/// write's answer (the store runs it inside the write's transaction).
struct KeptSummary {
    kept: Mutex<Option<HistorySummary>>,
}

impl KeptSummary {
    fn new() -> Self {
        Self {
            kept: Mutex::new(None),
        }
    }

    fn rule<'a>(
        &'a self,
        owner: &User,
    ) -> impl Fn(&Habit, &PauseSet, &[Checkin]) -> HistorySummary + Send + Sync + 'a {
        let summarize = summarize_habit(owner);
        move |habit: &Habit, pauses: &PauseSet, history: &[Checkin]| {
            let summary = summarize(habit, pauses, history);
            if let Ok(mut kept) = self.kept.lock() {
                *kept = Some(summary);
            }
            summary
        }
    }

    fn take(self) -> Option<HistorySummary> {
        self.kept.into_inner().ok().flatten()
    }
}

/// The kind as sent, each absent field kept from the current habit
/// (docs/product.md#measurable-habits); errors name the field.
fn kind_of(changes: &HabitChanges, current: Option<&Habit>) -> Result<HabitKind, FieldErrors> {
    let measure = current.and_then(|habit| match &habit.kind {
        HabitKind::Measurable(measure) => Some(measure),
        HabitKind::Boolean => None,
    });
    let kind = changes
        .kind
        .as_deref()
        .or_else(|| current.map(|habit| habit.kind.code()));
    let unit = changes
        .unit
        .as_deref()
        .or_else(|| measure.map(|m| m.unit.as_str()));
    let target = changes
        .target
        .clone()
        .or_else(|| measure.map(|m| m.target.amount().to_json()));
    let target_type = changes
        .target_type
        .as_deref()
        .or_else(|| measure.map(|m| m.target.target_type().code()));
    HabitKind::parse(kind, unit, target.as_ref(), target_type)
}

async fn validated(
    state: &Services,
    owner: &User,
    changes: HabitChanges,
    current: Option<&Habit>,
) -> Result<HabitInput, AppError> {
    let mut errors = FieldErrors::new();
    let name = text_field(
        "name",
        changes.name.as_deref(),
        current.map(|h| h.name.as_str()),
        HabitName::parse,
        &mut errors,
    );
    let description = text_field(
        "description",
        changes.description.as_deref(),
        current.map(|h| h.description.as_str()),
        HabitDescription::parse,
        &mut errors,
    );
    let kind = kind_of(&changes, current)
        .map_err(|kind_errors| {
            kind_errors
                .iter()
                .for_each(|(f, m)| errors.add(f, m.clone()))
        })
        .ok();
    let schedule_type = changes
        .schedule_type
        .or_else(|| current.map(|h| h.rule.type_name().to_owned()))
        .unwrap_or_else(|| "daily".to_owned());
    let schedule_config = match (changes.schedule_config, current) {
        (Some(config), _) => config,
        (None, Some(habit)) if habit.rule.type_name() == schedule_type => habit.rule.config(),
        (None, _) => serde_json::Value::Object(serde_json::Map::new()),
    };
    let rule = Rule::from_config(&schedule_type, &schedule_config)
        .and_then(|rule| match &kind {
            Some(kind) => rule.check_kind(kind).map(|()| rule),
            None => Ok(rule),
        })
        .map_err(|schedule_errors| {
            schedule_errors
                .iter()
                .for_each(|(f, m)| errors.add(f, m.clone()))
        })
        .ok();
    let starts_on = match (changes.starts_on, current) {
        (Some(raw), _) => parse_date("starts_on", Some(&raw), &mut errors)
            .map(|d| d.unwrap_or_else(|| UserCalendar::of(owner).today(state))),
        (None, Some(habit)) => Some(habit.starts_on),
        (None, None) => Some(UserCalendar::of(owner).today(state)),
    };
    let ends_on = match (changes.ends_on, current) {
        (Some(raw), _) => parse_date("ends_on", raw.as_deref(), &mut errors),
        (None, habit) => Some(habit.and_then(|h| h.ends_on)),
    };
    if let (Some(start), Some(Some(end))) = (starts_on, ends_on)
        && end < start
    {
        errors.add("ends_on", "error-ends-before-start");
    }
    let theme_id = match (changes.theme_id, current) {
        (Some(raw), _) => parse_id("theme_id", raw.as_deref(), &mut errors),
        (None, habit) => Some(habit.and_then(|h| h.theme_id)),
    };
    let (
        Some(name),
        Some(description),
        Some(rule),
        Some(kind),
        Some(starts_on),
        Some(ends_on),
        Some(theme_id),
    ) = (name, description, rule, kind, starts_on, ends_on, theme_id)
    else {
        return Err(AppError::Validation(errors));
    };
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    let theme_id = owned_theme_id(state, owner, theme_id).await?;
    Ok(HabitInput {
        theme_id,
        name,
        description,
        rule,
        kind,
        starts_on,
        ends_on,
    })
}

/// How many dates (or periods) the form's preview shows.
const PREVIEW_COUNT: usize = 5;

/// A schedule as the form would save it: its rule and its next dates from
/// today (or from its start), computed by the same engine that judges
/// check-ins (docs/schedules.md).
#[derive(Debug, Clone)]
pub struct SchedulePreview {
    pub rule: Rule,
    pub next_dates: Vec<Date>,
    /// For a `times_per_period` rule, whose every date counts: its next periods.
    pub next_periods: Vec<(Date, Date)>,
}

/// The preview of the schedule fields of `changes`; nothing is stored.
/// Errors name the schedule's fields, as saving would.
pub fn preview(
    state: &Services,
    owner: &User,
    changes: &HabitChanges,
) -> Result<SchedulePreview, AppError> {
    let mut errors = FieldErrors::new();
    let today = UserCalendar::of(owner).today(state);
    let schedule_type = changes.schedule_type.as_deref().unwrap_or("daily");
    let config = changes
        .schedule_config
        .clone()
        .unwrap_or_else(|| serde_json::Value::Object(serde_json::Map::new()));
    let rule = Rule::from_config(schedule_type, &config)
        .map_err(|rule_errors| {
            rule_errors
                .iter()
                .for_each(|(f, m)| errors.add(f, m.clone()))
        })
        .ok();
    let starts_on = parse_date("starts_on", changes.starts_on.as_deref(), &mut errors)
        .map(|date| date.unwrap_or(today));
    let ends_on = match &changes.ends_on {
        Some(raw) => parse_date("ends_on", raw.as_deref(), &mut errors),
        None => Some(None),
    };
    let (Some(rule), Some(starts_on), Some(ends_on)) = (rule, starts_on, ends_on) else {
        return Err(AppError::Validation(errors));
    };
    if ends_on.is_some_and(|end| end < starts_on) {
        errors.add("ends_on", "error-ends-before-start");
        return Err(AppError::Validation(errors));
    }
    let schedule = Schedule::new(rule.clone(), starts_on, ends_on);
    let from = today.max(starts_on);
    Ok(SchedulePreview {
        next_dates: schedule.next_dates(from, PREVIEW_COUNT),
        next_periods: schedule.next_periods(from, PREVIEW_COUNT),
        rule,
    })
}

pub async fn create(
    state: &Services,
    owner: &User,
    changes: HabitChanges,
) -> Result<HabitView, AppError> {
    let times = reminder_times_of(&changes)?;
    let input = validated(state, owner, changes, None).await?;
    let mut around = Surroundings::read(state, owner, None, input.theme_id).await?;
    let habit = state
        .store
        .habits()
        .create(owner.id, &input, state.clock.now())
        .await?;
    if let Some(times) = times {
        reminders::set_times(state, owner, habit.id, &times).await?;
        around.reminder_times = times;
    }
    around.view(state, owner, habit, None)
}

pub async fn update(
    state: &Services,
    owner: &User,
    id: Uuid,
    changes: HabitChanges,
) -> Result<HabitView, AppError> {
    let current = owned_habit(state, owner, id).await?;
    let times = reminder_times_of(&changes)?;
    let input = validated(state, owner, changes, Some(&current)).await?;
    let mut around = Surroundings::read(state, owner, Some(&current), input.theme_id).await?;
    let kept = KeptSummary::new();
    let habit = state
        .store
        .habits()
        .update(owner.id, id, &input, state.clock.now(), &kept.rule(owner))
        .await
        .or_not_found(NOT_FOUND)?;
    if let Some(times) = times {
        reminders::set_times(state, owner, id, &times).await?;
        around.reminder_times = times;
    }
    around.view(state, owner, habit, kept.take())
}

/// Archives by hand (idempotent) or restores a habit archived by hand.
pub async fn set_archived(
    state: &Services,
    owner: &User,
    id: Uuid,
    archived: bool,
) -> Result<HabitView, AppError> {
    let current = owned_habit(state, owner, id).await?;
    let around = Surroundings::read(state, owner, Some(&current), current.theme_id).await?;
    let kept = KeptSummary::new();
    let habit = match (archived, current.archived_at) {
        (true, Some(_)) | (false, None) => current,
        (true, None) => {
            let now = state.clock.now();
            state
                .store
                .habits()
                .set_archived_at(owner.id, id, Some(now), now, &kept.rule(owner))
                .await?
        }
        (false, Some(_)) => {
            state
                .store
                .habits()
                .set_archived_at(owner.id, id, None, state.clock.now(), &kept.rule(owner))
                .await?
        }
    };
    around.view(state, owner, habit, kept.take())
}

/// The reminder times sent, parsed before anything is written.
fn reminder_times_of(changes: &HabitChanges) -> Result<Option<ReminderTimes>, AppError> {
    changes
        .reminder_times
        .as_deref()
        .map(reminders::parse_times)
        .transpose()
}

pub async fn delete(state: &Services, owner: &User, id: Uuid) -> Result<(), AppError> {
    state
        .store
        .habits()
        .delete(owner.id, id)
        .await?
        .then_some(())
        .or_not_found(NOT_FOUND)
}
