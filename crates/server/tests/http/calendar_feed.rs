//! The calendar feed (docs/product.md#calendar-feed) on each backend, read
//! back with an iCalendar parser: open tasks with a due date as all-day
//! VTODOs, habits' scheduled dates in the window as all-day VEVENTs with
//! stable UIDs and their status, and a secret URL that rotation and turning
//! off make 404.
use habitflow_testkit::{Browser, TestApp, get, id_of, send};
use icalendar::{CalendarComponent, Component, DatePerhapsTime};
use jiff::SignedDuration;
use serde_json::json;

const NOW: &str = "2026-03-10T12:00:00Z";

habitflow_testkit::on_each_backend!(
    sqlite => TestApp::builder().clock(NOW).spawn(),
    postgres if with_postgres => TestApp::builder().postgres().clock(NOW).spawn();
    the_feed_lists_due_tasks_and_scheduled_days_with_their_status,
    month_end_days_are_clamped_as_on_the_habit_page,
    uids_are_stable_and_long_text_is_folded_and_escaped,
    a_rotated_turned_off_or_unknown_feed_is_404,
);

/// Makes (or rotates) the feed; its path.
async fn feed_path(browser: &mut Browser) -> String {
    let (status, answer) = browser.call("POST", "/settings/calendar", json!({})).await;
    assert_eq!(status, 200, "{answer}");
    let url = answer["url"].as_str().unwrap();
    let path = url.strip_prefix("http://127.0.0.1:8000").unwrap_or(url);
    assert!(
        path.starts_with("/calendar/") && path.ends_with(".ics"),
        "{url}"
    );
    path.to_owned()
}

/// Fetches the feed without any cookie, as a calendar app does.
async fn fetch(app: &TestApp, path: &str) -> (u16, String) {
    let (response, body) = send(&app.router(), get(path, "text/calendar")).await;
    if response.status() == 200 {
        let kind = response.headers()["content-type"].to_str().unwrap();
        assert!(kind.starts_with("text/calendar"), "{kind}");
    }
    (response.status().as_u16(), body)
}

fn parse(text: &str) -> icalendar::Calendar {
    text.parse::<icalendar::Calendar>()
        .unwrap_or_else(|e| panic!("the feed parses: {e}\n{text}"))
}

fn date_of(value: Option<DatePerhapsTime>) -> String {
    match value {
        Some(DatePerhapsTime::Date(date)) => date.to_string(),
        other => panic!("an all-day date, not {other:?}"),
    }
}

/// (summary, date, description) of each event, in the feed's order.
fn events(calendar: &icalendar::Calendar) -> Vec<(String, String, String)> {
    calendar
        .components
        .iter()
        .filter_map(|component| match component {
            CalendarComponent::Event(event) => Some((
                event.get_summary().unwrap_or_default().to_owned(),
                date_of(event.get_start()),
                event.get_description().unwrap_or_default().to_owned(),
            )),
            _ => None,
        })
        .collect()
}

async fn the_feed_lists_due_tasks_and_scheduled_days_with_their_status(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    ada.create_task(json!({"name": "File taxes", "due_on": "2026-03-20"}))
        .await;
    ada.create_task(json!({"name": "Someday"})).await;
    let done = ada
        .create_task(json!({"name": "Done already", "due_on": "2026-03-12"}))
        .await;
    ada.post_json(&format!("/tasks/{}/complete", id_of(&done)), json!({}))
        .await;
    let habit = ada
        .create_habit(json!({"name": "Walk", "schedule_type": "daily", "schedule_config": {}, "starts_on": "2026-01-01"}))
        .await;
    let id = id_of(&habit);
    ada.check_in(&id, Some("2026-03-09"), "done").await;
    ada.check_in(&id, Some("2026-03-08"), "skipped").await;
    let (status, pause) = ada
        .call(
            "POST",
            &format!("/habits/{id}/pauses"),
            json!({"from": "2026-03-11", "to": "2026-03-12"}),
        )
        .await;
    assert_eq!(status, 201, "{pause}");
    let archived = ada
        .create_habit(json!({"name": "Old", "schedule_type": "daily", "schedule_config": {}}))
        .await;
    ada.post_json(&format!("/habits/{}/archive", id_of(&archived)), json!({}))
        .await;

    let path = feed_path(&mut ada).await;
    let (status, text) = fetch(app, &path).await;
    assert_eq!(status, 200, "{text}");
    assert!(text.contains("DUE;VALUE=DATE:20260320"), "{text}");
    assert!(
        text.contains("DTSTART;VALUE=DATE:20260208"),
        "the window's first day"
    );
    assert!(
        text.contains("DTSTART;VALUE=DATE:20260509"),
        "the window's last day"
    );
    assert!(!text.contains("DTSTART;VALUE=DATE:20260207"));
    assert!(!text.contains("DTSTART;VALUE=DATE:20260510"));
    let calendar = parse(&text);
    let todos: Vec<(String, String)> = calendar
        .components
        .iter()
        .filter_map(|component| match component {
            CalendarComponent::Todo(todo) => Some((
                todo.get_summary().unwrap_or_default().to_owned(),
                date_of(todo.get_due()),
            )),
            _ => None,
        })
        .collect();
    assert_eq!(todos, [("File taxes".to_owned(), "2026-03-20".to_owned())]);
    let events = events(&calendar);
    assert_eq!(
        events.len(),
        91,
        "every day of the window, both ends included"
    );
    assert!(
        events.iter().all(|(name, _, _)| name == "Walk"),
        "archived habits stay out"
    );
    let status_on = |date: &str| {
        events
            .iter()
            .find(|(_, day, _)| day == date)
            .map(|(_, _, description)| description.clone())
            .unwrap()
    };
    assert_eq!(status_on("2026-03-09"), "Status: done");
    assert_eq!(status_on("2026-03-08"), "Status: skipped");
    assert_eq!(status_on("2026-03-11"), "Status: paused");
    assert_eq!(status_on("2026-03-12"), "Status: paused");
    assert_eq!(status_on("2026-03-13"), "Status: open");
}

