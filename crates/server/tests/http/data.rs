//! Your data in and out (docs/data.md): the export, the import and the
//! deletion of an account, on SQLite and (when configured) PostgreSQL.
use axum::body::Body;
use axum::http::Request;
use habitflow_testkit::{API, BROWSER, Browser, TestApp, id_of, local_today, location};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    the_export_holds_every_stored_field,
    the_export_of_a_long_history_holds_every_checkin,
    an_unknown_export_format_is_refused,
    a_dry_run_shows_the_plan_and_writes_nothing,
    export_import_export_gives_the_same_document,
    imported_names_that_exist_get_a_number,
    a_newer_export_version_is_refused,
    bad_values_are_refused_naming_where_and_nothing_is_written,
    ids_of_records_outside_the_file_link_nothing,
    the_import_pages_work_without_javascript,
    files_of_no_known_format_are_refused,
    an_export_made_by_the_binary_imports_whole,
    the_data_pages_speak_russian,
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
    assert_eq!(run["reminder_times"], json!([]), "none by default");
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

/// Sends `bytes` as an API client does: the file itself as the body.
async fn import_raw(client: &mut Browser, query: &str, bytes: Vec<u8>) -> (u16, Value) {
    let token = client.csrf_token().await;
    let request = Request::post(format!("/import{query}"))
        .header("content-type", "application/octet-stream")
        .header("accept", API)
        .header("x-csrf-token", token)
        .body(Body::from(bytes))
        .unwrap();
    let (response, body) = client.send(request).await;
    let answer = if body.is_empty() {
        Value::Null
    } else {
        serde_json::from_str(&body).unwrap_or(Value::String(body))
    };
    (response.status().as_u16(), answer)
}

const BOUNDARY: &str = "habitflow-test-boundary";

/// A browser's multipart form with the given text fields and file.
fn multipart(fields: &[(&str, &str)], file: Option<&[u8]>) -> Vec<u8> {
    let mut body = Vec::new();
    for (name, value) in fields {
        body.extend_from_slice(
            format!(
                "--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n{value}\r\n"
            )
            .as_bytes(),
        );
    }
    if let Some(bytes) = file {
        body.extend_from_slice(
            format!("--{BOUNDARY}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"export.json\"\r\nContent-Type: application/octet-stream\r\n\r\n").as_bytes(),
        );
        body.extend_from_slice(bytes);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{BOUNDARY}--\r\n").as_bytes());
    body
}

async fn post_multipart(client: &mut Browser, path: &str, body: Vec<u8>) -> (u16, String, String) {
    let request = Request::post(path)
        .header(
            "content-type",
            format!("multipart/form-data; boundary={BOUNDARY}"),
        )
        .header("accept", BROWSER)
        .body(Body::from(body))
        .unwrap();
    let (response, body) = client.send(request).await;
    (
        response.status().as_u16(),
        location(&response).to_owned(),
        body,
    )
}

async fn export_of(client: &mut Browser) -> Value {
    let (status, _, body) = download(client, "/export").await;
    assert_eq!(status, 200, "{body}");
    serde_json::from_str(&body).unwrap()
}

/// A user with a little of everything.
async fn ada_with_data(app: &TestApp) -> Browser {
    let mut ada = app.signed_in("ada@example.com").await;
    let health = ada
        .create_theme(json!({"name": "Health", "color": "#10B981"}))
        .await;
    ada.create_task(json!({"name": "Renew passport", "theme_id": id_of(&health)}))
        .await;
    let run = ada
        .create_habit(json!({
            "name": "Run", "kind": "measurable", "unit": "km", "target": 5,
            "target_type": "at_least", "theme_id": id_of(&health), "starts_on": days_ago(20),
        }))
        .await;
    let path = format!("/habits/{}/checkins", id_of(&run));
    ada.post_json(
        &path,
        json!({"kind": "done", "value": 5.5, "date": days_ago(3), "note": "park"}),
    )
    .await;
    ada.post_json(&path, json!({"kind": "skipped", "date": days_ago(2)}))
        .await;
    ada.post_json(
        &format!("/habits/{}/pauses", id_of(&run)),
        json!({"from": days_ago(10), "to": days_ago(8)}),
    )
    .await;
    ada
}

/// The document without what differs between accounts: when it was made,
/// the records' ids (a theme is named by its name), and the account itself.
fn comparable(mut document: Value) -> Value {
    let object = document.as_object_mut().unwrap();
    object.remove("exported_at");
    object.remove("user");
    let names: std::collections::HashMap<String, Value> = document["themes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|theme| {
            (
                theme["id"].as_str().unwrap().to_owned(),
                theme["name"].clone(),
            )
        })
        .collect();
    for list in ["themes", "tasks", "habits"] {
        for record in document[list].as_array_mut().unwrap() {
            let record = record.as_object_mut().unwrap();
            record.remove("id");
            if let Some(theme) = record.remove("theme_id") {
                let name = theme.as_str().map_or(Value::Null, |id| names[id].clone());
                record.insert("theme".into(), name);
            }
        }
    }
    document
}

