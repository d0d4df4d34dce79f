//! Who may touch themes, tasks, habits and check-ins, on SQLite and (when
//! configured) PostgreSQL: other users' records, signed-out callers, and
//! state changes without the CSRF token.
use habitflow_testkit::{API, BROWSER, TestApp, id_of, json, location};
use serde_json::json;

habitflow_testkit::on_each_backend!(
    other_users_records_answer_404_and_stay_unchanged,
    signed_out_callers_are_sent_to_login_or_get_401,
    state_changes_without_csrf_are_refused,
);

async fn other_users_records_answer_404_and_stay_unchanged(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let theme = ada.create_theme(json!({"name": "Mine"})).await;
    let task = ada.create_task(json!({"name": "Mine"})).await;
    let habit = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": "2026-01-01"}))
            .await,
    );
    let mut eve = app.signed_in("eve@example.com").await;
    let theme_path = format!("/themes/{}", id_of(&theme));
    let task_path = format!("/tasks/{}", id_of(&task));
    let habit_path = format!("/habits/{habit}");
    for path in [&theme_path, &task_path, &habit_path] {
        assert_eq!(eve.fetch(path).await.0, 404, "{path}");
        assert_eq!(
            eve.call("PATCH", path, json!({"name": "Stolen"})).await.0,
            404,
            "{path}"
        );
        assert_eq!(eve.call("DELETE", path, json!({})).await.0, 404, "{path}");
        let (response, _) = eve.get(path, BROWSER).await;
        assert_eq!(response.status(), 404);
    }
    assert_eq!(
        eve.call("POST", &format!("{task_path}/complete"), json!({}))
            .await
            .0,
        404
    );
    assert_eq!(
        eve.call(
            "POST",
            &format!("{habit_path}/checkins"),
            json!({"kind": "done"})
        )
        .await
        .0,
        404
    );
    assert_eq!(
        eve.call("POST", &format!("{habit_path}/archive"), json!({}))
            .await
            .0,
        404
    );
    assert_eq!(eve.fetch(&format!("{habit_path}/checkins")).await.0, 404);
    let (status, body) = eve
        .call(
            "POST",
            "/tasks",
            json!({"name": "x", "theme_id": theme["id"]}),
        )
        .await;
    assert_eq!(status, 422, "another user's theme is not a choice");
    assert!(body["error"]["fields"]["theme_id"].is_string());
    assert_eq!(
        eve.fetch("/tasks/not-a-uuid").await.0,
        404,
        "a malformed id is not found"
    );
    for path in [&theme_path, &task_path, &habit_path] {
        let (status, record) = ada.fetch(path).await;
        assert_eq!(
            (status, record["name"].as_str()),
            (200, Some(if path == &habit_path { "Read" } else { "Mine" }))
        );
    }
    let checkins = ada.get_json(&format!("{habit_path}/checkins")).await;
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
    let mut ada = app.signed_in("ada@example.com").await;
    let task = ada.create_task(json!({"name": "Keep"})).await;
    let habit = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": "2026-01-01"}))
            .await,
    );
    let task_path = format!("/tasks/{}", id_of(&task));
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
    let tasks = ada.get_json("/tasks?status=all").await;
    assert_eq!(
        (
            tasks["total"].as_u64(),
            tasks["items"][0]["name"].as_str(),
            tasks["items"][0]["completed"].as_bool()
        ),
        (Some(1), Some("Keep"), Some(false))
    );
    let habits = ada.get_json("/habits?status=all").await;
    assert_eq!(habits["total"], 1);
    let themes = ada.get_json("/themes").await;
    assert_eq!(themes["total"], 0);
}
