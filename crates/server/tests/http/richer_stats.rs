//! The statistics of the richer habits (docs/schedules.md#statistics):
//! period-based rates, the values of measurable habits, the newer schedule
//! types, pauses and vacations, in JSON and on the page, on both databases.
use habitflow_testkit::{BROWSER, Browser, TestApp, id_of};
use serde_json::{Value, json};

/// Tuesday 10 March 2026, noon UTC.
const NOW: &str = "2026-03-10T12:00:00Z";

habitflow_testkit::on_each_backend!(
    sqlite => TestApp::builder().clock(NOW).spawn(),
    postgres if with_postgres => TestApp::builder().postgres().clock(NOW).spawn();

    times_per_period_rates_count_met_periods,
    a_week_that_began_before_the_range_counts_with_all_its_check_ins,
    a_vacation_makes_a_week_neutral_in_the_rate,
    measurable_values_per_bar_in_json,
    by_schedule_type_counts_the_newer_types,
    the_page_draws_each_measurable_habit_against_its_target,
);

async fn ada(app: &TestApp) -> Browser {
    let mut ada = app.browser();
    ada.register_json("ada@example.com", "UTC").await;
    ada
}

async fn log(client: &mut Browser, habit: &str, date: &str, value: Option<f64>) {
    let body = match value {
        Some(value) => json!({"date": date, "kind": "done", "value": value}),
        None => json!({"date": date, "kind": "done"}),
    };
    client
        .post_json(&format!("/habits/{habit}/checkins"), body)
        .await;
}

/// Three times a week since January, with the check-ins of the last 30 days
/// (9 February … 10 March): met, 1 of 3, met on Sunday, 2 of 3, and 1 so far
/// in the current week.
async fn swimming(client: &mut Browser) -> String {
    let swim = client
        .create_habit(json!({
            "name": "Swim", "starts_on": "2026-01-05",
            "schedule_type": "times_per_period", "schedule_config": {"times": 3, "period": "week"},
        }))
        .await;
    let id = id_of(&swim);
    for date in [
        "2026-02-09",
        "2026-02-11",
        "2026-02-13",
        "2026-02-16",
        "2026-02-23",
        "2026-02-25",
        "2026-03-01",
        "2026-03-03",
        "2026-03-05",
        "2026-03-09",
    ] {
        log(client, &id, date, None).await;
    }
    id
}

/// The values of one measurable habit in a statistics answer.
fn series_named<'a>(stats: &'a Value, name: &str) -> &'a Value {
    stats["habits"]["measurable"]
        .as_array()
        .unwrap()
        .iter()
        .find(|series| series["name"] == name)
        .unwrap_or_else(|| panic!("no values of {name}: {stats}"))
}