async fn count_habits(app: &TestApp, email: &str) -> usize {
    let user = app.stored_user(email).await;
    app.state
        .services
        .store
        .habits()
        .list(user.id)
        .await
        .unwrap()
        .len()
}

async fn a_dry_run_shows_the_plan_and_writes_nothing(app: &TestApp) {
    let mut ada = ada_with_data(app).await;
    let file = serde_json::to_vec(&export_of(&mut ada).await).unwrap();
    let mut bob = app.signed_in("bob@example.com").await;
    let (status, plan) = import_raw(&mut bob, "?dry_run=true", file).await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(
        plan,
        json!({"source": "habitflow", "themes": 1, "tasks": 1, "habits": 1,
               "checkins": 2, "pauses": 1, "skipped": []})
    );
    assert_eq!(count_habits(app, "bob@example.com").await, 0);
    assert_eq!(bob.get_json("/themes").await["total"], 0);
}

async fn export_import_export_gives_the_same_document(app: &TestApp) {
    habitflow::app::demo::create(
        &app.state.services,
        "demo@example.com",
        "demo-habits-2026",
        1,
    )
    .await
    .unwrap();
    let mut demo = app.browser();
    demo.log_in("demo@example.com", "demo-habits-2026").await;
    let run = demo
        .create_habit(json!({
            "name": "Cigarettes", "kind": "measurable", "unit": "pcs", "target": 0,
            "target_type": "at_most", "starts_on": days_ago(30),
            "schedule_type": "times_per_period", "schedule_config": {"period": "week"},
            "reminder_times": ["21:30", "07:05"],
        }))
        .await;
    demo.post_json(
        &format!("/habits/{}/checkins", id_of(&run)),
        json!({"kind": "done", "value": 1.125, "date": days_ago(4), "note": "party"}),
    )
    .await;
    demo.post_json(&format!("/habits/{}/archive", id_of(&run)), json!({}))
        .await;
    demo.post_json(
        "/settings/vacations",
        json!({"from": days_ago(40), "to": days_ago(35)}),
    )
    .await;
    let first = export_of(&mut demo).await;
    let cigarettes = first["habits"]
        .as_array()
        .unwrap()
        .iter()
        .find(|habit| habit["name"] == "Cigarettes")
        .unwrap();
    assert_eq!(cigarettes["reminder_times"], json!(["07:05", "21:30"]));
    let mut fresh = app.signed_in("fresh@example.com").await;
    let (status, outcome) = import_raw(&mut fresh, "", serde_json::to_vec(&first).unwrap()).await;
    assert_eq!(status, 201, "{outcome}");
    assert_eq!(outcome["habits"], 13);
    let again = export_of(&mut fresh).await;
    assert_eq!(comparable(again), comparable(first));
    let imported = fresh.get_json("/habits?status=all&per_page=100").await;
    let imported = imported["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|habit| habit["name"] == "Cigarettes")
        .unwrap();
    assert_eq!(
        fresh
            .get_json(&format!("/habits/{}", id_of(imported)))
            .await["reminder_times"],
        json!(["07:05", "21:30"]),
        "the imported habit has the reminder times"
    );
    let stats_before = demo.get_json("/stats?range=all").await;
    let stats_after = fresh.get_json("/stats?range=all").await;
    assert_eq!(
        stats_before["overall"], stats_after["overall"],
        "the summaries are written too"
    );
}

async fn imported_names_that_exist_get_a_number(app: &TestApp) {
    let mut ada = ada_with_data(app).await;
    let file = serde_json::to_vec(&export_of(&mut ada).await).unwrap();
    for _ in 0..2 {
        let (status, outcome) = import_raw(&mut ada, "", file.clone()).await;
        assert_eq!(status, 201, "{outcome}");
    }
    let document = export_of(&mut ada).await;
    let names = |list: &str| -> Vec<String> {
        document[list]
            .as_array()
            .unwrap()
            .iter()
            .map(|record| record["name"].as_str().unwrap().to_owned())
            .collect()
    };
    assert_eq!(names("habits"), ["Run", "Run (2)", "Run (3)"]);
    let mut themes = names("themes");
    themes.sort();
    assert_eq!(themes, ["Health", "Health (2)", "Health (3)"]);
    assert_eq!(
        names("tasks"),
        ["Renew passport", "Renew passport (2)", "Renew passport (3)"]
    );
}

async fn a_newer_export_version_is_refused(app: &TestApp) {
    let mut ada = ada_with_data(app).await;
    let mut document = export_of(&mut ada).await;
    document["version"] = json!(2);
    let mut bob = app.signed_in("bob@example.com").await;
    let (status, answer) = import_raw(&mut bob, "", serde_json::to_vec(&document).unwrap()).await;
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["error"]["fields"]["version"]
            .as_str()
            .unwrap()
            .contains("version 2"),
        "{answer}"
    );
    assert_eq!(count_habits(app, "bob@example.com").await, 0);
}

