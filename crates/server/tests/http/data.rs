//! Your data in and out (docs/data.md): the export, the import and the
//! deletion of an account, on SQLite and (when configured) PostgreSQL.
use habitflow_testkit::{API, Browser, TestApp, id_of, local_today};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    the_export_holds_every_stored_field,
    the_export_of_a_long_history_holds_every_checkin,
    an_unknown_export_format_is_refused,
);

fn days_ago(days: i64) -> String {
    local_today()
        .checked_sub(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

/// The raw answer of `GET path` and its headers.
async fn download(client: &mut Browser, path: &str) -> (u16, Vec<(String, String)>, String) {
    let (response, body) = client.get(path, API).await;
    let headers = response
        .headers()
        .iter()
        .map(|(name, value)| (name.to_string(), value.to_str().unwrap().to_owned()))
        .collect();
    (response.status().as_u16(), headers, body)
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map_or("", |(_, v)| v.as_str())
}

async fn the_export_holds_every_stored_field(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let health = ada
        .create_theme(json!({"name": "Health", "color": "#10B981"}))
        .await;
    ada.create_task(json!({
        "name": "Renew passport", "priority": "high", "due_on": "2030-01-31",
        "theme_id": id_of(&health),
    }))
    .await;
    let run = ada
        .create_habit(json!({
            "name": "Run", "kind": "measurable", "unit": "km", "target": 5.5,
            "target_type": "at_least", "theme_id": id_of(&health),
            "starts_on": days_ago(10),
        }))
        .await;
    let read = ada
        .create_habit(json!({"name": "Read", "description": "20 pages", "starts_on": days_ago(10)}))
        .await;
    let run_path = format!("/habits/{}/checkins", id_of(&run));
    ada.post_json(
        &run_path,
        json!({"kind": "done", "value": 6.25, "date": days_ago(2), "note": "windy"}),
    )
    .await;
    ada.post_json(&run_path, json!({"kind": "skipped", "date": days_ago(1)}))
        .await;
    ada.post_json(
        &format!("/habits/{}/checkins", id_of(&read)),
        json!({"kind": "done", "date": days_ago(3)}),
    )
    .await;
    ada.post_json(
        &format!("/habits/{}/pauses", id_of(&read)),
        json!({"from": days_ago(6), "to": days_ago(5)}),
    )
    .await;
    ada.post_json(
        "/settings/vacations",
        json!({"from": days_ago(9), "to": days_ago(8)}),
    )
    .await;

    let (status, headers, body) = download(&mut ada, "/export").await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(header(&headers, "content-type"), "application/json");
    assert_eq!(
        header(&headers, "content-disposition"),
        format!(
            "attachment; filename=\"habitflow-export-{}.json\"",
            local_today()
        )
    );
    let document: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(
        (&document["format"], &document["version"]),
        (&json!("habitflow"), &json!(1))
    );
    assert!(document["exported_at"].is_string());
    assert_eq!(document["user"]["email"], "ada@example.com");
    assert_eq!(document["user"]["language"], "en");
    assert_eq!(document["themes"][0]["name"], "Health");
    assert_eq!(document["themes"][0]["color"], "#10B981");
    let task = &document["tasks"][0];
    assert_eq!(
        (
            &task["name"],
            &task["priority"],
            &task["due_on"],
            &task["theme_id"]
        ),
        (
            &json!("Renew passport"),
            &json!("high"),
            &json!("2030-01-31"),
            &health["id"]
        )
    );
    let habits = document["habits"].as_array().unwrap();
    assert_eq!(habits.len(), 2);
    let run = &habits[0];
    assert_eq!(
        (
            &run["name"],
            &run["kind"],
            &run["unit"],
            &run["target"],
            &run["target_type"]
        ),
        (
            &json!("Run"),
            &json!("measurable"),
            &json!("km"),
            &json!(5.5),
            &json!("at_least")
        )
    );
    assert_eq!(
        run["checkins"],
        json!([
            {"date": days_ago(2), "kind": "done", "value": 6.25, "note": "windy"},
            {"date": days_ago(1), "kind": "skipped", "value": null, "note": ""},
        ])
    );
    assert_eq!(run["pauses"], json!([]));
    let read = &habits[1];
    assert_eq!(read["description"], "20 pages");
    assert_eq!(read["schedule_type"], "daily");
    assert_eq!(read["schedule_config"], json!({}));
    assert_eq!(read["kind"], "boolean");
    assert_eq!(read["unit"], Value::Null);
    assert_eq!(read["starts_on"], json!(days_ago(10)));
    assert_eq!(
        read["checkins"],
        json!([{"date": days_ago(3), "kind": "done", "value": null, "note": ""}])
    );
    assert_eq!(
        read["pauses"],
        json!([{"from": days_ago(6), "to": days_ago(5)}])
    );
    assert_eq!(
        document["vacations"],
        json!([{"from": days_ago(9), "to": days_ago(8)}])
    );
    for derived in [
        "current_streak",
        "strength",
        "done_today",
        "next_scheduled_on",
    ] {
        assert!(run.get(derived).is_none(), "{derived} is derived");
    }
}

/// More check-ins than one page of the export's reads, every one of them in
/// the document, in date order.
async fn the_export_of_a_long_history_holds_every_checkin(app: &TestApp) {
    let user = habitflow::app::demo::create(
        &app.state.services,
        "demo@example.com",
        "demo-habits-2026",
        4,
    )
    .await
    .unwrap();
    let stored = app
        .state
        .services
        .store
        .checkins()
        .for_owner_since(user.id, jiff::civil::date(1970, 1, 1))
        .await
        .unwrap();
    let mut demo = app.browser();
    demo.log_in("demo@example.com", "demo-habits-2026").await;
    let (status, _, body) = download(&mut demo, "/export").await;
    assert_eq!(status, 200);
    let document: Value = serde_json::from_str(&body).unwrap();
    let habits = document["habits"].as_array().unwrap();
    assert_eq!(habits.len(), 12);
    let exported: usize = habits
        .iter()
        .map(|habit| habit["checkins"].as_array().unwrap().len())
        .sum();
    assert_eq!(exported, stored.len());
    let longest = habits
        .iter()
        .map(|habit| habit["checkins"].as_array().unwrap().len())
        .max()
        .unwrap();
    assert!(longest > 1_000, "more than one page: {longest} check-ins");
    for habit in habits {
        let dates: Vec<&str> = habit["checkins"]
            .as_array()
            .unwrap()
            .iter()
            .map(|checkin| checkin["date"].as_str().unwrap())
            .collect();
        assert!(dates.windows(2).all(|pair| pair[0] < pair[1]));
    }
    assert_eq!(document["tasks"].as_array().unwrap().len(), 30);
}

async fn an_unknown_export_format_is_refused(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let (status, answer) = ada.fetch("/export?format=csv").await;
    assert_eq!(status, 400, "{answer}");
    let mut visitor = app.browser();
    let (status, _) = visitor.fetch("/export").await;
    assert_eq!(status, 401);
}
