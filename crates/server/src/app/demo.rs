//! `habitflow demo-data`: a user with themes, tasks, habits of every schedule
//! type and years of realistic, imperfect history — for screenshots,
//! benchmarks and trying HabitFlow out.
use super::Services;
use super::error::AppError;
use super::today::UserCalendar;
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::measure::HabitKind;
use habitflow_domain::message::Message;
use habitflow_domain::model::{
    CheckinRecord, HabitInput, NewUser, Profile, TaskInput, ThemeInput, User,
};
use habitflow_domain::schedule::Rule;
use habitflow_domain::task::Priority;
use habitflow_domain::values::{
    Email, HabitDescription, HabitName, TaskDescription, TaskName, ThemeName,
};
use serde_json::json;

/// A small deterministic generator (xorshift64*), so demo data is reproducible.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0.0 .. 1.0`.
    fn unit(&mut self) -> f64 {
        (self.next() >> 11) as f64 / (1u64 << 53) as f64
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n.max(1)
    }
}

const THEMES: [(&str, &str); 5] = [
    ("Health", "#10B981"),
    ("Work", "#4F46E5"),
    ("Home", "#F59E0B"),
    ("Learning", "#0EA5E9"),
    ("Mindfulness", "#8B5CF6"),
];

const TASKS: [&str; 30] = [
    "Book a dentist appointment",
    "Renew passport",
    "Fix the bike light",
    "Plan the team offsite",
    "Write the quarterly report",
    "Answer Anna's email",
    "Order printer ink",
    "Clean the gutters",
    "Call the insurance",
    "Update the CV",
    "Read the design doc",
    "Prepare the workshop",
    "Buy a birthday present",
    "Back up the laptop",
    "Cancel the old gym plan",
    "Sort the photos",
    "Pay the electricity bill",
    "Return the library books",
    "Replace the smoke alarm battery",
    "Review pull requests",
    "Plan the summer trip",
    "Donate old clothes",
    "Defrost the freezer",
    "Schedule a car service",
    "Learn the new keyboard shortcuts",
    "Set up the new phone",
    "Write thank-you cards",
    "Repot the plants",
    "File the receipts",
    "Check the tyre pressure",
];

/// (name, theme index, schedule type, config, how reliably it is done).
fn habits() -> Vec<(&'static str, usize, &'static str, serde_json::Value, f64)> {
    vec![
        ("Drink water", 0, "daily", json!({}), 0.92),
        ("Walk 8000 steps", 0, "daily", json!({}), 0.75),
        (
            "Gym",
            0,
            "weekly_days",
            json!({"days": ["mon", "wed", "fri"]}),
            0.7,
        ),
        (
            "Inbox zero",
            1,
            "weekly_days",
            json!({"days": ["fri"]}),
            0.8,
        ),
        (
            "Deep-clean the kitchen",
            2,
            "weekly_days",
            json!({"days": ["sat"], "every_weeks": 2}),
            0.65,
        ),
        ("Pay the rent", 2, "monthly_day", json!({"day": 31}), 0.98),
        (
            "Monthly budget review",
            1,
            "monthly_day",
            json!({"day": 1}),
            0.85,
        ),
        (
            "Renew the insurance",
            2,
            "yearly_date",
            json!({"month": 2, "day": 29}),
            0.9,
        ),
        (
            "Read 20 pages",
            3,
            "interval_cycle",
            json!({"active_days": 1, "break_days": 1}),
            0.7,
        ),
        (
            "Spanish lesson",
            3,
            "interval_cycle",
            json!({"active_days": 3, "break_days": 4}),
            0.6,
        ),
        ("Meditate", 4, "daily", json!({}), 0.55),
        ("Journal", 4, "weekly_days", json!({"days": ["sun"]}), 0.8),
    ]
}

