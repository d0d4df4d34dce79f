//! Themes, tasks and habits through the real routes, on SQLite and (when
//! configured) PostgreSQL: success in both formats, validation, sign-in,
//! other users' records, CSRF.

use habitflow_testkit::{API, BROWSER, Browser, TestApp, json, location};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    themes_are_created_listed_updated_and_deleted,
    theme_names_conflict_and_validation_names_the_field,
    tasks_flow_in_both_formats,
    task_lists_filter_sort_and_page,
    habits_of_every_schedule_type,
    habit_validation_names_the_field,
    checkins_complete_skip_and_undo,
    checkin_refusals_say_why,
    habit_lists_filter_and_sort_by_streak,
    other_users_records_answer_404_and_stay_unchanged,
    signed_out_callers_are_sent_to_login_or_get_401,
    state_changes_without_csrf_are_refused,
    concurrent_completions_leave_one_checkin,
    the_theme_filter_is_remembered_and_cleared_when_the_theme_goes,
    list_values_from_summaries_match_the_full_history,
);

/// A signed-in client with its CSRF token.
async fn user(app: &TestApp, email: &str) -> (Browser, String) {
    let mut browser = app.browser();
    browser.ip = format!("198.51.100.{}", email.len());
    browser.register(email).await;
    let token = browser.csrf_token().await;
    (browser, token)
}

async fn post(client: &mut Browser, token: &str, path: &str, body: Value) -> (u16, Value) {
    let (response, text) = client.send_json("POST", path, body, Some(token)).await;
    let status = response.status().as_u16();
    (
        status,
        if text.is_empty() {
            Value::Null
        } else {
            json(&text)
        },
    )
}

async fn call(
    client: &mut Browser,
    token: &str,
    method: &str,
    path: &str,
    body: Value,
) -> (u16, Value) {
    let (response, text) = client.send_json(method, path, body, Some(token)).await;
    let status = response.status().as_u16();
    (
        status,
        if text.is_empty() {
            Value::Null
        } else {
            json(&text)
        },
    )
}

async fn get_json(client: &mut Browser, path: &str) -> (u16, Value) {
    let (response, text) = client.get(path, API).await;
    (
        response.status().as_u16(),
        if text.is_empty() {
            Value::Null
        } else {
            json(&text)
        },
    )
}