fn insight_kinds(stats: &Value) -> Vec<String> {
    stats["insights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap().to_owned())
        .collect()
}

async fn times_per_period_rates_count_met_periods(app: &TestApp) {
    let mut ada = ada(app).await;
    let swim = swimming(&mut ada).await;
    // Without a pause: 2 of the 4 closed weeks ending in the 30 days were met.
    let month = ada.get_json("/stats?range=30d").await;
    assert_eq!(month["habits"]["completion_rate"], json!(50.0));
    // A pause in the week of 1 of 3 makes it neutral: 2 of 3.
    ada.post_json(
        &format!("/habits/{swim}/pauses"),
        json!({"from": "2026-02-18", "to": "2026-02-19"}),
    )
    .await;
    let month = ada.get_json("/stats?range=30d").await;
    assert_eq!(month["habits"]["completion_rate"], json!(66.7));
    // The rate adds periods to a daily habit's days: (2 + 4) ÷ (3 + 5).
    let read = ada
        .create_habit(json!({"name": "Read", "starts_on": "2026-03-05"}))
        .await;
    for date in ["2026-03-05", "2026-03-06", "2026-03-08", "2026-03-09"] {
        log(&mut ada, &id_of(&read), date, None).await;
    }
    let month = ada.get_json("/stats?range=30d").await;
    assert_eq!(month["habits"]["completion_rate"], json!(75.0));
    // 7 days (4 … 10 March): the week of 2–8 March (2 of 3, missed) ends in
    // them, the current one is not met yet; Read: 4 of 5. (0 + 4) ÷ (1 + 5).
    let week = ada.get_json("/stats?range=7d").await;
    assert_eq!(week["habits"]["completion_rate"], json!(66.7));
}

async fn a_week_that_began_before_the_range_counts_with_all_its_check_ins(app: &TestApp) {
    let mut ada = ada(app).await;
    let call = ada
        .create_habit(json!({
            "name": "Call mum", "starts_on": "2026-01-05",
            "schedule_type": "times_per_period", "schedule_config": {"times": 1, "period": "week"},
        }))
        .await;
    // Once a week: on Monday 23 Feb, on Tuesday 3 March and on Monday 9 March.
    for date in ["2026-02-23", "2026-03-03", "2026-03-09"] {
        log(&mut ada, &id_of(&call), date, None).await;
    }
    let week = ada.get_json("/stats?range=7d").await;
    // 4 … 10 March: the week of 2–8 March, met, and the current week, met.
    assert_eq!(week["habits"]["completion_rate"], json!(100.0));
    // Its streak counts weeks (23 Feb, 2 March and the current one, met),
    // and the page says so.
    assert_eq!(
        week["habits"]["top_streaks"][0],
        json!({"habit_id": id_of(&call), "name": "Call mum", "streak": 3, "streak_unit": "weeks"})
    );
    let (_, page) = ada.get("/stats?range=7d", BROWSER).await;
    assert!(page.contains("Call mum</a> — 3 weeks"), "{page}");
    // The 7 days before (25 February … 3 March) hold the week of 23 Feb – 1
    // March, met on the 23rd: nothing improved, so no "most improved".
    assert!(
        !insight_kinds(&week).contains(&"most_improved".to_owned()),
        "{}",
        week["insights"]
    );
    // A week that was really missed before shows the improvement.
    let mut bob = app.browser();
    bob.register_json("bob@example.com", "UTC").await;
    let call = bob
        .create_habit(json!({
            "name": "Call mum", "starts_on": "2026-01-05",
            "schedule_type": "times_per_period", "schedule_config": {"times": 1, "period": "week"},
        }))
        .await;
    for date in ["2026-03-03", "2026-03-09"] {
        log(&mut bob, &id_of(&call), date, None).await;
    }
    let week = bob.get_json("/stats?range=7d").await;
    assert_eq!(week["habits"]["completion_rate"], json!(100.0));
    assert!(insight_kinds(&week).contains(&"most_improved".to_owned()));
}

async fn a_vacation_makes_a_week_neutral_in_the_rate(app: &TestApp) {
    let mut ada = ada(app).await;
    swimming(&mut ada).await;
    // A vacation over the week of 2–8 March (2 of 3) makes it neutral too.
    ada.post_json(
        "/settings/vacations",
        json!({"from": "2026-03-06", "to": "2026-03-07"}),
    )
    .await;
    // A vacation still to come changes nothing yet.
    ada.post_json(
        "/settings/vacations",
        json!({"from": "2026-03-20", "to": "2026-03-25"}),
    )
    .await;
    let month = ada.get_json("/stats?range=30d").await;
    // Met: 9–15 Feb and 23 Feb – 1 Mar; missed: 16–22 Feb.
    assert_eq!(month["habits"]["completion_rate"], json!(66.7));
    let vacation = month["insights"]
        .as_array()
        .unwrap()
        .iter()
        .find(|insight| insight["kind"] == "vacation")
        .unwrap_or_else(|| panic!("no vacation insight: {}", month["insights"]));
    assert_eq!(
        (&vacation["title"], &vacation["text"], &vacation["severity"]),
        (
            &json!("Vacation"),
            &json!("2 days of this period on vacation: left out of streaks and rates"),
            &json!("info")
        )
    );
    // Before the vacation, the 7 days of 24 Feb … 2 March mention none.
    app.clock().set("2026-03-02T12:00:00Z".parse().unwrap());
    let earlier = ada.get_json("/stats?range=7d").await;
    assert!(!insight_kinds(&earlier).contains(&"vacation".to_owned()));
}

async fn measurable_values_per_bar_in_json(app: &TestApp) {
    let mut ada = ada(app).await;
    let water = ada
        .create_habit(json!({
            "name": "Water", "starts_on": "2026-01-01",
            "kind": "measurable", "unit": "glasses", "target": 8, "target_type": "at_least",
        }))
        .await;
    for (date, value) in [
        ("2026-03-02", 8.0),
        ("2026-03-03", 6.0),
        ("2026-03-05", 10.0),
        ("2026-03-09", 5.0),
        ("2026-03-10", 2.5),
    ] {
        log(&mut ada, &id_of(&water), date, Some(value)).await;
    }
    let cardio = ada
        .create_habit(json!({
            "name": "Cardio", "starts_on": "2026-02-11",
            "schedule_type": "times_per_period", "schedule_config": {"period": "week"},
            "kind": "measurable", "unit": "min", "target": 150, "target_type": "at_least",
        }))
        .await;
    for (date, value) in [
        ("2026-02-12", 40.0),
        ("2026-02-17", 90.0),
        ("2026-02-20", 70.0),
        ("2026-03-04", 30.5),
    ] {
        log(&mut ada, &id_of(&cardio), date, Some(value)).await;
    }
    ada.create_habit(json!({"name": "Read"})).await;

    // 90 days: weekly bars for Water; Cardio's own weeks.
    let quarter = ada.get_json("/stats?range=90d").await;
    let measurable = quarter["habits"]["measurable"].as_array().unwrap();
    assert_eq!(measurable.len(), 2, "the yes/no habit has no values");
    let water_series = series_named(&quarter, "Water");
    assert_eq!(
        (
            &water_series["habit_id"],
            &water_series["name"],
            &water_series["unit"],
            &water_series["target"],
            &water_series["target_type"],
            &water_series["compared"]
        ),
        (
            &water["id"],
            &json!("Water"),
            &json!("glasses"),
            &json!(8),
            &json!("at_least"),
            &json!("average")
        )
    );
    let bars = water_series["buckets"].as_array().unwrap();
    assert_eq!(bars.len(), 14, "the weeks of 11 Dec … 10 March");
    assert_eq!(
        bars[bars.len() - 2],
        json!({"from": "2026-03-02", "to": "2026-03-08", "sum": 24, "logged": 3, "average": 8})
    );
    assert_eq!(
        bars[bars.len() - 1],
        json!({"from": "2026-03-09", "to": "2026-03-10", "sum": 7.5, "logged": 2, "average": 3.75})
    );
    assert_eq!(
        bars[0],
        json!({"from": "2025-12-11", "to": "2025-12-14", "sum": 0, "logged": 0, "average": null})
    );
    let cardio_series = series_named(&quarter, "Cardio");
    assert_eq!(
        (&cardio_series["name"], &cardio_series["compared"]),
        (&json!("Cardio"), &json!("sum"))
    );
    let weeks: Vec<(String, String, Value)> = cardio_series["buckets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| {
            (
                b["from"].as_str().unwrap().to_owned(),
                b["to"].as_str().unwrap().to_owned(),
                b["sum"].clone(),
            )
        })
        .collect();
    assert_eq!(weeks.len(), 5);
    assert_eq!(
        weeks[0],
        ("2026-02-11".into(), "2026-02-15".into(), json!(40))
    );
    assert_eq!(
        weeks[1],
        ("2026-02-16".into(), "2026-02-22".into(), json!(160))
    );
    assert_eq!(
        weeks[3],
        ("2026-03-02".into(), "2026-03-08".into(), json!(30.5))
    );
    assert_eq!(
        weeks[4],
        ("2026-03-09".into(), "2026-03-15".into(), json!(0)),
        "the current week, whole"
    );

    // 7 days (Wednesday 4 … 10 March): Cardio's week of 2–8 March is shown
    // whole, from its Monday.
    let week = ada.get_json("/stats?range=7d").await;
    let cardio_week = &series_named(&week, "Cardio")["buckets"][0];
    assert_eq!(
        (&cardio_week["from"], &cardio_week["sum"]),
        (&json!("2026-03-02"), &json!(30.5))
    );
    // A user without measurable habits gets an empty list.
    let mut bob = app.browser();
    bob.register_json("bob@example.com", "UTC").await;
    bob.create_habit(json!({"name": "Read"})).await;
    let stats = bob.get_json("/stats").await;
    assert_eq!(stats["habits"]["measurable"], json!([]));
}