/// Creates the demo user and their data; returns the user.
pub async fn create(
    state: &Services,
    email: &str,
    password: &str,
    years: u32,
) -> Result<User, AppError> {
    let email = Email::parse(email).map_err(|m| {
        AppError::Validation(habitflow_domain::validation::FieldErrors::single(
            "email", m,
        ))
    })?;
    let now = state.clock.now();
    let hash = state.passwords.hash(password.to_owned()).await?;
    let user = state
        .store
        .users()
        .create(
            &NewUser {
                email: email.clone(),
                display_name: "Demo".into(),
                password_hash: Some(hash),
                profile: Profile {
                    display_name: "Demo".into(),
                    ..Profile::default()
                },
            },
            now,
        )
        .await?;
    let mut dice = Dice(0x5EED_0000_0000_0001 ^ u64::from(years));
    let mut theme_ids = Vec::new();
    for (name, color) in THEMES {
        let theme = state
            .store
            .themes()
            .create(
                user.id,
                &ThemeInput {
                    name: ThemeName::parse(name).map_err(demo_value)?,
                    color: color.into(),
                },
                now,
            )
            .await?;
        theme_ids.push(theme.id);
    }
    let today = UserCalendar::of(&user).today(state);
    for (index, name) in TASKS.iter().enumerate() {
        let priority = Priority::ALL[dice.below(3) as usize];
        let due_on = (dice.unit() < 0.6).then(|| {
            today
                .checked_add(jiff::Span::new().days(dice.below(40) as i64 - 10))
                .unwrap_or(today)
        });
        let input = TaskInput {
            theme_id: (index % 6 != 5).then(|| theme_ids[index % theme_ids.len()]),
            name: TaskName::parse(name).map_err(demo_value)?,
            description: TaskDescription::parse("").map_err(demo_value)?,
            priority,
            due_on,
        };
        // Created up to 60 days ago and, for some, completed since.
        let age_hours = dice.below(24 * 60) as i64;
        let created_at = now
            .checked_sub(jiff::SignedDuration::from_hours(age_hours))
            .unwrap_or(now);
        let task = state
            .store
            .tasks()
            .create(user.id, &input, created_at)
            .await?;
        if dice.unit() < 0.35 {
            let done_at = created_at
                .checked_add(jiff::SignedDuration::from_hours(
                    dice.below(age_hours.max(1) as u64) as i64,
                ))
                .unwrap_or(now);
            state
                .store
                .tasks()
                .set_completed_at(user.id, task.id, Some(done_at), now)
                .await?;
        }
    }
    let starts_on = today
        .checked_sub(jiff::Span::new().days(i64::from(years) * 365))
        .unwrap_or(today);
    for (name, theme, schedule_type, config, reliability) in habits() {
        let input = HabitInput {
            theme_id: Some(theme_ids[theme]),
            name: HabitName::parse(name).map_err(demo_value)?,
            description: HabitDescription::parse("").map_err(demo_value)?,
            rule: Rule::from_config(schedule_type, &config)
                .map_err(|e| AppError::Internal(format!("demo habit {name}: {e:?}")))?,
            kind: HabitKind::Boolean,
            starts_on,
            ends_on: None,
        };
        let habit = state.store.habits().create(user.id, &input, now).await?;
        let schedule = habit.schedule();
        let mut history = Vec::new();
        // Good and bad spells: the chance of doing it drifts around the habit's reliability.
        let mut mood = 0.0f64;
        for date in schedule
            .occurrences_from(starts_on)
            .take_while(|d| *d < today)
        {
            mood = (mood * 0.9 + (dice.unit() - 0.5) * 0.2).clamp(-0.3, 0.3);
            let roll = dice.unit();
            let kind = if roll < 0.04 {
                Some(CheckinKind::Skipped)
            } else if roll < reliability + mood {
                Some(CheckinKind::Done)
            } else {
                None
            };
            if let Some(kind) = kind {
                history.push(CheckinRecord {
                    habit_id: habit.id,
                    date,
                    kind,
                    note: String::new(),
                    value: None,
                });
            }
        }
        state
            .store
            .checkins()
            .insert_many(user.id, &history, now)
            .await?;
        super::habit_values::resummarize(state, &user, &habit).await?;
    }
    Ok(user)
}

/// A demo value the validation refuses is a mistake in this file.
fn demo_value(message: Message) -> AppError {
    AppError::Internal(format!("demo data breaks a rule: {message:?}"))
}