async fn themes_are_created_listed_updated_and_deleted(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let (status, theme) = post(
        &mut ada,
        &token,
        "/themes",
        json!({"name": "  Health  ", "color": "#aabbcc"}),
    )
    .await;
    assert_eq!(status, 201);
    assert_eq!(
        (theme["name"].as_str(), theme["color"].as_str()),
        (Some("Health"), Some("#AABBCC"))
    );
    for key in [
        "id",
        "tasks_count",
        "habits_count",
        "created_at",
        "updated_at",
    ] {
        assert!(theme.get(key).is_some(), "{key}");
    }
    let (status, auto) = post(&mut ada, &token, "/themes", json!({"name": "Work"})).await;
    assert_eq!(status, 201);
    assert_eq!(auto["color"], "#4F46E5", "the first free palette colour");
    let id = theme["id"].as_str().unwrap().to_owned();
    post(
        &mut ada,
        &token,
        "/tasks",
        json!({"name": "Walk", "theme_id": id}),
    )
    .await;
    let (_, list) = get_json(&mut ada, "/themes/").await;
    let health = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Health")
        .unwrap()
        .clone();
    assert_eq!(health["tasks_count"], 1);
    let (status, renamed) = call(
        &mut ada,
        &token,
        "PATCH",
        &format!("/themes/{id}"),
        json!({"name": "Fitness"}),
    )
    .await;
    assert_eq!(
        (status, renamed["name"].as_str(), renamed["color"].as_str()),
        (200, Some("Fitness"), Some("#AABBCC"))
    );
    let (status, recoloured) = call(
        &mut ada,
        &token,
        "PUT",
        &format!("/themes/{id}"),
        json!({"name": "Fitness", "color": "#112233"}),
    )
    .await;
    assert_eq!(
        (status, recoloured["color"].as_str()),
        (200, Some("#112233"))
    );
    let (status, _) = call(
        &mut ada,
        &token,
        "DELETE",
        &format!("/themes/{id}"),
        json!({}),
    )
    .await;
    assert_eq!(status, 204);
    let (_, tasks) = get_json(&mut ada, "/tasks").await;
    assert_eq!(
        tasks["items"][0]["theme_id"],
        Value::Null,
        "the task stays, without a theme"
    );

    let (response, _) = ada
        .post_form(
            "/themes",
            &[("csrf_token", &token), ("name", "Home"), ("color", "")],
        )
        .await;
    assert_eq!(
        (response.status().as_u16(), location(&response)),
        (303, "/themes")
    );
    let (response, page) = ada.get("/themes", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(
        page.contains("Home") && page.contains("created"),
        "the list and a flash"
    );
    let (response, page) = ada.get("/themes/new", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains(r#"name="name""#));
}

async fn theme_names_conflict_and_validation_names_the_field(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    post(&mut ada, &token, "/themes", json!({"name": "Health"})).await;
    let (status, body) = post(&mut ada, &token, "/themes", json!({"name": "HEALTH"})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("conflict"))
    );
    assert!(body["error"]["fields"]["name"].is_string());
    let (status, body) = post(&mut ada, &token, "/themes", json!({"name": "x".repeat(25)})).await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["name"].is_string());
    let (status, body) = post(
        &mut ada,
        &token,
        "/themes",
        json!({"name": "Ok", "color": "red"}),
    )
    .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["color"].is_string());
    let (status, body) = post(
        &mut ada,
        &token,
        "/themes",
        json!({"name": "Ok", "colour": "#000000"}),
    )
    .await;
    assert_eq!(status, 422, "unknown fields are refused");
    assert!(body["error"]["fields"]["colour"].is_string());
    let (response, page) = ada
        .post_form(
            "/themes",
            &[
                ("csrf_token", &token),
                ("name", "A\u{200B}B"),
                ("color", "#123456"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        page.contains("#123456") && page.contains("invisible"),
        "the form keeps the input and says what is wrong"
    );
    let (_, list) = get_json(&mut ada, "/themes").await;
    assert_eq!(
        list["total"], 1,
        "nothing was created by the refused requests"
    );
}

async fn tasks_flow_in_both_formats(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let (_, theme) = post(&mut ada, &token, "/themes", json!({"name": "Work"})).await;
    let (status, task) = post(&mut ada, &token, "/tasks", json!({"name": "Report", "priority": "high", "due_on": "2026-12-01", "theme_id": theme["id"]})).await;
    assert_eq!(status, 201);
    for key in [
        "id",
        "name",
        "description",
        "theme_id",
        "theme_name",
        "theme_color",
        "priority",
        "due_on",
        "completed",
        "completed_at",
        "created_at",
        "updated_at",
    ] {
        assert!(task.get(key).is_some(), "{key}");
    }
    assert_eq!(
        (task["theme_name"].as_str(), task["completed"].as_bool()),
        (Some("Work"), Some(false))
    );
    let id = task["id"].as_str().unwrap().to_owned();
    let (status, done) = post(
        &mut ada,
        &token,
        &format!("/tasks/{id}/complete"),
        json!({}),
    )
    .await;
    assert_eq!((status, done["completed"].as_bool()), (200, Some(true)));
    let (_, again) = post(
        &mut ada,
        &token,
        &format!("/tasks/{id}/complete"),
        json!({}),
    )
    .await;
    assert_eq!(
        again["completed_at"], done["completed_at"],
        "completing twice changes nothing"
    );
    let (_, reopened) = post(&mut ada, &token, &format!("/tasks/{id}/reopen"), json!({})).await;
    assert_eq!(reopened["completed"], false);
    let (status, updated) = call(
        &mut ada,
        &token,
        "PATCH",
        &format!("/tasks/{id}"),
        json!({"due_on": null, "description": "Q4"}),
    )
    .await;
    assert_eq!(
        (
            status,
            updated["due_on"].clone(),
            updated["description"].as_str(),
            updated["name"].as_str()
        ),
        (200, Value::Null, Some("Q4"), Some("Report"))
    );
    let (status, body) = post(
        &mut ada,
        &token,
        "/tasks",
        json!({"name": "", "priority": "urgent", "due_on": "tomorrow"}),
    )
    .await;
    assert_eq!(status, 422);
    for field in ["name", "priority", "due_on"] {
        assert!(
            body["error"]["fields"][field].is_string(),
            "{field}: {body}"
        );
    }
    let (response, _) = ada
        .post_form(
            "/tasks",
            &[
                ("csrf_token", &token),
                ("name", "From the form"),
                ("priority", "low"),
                ("theme_id", ""),
                ("due_on", ""),
            ],
        )
        .await;
    assert_eq!(
        (response.status().as_u16(), location(&response)),
        (303, "/tasks")
    );
    let (response, page) = ada
        .post_form(
            "/tasks",
            &[
                ("csrf_token", &token),
                ("name", "Bad date"),
                ("due_on", "31.12.2026"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(page.contains("Bad date") && page.contains("Use a date"));
    let (response, page) = ada.get(&format!("/tasks/{id}"), BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("Report"));
    let (response, _) = ada
        .post_form(
            &format!("/tasks/{id}/complete"),
            &[("csrf_token", &token), ("next", "/tasks?status=all")],
        )
        .await;
    assert_eq!(location(&response), "/tasks?status=all");
    let (status, _) = call(
        &mut ada,
        &token,
        "DELETE",
        &format!("/tasks/{id}"),
        json!({}),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = get_json(&mut ada, &format!("/tasks/{id}")).await;
    assert_eq!(status, 404);
}

async fn task_lists_filter_sort_and_page(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    for (name, priority) in [("a", "low"), ("b", "high"), ("c", "medium")] {
        post(
            &mut ada,
            &token,
            "/tasks",
            json!({"name": name, "priority": priority}),
        )
        .await;
    }
    let (_, list) = get_json(&mut ada, "/tasks?sort=priority&order=desc").await;
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["b", "c", "a"]);
    let (_, page) = get_json(&mut ada, "/tasks?sort=name&order=asc&per_page=2&page=2").await;
    assert_eq!(
        (
            page["items"].as_array().unwrap().len(),
            page["total"].as_u64(),
            page["page"].as_u64()
        ),
        (1, Some(3), Some(2))
    );
    let (_, past) = get_json(&mut ada, "/tasks?per_page=2&page=9").await;
    assert_eq!(
        (
            past["items"].as_array().unwrap().len(),
            past["total"].as_u64()
        ),
        (0, Some(3))
    );
    let (response, _) = ada.get("/tasks?per_page=2&page=9", BROWSER).await;
    assert_eq!(response.status(), 303);
    assert!(
        location(&response).contains("page=2"),
        "browsers go to the last page"
    );
    let (status, body) = get_json(&mut ada, "/tasks?per_page=500").await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["per_page"].is_string());
    let (response, _) = ada.get("/tasks?per_page=500&sort=nonsense", BROWSER).await;
    assert_eq!(response.status(), 200, "browsers fall back to the defaults");
    let (_, completed) = get_json(&mut ada, "/tasks?status=completed").await;
    assert_eq!(completed["total"], 0);
}

async fn habits_of_every_schedule_type(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let cases = [
        ("daily", json!({})),
        (
            "weekly_days",
            json!({"days": ["fri", "mon"], "every_weeks": 2}),
        ),
        ("monthly_day", json!({"day": 31})),
        ("yearly_date", json!({"month": 2, "day": 29})),
        ("interval_cycle", json!({"active_days": 3, "break_days": 4})),
    ];
    for (schedule_type, config) in cases {
        let (status, habit) = post(&mut ada, &token, "/habits", json!({"name": schedule_type, "schedule_type": schedule_type, "schedule_config": config, "starts_on": "2026-01-01"})).await;
        assert_eq!(status, 201, "{schedule_type}: {habit}");
        for key in [
            "id",
            "name",
            "description",
            "theme_id",
            "theme_name",
            "theme_color",
            "schedule_type",
            "schedule_config",
            "starts_on",
            "ends_on",
            "archived",
            "archived_at",
            "created_at",
            "updated_at",
            "due_today",
            "done_today",
            "current_streak",
            "best_streak",
            "strength",
            "progress",
            "next_scheduled_on",
        ] {
            assert!(habit.get(key).is_some(), "{key}");
        }
        let (response, page) = ada
            .get(
                &format!("/habits/{}", habit["id"].as_str().unwrap()),
                BROWSER,
            )
            .await;
        assert_eq!(response.status(), 200);
        assert!(
            page.contains("class=\"calendar\""),
            "the habit page shows a calendar"
        );
    }
    let (_, weekly) = get_json(&mut ada, "/habits?status=all&schedule_type=weekly_days").await;
    assert_eq!(
        weekly["items"][0]["schedule_config"],
        json!({"days": ["mon", "fri"], "every_weeks": 2})
    );
    let (response, _) = ada
        .post_form(
            "/habits",
            &[
                ("csrf_token", &token),
                ("name", "Gym"),
                ("schedule_type", "weekly_days"),
                ("days", "mon"),
                ("days", "thu"),
                ("every_weeks", "1"),
                ("monthly_day", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).starts_with("/habits/"));
    let (_, page) = ada
        .get(location(&response).to_owned().as_str(), BROWSER)
        .await;
    assert!(page.contains("Mon, Thu"), "{page}");
    let (response, page) = ada.get("/habits/new", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("config-interval_cycle"));
}

async fn habit_validation_names_the_field(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let refusals = [
        (
            json!({"name": "x", "schedule_type": "monthly_day", "schedule_config": {"day": 32}}),
            "schedule_config.day",
        ),
        (
            json!({"name": "x", "schedule_type": "monthly_day", "schedule_config": {"day": true}}),
            "schedule_config.day",
        ),
        (
            json!({"name": "x", "schedule_type": "hourly", "schedule_config": {}}),
            "schedule_type",
        ),
        (
            json!({"name": "x", "schedule_type": "daily", "schedule_config": {"extra": 1}}),
            "schedule_config.extra",
        ),
        (
            json!({"name": "x", "starts_on": "2026-05-01", "ends_on": "2026-04-01"}),
            "ends_on",
        ),
        (
            json!({"name": "x", "theme_id": "01a21d00-0000-7000-8000-000000000000"}),
            "theme_id",
        ),
        (json!({"name": "   "}), "name"),
    ];
    for (body, field) in refusals {
        let (status, answer) = post(&mut ada, &token, "/habits", body.clone()).await;
        assert_eq!(status, 422, "{body}");
        assert!(
            answer["error"]["fields"][field].is_string(),
            "{field} in {answer}"
        );
    }
    let (response, page) = ada
        .post_form(
            "/habits",
            &[
                ("csrf_token", &token),
                ("name", "Pay rent"),
                ("schedule_type", "monthly_day"),
                ("monthly_day", "40"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        page.contains("Pay rent") && page.contains("between 1 and 31"),
        "{page}"
    );
    let (_, list) = get_json(&mut ada, "/habits?status=all").await;
    assert_eq!(list["total"], 0);
}

async fn new_daily(client: &mut Browser, token: &str, starts_on: &str) -> String {
    let (status, habit) = post(
        client,
        token,
        "/habits",
        json!({"name": "Read", "starts_on": starts_on}),
    )
    .await;
    assert_eq!(status, 201, "{habit}");
    habit["id"].as_str().unwrap().to_owned()
}

fn local_today() -> jiff::civil::Date {
    // Test users live in Europe/Berlin (see Browser::register).
    jiff::tz::TimeZone::get("Europe/Berlin")
        .unwrap()
        .to_datetime(jiff::Timestamp::now())
        .date()
}

async fn checkins_complete_skip_and_undo(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let today = local_today();
    let days_ago = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let id = new_daily(&mut ada, &token, &days_ago(10)).await;
    let path = format!("/habits/{id}/checkins");
    for n in [3, 2] {
        let (status, outcome) = post(
            &mut ada,
            &token,
            &path,
            json!({"date": days_ago(n), "kind": "done"}),
        )
        .await;
        assert_eq!((status, outcome["changed"].as_bool()), (200, Some(true)));
    }
    let (_, outcome) = post(
        &mut ada,
        &token,
        &path,
        json!({"date": days_ago(1), "kind": "skipped", "note": "ill"}),
    )
    .await;
    assert_eq!(
        (
            outcome["current_streak"].as_u64(),
            outcome["due_today"].as_bool()
        ),
        (Some(2), Some(true))
    );
    let (_, outcome) = post(&mut ada, &token, &path, json!({"kind": "done"})).await;
    assert_eq!(
        (outcome["date"].as_str(), outcome["kind"].as_str()),
        (Some(days_ago(0).as_str()), Some("done"))
    );
    assert_eq!(
        (
            outcome["current_streak"].as_u64(),
            outcome["best_streak"].as_u64(),
            outcome["due_today"].as_bool()
        ),
        (Some(3), Some(3), Some(false))
    );
    let (_, repeat) = post(&mut ada, &token, &path, json!({"kind": "done"})).await;
    assert_eq!(repeat["changed"], false);
    let (status, undone) = call(
        &mut ada,
        &token,
        "DELETE",
        &format!("{path}/{}", days_ago(0)),
        json!({}),
    )
    .await;
    assert_eq!(
        (
            status,
            undone["kind"].clone(),
            undone["changed"].as_bool(),
            undone["due_today"].as_bool()
        ),
        (200, Value::Null, Some(true), Some(true))
    );
    let (_, list) = get_json(
        &mut ada,
        &format!("{path}?from={}&to={}", days_ago(3), days_ago(1)),
    )
    .await;
    let kinds: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["done", "done", "skipped"]);
    assert_eq!(list["items"][2]["note"], "ill");
    let (response, _) = ada
        .post_form(
            &path,
            &[
                ("csrf_token", &token),
                ("kind", "done"),
                ("date", &days_ago(5)),
            ],
        )
        .await;
    assert_eq!(
        (response.status().as_u16(), location(&response)),
        (303, format!("/habits/{id}").as_str())
    );
    let (response, _) = ada
        .post_form(
            &format!("{path}/{}/delete", days_ago(5)),
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, habit) = get_json(&mut ada, &format!("/habits/{id}")).await;
    assert_eq!(
        (
            habit["current_streak"].as_u64(),
            habit["due_today"].as_bool(),
            habit["next_scheduled_on"].as_str()
        ),
        (Some(2), Some(true), Some(days_ago(0).as_str()))
    );
    let (status, _) = call(
        &mut ada,
        &token,
        "DELETE",
        &format!("/habits/{id}"),
        json!({}),
    )
    .await;
    assert_eq!(status, 204);
    let (status, _) = get_json(&mut ada, &format!("{path}?from={}", days_ago(9))).await;
    assert_eq!(status, 404, "the habit and its check-ins are gone");
}

async fn checkin_refusals_say_why(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let today = local_today();
    let shift = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let id = new_daily(&mut ada, &token, &shift(-5)).await;
    let path = format!("/habits/{id}/checkins");
    for (date, word) in [(shift(1), "future"), (shift(-6), "before")] {
        let (status, body) = post(
            &mut ada,
            &token,
            &path,
            json!({"date": date, "kind": "done"}),
        )
        .await;
        assert_eq!(status, 400, "{date}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(word),
            "{body}"
        );
    }
    let (_, weekly) = post(&mut ada, &token, "/habits", json!({"name": "Mondays", "schedule_type": "weekly_days", "schedule_config": {"days": ["mon"]}, "starts_on": shift(-14)})).await;
    let not_monday = (-6..=0)
        .map(shift)
        .find(|d| d.parse::<jiff::civil::Date>().unwrap().weekday() != jiff::civil::Weekday::Monday)
        .unwrap();
    let (status, body) = post(
        &mut ada,
        &token,
        &format!("/habits/{}/checkins", weekly["id"].as_str().unwrap()),
        json!({"date": not_monday, "kind": "done"}),
    )
    .await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not scheduled"),
        "{body}"
    );
    let (status, archived) = post(
        &mut ada,
        &token,
        &format!("/habits/{id}/archive"),
        json!({}),
    )
    .await;
    assert_eq!((status, archived["archived"].as_bool()), (200, Some(true)));
    let (status, body) = post(&mut ada, &token, &path, json!({"kind": "done"})).await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("archived")
    );
    let (_, restored) = post(
        &mut ada,
        &token,
        &format!("/habits/{id}/unarchive"),
        json!({}),
    )
    .await;
    assert_eq!(restored["archived"], false);
    let (status, body) = post(&mut ada, &token, &path, json!({"kind": "maybe"})).await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["kind"].is_string());
    let (_, list) = get_json(&mut ada, &format!("{path}?from={}", shift(-30))).await;
    assert_eq!(list["total"], 0, "no refused action wrote anything");
}

async fn habit_lists_filter_and_sort_by_streak(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let today = local_today();
    let days_ago = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let mut ids = Vec::new();
    for streak in [2i64, 0, 5] {
        let id = new_daily(&mut ada, &token, &days_ago(10)).await;
        for n in 1..=streak {
            post(
                &mut ada,
                &token,
                &format!("/habits/{id}/checkins"),
                json!({"date": days_ago(n), "kind": "done"}),
            )
            .await;
        }
        ids.push(id);
    }
    post(
        &mut ada,
        &token,
        &format!("/habits/{}/checkins", ids[1]),
        json!({"kind": "done"}),
    )
    .await;
    post(
        &mut ada,
        &token,
        &format!("/habits/{}/archive", ids[0]),
        json!({}),
    )
    .await;
    let streaks = |list: &Value| {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["current_streak"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    let (_, all) = get_json(
        &mut ada,
        "/habits?status=all&sort=streak&order=desc&per_page=2",
    )
    .await;
    assert_eq!(
        (streaks(&all), all["total"].as_u64()),
        (vec![5, 2], Some(3))
    );
    let (_, second) = get_json(
        &mut ada,
        "/habits?status=all&sort=streak&order=desc&per_page=2&page=2",
    )
    .await;
    assert_eq!(streaks(&second), vec![1], "exact streak order across pages");
    let (_, done) = get_json(&mut ada, "/habits?status=completed_today").await;
    assert_eq!(done["items"][0]["id"].as_str(), Some(ids[1].as_str()));
    let (_, archived) = get_json(&mut ada, "/habits?status=archived").await;
    assert_eq!(archived["items"][0]["id"].as_str(), Some(ids[0].as_str()));
    let (_, today_list) = get_json(&mut ada, "/habits").await;
    assert_eq!(today_list["total"], 2, "due or done today, not archived");
    let (status, _) = get_json(&mut ada, "/habits?status=someday").await;
    assert_eq!(status, 422);
    let (response, page) = ada.get("/habits?status=all", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("Read"));
}

async fn other_users_records_answer_404_and_stay_unchanged(app: &TestApp) {
    let (mut ada, ada_token) = user(app, "ada@example.com").await;
    let (_, theme) = post(&mut ada, &ada_token, "/themes", json!({"name": "Mine"})).await;
    let (_, task) = post(&mut ada, &ada_token, "/tasks", json!({"name": "Mine"})).await;
    let habit = new_daily(&mut ada, &ada_token, "2026-01-01").await;
    let (mut eve, eve_token) = user(app, "eve@example.com").await;
    let theme_path = format!("/themes/{}", theme["id"].as_str().unwrap());
    let task_path = format!("/tasks/{}", task["id"].as_str().unwrap());
    let habit_path = format!("/habits/{habit}");
    for path in [&theme_path, &task_path, &habit_path] {
        assert_eq!(get_json(&mut eve, path).await.0, 404, "{path}");
        assert_eq!(
            call(
                &mut eve,
                &eve_token,
                "PATCH",
                path,
                json!({"name": "Stolen"})
            )
            .await
            .0,
            404,
            "{path}"
        );
        assert_eq!(
            call(&mut eve, &eve_token, "DELETE", path, json!({}))
                .await
                .0,
            404,
            "{path}"
        );
        let (response, _) = eve.get(path, BROWSER).await;
        assert_eq!(response.status(), 404);
    }
    assert_eq!(
        post(
            &mut eve,
            &eve_token,
            &format!("{task_path}/complete"),
            json!({})
        )
        .await
        .0,
        404
    );
    assert_eq!(
        post(
            &mut eve,
            &eve_token,
            &format!("{habit_path}/checkins"),
            json!({"kind": "done"})
        )
        .await
        .0,
        404
    );
    assert_eq!(
        post(
            &mut eve,
            &eve_token,
            &format!("{habit_path}/archive"),
            json!({})
        )
        .await
        .0,
        404
    );
    assert_eq!(
        get_json(&mut eve, &format!("{habit_path}/checkins"))
            .await
            .0,
        404
    );
    let (status, body) = post(
        &mut eve,
        &eve_token,
        "/tasks",
        json!({"name": "x", "theme_id": theme["id"]}),
    )
    .await;
    assert_eq!(status, 422, "another user's theme is not a choice");
    assert!(body["error"]["fields"]["theme_id"].is_string());
    assert_eq!(
        get_json(&mut eve, "/tasks/not-a-uuid").await.0,
        404,
        "a malformed id is not found"
    );
    for path in [&theme_path, &task_path, &habit_path] {
        let (status, record) = get_json(&mut ada, path).await;
        assert_eq!(
            (status, record["name"].as_str()),
            (200, Some(if path == &habit_path { "Read" } else { "Mine" }))
        );
    }
    let (_, checkins) = get_json(&mut ada, &format!("{habit_path}/checkins")).await;
    assert_eq!(checkins["total"], 0);
}

async fn signed_out_callers_are_sent_to_login_or_get_401(app: &TestApp) {
    let mut stranger = app.browser();
    for path in [
        "/themes",
        "/themes/new",
        "/tasks",
        "/tasks/new",
        "/habits",
        "/habits/new",
        "/habits?status=all",
    ] {
        let (response, _) = stranger.get(path, BROWSER).await;
        assert_eq!(response.status(), 303, "{path}");
        let next: String = form_urlencoded::byte_serialize(path.as_bytes()).collect();
        assert_eq!(location(&response), format!("/auth/login?next={next}"));
        let (response, body) = stranger.get(path, API).await;
        assert_eq!(response.status(), 401, "{path}");
        assert_eq!(json(&body)["error"]["code"], "unauthorized");
    }
    let (response, _) = stranger
        .send_json("POST", "/tasks", json!({"name": "x"}), None)
        .await;
    assert_eq!(response.status(), 401);
}

async fn state_changes_without_csrf_are_refused(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let (_, task) = post(&mut ada, &token, "/tasks", json!({"name": "Keep"})).await;
    let habit = new_daily(&mut ada, &token, "2026-01-01").await;
    let task_path = format!("/tasks/{}", task["id"].as_str().unwrap());
    let attempts = [
        ("POST", "/themes".to_owned(), json!({"name": "New"})),
        ("POST", "/tasks".to_owned(), json!({"name": "New"})),
        ("PATCH", task_path.clone(), json!({"name": "Changed"})),
        ("DELETE", task_path.clone(), json!({})),
        ("POST", format!("{task_path}/complete"), json!({})),
        ("POST", "/habits".to_owned(), json!({"name": "New"})),
        (
            "POST",
            format!("/habits/{habit}/checkins"),
            json!({"kind": "done"}),
        ),
        ("DELETE", format!("/habits/{habit}"), json!({})),
    ];
    for (method, path, body) in attempts {
        let (response, _) = ada.send_json(method, &path, body, None).await;
        assert_eq!(response.status(), 403, "{method} {path}");
    }
    let (response, _) = ada
        .post_form("/tasks", &[("name", "Form without token")])
        .await;
    assert_eq!(response.status(), 403);
    let (_, tasks) = get_json(&mut ada, "/tasks?status=all").await;
    assert_eq!(
        (
            tasks["total"].as_u64(),
            tasks["items"][0]["name"].as_str(),
            tasks["items"][0]["completed"].as_bool()
        ),
        (Some(1), Some("Keep"), Some(false))
    );
    let (_, habits) = get_json(&mut ada, "/habits?status=all").await;
    assert_eq!(habits["total"], 1);
    let (_, themes) = get_json(&mut ada, "/themes").await;
    assert_eq!(themes["total"], 0);
}

async fn concurrent_completions_leave_one_checkin(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let id = new_daily(&mut ada, &token, "2026-01-01").await;
    let path = format!("/habits/{id}/checkins");
    let attempts: Vec<_> = (0..20)
        .map(|_| {
            let mut client = ada.clone();
            let token = token.clone();
            let path = path.clone();
            tokio::spawn(async move {
                client
                    .send_json("POST", &path, json!({"kind": "done"}), Some(&token))
                    .await
            })
        })
        .collect();
    let mut changed = 0;
    for attempt in attempts {
        let (response, body) = attempt.await.unwrap();
        assert_eq!(response.status(), 200, "{body}");
        if json(&body)["changed"] == true {
            changed += 1;
        }
    }
    assert_eq!(changed, 1, "exactly one request created the check-in");
    let (_, list) = get_json(&mut ada, &path).await;
    assert_eq!(list["total"], 1);
}

async fn the_theme_filter_is_remembered_and_cleared_when_the_theme_goes(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let (_, work) = post(&mut ada, &token, "/themes", json!({"name": "Work"})).await;
    let work_id = work["id"].as_str().unwrap().to_owned();
    post(
        &mut ada,
        &token,
        "/tasks",
        json!({"name": "Work task", "theme_id": work_id}),
    )
    .await;
    post(&mut ada, &token, "/tasks", json!({"name": "Loose task"})).await;
    let (_, habit) = post(
        &mut ada,
        &token,
        "/habits",
        json!({"name": "Work habit", "theme_id": work_id}),
    )
    .await;
    post(&mut ada, &token, "/habits", json!({"name": "Loose habit"})).await;
    assert!(habit["id"].is_string());

    let (_, page) = ada.get(&format!("/tasks?theme={work_id}"), BROWSER).await;
    assert!(
        page.contains("Work task") && !page.contains("Loose task"),
        "filtered"
    );
    assert!(
        page.contains(r#"aria-label="Themes""#),
        "the sidebar lists themes"
    );
    let (_, page) = ada.get("/habits?status=all", BROWSER).await;
    assert!(
        page.contains("Work habit") && !page.contains("Loose habit"),
        "remembered across pages: {page}"
    );
    let (_, json_list) = get_json(&mut ada, "/tasks").await;
    assert_eq!(
        json_list["total"], 2,
        "API clients are not filtered by the UI session"
    );
    let (_, json_list) = get_json(&mut ada, &format!("/tasks?theme_id={work_id}")).await;
    assert_eq!(json_list["total"], 1, "but may filter explicitly");

    call(
        &mut ada,
        &token,
        "DELETE",
        &format!("/themes/{work_id}"),
        json!({}),
    )
    .await;
    let (_, page) = ada.get("/tasks", BROWSER).await;
    assert!(
        page.contains("Work task") && page.contains("Loose task"),
        "a deleted theme's filter is cleared silently"
    );
    let (_, page) = ada.get("/tasks?theme=all", BROWSER).await;
    assert!(page.contains("Loose task"));
}

/// Lists read each habit's summary; the habit page reads its whole history.
/// After check-ins, a schedule edit and an archive they must agree.
async fn list_values_from_summaries_match_the_full_history(app: &TestApp) {
    let (mut ada, token) = user(app, "ada@example.com").await;
    let today = local_today();
    let days_ago = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let id = new_daily(&mut ada, &token, &days_ago(30)).await;
    for n in [1, 2, 3, 5, 6, 8] {
        post(
            &mut ada,
            &token,
            &format!("/habits/{id}/checkins"),
            json!({"date": days_ago(n), "kind": if n == 5 { "skipped" } else { "done" }}),
        )
        .await;
    }
    let fields = [
        "current_streak",
        "best_streak",
        "strength",
        "progress",
        "due_today",
        "done_today",
        "next_scheduled_on",
        "archived",
    ];
    let compare = |list: &Value, page: &Value| {
        let listed = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["id"] == page["id"])
            .unwrap()
            .clone();
        for field in fields {
            assert_eq!(listed[field], page[field], "{field}");
        }
    };
    let check = |ada: &mut Browser| {
        let id = id.clone();
        let mut client = ada.clone();
        async move {
            let (_, list) = get_json(&mut client, "/habits?status=all").await;
            let (_, page) = get_json(&mut client, &format!("/habits/{id}")).await;
            (list, page)
        }
    };
    let (list, page) = check(&mut ada).await;
    assert_eq!(page["current_streak"], 3);
    compare(&list, &page);
    call(&mut ada, &token, "PATCH", &format!("/habits/{id}"), json!({"schedule_type": "interval_cycle", "schedule_config": {"active_days": 1, "break_days": 1}, "ends_on": days_ago(-10)})).await;
    let (list, page) = check(&mut ada).await;
    compare(&list, &page);
    post(
        &mut ada,
        &token,
        &format!("/habits/{id}/archive"),
        json!({}),
    )
    .await;
    let (list, page) = check(&mut ada).await;
    assert_eq!(page["archived"], true);
    compare(&list, &page);
}
