//! Habits through the real routes, on SQLite and (when configured)
//! PostgreSQL: every schedule type, validation, lists, and list values that
//! agree with the full history.
use habitflow_testkit::{BROWSER, Browser, TestApp, id_of, local_today, location};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    habits_of_every_schedule_type,
    habit_validation_names_the_field,
    habit_lists_filter_and_sort_by_streak,
    list_values_from_summaries_match_the_full_history,
    every_months_is_stored_on_monthly_day,
    a_page_far_past_the_end_is_empty,
);

/// `page × per_page` past `u32::MAX` must neither wrap nor panic
/// (docs/product.md#lists-and-paging): an empty page, for habits and tasks.
async fn a_page_far_past_the_end_is_empty(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    ada.create_habit(json!({"name": "Read", "schedule_type": "daily", "schedule_config": {}}))
        .await;
    ada.create_task(json!({"name": "Report"})).await;
    for list in ["/habits", "/tasks"] {
        for page in ["42949674", "4294967295"] {
            let path = format!("{list}?page={page}&per_page=100");
            let (status, body) = ada.fetch(&path).await;
            assert_eq!(status, 200, "{path}: {body}");
            assert_eq!(body["items"], json!([]), "{path}");
            assert_eq!(body["total"], 1, "{path}");
        }
    }
}

async fn habits_of_every_schedule_type(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
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
        let habit = ada
            .create_habit(json!({"name": schedule_type, "schedule_type": schedule_type, "schedule_config": config, "starts_on": "2026-01-01"}))
            .await;
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
            .get(&format!("/habits/{}", id_of(&habit)), BROWSER)
            .await;
        assert_eq!(response.status(), 200);
        assert!(
            page.contains("class=\"calendar\""),
            "the habit page shows a calendar"
        );
    }
    let weekly = ada
        .get_json("/habits?status=all&schedule_type=weekly_days")
        .await;
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
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
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
        let (status, answer) = ada.call("POST", "/habits", body.clone()).await;
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
    let list = ada.get_json("/habits?status=all").await;
    assert_eq!(list["total"], 0);
}

async fn habit_lists_filter_and_sort_by_streak(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let today = local_today();
    let days_ago = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let mut ids = Vec::new();
    for streak in [2i64, 0, 5] {
        let id = id_of(
            &ada.create_habit(json!({"name": "Read", "starts_on": days_ago(10)}))
                .await,
        );
        for n in 1..=streak {
            ada.check_in(&id, Some(&days_ago(n)), "done").await;
        }
        ids.push(id);
    }
    ada.check_in(&ids[1], None, "done").await;
    ada.post_json(&format!("/habits/{}/archive", ids[0]), json!({}))
        .await;
    let streaks = |list: &Value| {
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .map(|h| h["current_streak"].as_u64().unwrap())
            .collect::<Vec<_>>()
    };
    let all = ada
        .get_json("/habits?status=all&sort=streak&order=desc&per_page=2")
        .await;
    assert_eq!(
        (streaks(&all), all["total"].as_u64()),
        (vec![5, 2], Some(3))
    );
    let second = ada
        .get_json("/habits?status=all&sort=streak&order=desc&per_page=2&page=2")
        .await;
    assert_eq!(streaks(&second), vec![1], "exact streak order across pages");
    let done = ada.get_json("/habits?status=completed_today").await;
    assert_eq!(done["items"][0]["id"].as_str(), Some(ids[1].as_str()));
    let archived = ada.get_json("/habits?status=archived").await;
    assert_eq!(archived["items"][0]["id"].as_str(), Some(ids[0].as_str()));
    let today_list = ada.get_json("/habits").await;
    assert_eq!(today_list["total"], 2, "due or done today, not archived");
    let (status, _) = ada.fetch("/habits?status=someday").await;
    assert_eq!(status, 422);
    let (response, page) = ada.get("/habits?status=all", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("Read"));
}

/// Lists read each habit's summary; the habit page reads its whole history.
/// After check-ins, a schedule edit and an archive they must agree.
async fn list_values_from_summaries_match_the_full_history(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let today = local_today();
    let days_ago = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let id = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": days_ago(30)}))
            .await,
    );
    for n in [1, 2, 3, 5, 6, 8] {
        let kind = if n == 5 { "skipped" } else { "done" };
        ada.check_in(&id, Some(&days_ago(n)), kind).await;
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
            let list = client.get_json("/habits?status=all").await;
            let page = client.get_json(&format!("/habits/{id}")).await;
            (list, page)
        }
    };
    let (list, page) = check(&mut ada).await;
    assert_eq!(page["current_streak"], 3);
    compare(&list, &page);
    ada.call("PATCH", &format!("/habits/{id}"), json!({"schedule_type": "interval_cycle", "schedule_config": {"active_days": 1, "break_days": 1}, "ends_on": days_ago(-10)}))
        .await;
    let (list, page) = check(&mut ada).await;
    compare(&list, &page);
    ada.post_json(&format!("/habits/{id}/archive"), json!({}))
        .await;
    let (list, page) = check(&mut ada).await;
    assert_eq!(page["archived"], true);
    compare(&list, &page);
}

/// `every_months` on `monthly_day` is stored; the newer types are tested in
/// `richer.rs`.
async fn every_months_is_stored_on_monthly_day(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let habit = ada
        .create_habit(json!({
            "name": "Filter",
            "schedule_type": "monthly_day",
            "schedule_config": {"day": 31, "every_months": 3},
        }))
        .await;
    assert_eq!(
        habit["schedule_config"],
        json!({"day": 31, "every_months": 3})
    );
}
