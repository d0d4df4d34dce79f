//! Importing Loop Habit Tracker's files (docs/data.md#from-loop-habit-tracker):
//! real backups of several database versions and a real CSV export, made by
//! Loop (tests/data/loop/README.md), and hostile files refused with nothing
//! written, on SQLite and (when configured) PostgreSQL.
use axum::body::Body;
use axum::http::Request;
use habitflow_testkit::{API, Browser, TestApp, local_today};
use serde_json::{Value, json};
use sqlx::Connection;
use std::io::Write;
use std::path::PathBuf;

habitflow_testkit::on_each_backend!(
    loop_backups_of_every_version_are_read,
    a_loop_reminder_becomes_the_habits_reminder_time,
    a_loop_backup_is_imported_with_its_schedules_colours_and_history,
    a_loop_csv_export_is_imported,
    the_loop_export_reads_back_as_the_same_habits,
    hostile_backups_are_refused_and_nothing_is_written,
    hostile_zips_are_refused_and_nothing_is_written,
);

fn data(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/data/loop")
        .join(name)
}

fn file(name: &str) -> Vec<u8> {
    std::fs::read(data(name)).unwrap()
}

async fn import(client: &mut Browser, dry_run: bool, bytes: Vec<u8>) -> (u16, Value) {
    let token = client.csrf_token().await;
    let path = if dry_run {
        "/import?dry_run=true"
    } else {
        "/import"
    };
    let request = Request::post(path)
        .header("content-type", "application/octet-stream")
        .header("accept", API)
        .header("x-csrf-token", token)
        .body(Body::from(bytes))
        .unwrap();
    let (response, body) = client.send(request).await;
    (
        response.status().as_u16(),
        serde_json::from_str(&body).unwrap_or(Value::String(body)),
    )
}