async fn by_schedule_type_counts_the_newer_types(app: &TestApp) {
    let mut ada = ada(app).await;
    for habit in [
        json!({"name": "Review", "schedule_type": "monthly_weekday",
               "schedule_config": {"week": -1, "weekday": "fri"}}),
        json!({"name": "Swim", "schedule_type": "times_per_period",
               "schedule_config": {"times": 3, "period": "week"}}),
        json!({"name": "Books", "schedule_type": "times_per_period",
               "schedule_config": {"times": 2, "period": "month"}}),
        json!({"name": "Read"}),
    ] {
        ada.create_habit(habit).await;
    }
    let stats = ada.get_json("/stats?range=30d").await;
    assert_eq!(
        stats["habits"]["by_schedule_type"],
        json!({
            "daily": 1, "interval_cycle": 0, "monthly_day": 0, "monthly_weekday": 1,
            "times_per_period": 2, "weekly_days": 0, "yearly_date": 0,
        })
    );
    let (_, page) = ada.get("/stats?range=30d", BROWSER).await;
    assert!(page.contains("On a weekday of the month — 1"), "{page}");
    assert!(page.contains("A number of times per period — 2"), "{page}");
}

async fn the_page_draws_each_measurable_habit_against_its_target(app: &TestApp) {
    let mut ada = ada(app).await;
    let coffee = ada
        .create_habit(json!({
            "name": "Coffee", "starts_on": "2026-01-01",
            "kind": "measurable", "unit": "cups", "target": 2, "target_type": "at_most",
        }))
        .await;
    log(&mut ada, &id_of(&coffee), "2026-03-09", Some(3.0)).await;
    let (response, page) = ada.get("/stats?range=7d", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("Values of Coffee"), "{page}");
    assert!(
        page.contains("Target per check-in: At most 2 cups"),
        "{page}"
    );
    assert!(page.contains(r#"stroke-dasharray="6 4""#));
    assert!(page.contains("Target: 2 cups"));
    assert!(page.contains("average 3 cups over 1 logged"));

    let token = ada.csrf_token().await;
    ada.post_form(
        "/settings/language",
        &[
            ("csrf_token", &token),
            ("language", "ru"),
            ("next", "/stats"),
        ],
    )
    .await;
    let (_, russian) = ada.get("/stats?range=7d", BROWSER).await;
    assert!(russian.contains("Значения: Coffee"), "{russian}");
    assert!(russian.contains("Цель на отметку: Не больше 2 cups"));
    assert!(russian.contains("в среднем 3 cups, записей: 1"));
}
