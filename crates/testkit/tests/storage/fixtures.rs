use habitflow_domain::checkin::{Checkin, CheckinKind};
use habitflow_domain::derived::{CheckinChange, CheckinState, HistorySummary, Resummarized};
use habitflow_domain::measure::{Amount, HabitKind};
use habitflow_domain::model::{
    CheckinWrite, Habit, HabitInput, NewUser, Profile, TaskInput, ThemeInput, User,
};
use habitflow_domain::pause::PauseSet;
use habitflow_domain::schedule::Rule;
use habitflow_domain::task::Priority;
use habitflow_domain::token::{ApiToken, TokenScope};
use habitflow_storage::{CheckinSummarizer, Store, StoreResult};
use jiff::Timestamp;
use jiff::civil::Date;
use sqlx::{Connection, Row};
use std::collections::BTreeSet;
use uuid::Uuid;

/// A read token of `owner` named `name`, made now, without an end; its hash
/// is derived from the name, so each name is its own token.
pub fn api_token(owner: Uuid, name: &str) -> ApiToken {
    ApiToken {
        id: Uuid::now_v7(),
        user_id: owner,
        name: name.to_owned(),
        scope: TokenScope::Read,
        token_hash: format!("hash of {owner} {name}"),
        created_at: now(),
        last_used_at: None,
        expires_at: None,
    }
}

pub fn now() -> Timestamp {
    "2026-03-10T12:00:00Z".parse().expect("valid instant")
}

pub fn later(seconds: i64) -> Timestamp {
    now() + jiff::SignedDuration::from_secs(seconds)
}

pub async fn user(store: &dyn Store, email: &str) -> User {
    store
        .users()
        .create(
            &NewUser {
                email: email.parse().unwrap(),
                display_name: String::new(),
                password_hash: Some("$argon2id$fake".into()),
                profile: Profile::default(),
            },
            now(),
        )
        .await
        .expect("create user")
}

pub fn theme(name: &str) -> ThemeInput {
    ThemeInput {
        name: name.parse().unwrap(),
        color: "#3366FF".into(),
    }
}

pub fn task(name: &str) -> TaskInput {
    TaskInput {
        theme_id: None,
        name: name.parse().unwrap(),
        description: "".parse().unwrap(),
        priority: Priority::Medium,
        due_on: None,
    }
}

pub fn habit(name: &str) -> HabitInput {
    HabitInput {
        theme_id: None,
        name: name.parse().unwrap(),
        description: "".parse().unwrap(),
        rule: Rule::Daily,
        kind: HabitKind::Boolean,
        starts_on: day(2026, 3, 1),
        ends_on: None,
    }
}

/// A check-in of the owner's habit without a note, written at `now()`.
pub fn checkin(owner: Uuid, habit: Uuid, date: Date, kind: CheckinKind) -> CheckinWrite {
    CheckinWrite {
        owner,
        habit_id: habit,
        date,
        kind,
        note: "".parse().unwrap(),
        value: None,
        now: now(),
    }
}

/// Puts a check-in, summarized by the stand-in `summarize`; whether it changed anything.
pub async fn put(store: &dyn Store, checkin: CheckinWrite) -> StoreResult<bool> {
    let written = store.checkins().put(&checkin, &StandIn).await?;
    Ok(written.changed)
}

pub fn day(year: i16, month: i8, day: i8) -> Date {
    jiff::civil::date(year, month, day)
}

pub fn unknown_id() -> Uuid {
    Uuid::now_v7()
}

/// (table, column) pairs of a SQLite database, leaving out sqlx's own table.
pub async fn sqlite_columns(url: &str) -> BTreeSet<(String, String)> {
    let mut connection = sqlx::SqliteConnection::connect(url).await.expect("connect");
    let rows = sqlx::query(
        "SELECT m.name AS table_name, p.name AS column_name
         FROM sqlite_master m JOIN pragma_table_info(m.name) p
         WHERE m.type = 'table' AND m.name NOT LIKE '\\_sqlx%' ESCAPE '\\' AND m.name NOT LIKE 'sqlite%'",
    )
    .fetch_all(&mut connection)
    .await
    .expect("read SQLite schema");
    rows.iter()
        .map(|row| (row.get("table_name"), row.get("column_name")))
        .collect()
}

