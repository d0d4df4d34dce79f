//! A page costs the same number of SQL queries whatever the data size: the
//! habits list, the tasks list, the home page and the statistics with 200
//! habits and two years of check-ins issue no more queries than with 2 habits,
//! and a user with every newer kind and type, pauses and a vacation pays the
//! same with 1 and with 10 years of history. A test binary of its own, so the
//! query counter sees only this test's queries.
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

use habitflow_testkit::{API, BROWSER, Browser, TestApp};
use serde_json::json;
use sqlx::Connection;
use std::sync::atomic::{AtomicUsize, Ordering};
use tracing_subscriber::layer::SubscriberExt;

static QUERIES: AtomicUsize = AtomicUsize::new(0);
/// The statements counted since the last reset, to show what a failing count saw.
static STATEMENTS: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// Keeps the `summary` field sqlx logs with each statement.
struct Summary(String);

impl tracing::field::Visit for Summary {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "summary" || (self.0.is_empty() && field.name() == "message") {
            self.0 = format!("{value:?}");
        }
    }
}

/// Counts sqlx's per-statement log events.
struct QueryCounter;

impl<S: tracing::Subscriber> tracing_subscriber::Layer<S> for QueryCounter {
    fn on_event(&self, event: &tracing::Event<'_>, _: tracing_subscriber::layer::Context<'_, S>) {
        if event.metadata().target().starts_with("sqlx::query") {
            let mut summary = Summary(String::new());
            event.record(&mut summary);
            // A new pooled connection runs its PRAGMAs once; that is set-up, not the request's work.
            if summary.0.to_ascii_uppercase().contains("PRAGMA") {
                return;
            }
            QUERIES.fetch_add(1, Ordering::SeqCst);
            STATEMENTS.lock().unwrap().push(summary.0);
        }
    }
}

async fn queries_of(client: &mut Browser, path: &str, accept: &str) -> usize {
    // A first request may refresh the session's last-seen time (once a minute);
    // count the second one, which never does.
    client.get(path, accept).await;
    QUERIES.store(0, Ordering::SeqCst);
    STATEMENTS.lock().unwrap().clear();
    let (response, body) = client.get(path, accept).await;
    assert!(response.status().is_success(), "{path}: {body}");
    QUERIES.load(Ordering::SeqCst)
}

async fn user_with(app: &TestApp, email: &str, habits: usize) -> Browser {
    let mut client = app.signed_in(email).await;
    let theme_id = client.create_theme(json!({"name": "Theme"})).await["id"].clone();
    for n in 0..habits {
        client
            .create_habit(json!({"name": format!("Habit {n}"), "starts_on": "2024-01-01", "theme_id": theme_id}))
            .await;
        client
            .create_task(json!({"name": format!("Task {n}"), "theme_id": theme_id}))
            .await;
    }
    client
}

/// Two years of daily check-ins for every habit of the user, in one statement.
async fn two_years_of_checkins(app: &TestApp, email: &str, habits: u64) {
    let mut connection = sqlx::SqliteConnection::connect(app.database.url())
        .await
        .unwrap();
    let inserted = sqlx::query(
        "WITH RECURSIVE days(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM days WHERE n < 729)
         INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at)
         SELECT h.id, h.owner_id, date('2024-01-01', '+' || n || ' days'), CASE WHEN n % 9 = 0 THEN 'skipped' ELSE 'done' END, '', 0
         FROM habits h JOIN users u ON u.id = h.owner_id, days WHERE u.email = $1",
    )
    .bind(email)
    .execute(&mut connection)
    .await
    .unwrap();
    assert_eq!(inserted.rows_affected(), habits * 730);
}

