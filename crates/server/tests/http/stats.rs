//! Statistics pinned on small hand-made data, on both databases.
use habitflow_testkit::{API, BROWSER, Browser, TestApp, id_of};
use serde_json::{Value, json};

const NOW: &str = "2026-03-10T12:00:00Z";

/// Two daily habits (one archived on the 7th), six check-ins with a skip, two tasks.
async fn small_data_set(app: &TestApp) -> Browser {
    let mut ada = app.browser();
    ada.register_json("ada@example.com", "UTC").await;
    let active = ada
        .create_habit(json!({"name": "Read", "starts_on": "2026-03-01"}))
        .await;
    let archived = ada
        .create_habit(json!({"name": "Stretch", "starts_on": "2026-03-01"}))
        .await;
    for (date, kind) in [
        ("2026-03-04", "done"),
        ("2026-03-05", "done"),
        ("2026-03-06", "skipped"),
        ("2026-03-07", "done"),
        ("2026-03-08", "done"),
        ("2026-03-09", "done"),
    ] {
        ada.check_in(&id_of(&active), Some(date), kind).await;
    }
    ada.check_in(&id_of(&archived), Some("2026-03-04"), "done")
        .await;
    let owner = app.stored_user("ada@example.com").await;
    let archived_id = id_of(&archived).parse().unwrap();
    let at = "2026-03-07T10:00:00Z".parse().unwrap();
    app.state
        .services
        .store
        .habits()
        .set_archived_at(
            owner.id,
            archived_id,
            Some(at),
            at,
            &habitflow::app::habit_values::summarize_habit(&owner),
        )
        .await
        .unwrap();
    let task = ada
        .create_task(json!({"name": "File taxes", "priority": "high"}))
        .await;
    ada.create_task(json!({"name": "Call mum"})).await;
    ada.post_json(&format!("/tasks/{}/complete", id_of(&task)), json!({}))
        .await;
    ada
}

habitflow_testkit::on_each_backend!(
    sqlite => TestApp::builder().clock(NOW).spawn(),
    postgres if with_postgres => TestApp::builder().postgres().clock(NOW).spawn();

    every_figure_of_a_week,
    each_user_sees_their_own_today,
    range_all_starts_at_the_earliest_date
);

async fn every_figure_of_a_week(app: &TestApp) {
    let mut ada = small_data_set(app).await;
    let week = ada.get_json("/stats?range=7d").await;
    assert_eq!(
        (
            week["range"].as_str(),
            week["from"].as_str(),
            week["to"].as_str()
        ),
        (Some("7d"), Some("2026-03-04"), Some("2026-03-10"))
    );
    let habits = &week["habits"];
    assert_eq!(
        (
            habits["total"].as_u64(),
            habits["active"].as_u64(),
            habits["archived"].as_u64()
        ),
        (Some(2), Some(1), Some(1))
    );
    assert_eq!(
        (
            habits["due_today"].as_u64(),
            habits["done_today"].as_u64(),
            habits["success_today"].as_f64()
        ),
        (Some(1), Some(0), Some(0.0))
    );
    // Read: 6 closed dates (today is open) − 1 skipped = 5, all done. Stretch: active 4–6 March only, 1 of 3.
    assert_eq!(habits["completion_rate"].as_f64(), Some(75.0));
    assert_eq!(
        habits["top_streaks"],
        json!([{"habit_id": habits["top_streaks"][0]["habit_id"], "name": "Read", "streak": 5, "streak_unit": "days"}])
    );
    assert_eq!(
        habits["by_schedule_type"],
        json!({"daily": 2, "interval_cycle": 0, "monthly_day": 0, "weekly_days": 0, "yearly_date": 0})
    );
    assert_eq!(
        habits["by_theme"],
        json!([{"name": "No theme", "count": 2}])
    );
    let days: Vec<(u64, u64)> = habits["checkins"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| (b["done"].as_u64().unwrap(), b["skipped"].as_u64().unwrap()))
        .collect();
    assert_eq!(
        days,
        vec![(2, 0), (1, 0), (0, 1), (1, 0), (1, 0), (1, 0), (0, 0)]
    );
    let tasks = &week["tasks"];
    assert_eq!(
        (
            tasks["total"].as_u64(),
            tasks["active"].as_u64(),
            tasks["completed"].as_u64(),
            tasks["completion_rate"].as_f64()
        ),
        (Some(2), Some(1), Some(1), Some(50.0))
    );
    assert_eq!(
        (
            tasks["created_in_period"].as_u64(),
            tasks["completed_in_period"].as_u64(),
            tasks["avg_completion_hours"].as_f64()
        ),
        (Some(2), Some(1), Some(0.0))
    );
    assert_eq!(
        tasks["by_priority"],
        json!({"high": 1, "low": 0, "medium": 1})
    );
    let kinds: Vec<&str> = week["insights"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["kind"].as_str().unwrap())
        .collect();
    assert!(
        kinds.contains(&"todo_today") && kinds.contains(&"best_streak"),
        "{kinds:?}"
    );
    assert_eq!(
        week["insights"][0]["text"],
        "1 of 1 habits still to do today"
    );

    let month = ada.get_json("/stats?range=90d").await;
    assert_eq!(
        month["habits"]["checkins"][0]["from"], "2025-12-11",
        "buckets start with the period"
    );
    let (status, body) = ada.fetch("/stats?range=2w").await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["range"].is_string());
    let (response, page) = ada.get("/stats?range=2w", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(
        page.contains("not available") && page.contains("4 Mar 2026"),
        "HTML falls back to 7 days with a notice"
    );
    assert!(
        page.contains("<svg") && page.contains("<title"),
        "charts with text alternatives"
    );
}