pub async fn postgres_columns(url: &str) -> BTreeSet<(String, String)> {
    let mut connection = sqlx::PgConnection::connect(url).await.expect("connect");
    let rows = sqlx::query(
        "SELECT table_name::text AS table_name, column_name::text AS column_name
         FROM information_schema.columns
         WHERE table_schema = 'public' AND table_name NOT LIKE '\\_sqlx%'",
    )
    .fetch_all(&mut connection)
    .await
    .expect("read PostgreSQL schema");
    rows.iter()
        .map(|row| (row.get("table_name"), row.get("column_name")))
        .collect()
}

/// A stand-in for the domain's summary: the last date and the counts, and in
/// the newer fields what the store handed over (the paused days and the sum of
/// the values), so that tests see every column written and read back.
pub fn summarize(pauses: &PauseSet, history: &[Checkin]) -> HistorySummary {
    let done = history
        .iter()
        .filter(|c| c.kind == CheckinKind::Done)
        .count() as u32;
    HistorySummary {
        last_checkin: history.last().map(|c| c.date),
        run_done: 0,
        best_streak: history.len() as u32,
        strength: 0.5,
        done,
        skipped: history
            .iter()
            .filter(|c| c.kind == CheckinKind::Skipped)
            .count() as u32,
        run_before_last: 1,
        strength_before_last: 0.25,
        best_before_last: 2,
        paused_logged: pauses.ranges().iter().map(|r| r.days() as u32).sum(),
        logged_active: history.len() as u32,
        last_period_done: done,
        last_period_sum: history
            .iter()
            .filter_map(|c| c.value)
            .fold(Amount::ZERO, Amount::saturating_add),
    }
}

/// The stand-in rules of check-in writes: always from the whole history,
/// with the stand-in summary and a state on each `done` (its place in the
/// history), so that tests see the state columns written.
pub struct StandIn;

impl CheckinSummarizer for StandIn {
    fn full(&self, pauses: &PauseSet, history: &[Checkin]) -> Resummarized {
        let states = history
            .iter()
            .enumerate()
            .map(|(place, c)| {
                let state = (c.kind == CheckinKind::Done).then_some(CheckinState {
                    run: place as u32,
                    best: place as u32,
                    strength: 0.5,
                });
                (c.date, state)
            })
            .collect();
        Resummarized {
            summary: summarize(pauses, history),
            states,
        }
    }

    fn after_change(&self, _: &PauseSet, _: &CheckinChange<'_>) -> Option<Resummarized> {
        None
    }
}

/// The stand-in summary for habit writes.
pub fn summarize_habit(_: &Habit, pauses: &PauseSet, history: &[Checkin]) -> HistorySummary {
    summarize(pauses, history)
}

/// Polls all futures together on this task, so the store sees them concurrently.
pub async fn futures_join_all<F: std::future::Future>(
    futures: impl IntoIterator<Item = F>,
) -> Vec<F::Output> {
    let mut pending: Vec<_> = futures.into_iter().map(Box::pin).map(Some).collect();
    let mut outputs: Vec<Option<F::Output>> = pending.iter().map(|_| None).collect();
    std::future::poll_fn(|cx| {
        let mut all_done = true;
        for (slot, output) in pending.iter_mut().zip(outputs.iter_mut()) {
            if let Some(future) = slot {
                match future.as_mut().poll(cx) {
                    std::task::Poll::Ready(value) => {
                        *output = Some(value);
                        *slot = None;
                    }
                    std::task::Poll::Pending => all_done = false,
                }
            }
        }
        if all_done {
            std::task::Poll::Ready(())
        } else {
            std::task::Poll::Pending
        }
    })
    .await;
    outputs
        .into_iter()
        .map(|o| o.expect("polled to completion"))
        .collect()
}