async fn bad_values_are_refused_naming_where_and_nothing_is_written(app: &TestApp) {
    let mut ada = ada_with_data(app).await;
    let document = export_of(&mut ada).await;
    let mut bob = app.signed_in("bob@example.com").await;
    let cases = [
        (
            "/habits/0/checkins/0/value",
            json!(1_000_001),
            "habits[0].checkins[0].value",
        ),
        (
            "/habits/0/checkins/0/date",
            json!("1800-01-01"),
            "habits[0].checkins[0].date",
        ),
        ("/habits/0/name", json!(""), "habits[0].name"),
        ("/habits/0/target", json!(-1), "habits[0].target"),
        (
            "/habits/0/schedule_type",
            json!("hourly"),
            "habits[0].schedule_type",
        ),
        ("/themes/0/color", json!("teal"), "themes[0].color"),
        ("/tasks/0/priority", json!("urgent"), "tasks[0].priority"),
        (
            "/habits/0/reminder_times",
            json!(["07:30", "25:00"]),
            "habits[0].reminder_times",
        ),
        (
            "/habits/0/reminder_times",
            json!(["06:00", "07:00", "08:00", "09:00", "10:00", "11:00"]),
            "habits[0].reminder_times",
        ),
    ];
    for (pointer, value, field) in cases {
        let mut bad = document.clone();
        *bad.pointer_mut(pointer).unwrap() = value;
        let (status, answer) = import_raw(&mut bob, "", serde_json::to_vec(&bad).unwrap()).await;
        assert_eq!(status, 422, "{pointer}: {answer}");
        assert!(
            answer["error"]["fields"][field].is_string(),
            "{pointer}: {answer}"
        );
    }
    let (_, _, exported) = download(&mut ada, "/export").await;
    let half = exported.as_bytes()[..exported.len() / 2].to_vec();
    let (status, answer) = import_raw(&mut bob, "", half).await;
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["error"]["fields"]["file"]
            .as_str()
            .unwrap()
            .contains("line 1"),
        "{answer}"
    );
    assert_eq!(count_habits(app, "bob@example.com").await, 0);
    assert_eq!(bob.get_json("/themes").await["total"], 0);
}