async fn each_user_sees_their_own_today(app: &TestApp) {
    let mut east = app.browser();
    east.register_json("east@example.com", "Pacific/Kiritimati")
        .await;
    let mut west = app.browser();
    west.register_json("west@example.com", "Pacific/Pago_Pago")
        .await;
    assert_eq!(east.get_json("/stats?range=7d").await["to"], "2026-03-11");
    assert_eq!(west.get_json("/stats?range=7d").await["to"], "2026-03-10");
}

async fn range_all_starts_at_the_earliest_date(app: &TestApp) {
    let mut ada = app.browser();
    ada.register_json("ada@example.com", "UTC").await;
    let habit = ada
        .create_habit(json!({"name": "Read", "starts_on": "2026-02-15"}))
        .await;
    let id = id_of(&habit);
    ada.check_in(&id, Some("2026-02-20"), "done").await;
    let (status, _) = ada
        .call(
            "PATCH",
            &format!("/habits/{id}"),
            json!({"starts_on": "2026-03-01"}),
        )
        .await;
    assert_eq!(status, 200);
    assert_eq!(
        ada.get_json("/stats?range=all").await["from"],
        "2026-02-20",
        "the check-in is older than the start date"
    );
    let mut empty = app.browser();
    empty.register_json("new@example.com", "UTC").await;
    assert_eq!(
        empty.get_json("/stats?range=all").await["from"],
        "2026-03-10"
    );
}

fn without_ids(mut value: Value) -> Value {
    for streak in value["habits"]["top_streaks"]
        .as_array_mut()
        .into_iter()
        .flatten()
    {
        streak["habit_id"] = Value::Null;
    }
    value
}

#[tokio::test]
#[cfg_attr(
    not(with_postgres),
    ignore = "needs PostgreSQL: set HABITFLOW_TEST_DATABASE_URL"
)]
async fn sqlite_and_postgres_answer_the_same_statistics() {
    let on_sqlite = TestApp::builder().clock(NOW).spawn().await;
    let on_postgres = TestApp::builder().postgres().clock(NOW).spawn().await;
    let mut a = small_data_set(&on_sqlite).await;
    let mut b = small_data_set(&on_postgres).await;
    for range in ["7d", "30d", "90d", "1y", "all"] {
        assert_eq!(
            without_ids(a.get_json(&format!("/stats?range={range}")).await),
            without_ids(b.get_json(&format!("/stats?range={range}")).await),
            "{range}"
        );
    }
    on_sqlite.remove().await;
    on_postgres.remove().await;
}

#[tokio::test]
async fn the_demo_user_has_plausible_data() {
    let app = TestApp::spawn().await;
    habitflow::app::demo::create(
        &app.state.services,
        "demo@example.com",
        "demo-habits-2026",
        1,
    )
    .await
    .expect("demo data");
    let mut demo = app.browser();
    let (response, _) = demo
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "demo@example.com", "password": "demo-habits-2026"}),
            None,
        )
        .await;
    assert_eq!(response.status(), 200);
    let stats = demo.get_json("/stats?range=all").await;
    assert_eq!(
        (
            stats["tasks"]["total"].as_u64(),
            stats["habits"]["total"].as_u64()
        ),
        (Some(30), Some(12))
    );
    let hours = stats["tasks"]["avg_completion_hours"]
        .as_f64()
        .expect("some demo tasks are done");
    assert!(
        hours >= 0.0,
        "tasks are completed after they are created: {hours}"
    );
    let themes = demo.get_json("/themes").await;
    assert_eq!(themes["items"].as_array().map(Vec::len), Some(5));
}

/// The JSON answer lists its keys sorted at every level, as it always has:
/// it equals itself read into a `Value` (whose maps are sorted) and written
/// back, for every range, with a measurable habit's values in it.
#[tokio::test]
async fn the_answer_lists_its_keys_sorted_at_every_level() {
    let app = TestApp::spawn().await;
    let mut ada = app.browser();
    ada.register_json("ada@example.com", "UTC").await;
    let run = ada
        .create_habit(json!({"name": "Run", "kind": "measurable", "unit": "km",
                             "target": 5, "target_type": "at_least"}))
        .await;
    let (status, answer) = ada
        .call(
            "POST",
            &format!("/habits/{}/checkins", id_of(&run)),
            json!({"kind": "done", "value": 6}),
        )
        .await;
    assert_eq!(status, 200, "{answer}");
    for range in ["7d", "30d", "90d", "1y", "all"] {
        let (response, body) = ada.get(&format!("/stats?range={range}"), API).await;
        assert_eq!(response.status(), 200, "{body}");
        let sorted: Value = serde_json::from_str(&body).expect("JSON");
        assert!(
            !sorted["habits"]["measurable"][0]["buckets"]
                .as_array()
                .unwrap()
                .is_empty()
        );
        assert_eq!(body, sorted.to_string(), "{range}");
    }
    app.remove().await;
}
