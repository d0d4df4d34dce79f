//! Check-ins through the real routes, on SQLite and (when configured)
//! PostgreSQL: complete, skip and undo in both formats, refusals, and
//! concurrent completions.
use habitflow_testkit::{TestApp, id_of, json, local_today, location};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    checkins_complete_skip_and_undo,
    checkin_refusals_say_why,
    concurrent_completions_leave_one_checkin,
);

async fn checkins_complete_skip_and_undo(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let today = local_today();
    let days_ago = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let id = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": days_ago(10)}))
            .await,
    );
    let path = format!("/habits/{id}/checkins");
    for n in [3, 2] {
        let (status, outcome) = ada
            .call("POST", &path, json!({"date": days_ago(n), "kind": "done"}))
            .await;
        assert_eq!((status, outcome["changed"].as_bool()), (200, Some(true)));
    }
    let outcome = ada
        .post_json(
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
    let outcome = ada.check_in(&id, None, "done").await;
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
    let repeat = ada.check_in(&id, None, "done").await;
    assert_eq!(repeat["changed"], false);
    let (status, undone) = ada
        .call("DELETE", &format!("{path}/{}", days_ago(0)), json!({}))
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
    let list = ada
        .get_json(&format!("{path}?from={}&to={}", days_ago(3), days_ago(1)))
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
    let habit = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(
        (
            habit["current_streak"].as_u64(),
            habit["due_today"].as_bool(),
            habit["next_scheduled_on"].as_str()
        ),
        (Some(2), Some(true), Some(days_ago(0).as_str()))
    );
    let (status, _) = ada
        .call("DELETE", &format!("/habits/{id}"), json!({}))
        .await;
    assert_eq!(status, 204);
    let (status, _) = ada.fetch(&format!("{path}?from={}", days_ago(9))).await;
    assert_eq!(status, 404, "the habit and its check-ins are gone");
}

async fn checkin_refusals_say_why(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let today = local_today();
    let shift = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let id = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": shift(-5)}))
            .await,
    );
    let path = format!("/habits/{id}/checkins");
    for (date, word) in [(shift(1), "future"), (shift(-6), "before")] {
        let (status, body) = ada
            .call("POST", &path, json!({"date": date, "kind": "done"}))
            .await;
        assert_eq!(status, 400, "{date}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(word),
            "{body}"
        );
    }
    let weekly = ada
        .create_habit(json!({"name": "Mondays", "schedule_type": "weekly_days", "schedule_config": {"days": ["mon"]}, "starts_on": shift(-14)}))
        .await;
    let not_monday = (-6..=0)
        .map(shift)
        .find(|d| d.parse::<jiff::civil::Date>().unwrap().weekday() != jiff::civil::Weekday::Monday)
        .unwrap();
    let (status, body) = ada
        .call(
            "POST",
            &format!("/habits/{}/checkins", id_of(&weekly)),
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
    let (status, archived) = ada
        .call("POST", &format!("/habits/{id}/archive"), json!({}))
        .await;
    assert_eq!((status, archived["archived"].as_bool()), (200, Some(true)));
    let (status, body) = ada.call("POST", &path, json!({"kind": "done"})).await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("archived")
    );
    let restored = ada
        .post_json(&format!("/habits/{id}/unarchive"), json!({}))
        .await;
    assert_eq!(restored["archived"], false);
    let (status, body) = ada.call("POST", &path, json!({"kind": "maybe"})).await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["kind"].is_string());
    let list = ada.get_json(&format!("{path}?from={}", shift(-30))).await;
    assert_eq!(list["total"], 0, "no refused action wrote anything");
}

async fn concurrent_completions_leave_one_checkin(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let id = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": "2026-01-01"}))
            .await,
    );
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
    let list = ada.get_json(&path).await;
    assert_eq!(list["total"], 1);
}