async fn ids_of_records_outside_the_file_link_nothing(app: &TestApp) {
    let mut ada = ada_with_data(app).await;
    let ada_theme = ada.get_json("/themes").await["items"][0].clone();
    let mut bob = app.signed_in("bob@example.com").await;
    let bob_habit = bob.create_habit(json!({"name": "Walk"})).await;
    let mut document = export_of(&mut bob).await;
    document["habits"][0]["theme_id"] = ada_theme["id"].clone();
    document["habits"][0]["id"] = ada_theme["id"].clone();
    let (status, outcome) = import_raw(&mut bob, "", serde_json::to_vec(&document).unwrap()).await;
    assert_eq!(status, 201, "{outcome}");
    let habits = bob.get_json("/habits?status=all").await;
    assert_eq!(habits["total"], 2);
    for habit in habits["items"].as_array().unwrap() {
        assert_eq!(habit["theme_id"], Value::Null);
    }
    assert_eq!(
        bob.get_json(&format!("/habits/{}", id_of(&bob_habit)))
            .await["name"],
        "Walk"
    );
    let themes = ada.get_json("/themes").await;
    assert_eq!(
        themes["items"][0], ada_theme,
        "another user's theme is untouched"
    );
}

async fn the_import_pages_work_without_javascript(app: &TestApp) {
    let mut ada = ada_with_data(app).await;
    let file = serde_json::to_vec(&export_of(&mut ada).await).unwrap();
    let mut bob = app.signed_in("bob@example.com").await;
    let (response, page) = bob.get("/settings/data", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("action=\"/import?dry_run=true\""), "{page}");
    assert!(page.contains("enctype=\"multipart/form-data\""));
    let token = bob.csrf_token().await;
    let (status, _, _) = post_multipart(
        &mut bob,
        "/import?dry_run=true",
        multipart(&[], Some(&file)),
    )
    .await;
    assert_eq!(status, 403, "the form needs its CSRF token");
    let (status, _, page) = post_multipart(
        &mut bob,
        "/import?dry_run=true",
        multipart(&[("csrf_token", &token)], Some(&file)),
    )
    .await;
    assert_eq!(status, 200, "{page}");
    assert!(page.contains("Check-ins: 2"), "{page}");
    assert_eq!(count_habits(app, "bob@example.com").await, 0);
    let key = page
        .split("name=\"upload\" value=\"")
        .nth(1)
        .and_then(|rest| rest.split('"').next())
        .unwrap()
        .to_owned();
    let (status, to, _) = post_multipart(
        &mut bob,
        "/import",
        multipart(&[("csrf_token", &token), ("upload", &key)], None),
    )
    .await;
    assert_eq!((status, to.as_str()), (303, "/habits"));
    assert_eq!(count_habits(app, "bob@example.com").await, 1);
    let (status, _, page) = post_multipart(
        &mut bob,
        "/import",
        multipart(&[("csrf_token", &token), ("upload", &key)], None),
    )
    .await;
    assert_eq!(status, 422, "a kept upload is used once: {page}");
    assert_eq!(count_habits(app, "bob@example.com").await, 1);
    let (status, _, page) = post_multipart(
        &mut bob,
        "/import?dry_run=true",
        multipart(&[("csrf_token", &token)], Some(b"not an export")),
    )
    .await;
    assert_eq!(status, 422);
    assert!(page.contains("Nothing was imported"), "{page}");
}

async fn files_of_no_known_format_are_refused(app: &TestApp) {
    let mut bob = app.signed_in("bob@example.com").await;
    for file in [
        Vec::new(),
        b"{\"format\": \"other\"}".to_vec(),
        b"SQLite format 2".to_vec(),
        vec![0u8; 64],
    ] {
        let (status, answer) = import_raw(&mut bob, "", file).await;
        assert_eq!(status, 422, "{answer}");
        assert!(answer["error"]["fields"]["file"].is_string(), "{answer}");
    }
    let (status, _) = import_raw(&mut bob, "", vec![b' '; 21 * 1024 * 1024]).await;
    assert_eq!(status, 413);
}