/// A user with every newer kind and schedule type (docs/product.md#measurable-habits),
/// `years` of daily check-ins (values on the measurable habits), a pause on
/// each habit and a vacation.
async fn richer_user(app: &TestApp, email: &str, years: i64) -> Browser {
    let mut client = app.signed_in(email).await;
    let starts_on = habitflow_testkit::local_today()
        .checked_sub(jiff::Span::new().days(years * 365))
        .unwrap()
        .to_string();
    let habits = [
        json!({"name": "Water", "kind": "measurable", "unit": "glasses", "target": 8, "target_type": "at_least"}),
        json!({"name": "Coffee", "kind": "measurable", "unit": "cups", "target": 2, "target_type": "at_most"}),
        json!({"name": "Review", "schedule_type": "monthly_weekday", "schedule_config": {"week": -1, "weekday": "fri", "every_months": 2}}),
        json!({"name": "Swim", "schedule_type": "times_per_period", "schedule_config": {"times": 3, "period": "week"}}),
        json!({"name": "Cardio", "schedule_type": "times_per_period", "schedule_config": {"period": "month"},
               "kind": "measurable", "unit": "min", "target": 150, "target_type": "at_least"}),
        json!({"name": "Floss", "schedule_type": "monthly_day", "schedule_config": {"day": 31, "every_months": 3}}),
    ];
    let mut ids = Vec::new();
    for mut habit in habits {
        habit["starts_on"] = json!(starts_on);
        ids.push(habitflow_testkit::id_of(&client.create_habit(habit).await));
    }
    let mut connection = sqlx::SqliteConnection::connect(app.database.url())
        .await
        .unwrap();
    let inserted = sqlx::query(
        "WITH RECURSIVE days(n) AS (SELECT 0 UNION ALL SELECT n + 1 FROM days WHERE n < $2)
         INSERT INTO checkins (habit_id, owner_id, date, kind, note, created_at, value)
         SELECT h.id, h.owner_id, date($3, '+' || n || ' days'), 'done', '', 0,
                CASE WHEN h.kind = 'measurable' THEN (n % 11) * 1000 END
         FROM habits h JOIN users u ON u.id = h.owner_id, days
         WHERE u.email = $1 AND date($3, '+' || n || ' days') < date('now', '-1 day')",
    )
    .bind(email)
    .bind(years * 365)
    .bind(&starts_on)
    .execute(&mut connection)
    .await
    .unwrap();
    assert!(inserted.rows_affected() >= 6 * (years as u64 * 365 - 2));
    for (n, id) in ids.iter().enumerate() {
        let from = habitflow_testkit::local_today()
            .checked_sub(jiff::Span::new().days(40 + 10 * n as i64))
            .unwrap();
        let to = from.checked_add(jiff::Span::new().days(6)).unwrap();
        client
            .post_json(
                &format!("/habits/{id}/pauses"),
                json!({"from": from.to_string(), "to": to.to_string()}),
            )
            .await;
    }
    let today = habitflow_testkit::local_today();
    client
        .post_json(
            "/settings/vacations",
            json!({"from": today.checked_sub(jiff::Span::new().days(3)).unwrap().to_string(), "to": today.to_string()}),
        )
        .await;
    client
}

#[tokio::test]
async fn pages_cost_the_same_queries_for_2_and_for_200_habits() {
    let subscriber = tracing_subscriber::registry().with(QueryCounter);
    tracing::subscriber::set_global_default(subscriber).unwrap();
    let app = TestApp::spawn().await;
    let mut small = user_with(&app, "small@example.com", 2).await;
    let mut large = user_with(&app, "large@example.com", 200).await;
    two_years_of_checkins(&app, "large@example.com", 200).await;
    two_years_of_checkins(&app, "small@example.com", 2).await;

    for (path, accept) in [
        ("/habits?status=all&per_page=100", API),
        ("/habits?status=all&sort=streak", BROWSER),
        ("/habits", BROWSER),
        ("/tasks?per_page=100", API),
        ("/tasks", BROWSER),
        ("/", BROWSER),
        ("/stats?range=30d", API),
        ("/stats?range=1y", BROWSER),
    ] {
        let few = queries_of(&mut small, path, accept).await;
        let many = queries_of(&mut large, path, accept).await;
        assert!(few > 0, "the counter sees queries");
        assert!(
            many <= few,
            "{path}: {many} queries for 200 habits, {few} for 2"
        );
        assert!(many <= 8, "{path}: {many} queries");
        println!("{path} ({accept}): {few} queries with 2 habits, {many} with 200");
    }

    // The demo user of `habitflow demo-data`: 12 habits with 1 and with 10 years of history.
    let mut counts = Vec::new();
    for years in [1, 10] {
        let email = format!("demo{years}@example.com");
        habitflow::app::demo::create(&app.state.services, &email, "demo-habits-2026", years)
            .await
            .unwrap();
        let mut demo = app.browser();
        demo.ip = format!("203.0.113.{years}");
        let (response, _) = demo
            .send_json(
                "POST",
                "/auth/login",
                json!({"email": email, "password": "demo-habits-2026"}),
                None,
            )
            .await;
        assert_eq!(response.status(), 200);
        counts.push(queries_of(&mut demo, "/stats?range=30d", API).await);
    }
    println!(
        "/stats?range=30d for the demo user: {} queries with 1 year, {} with 10 years",
        counts[0], counts[1]
    );
    assert_eq!(
        counts[0], counts[1],
        "ten years of history cost no more queries than one"
    );
    assert!(counts[1] <= 8, "{counts:?}");

    // Every newer kind and type, with pauses and a vacation.
    let mut one = richer_user(&app, "richer1@example.com", 1).await;
    let mut ten = richer_user(&app, "richer10@example.com", 10).await;
    for (path, accept) in [
        ("/habits?status=all&per_page=100", API),
        ("/habits", BROWSER),
        ("/", BROWSER),
        ("/stats?range=7d", API),
        ("/stats?range=30d", API),
        ("/stats?range=90d", BROWSER),
        ("/stats?range=1y", BROWSER),
    ] {
        let short = queries_of(&mut one, path, accept).await;
        let long = queries_of(&mut ten, path, accept).await;
        println!(
            "{path} ({accept}), every newer type: {short} queries with 1 year, {long} with 10 years"
        );
        assert_eq!(
            short, long,
            "{path}: ten years of history cost no more queries than one"
        );
        assert!(long <= 8, "{path}: {long} queries");
    }
    app.remove().await;
}
