//! Per-user quotas (docs/product.md#quotas) through the real routes, on SQLite
//! and (when configured) PostgreSQL: the record past the limit answers 422
//! `quota_exceeded` naming the limit, in the reader's language.
use habitflow_domain::quota::Quota;
use habitflow_testkit::TestApp;
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    each_quota_answers_422_naming_its_limit,
    the_quota_message_is_translated_and_shown_to_browsers,
    the_101st_pause_of_a_habit_answers_422,
);

async fn owner_id(app: &TestApp, email: &str) -> uuid::Uuid {
    app.stored_user(email).await.id
}

fn new_record(kind: Quota, name: &str) -> (&'static str, Value) {
    match kind {
        Quota::Themes => ("/themes", json!({"name": name})),
        Quota::Tasks => ("/tasks", json!({"name": name})),
        Quota::Habits => (
            "/habits",
            json!({"name": name, "schedule_type": "daily", "schedule_config": {}}),
        ),
        Quota::Tokens => ("/settings/tokens", json!({"name": name, "scope": "read"})),
        Quota::Pauses => panic!("pauses belong to a habit: see the pause case"),
    }
}

async fn each_quota_answers_422_naming_its_limit(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let ada_id = owner_id(app, "ada@example.com").await;
    let mut bob = app.signed_in("bob@example.com").await;
    for (kind, limit) in [
        (Quota::Themes, "200 themes"),
        (Quota::Habits, "1000 habits"),
        (Quota::Tasks, "20000 tasks"),
        (Quota::Tokens, "20 tokens"),
    ] {
        app.database.seed(ada_id, kind, kind.limit() - 1).await;
        let (path, body) = new_record(kind, "the last one");
        let (status, created) = ada.call("POST", path, body).await;
        assert_eq!(status, 201, "{kind:?}: the last place is free: {created}");
        let (path, body) = new_record(kind, "one too many");
        let (status, refused) = ada.call("POST", path, body.clone()).await;
        assert_eq!(status, 422, "{kind:?}: {refused}");
        assert_eq!(refused["error"]["code"], "quota_exceeded", "{refused}");
        let message = refused["error"]["message"].as_str().unwrap();
        assert!(message.contains(limit), "{kind:?} names {limit}: {message}");
        let (status, _) = bob.call("POST", path, body).await;
        assert_eq!(status, 201, "{kind:?}: other users are not limited");
    }
    let themes = ada.get_json("/themes").await;
    assert_eq!(themes["total"], 200, "nothing was written past the limit");
}

async fn the_quota_message_is_translated_and_shown_to_browsers(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let ada_id = owner_id(app, "ada@example.com").await;
    app.database
        .seed(ada_id, Quota::Themes, Quota::Themes.limit())
        .await;
    let token = ada.csrf_token().await;
    let (response, page) = ada
        .post_form(
            "/themes",
            &[("csrf_token", &token), ("name", "one too many")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(page.contains("200 themes"), "{page}");
    let (status, _) = ada
        .call("POST", "/settings/language", json!({"language": "ru"}))
        .await;
    assert_eq!(status, 200);
    let (status, refused) = ada
        .call("POST", "/themes", json!({"name": "one too many"}))
        .await;
    assert_eq!(status, 422);
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(message.contains("200 тем"), "{message}");
}

/// The `n`-th odd day from 2026-01-01, as a one-day pause; these never touch.
fn one_day_pause(n: i64) -> Value {
    let date = jiff::civil::date(2026, 1, 1)
        .checked_add(jiff::Span::new().days(2 * n))
        .unwrap()
        .to_string();
    json!({"from": date, "to": date})
}

async fn the_101st_pause_of_a_habit_answers_422(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let habit = ada
        .create_habit(json!({"name": "Read", "starts_on": "2026-01-01"}))
        .await;
    let pauses = format!("/habits/{}/pauses", habit["id"].as_str().unwrap());
    let limit = i64::from(Quota::Pauses.limit());
    for n in 0..limit {
        let (status, answer) = ada.call("POST", &pauses, one_day_pause(n)).await;
        assert_eq!(status, 201, "pause {n}: {answer}");
    }
    let (status, refused) = ada.call("POST", &pauses, one_day_pause(limit)).await;
    assert_eq!(status, 422, "{refused}");
    assert_eq!(refused["error"]["code"], "quota_exceeded", "{refused}");
    let message = refused["error"]["message"].as_str().unwrap();
    assert!(message.contains("100 pauses"), "{message}");
    let (status, _) = ada.call("POST", &pauses, one_day_pause(3)).await;
    assert_eq!(status, 201, "a pause already stored is not a new one");
    let listed = ada.get_json(&format!("{pauses}?per_page=100")).await;
    assert_eq!(listed["total"], limit, "nothing was written past the limit");
}