async fn month_end_days_are_clamped_as_on_the_habit_page(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let habit = ada
        .create_habit(json!({"name": "Pay rent", "schedule_type": "monthly_day", "schedule_config": {"day": 31}, "starts_on": "2026-01-01"}))
        .await;
    let path = feed_path(&mut ada).await;
    let (_, text) = fetch(app, &path).await;
    let dates: Vec<String> = events(&parse(&text))
        .into_iter()
        .map(|(_, date, _)| date)
        .collect();
    assert_eq!(dates, ["2026-02-28", "2026-03-31", "2026-04-30"]);
    let shown = ada.get_json(&format!("/habits/{}", id_of(&habit))).await;
    assert_eq!(
        shown["next_scheduled_on"], "2026-03-31",
        "the habit's own next date is the feed's"
    );
}

async fn uids_are_stable_and_long_text_is_folded_and_escaped(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    // 43 characters, 80 octets in UTF-8: longer than one line may be.
    let name = "Разобрать ящик с проводами; зарядки, кабели";
    ada.create_task(json!({"name": "Call Bob, then Eve; done", "due_on": "2026-03-11"}))
        .await;
    ada.create_habit(json!({"name": name, "schedule_type": "daily", "schedule_config": {}}))
        .await;
    let path = feed_path(&mut ada).await;
    let (_, first) = fetch(app, &path).await;
    app.clock().advance(SignedDuration::from_hours(1));
    let (_, second) = fetch(app, &path).await;
    let uids = |text: &str| -> Vec<String> {
        parse(text)
            .components
            .iter()
            .filter_map(|component| match component {
                CalendarComponent::Event(event) => event.get_uid().map(str::to_owned),
                CalendarComponent::Todo(todo) => todo.get_uid().map(str::to_owned),
                _ => None,
            })
            .collect()
    };
    let before = uids(&first);
    assert!(!before.is_empty());
    assert_eq!(before, uids(&second), "the same UIDs an hour later");
    let unique: std::collections::BTreeSet<&String> = before.iter().collect();
    assert_eq!(unique.len(), before.len(), "one UID per habit and date");
    assert!(
        first.contains("SUMMARY:Call Bob\\, then Eve\\; done"),
        "{first}"
    );
    for line in first.split("\r\n") {
        assert!(line.len() <= 75, "folded at 75 octets: {line:?}");
    }
    assert!(first.contains("\r\n "), "a long summary is folded");
    let calendar = parse(&first);
    let summaries: Vec<String> = events(&calendar).into_iter().map(|(s, _, _)| s).collect();
    assert!(
        summaries.iter().all(|summary| summary == name),
        "unfolded and unescaped back"
    );
}

async fn a_rotated_turned_off_or_unknown_feed_is_404(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let first = feed_path(&mut ada).await;
    assert_eq!(fetch(app, &first).await.0, 200);
    let second = feed_path(&mut ada).await;
    assert_ne!(first, second);
    assert_eq!(fetch(app, &first).await.0, 404, "rotated");
    assert_eq!(fetch(app, &second).await.0, 200);
    assert_eq!(
        fetch(app, &second.replace(".ics", "")).await.0,
        404,
        "no .ics"
    );
    assert_eq!(fetch(app, "/calendar/nothing-here.ics").await.0, 404);
    let (status, _) = ada.call("DELETE", "/settings/calendar", json!({})).await;
    assert_eq!(status, 204);
    assert_eq!(fetch(app, &second).await.0, 404, "turned off");

    let csrf = ada.csrf_token().await;
    let (response, page) = ada
        .post_form("/settings/calendar", &[("csrf_token", &csrf)])
        .await;
    assert_eq!(response.status(), 200, "{page}");
    let start = page.find("/calendar/").expect("the new URL is shown");
    let end = start + page[start..].find(".ics").unwrap() + 4;
    assert_eq!(fetch(app, &page[start..end]).await.0, 200);
}