/// `tests/data/habitflow/demo-1-year.json`: the export of the `demo-data`
/// user (one year), downloaded from the release binary's `GET /export`.
async fn an_export_made_by_the_binary_imports_whole(app: &TestApp) {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/habitflow/demo-1-year.json");
    let file = std::fs::read(path).unwrap();
    let mut ada = app.signed_in("ada@example.com").await;
    let (status, plan) = import_raw(&mut ada, "?dry_run=true", file.clone()).await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(
        plan,
        json!({"source": "habitflow", "themes": 5, "tasks": 30, "habits": 12,
               "checkins": 1266, "pauses": 0, "skipped": []})
    );
    let (status, _) = import_raw(&mut ada, "", file.clone()).await;
    assert_eq!(status, 201);
    let habits = ada.get_json("/habits?status=all&per_page=100").await;
    let by_name = |name: &str| {
        habits["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == name)
            .cloned()
            .unwrap()
    };
    let spanish = by_name("Spanish lesson");
    assert_eq!(spanish["schedule_type"], "interval_cycle");
    assert_eq!(
        spanish["schedule_config"],
        json!({"active_days": 3, "break_days": 4})
    );
    assert_eq!(spanish["theme_name"], "Learning");
    let insurance = by_name("Renew the insurance");
    assert_eq!(insurance["schedule_config"], json!({"month": 2, "day": 29}));
    let water = by_name("Drink water");
    let checkins = ada
        .get_json(&format!(
            "/habits/{}/checkins?from=2025-12-01&to=2026-11-30",
            water["id"].as_str().unwrap()
        ))
        .await;
    let items = checkins["items"].as_array().unwrap();
    assert_eq!(items.len(), 333);
    assert_eq!(items.iter().filter(|c| c["kind"] == "skipped").count(), 16);
    let mut original: Value = serde_json::from_slice(&file).unwrap();
    // Written before reminders: its habits have no `reminder_times`, which
    // reads as none and is exported as `[]` (docs/data.md#the-export).
    for habit in original["habits"].as_array_mut().unwrap() {
        assert!(habit.get("reminder_times").is_none());
        habit["reminder_times"] = json!([]);
    }
    assert_eq!(comparable(export_of(&mut ada).await), comparable(original));
}

async fn the_data_pages_speak_russian(app: &TestApp) {
    let mut ada = ada_with_data(app).await;
    let file = serde_json::to_vec(&export_of(&mut ada).await).unwrap();
    let mut boris = app.signed_in("boris@example.com").await;
    let token = boris.csrf_token().await;
    let (response, _) = boris
        .post_form(
            "/settings/language",
            &[("csrf_token", &token), ("language", "ru")],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, data) = boris.get("/settings/data", BROWSER).await;
    let (_, delete) = boris.get("/settings/delete", BROWSER).await;
    let token = boris.csrf_token().await;
    let (_, _, plan) = post_multipart(
        &mut boris,
        "/import?dry_run=true",
        multipart(&[("csrf_token", &token)], Some(&file)),
    )
    .await;
    let (status, answer) = import_raw(&mut boris, "", b"{}".to_vec()).await;
    assert_eq!(status, 422);
    for (page, russian, english) in [
        (
            &data,
            "Скачать в формате HabitFlow JSON",
            "Download as HabitFlow JSON",
        ),
        (&data, "Проверить файл", "Check the file"),
        (
            &delete,
            "Удалить аккаунт и все мои данные",
            "Delete my account",
        ),
        (&plan, "Что добавит импорт", "What the import will add"),
        (&plan, "Отметки: 2", "Check-ins"),
    ] {
        assert!(page.contains(russian), "{russian} missing");
        assert!(!page.contains(english), "{english} left in English");
    }
    assert!(
        answer["error"]["fields"]["file"]
            .as_str()
            .unwrap()
            .starts_with("Файл не является"),
        "{answer}"
    );
}
