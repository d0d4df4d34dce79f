//! Tasks through the real routes, on SQLite and (when configured)
//! PostgreSQL: both formats, validation, lists.
use habitflow_testkit::{BROWSER, TestApp, location};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(tasks_flow_in_both_formats, task_lists_filter_sort_and_page);

async fn tasks_flow_in_both_formats(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let theme = ada.create_theme(json!({"name": "Work"})).await;
    let task = ada
        .create_task(json!({"name": "Report", "priority": "high", "due_on": "2026-12-01", "theme_id": theme["id"]}))
        .await;
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
    let (status, done) = ada
        .call("POST", &format!("/tasks/{id}/complete"), json!({}))
        .await;
    assert_eq!((status, done["completed"].as_bool()), (200, Some(true)));
    let again = ada
        .post_json(&format!("/tasks/{id}/complete"), json!({}))
        .await;
    assert_eq!(
        again["completed_at"], done["completed_at"],
        "completing twice changes nothing"
    );
    let reopened = ada
        .post_json(&format!("/tasks/{id}/reopen"), json!({}))
        .await;
    assert_eq!(reopened["completed"], false);
    let (status, updated) = ada
        .call(
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
    let (status, body) = ada
        .call(
            "POST",
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
    let (status, _) = ada.call("DELETE", &format!("/tasks/{id}"), json!({})).await;
    assert_eq!(status, 204);
    let (status, _) = ada.fetch(&format!("/tasks/{id}")).await;
    assert_eq!(status, 404);
}

async fn task_lists_filter_sort_and_page(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    for (name, priority) in [("a", "low"), ("b", "high"), ("c", "medium")] {
        ada.create_task(json!({"name": name, "priority": priority}))
            .await;
    }
    let list = ada.get_json("/tasks?sort=priority&order=desc").await;
    let names: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, vec!["b", "c", "a"]);
    let page = ada
        .get_json("/tasks?sort=name&order=asc&per_page=2&page=2")
        .await;
    assert_eq!(
        (
            page["items"].as_array().unwrap().len(),
            page["total"].as_u64(),
            page["page"].as_u64()
        ),
        (1, Some(3), Some(2))
    );
    let past = ada.get_json("/tasks?per_page=2&page=9").await;
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
    let (status, body) = ada.fetch("/tasks?per_page=500").await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["per_page"].is_string());
    let (response, _) = ada.get("/tasks?per_page=500&sort=nonsense", BROWSER).await;
    assert_eq!(response.status(), 200, "browsers fall back to the defaults");
    let completed = ada.get_json("/tasks?status=completed").await;
    assert_eq!(completed["total"], 0);
}
