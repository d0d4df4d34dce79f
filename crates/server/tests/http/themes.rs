//! Themes through the real routes, on SQLite and (when configured)
//! PostgreSQL: both formats, validation, and the theme filter of the UI.
use habitflow_testkit::{BROWSER, TestApp, location};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    themes_are_created_listed_updated_and_deleted,
    theme_names_conflict_and_validation_names_the_field,
    the_theme_filter_is_remembered_and_cleared_when_the_theme_goes,
    the_themes_list_is_paged_like_tasks_and_habits,
);

/// `page` and `per_page` (1–100, 20 by default) as for tasks and habits
/// (docs/product.md#lists-and-paging): the answer names the real `per_page`;
/// bad values are 422 for JSON and the default page for browsers.
async fn the_themes_list_is_paged_like_tasks_and_habits(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    for name in ["delta", "Alpha", "charlie", "Bravo", "echo"] {
        ada.create_theme(json!({"name": name})).await;
    }
    let names = |list: &Value| -> Vec<String> {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t["name"].as_str().unwrap().to_owned())
            .collect()
    };
    let all = ada.get_json("/themes").await;
    assert_eq!(
        (&all["page"], &all["per_page"], &all["total"]),
        (&json!(1), &json!(20), &json!(5)),
        "the default page size, not the number of themes"
    );
    assert_eq!(names(&all), ["Alpha", "Bravo", "charlie", "delta", "echo"]);
    let second = ada.get_json("/themes?per_page=2&page=2").await;
    assert_eq!(
        (&second["page"], &second["per_page"], &second["total"]),
        (&json!(2), &json!(2), &json!(5))
    );
    assert_eq!(names(&second), ["charlie", "delta"]);
    let last = ada.get_json("/themes/?per_page=2&page=3").await;
    assert_eq!(names(&last), ["echo"]);
    for page in ["9", "4294967295"] {
        let past = ada
            .get_json(&format!("/themes?per_page=100&page={page}"))
            .await;
        assert_eq!((&past["items"], &past["total"]), (&json!([]), &json!(5)));
    }
    for bad in ["per_page=0", "per_page=101", "page=0", "page=x"] {
        let (status, body) = ada.fetch(&format!("/themes?{bad}")).await;
        assert_eq!(status, 422, "{bad}: {body}");
        let field = bad.split('=').next().unwrap();
        assert!(body["error"]["fields"][field].is_string(), "{bad}: {body}");
    }
    let (response, html) = ada.get("/themes?per_page=500&page=0", BROWSER).await;
    assert_eq!(response.status(), 200, "browsers fall back to the defaults");
    assert!(html.contains("echo") && html.contains("Alpha"), "{html}");
    let (response, html) = ada.get("/themes?per_page=2&page=2", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(
        html.contains("charlie") && !html.contains("Alpha"),
        "{html}"
    );
    assert!(
        html.contains("/themes?page=3&amp;per_page=2"),
        "a next link"
    );
    let (response, _) = ada.get("/themes?per_page=2&page=9", BROWSER).await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/themes?page=3&per_page=2");
}

async fn themes_are_created_listed_updated_and_deleted(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let theme = ada
        .create_theme(json!({"name": "  Health  ", "color": "#aabbcc"}))
        .await;
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
    let auto = ada.create_theme(json!({"name": "Work"})).await;
    assert_eq!(auto["color"], "#4F46E5", "the first free palette colour");
    let id = theme["id"].as_str().unwrap().to_owned();
    ada.create_task(json!({"name": "Walk", "theme_id": id}))
        .await;
    let list = ada.get_json("/themes/").await;
    let health = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|t| t["name"] == "Health")
        .unwrap()
        .clone();
    assert_eq!(health["tasks_count"], 1);
    let (status, renamed) = ada
        .call(
            "PATCH",
            &format!("/themes/{id}"),
            json!({"name": "Fitness"}),
        )
        .await;
    assert_eq!(
        (status, renamed["name"].as_str(), renamed["color"].as_str()),
        (200, Some("Fitness"), Some("#AABBCC"))
    );
    let (status, recoloured) = ada
        .call(
            "PUT",
            &format!("/themes/{id}"),
            json!({"name": "Fitness", "color": "#112233"}),
        )
        .await;
    assert_eq!(
        (status, recoloured["color"].as_str()),
        (200, Some("#112233"))
    );
    let (status, _) = ada
        .call("DELETE", &format!("/themes/{id}"), json!({}))
        .await;
    assert_eq!(status, 204);
    let tasks = ada.get_json("/tasks").await;
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
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    ada.create_theme(json!({"name": "Health"})).await;
    let (status, body) = ada.call("POST", "/themes", json!({"name": "HEALTH"})).await;
    assert_eq!(
        (status, body["error"]["code"].as_str()),
        (409, Some("conflict"))
    );
    assert!(body["error"]["fields"]["name"].is_string());
    let (status, body) = ada
        .call("POST", "/themes", json!({"name": "x".repeat(25)}))
        .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["name"].is_string());
    let (status, body) = ada
        .call("POST", "/themes", json!({"name": "Ok", "color": "red"}))
        .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["color"].is_string());
    let (status, body) = ada
        .call(
            "POST",
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
    let list = ada.get_json("/themes").await;
    assert_eq!(
        list["total"], 1,
        "nothing was created by the refused requests"
    );
}

async fn the_theme_filter_is_remembered_and_cleared_when_the_theme_goes(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let work = ada.create_theme(json!({"name": "Work"})).await;
    let work_id = work["id"].as_str().unwrap().to_owned();
    ada.create_task(json!({"name": "Work task", "theme_id": work_id}))
        .await;
    ada.create_task(json!({"name": "Loose task"})).await;
    let habit = ada
        .create_habit(json!({"name": "Work habit", "theme_id": work_id}))
        .await;
    ada.create_habit(json!({"name": "Loose habit"})).await;
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
    let json_list = ada.get_json("/tasks").await;
    assert_eq!(
        json_list["total"], 2,
        "API clients are not filtered by the UI session"
    );
    let json_list = ada.get_json(&format!("/tasks?theme_id={work_id}")).await;
    assert_eq!(json_list["total"], 1, "but may filter explicitly");

    ada.call("DELETE", &format!("/themes/{work_id}"), json!({}))
        .await;
    let (_, page) = ada.get("/tasks", BROWSER).await;
    assert!(
        page.contains("Work task") && page.contains("Loose task"),
        "a deleted theme's filter is cleared silently"
    );
    let (_, page) = ada.get("/tasks?theme=all", BROWSER).await;
    assert!(page.contains("Loose task"));
}