/// Loop's CSV export as Loop's exporter zips it: its files, by their paths.
fn loop_csv_zip() -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for name in [
        "Habits.csv",
        "001 Meditate/Scores.csv",
        "001 Meditate/Checkmarks.csv",
        "002 Wake up early/Scores.csv",
        "002 Wake up early/Checkmarks.csv",
        "Scores.csv",
        "Checkmarks.csv",
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(&file(&format!("csv_export/{name}"))).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn skipped_whats(answer: &Value) -> Vec<String> {
    answer["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["what"].as_str().unwrap().to_owned())
        .collect()
}

async fn loop_backups_of_every_version_are_read(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let expected = [
        ("loop-v12.db", 9, 164),
        ("loop-v21.db", 1, 3),
        ("loop-v22.db", 2, 1),
        ("loop-v25.db", 2, 1),
    ];
    for (name, habits, checkins) in expected {
        let (status, plan) = import(&mut ada, true, file(name)).await;
        assert_eq!(status, 200, "{name}: {plan}");
        assert_eq!(plan["source"], "loop_db", "{name}");
        assert_eq!(
            (plan["habits"].clone(), plan["checkins"].clone()),
            (json!(habits), json!(checkins)),
            "{name}: {plan}"
        );
    }
    let (_, plan) = import(&mut ada, true, file("loop-v22.db")).await;
    assert_eq!(
        skipped_whats(&plan),
        Vec::<String>::new(),
        "the reminder is imported, not skipped"
    );
    let listed = ada.get_json("/habits?status=all").await;
    assert_eq!(listed["total"], 0, "dry runs write nothing");
}

async fn a_loop_reminder_becomes_the_habits_reminder_time(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let (status, outcome) = import(&mut ada, false, file("loop-v25.db")).await;
    assert_eq!(status, 201, "{outcome}");
    let habits = ada.get_json("/habits?status=all").await;
    let id_of = |name: &str| {
        let habit = habits["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == name)
            .unwrap_or_else(|| panic!("no habit {name}: {habits}"));
        habit["id"].as_str().unwrap().to_owned()
    };
    let work_out = id_of("Work out");
    assert_eq!(
        ada.get_json(&format!("/habits/{work_out}")).await["reminder_times"],
        json!(["18:00"]),
        "Loop's 18:00 reminder"
    );
    let test = id_of("Test");
    assert_eq!(
        ada.get_json(&format!("/habits/{test}")).await["reminder_times"],
        json!([]),
        "a Loop habit without a reminder has none"
    );
}

async fn a_loop_backup_is_imported_with_its_schedules_colours_and_history(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let (status, outcome) = import(&mut ada, false, file("loop-v12.db")).await;
    assert_eq!(status, 201, "{outcome}");
    let habits = ada.get_json("/habits?status=all&per_page=100").await;
    let by_name = |name: &str| {
        habits["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["name"] == name)
            .cloned()
            .unwrap_or_else(|| panic!("no habit {name}: {habits}"))
    };
    let wake = by_name("Wake up early");
    assert_eq!(wake["schedule_type"], "times_per_period");
    assert_eq!(
        wake["schedule_config"],
        json!({"times": 3, "period": "week"})
    );
    assert_eq!(
        wake["starts_on"], "2016-01-01",
        "the first repetition's date, as is"
    );
    assert_eq!(wake["theme_name"], "Loop emerald");
    assert_eq!(wake["theme_color"], "#10B981");
    let sleep = by_name("Sleep early");
    assert_eq!(
        sleep["schedule_config"],
        json!({"times": 1, "period": "days", "period_days": 5})
    );
    let teeth = by_name("brush teeth");
    assert_eq!(teeth["description"], "I want to have beautiful teeth!");
    assert_eq!(by_name("Vegan")["theme_name"], "Loop emerald");
    assert_eq!(
        by_name("Vegan (2)")["theme_name"],
        "Loop red",
        "the second Vegan"
    );
    let checkins = ada
        .get_json(&format!(
            "/habits/{}/checkins?from=2015-01-01&to=2016-12-31",
            wake["id"].as_str().unwrap()
        ))
        .await;
    let items = checkins["items"].as_array().unwrap();
    assert_eq!(items.len(), 33);
    assert_eq!(items[0]["date"], "2016-01-01");
    assert!(items.iter().all(|c| c["kind"] == "done"));
}

async fn a_loop_csv_export_is_imported(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let (status, plan) = import(&mut ada, true, loop_csv_zip()).await;
    assert_eq!(status, 200, "{plan}");
    assert_eq!(
        (&plan["source"], &plan["habits"], &plan["checkins"]),
        (&json!("loop_csv"), &json!(2), &json!(6))
    );
    assert_eq!(
        skipped_whats(&plan),
        [
            "Wake up early 2015-01-24: Sick",
            "Wake up early 2015-01-23: Forgot to do it, really",
            "Wake up early 2015-01-19: \"Vacation\"",
        ],
        "notes on days that were not checked are listed"
    );
    let (status, _) = import(&mut ada, false, loop_csv_zip()).await;
    assert_eq!(status, 201);
    let habits = ada.get_json("/habits?status=all").await;
    let items = habits["items"].as_array().unwrap();
    let meditate = items.iter().find(|h| h["name"] == "Meditate").unwrap();
    assert_eq!(meditate["schedule_type"], "daily");
    assert_eq!(meditate["description"], "Did you meditate this morning?");
    assert_eq!(
        meditate["starts_on"],
        json!(local_today().to_string()),
        "no entries: today"
    );
    let wake = items.iter().find(|h| h["name"] == "Wake up early").unwrap();
    assert_eq!(
        wake["schedule_config"],
        json!({"times": 2, "period": "days", "period_days": 3})
    );
    assert_eq!(wake["starts_on"], "2015-01-16");
    assert_eq!(wake["theme_color"], "#10B981");
}

async fn the_loop_export_reads_back_as_the_same_habits(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let (status, _) = import(&mut ada, false, file("loop-v12.db")).await;
    assert_eq!(status, 201);
    let run = ada
        .create_habit(json!({
            "name": "Run", "kind": "measurable", "unit": "km", "target": 5.5,
            "target_type": "at_most", "starts_on": "2026-01-01",
            "schedule_type": "times_per_period", "schedule_config": {"period": "week"},
        }))
        .await;
    ada.post_json(
        &format!("/habits/{}/checkins", run["id"].as_str().unwrap()),
        json!({"kind": "done", "value": 5.25, "date": "2026-01-02", "note": "hills, wind"}),
    )
    .await;
    let bytes = download_bytes(app, &ada, "/export?format=loop").await;
    let mut bob = app.signed_in("bob@example.com").await;
    let (status, outcome) = import(&mut bob, false, bytes).await;
    assert_eq!(status, 201, "{outcome}");
    assert_eq!(
        (&outcome["habits"], &outcome["checkins"]),
        (&json!(10), &json!(165))
    );
    let summary = |habits: &Value| -> Vec<(Value, Value, Value, Value, Value, Value)> {
        let mut rows: Vec<_> = habits["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| {
                (
                    h["name"].clone(),
                    h["schedule_type"].clone(),
                    h["schedule_config"].clone(),
                    h["kind"].clone(),
                    h["target"].clone(),
                    h["target_type"].clone(),
                )
            })
            .collect();
        rows.sort_by_key(|row| row.0.to_string());
        rows
    };
    let ours = ada.get_json("/habits?status=all&per_page=100").await;
    let theirs = bob.get_json("/habits?status=all&per_page=100").await;
    assert_eq!(summary(&theirs), summary(&ours));
    let history = |document: Value| -> Vec<(Value, Value)> {
        let mut rows: Vec<(Value, Value)> = document["habits"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| (h["name"].clone(), h["checkins"].clone()))
            .collect();
        rows.sort_by_key(|row| row.0.to_string());
        rows
    };
    assert_eq!(
        history(ada.get_json("/export").await),
        history(bob.get_json("/export").await),
        "the same check-ins, values and notes"
    );
    for (mine, read) in ours["items"]
        .as_array()
        .unwrap()
        .iter()
        .zip(theirs["items"].as_array().unwrap())
    {
        assert_eq!(mine["theme_color"], read["theme_color"], "{}", mine["name"]);
    }
}

/// A download's bytes as they are (the test client's answers are text).
async fn download_bytes(app: &TestApp, client: &Browser, path: &str) -> Vec<u8> {
    use http_body_util::BodyExt;
    use tower::ServiceExt;
    let cookies: Vec<String> = client
        .cookies
        .iter()
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    let request = Request::get(path)
        .header("accept", API)
        .header("cookie", cookies.join("; "))
        .body(Body::empty())
        .unwrap();
    let response = app.router().oneshot(request).await.unwrap();
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "application/zip");
    response
        .into_body()
        .collect()
        .await
        .unwrap()
        .to_bytes()
        .to_vec()
}

/// A copy of a Loop backup changed by `sql`.
async fn changed_backup(name: &str, sql: &str) -> Vec<u8> {
    let dir = std::env::temp_dir().join(format!("habitflow-test-{}", uuid::Uuid::now_v7()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("backup.db");
    std::fs::copy(data(name), &path).unwrap();
    let mut connection = sqlx::SqliteConnection::connect(&format!("sqlite://{}", path.display()))
        .await
        .unwrap();
    sqlx::raw_sql(sqlx::AssertSqlSafe(sql.to_owned()))
        .execute(&mut connection)
        .await
        .unwrap();
    connection.close().await.unwrap();
    let bytes = std::fs::read(&path).unwrap();
    std::fs::remove_dir_all(&dir).unwrap();
    bytes
}

async fn refused(app: &TestApp, client: &mut Browser, bytes: Vec<u8>, field: &str, words: &str) {
    let (status, answer) = import(client, false, bytes).await;
    assert_eq!(status, 422, "{answer}");
    let message = answer["error"]["fields"][field]
        .as_str()
        .unwrap_or_else(|| panic!("{field}: {answer}"));
    assert!(message.contains(words), "{message}");
    let user = app.stored_user("ada@example.com").await;
    assert!(
        app.state
            .services
            .store
            .habits()
            .list(user.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(
        app.state
            .services
            .store
            .themes()
            .list_with_counts(user.id)
            .await
            .unwrap()
            .is_empty()
    );
}

async fn hostile_backups_are_refused_and_nothing_is_written(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let whole = file("loop-v12.db");
    refused(
        app,
        &mut ada,
        whole[..whole.len() / 3].to_vec(),
        "file",
        "not a readable SQLite",
    )
    .await;
    refused(
        app,
        &mut ada,
        whole[..100].to_vec(),
        "file",
        "not a readable SQLite",
    )
    .await;
    let view = changed_backup(
        "loop-v22.db",
        "CREATE VIEW Lure AS SELECT randomblob(1000000000) AS blob",
    )
    .await;
    refused(app, &mut ada, view, "file", "views or triggers").await;
    let trigger = changed_backup(
        "loop-v22.db",
        "CREATE TRIGGER Lure AFTER INSERT ON Habits BEGIN SELECT randomblob(10); END",
    )
    .await;
    refused(app, &mut ada, trigger, "file", "views or triggers").await;
    let newer = changed_backup("loop-v25.db", "PRAGMA user_version = 26").await;
    refused(app, &mut ada, newer, "file", "version 26").await;
    let out_of_range = changed_backup(
        "loop-v22.db",
        "UPDATE Habits SET type = 1, target_value = 5000000, unit = 'km' WHERE id = 0",
    )
    .await;
    refused(
        app,
        &mut ada,
        out_of_range,
        "habits[1] \"Work out\".target",
        "between",
    )
    .await;
    let far_future = changed_backup(
        "loop-v22.db",
        "UPDATE Repetitions SET timestamp = 32503680000000",
    )
    .await;
    refused(
        app,
        &mut ada,
        far_future,
        "habits[1] \"Work out\".entries[3000-01-01].date",
        "2100",
    )
    .await;
}

fn zip_of(entries: &[(&str, Vec<u8>)]) -> Vec<u8> {
    zip_with(entries, zip::CompressionMethod::Deflated)
}

fn zip_with(entries: &[(&str, Vec<u8>)], method: zip::CompressionMethod) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default().compression_method(method);
    for (name, bytes) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(bytes).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

async fn hostile_zips_are_refused_and_nothing_is_written(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let habits = file("csv_export/Habits.csv");
    let escaping = zip_of(&[
        ("Habits.csv", habits.clone()),
        ("../001 Meditate/Checkmarks.csv", b"Date,Value\n".to_vec()),
    ]);
    refused(
        app,
        &mut ada,
        escaping,
        "../001 Meditate/Checkmarks.csv",
        "outside the archive",
    )
    .await;
    let mut many: Vec<(String, Vec<u8>)> = vec![("Habits.csv".into(), habits.clone())];
    many.extend((0..10_000).map(|i| (format!("x/{i}.csv"), Vec::new())));
    let many: Vec<(&str, Vec<u8>)> = many.iter().map(|(n, b)| (n.as_str(), b.clone())).collect();
    refused(
        app,
        &mut ada,
        zip_of(&many),
        "file",
        "more than 1000 entries",
    )
    .await;
    let bomb = zip_of(&[
        ("Habits.csv", habits.clone()),
        ("001 Meditate/Checkmarks.csv", vec![b' '; 64 * 1024 * 1024]),
    ]);
    refused(
        app,
        &mut ada,
        bomb,
        "001 Meditate/Checkmarks.csv",
        "times its packed size",
    )
    .await;
    let mut long_line = b"Position,Name,Type\n001,".to_vec();
    long_line.extend(std::iter::repeat_n(b'a', 1024 * 1024));
    long_line.extend_from_slice(b",YES_NO\n");
    let long_line = zip_with(&[("Habits.csv", long_line)], zip::CompressionMethod::Stored);
    refused(app, &mut ada, long_line, "Habits.csv line 2", "longer than").await;
    let bad_value = zip_of(&[
        ("Habits.csv", habits.clone()),
        (
            "002 Wake up early/Checkmarks.csv",
            b"Date,Value,Notes\n2015-01-25,LOTS,\n".to_vec(),
        ),
    ]);
    refused(
        app,
        &mut ada,
        bad_value,
        "002 Wake up early/Checkmarks.csv line 2 Value",
        "Not a number",
    )
    .await;
    let whole = loop_csv_zip();
    refused(
        app,
        &mut ada,
        whole[..whole.len() - 30].to_vec(),
        "file",
        "",
    )
    .await;
}
