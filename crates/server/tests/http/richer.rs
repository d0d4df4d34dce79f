//! Measurable habits, values, the newer schedule types, pauses and vacations
//! through the real routes, on SQLite and (when configured) PostgreSQL
//! (docs/product.md#measurable-habits, docs/product.md#pauses-and-vacations).
use habitflow_testkit::{BROWSER, TestApp, id_of, local_today, location};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    measurable_habits_and_values_in_json,
    kind_and_value_errors_name_the_field,
    the_newer_types_are_stored_and_skips_refused_by_period,
    pauses_merge_and_pause_today,
    vacations_pause_every_habit,
    pause_and_vacation_errors_name_the_field,
    other_users_pauses_answer_404_and_writes_need_the_csrf_token,
    pauses_and_vacations_as_forms_without_javascript,
    measurable_values_as_forms_without_javascript,
    measurable_habits_from_the_form_without_javascript,
    list_values_from_summaries_match_the_full_history_with_values_and_pauses,
    newer_types_from_the_form_without_javascript,
);

fn field_error(answer: &Value, field: &str) -> bool {
    answer["error"]["fields"][field].is_string()
}

fn days_from_today(days: i64) -> String {
    local_today()
        .checked_add(jiff::Span::new().days(days))
        .unwrap()
        .to_string()
}

async fn measurable_habits_and_values_in_json(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let water = ada
        .create_habit(json!({
            "name": "Water", "kind": "measurable", "unit": "glasses",
            "target": 8, "target_type": "at_least",
        }))
        .await;
    assert_eq!(
        (
            &water["kind"],
            &water["unit"],
            &water["target"],
            &water["target_type"]
        ),
        (
            &json!("measurable"),
            &json!("glasses"),
            &json!(8),
            &json!("at_least")
        )
    );
    assert_eq!(water["today_value"], Value::Null);
    assert_eq!(water["streak_unit"], "days");
    assert_eq!(water["paused_today"], false);
    let id = id_of(&water);
    let path = format!("/habits/{id}/checkins");

    let (status, outcome) = ada
        .call("POST", &path, json!({"kind": "done", "value": 2.5}))
        .await;
    assert_eq!(status, 200, "{outcome}");
    assert_eq!(outcome["value"], json!(2.5));
    let habit = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(habit["today_value"], json!(2.5));
    assert_eq!(habit["done_today"], false, "below the target");
    let (status, outcome) = ada
        .call("POST", &path, json!({"kind": "done", "value": 8.125}))
        .await;
    assert_eq!((status, outcome["changed"].clone()), (200, json!(true)));
    let habit = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(
        (&habit["today_value"], &habit["done_today"]),
        (&json!(8.125), &json!(true))
    );
    let listed = ada.get_json("/habits?status=all").await;
    assert_eq!(listed["items"][0]["today_value"], json!(8.125));
    assert_eq!(listed["items"][0]["done_today"], true);
    let checkins = ada.get_json(&path).await;
    assert_eq!(checkins["items"][0]["value"], json!(8.125));

    // The kind may change; absent fields are kept.
    let (status, edited) = ada
        .call(
            "PATCH",
            &format!("/habits/{id}"),
            json!({"target": 2, "target_type": "at_most"}),
        )
        .await;
    assert_eq!(status, 200, "{edited}");
    assert_eq!(
        (&edited["unit"], &edited["target"], &edited["target_type"]),
        (&json!("glasses"), &json!(2), &json!("at_most"))
    );
    let (status, plain) = ada
        .call(
            "PATCH",
            &format!("/habits/{id}"),
            json!({"kind": "boolean"}),
        )
        .await;
    assert_eq!(status, 200, "{plain}");
    assert_eq!(
        (
            &plain["kind"],
            &plain["unit"],
            &plain["target"],
            &plain["target_type"]
        ),
        (&json!("boolean"), &Value::Null, &Value::Null, &Value::Null)
    );

    let boolean = ada.create_habit(json!({"name": "Read"})).await;
    assert_eq!(boolean["kind"], "boolean");
    for key in ["unit", "target", "target_type", "today_value"] {
        assert_eq!(boolean[key], Value::Null, "{key}");
    }
    let outcome = ada.check_in(&id_of(&boolean), None, "done").await;
    assert_eq!(outcome["value"], Value::Null);
}

async fn kind_and_value_errors_name_the_field(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let cases = [
        (json!({"kind": "numeric"}), "kind"),
        (
            json!({"kind": "measurable", "target": 1, "target_type": "at_least"}),
            "unit",
        ),
        (
            json!({"kind": "measurable", "unit": "km", "target_type": "at_least"}),
            "target",
        ),
        (
            json!({"kind": "measurable", "unit": "km", "target": -1, "target_type": "at_least"}),
            "target",
        ),
        (
            json!({"kind": "measurable", "unit": "km", "target": 1.0005, "target_type": "at_least"}),
            "target",
        ),
        (
            json!({"kind": "measurable", "unit": "km", "target": 0, "target_type": "at_least"}),
            "target",
        ),
        (
            json!({"kind": "measurable", "unit": "km", "target": 1, "target_type": "most"}),
            "target_type",
        ),
        (
            json!({"kind": "measurable", "unit": "km", "target": 1}),
            "target_type",
        ),
    ];
    for (mut body, field) in cases {
        body["name"] = json!("Run");
        let (status, answer) = ada.call("POST", "/habits", body.clone()).await;
        assert_eq!(status, 422, "{body}: {answer}");
        assert!(field_error(&answer, field), "{body}: {answer}");
    }
    let run = id_of(
        &ada.create_habit(json!({
            "name": "Run", "kind": "measurable", "unit": "km",
            "target": 5, "target_type": "at_least",
        }))
        .await,
    );
    let read = id_of(&ada.create_habit(json!({"name": "Read"})).await);
    let checkins = [
        (&run, json!({"kind": "done"})),
        (&run, json!({"kind": "done", "value": "many"})),
        (&run, json!({"kind": "done", "value": -3})),
        (&run, json!({"kind": "done", "value": true})),
        (&run, json!({"kind": "skipped", "value": 3})),
        (&read, json!({"kind": "done", "value": 1})),
    ];
    for (habit, body) in checkins {
        let (status, answer) = ada
            .call("POST", &format!("/habits/{habit}/checkins"), body.clone())
            .await;
        assert_eq!(status, 422, "{body}: {answer}");
        assert!(field_error(&answer, "value"), "{body}: {answer}");
    }
    assert_eq!(
        ada.get_json(&format!("/habits/{run}/checkins")).await["total"],
        0,
        "nothing was written"
    );
}

async fn the_newer_types_are_stored_and_skips_refused_by_period(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let last_friday = ada
        .create_habit(json!({
            "name": "Review", "schedule_type": "monthly_weekday",
            "schedule_config": {"week": -1, "weekday": "fri", "every_months": 2},
        }))
        .await;
    assert_eq!(last_friday["schedule_type"], "monthly_weekday");
    assert_eq!(
        last_friday["schedule_config"],
        json!({"week": -1, "weekday": "fri", "every_months": 2})
    );
    assert_eq!(last_friday["streak_unit"], "occurrences");
    let twice = ada
        .create_habit(json!({
            "name": "Swim", "schedule_type": "times_per_period",
            "schedule_config": {"times": 2, "period": "week"},
        }))
        .await;
    assert_eq!(twice["streak_unit"], "weeks");
    let minutes = ada
        .create_habit(json!({
            "name": "Cardio", "schedule_type": "times_per_period",
            "schedule_config": {"period": "month"},
            "kind": "measurable", "unit": "min", "target": 150, "target_type": "at_least",
        }))
        .await;
    assert_eq!(minutes["streak_unit"], "months");
    let (status, answer) = ada
        .call(
            "POST",
            &format!("/habits/{}/checkins", id_of(&twice)),
            json!({"kind": "skipped"}),
        )
        .await;
    assert_eq!(status, 400, "{answer}");
    assert!(
        answer.to_string().contains("pause the habit instead"),
        "{answer}"
    );
    let outcome = ada.check_in(&id_of(&twice), None, "done").await;
    assert_eq!(outcome["kind"], "done");
    let (status, outcome) = ada
        .call(
            "POST",
            &format!("/habits/{}/checkins", id_of(&minutes)),
            json!({"kind": "done", "value": 40}),
        )
        .await;
    assert_eq!(status, 200, "{outcome}");
    let listed = ada.get_json("/habits?status=all&per_page=100").await;
    assert_eq!(listed["total"], 3);
    let filtered = ada
        .get_json("/habits?status=all&schedule_type=times_per_period")
        .await;
    assert_eq!(filtered["total"], 2);
}

async fn pauses_merge_and_pause_today(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let id = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": days_from_today(-30)}))
            .await,
    );
    let pauses = format!("/habits/{id}/pauses");
    let (status, first) = ada
        .call(
            "POST",
            &pauses,
            json!({"from": days_from_today(-10), "to": days_from_today(-5)}),
        )
        .await;
    assert_eq!(status, 201, "{first}");
    assert_eq!(
        (&first["from"], &first["to"]),
        (&json!(days_from_today(-10)), &json!(days_from_today(-5)))
    );
    assert!(first["id"].is_string());
    let habit = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(habit["paused_today"], false);
    let (status, merged) = ada
        .call(
            "POST",
            &pauses,
            json!({"from": days_from_today(-4), "to": days_from_today(3)}),
        )
        .await;
    assert_eq!(status, 201, "{merged}");
    assert_eq!(
        (&merged["from"], &merged["to"]),
        (&json!(days_from_today(-10)), &json!(days_from_today(3)))
    );
    let list = ada.get_json(&pauses).await;
    assert_eq!(list["total"], 1);
    assert_eq!(list["page"], 1);
    assert_eq!(list["items"][0], merged);
    let habit = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(habit["paused_today"], true);
    assert_eq!(habit["due_today"], false, "a paused date is never due");
    let listed = ada.get_json("/habits?status=all").await;
    assert_eq!(listed["items"][0]["paused_today"], true);

    let one = format!("{pauses}/{}", id_of(&merged));
    assert_eq!(ada.call("DELETE", &one, json!({})).await.0, 204);
    assert_eq!(ada.call("DELETE", &one, json!({})).await.0, 404);
    assert_eq!(
        ada.call("DELETE", &format!("{pauses}/not-a-uuid"), json!({}))
            .await
            .0,
        404
    );
    assert_eq!(ada.get_json(&pauses).await["total"], 0);
    let habit = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(
        (&habit["paused_today"], &habit["due_today"]),
        (&json!(false), &json!(true))
    );
}

async fn vacations_pause_every_habit(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    ada.create_habit(json!({"name": "Read"})).await;
    ada.create_habit(json!({
        "name": "Swim", "schedule_type": "times_per_period",
        "schedule_config": {"times": 2, "period": "week"},
    }))
    .await;
    let (status, vacation) = ada
        .call(
            "POST",
            "/settings/vacations",
            json!({"from": days_from_today(0), "to": days_from_today(6)}),
        )
        .await;
    assert_eq!(status, 201, "{vacation}");
    let list = ada.get_json("/settings/vacations").await;
    assert_eq!(
        (list["total"].clone(), list["items"][0].clone()),
        (json!(1), vacation.clone())
    );
    let habits = ada.get_json("/habits?status=all").await;
    for habit in habits["items"].as_array().unwrap() {
        assert_eq!(habit["paused_today"], true, "{habit}");
    }
    let path = format!("/settings/vacations/{}", id_of(&vacation));
    assert_eq!(ada.call("DELETE", &path, json!({})).await.0, 204);
    assert_eq!(ada.call("DELETE", &path, json!({})).await.0, 404);
    let habits = ada.get_json("/habits?status=all").await;
    for habit in habits["items"].as_array().unwrap() {
        assert_eq!(habit["paused_today"], false, "{habit}");
    }
}

async fn pause_and_vacation_errors_name_the_field(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let id = id_of(&ada.create_habit(json!({"name": "Read"})).await);
    let cases = [
        (json!({"to": "2026-03-01"}), "from"),
        (json!({"from": "2026-03-01"}), "to"),
        (json!({"from": "March", "to": "2026-03-01"}), "from"),
        (json!({"from": "2026-03-02", "to": "2026-03-01"}), "to"),
        (json!({"from": "2026-01-01", "to": "2027-01-02"}), "to"),
    ];
    for path in [
        format!("/habits/{id}/pauses"),
        "/settings/vacations".to_owned(),
    ] {
        for (body, field) in &cases {
            let (status, answer) = ada.call("POST", &path, body.clone()).await;
            assert_eq!(status, 422, "{path} {body}: {answer}");
            assert!(field_error(&answer, field), "{path} {body}: {answer}");
        }
        assert_eq!(ada.get_json(&path).await["total"], 0);
    }
}

async fn other_users_pauses_answer_404_and_writes_need_the_csrf_token(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let id = id_of(&ada.create_habit(json!({"name": "Read"})).await);
    let pauses = format!("/habits/{id}/pauses");
    let range = json!({"from": "2026-03-01", "to": "2026-03-02"});
    let pause = ada.post_json(&pauses, range.clone()).await;
    let vacation = ada.post_json("/settings/vacations", range.clone()).await;
    let mut eve = app.signed_in("eve@example.com").await;
    assert_eq!(eve.fetch(&pauses).await.0, 404);
    assert_eq!(eve.call("POST", &pauses, range.clone()).await.0, 404);
    let one = format!("{pauses}/{}", id_of(&pause));
    assert_eq!(eve.call("DELETE", &one, json!({})).await.0, 404);
    let theirs = format!("/settings/vacations/{}", id_of(&vacation));
    assert_eq!(eve.call("DELETE", &theirs, json!({})).await.0, 404);
    assert_eq!(eve.get_json("/settings/vacations").await["total"], 0);
    // Eve's own habit with Ada's pause id: not found either.
    let hers = id_of(&eve.create_habit(json!({"name": "Mine"})).await);
    let crossed = format!("/habits/{hers}/pauses/{}", id_of(&pause));
    assert_eq!(eve.call("DELETE", &crossed, json!({})).await.0, 404);

    for (method, path) in [
        ("POST", pauses.as_str()),
        ("DELETE", one.as_str()),
        ("POST", "/settings/vacations"),
        ("DELETE", theirs.as_str()),
    ] {
        let (response, _) = ada.send_json(method, path, range.clone(), None).await;
        assert_eq!(response.status(), 403, "{method} {path}");
    }
    assert_eq!(
        ada.get_json(&pauses).await["items"][0],
        pause,
        "nothing changed"
    );
    assert_eq!(ada.get_json("/settings/vacations").await["total"], 1);
}

async fn pauses_and_vacations_as_forms_without_javascript(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let id = id_of(&ada.create_habit(json!({"name": "Read"})).await);
    let token = ada.csrf_token().await;
    let (response, body) = ada
        .post_form(
            &format!("/habits/{id}/pauses"),
            &[
                ("csrf_token", &token),
                ("from", "2026-03-01"),
                ("to", "2026-03-07"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "{body}");
    assert_eq!(location(&response), format!("/habits/{id}"));
    let pause = ada.get_json(&format!("/habits/{id}/pauses")).await["items"][0].clone();
    let (_, page) = ada.get(&format!("/habits/{id}"), BROWSER).await;
    assert!(
        page.contains(&format!(
            "action=\"/habits/{id}/pauses/{}/delete\"",
            id_of(&pause)
        )),
        "the habit page lists the pause with a button to remove it"
    );
    assert!(page.contains(&format!("action=\"/habits/{id}/pauses\"")));
    let (response, _) = ada
        .post_form(
            &format!("/habits/{id}/pauses/{}/delete", id_of(&pause)),
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        ada.get_json(&format!("/habits/{id}/pauses")).await["total"],
        0
    );

    let (response, _) = ada
        .post_form(
            "/settings/vacations",
            &[
                ("csrf_token", &token),
                ("from", "2026-03-01"),
                ("to", "2026-03-07"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let vacation = ada.get_json("/settings/vacations").await["items"][0].clone();
    let (response, page) = ada.get("/settings", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains(&format!(
        "action=\"/settings/vacations/{}/delete\"",
        id_of(&vacation)
    )));
    assert!(page.contains("action=\"/settings/vacations\""));
    let (response, _) = ada
        .post_form(
            &format!("/settings/vacations/{}/delete", id_of(&vacation)),
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(ada.get_json("/settings/vacations").await["total"], 0);
    let (response, _) = ada.get(&format!("/habits/{id}"), BROWSER).await;
    assert_eq!(response.status(), 200, "the habit page still shows");
}

async fn measurable_values_as_forms_without_javascript(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let id = id_of(
        &ada.create_habit(json!({
            "name": "Run", "kind": "measurable", "unit": "km",
            "target": 5, "target_type": "at_least", "starts_on": days_from_today(-3),
        }))
        .await,
    );
    let (_, page) = ada.get(&format!("/habits/{id}"), BROWSER).await;
    assert!(
        page.contains("name=\"value\""),
        "the calendar asks for a value"
    );
    let token = ada.csrf_token().await;
    let today = days_from_today(0);
    let (response, body) = ada
        .post_form(
            &format!("/habits/{id}/checkins"),
            &[
                ("csrf_token", &token),
                ("date", &today),
                ("kind", "done"),
                ("value", "2,5"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "{body}");
    let checkins = ada.get_json(&format!("/habits/{id}/checkins")).await;
    assert_eq!(checkins["items"][0]["value"], json!(2.5));
    let (_, page) = ada.get(&format!("/habits/{id}"), BROWSER).await;
    assert!(page.contains(">2.5<"), "the calendar shows the value");
    let (response, _) = ada
        .post_form(
            &format!("/habits/{id}/checkins"),
            &[
                ("csrf_token", &token),
                ("date", &days_from_today(-1)),
                ("kind", "done"),
                ("value", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "a measurable done needs its value");
    for path in ["/", "/habits"] {
        let (_, page) = ada.get(path, BROWSER).await;
        assert!(
            page.contains("name=\"value\" inputmode=\"decimal\" size=\"4\" value=\"2.5\""),
            "{path}: today's value below the target, in the number input"
        );
    }
    let (response, _) = ada
        .post_form(
            &format!("/habits/{id}/checkins"),
            &[
                ("csrf_token", &token),
                ("kind", "done"),
                ("value", "6"),
                ("next", "/"),
            ],
        )
        .await;
    assert_eq!(
        (response.status().as_u16(), location(&response)),
        (303, "/")
    );
    let habit = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(
        (&habit["today_value"], &habit["done_today"]),
        (&json!(6), &json!(true))
    );
}

async fn measurable_habits_from_the_form_without_javascript(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let (response, page) = ada
        .post_form(
            "/habits",
            &[
                ("csrf_token", &token),
                ("name", "Run"),
                ("schedule_type", "daily"),
                ("kind", "measurable"),
                ("unit", ""),
                ("target", ""),
                ("target_type", "at_least"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        page.contains("id=\"unit\"") && page.contains("aria-invalid"),
        "the form again, the fields named"
    );
    let (response, body) = ada
        .post_form(
            "/habits",
            &[
                ("csrf_token", &token),
                ("name", "Run"),
                ("schedule_type", "daily"),
                ("kind", "measurable"),
                ("unit", "km"),
                ("target", "2,5"),
                ("target_type", "at_least"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "{body}");
    let path = location(&response).to_owned();
    let habit = ada.get_json(&path).await;
    assert_eq!(
        (
            &habit["kind"],
            &habit["unit"],
            &habit["target"],
            &habit["target_type"]
        ),
        (
            &json!("measurable"),
            &json!("km"),
            &json!(2.5),
            &json!("at_least")
        )
    );
    let (_, form) = ada.get(&format!("{path}/edit"), BROWSER).await;
    assert!(
        form.contains("value=\"measurable\" checked"),
        "the edit form shows the kind"
    );
    assert!(form.contains("value=\"2.5\""), "and the target");
}

/// The list derives from the stored summaries, the habit from its whole
/// history: for every newer kind and type, with values, pauses and a
/// vacation written after the check-ins, both agree.
async fn list_values_from_summaries_match_the_full_history_with_values_and_pauses(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let starts_on = days_from_today(-70);
    let habits = [
        json!({"name": "Water", "kind": "measurable", "unit": "glasses", "target": 8, "target_type": "at_least"}),
        json!({"name": "Coffee", "kind": "measurable", "unit": "cups", "target": 2, "target_type": "at_most"}),
        json!({"name": "Review", "schedule_type": "monthly_weekday", "schedule_config": {"week": -1, "weekday": "fri"}}),
        json!({"name": "Swim", "schedule_type": "times_per_period", "schedule_config": {"times": 2, "period": "week"}}),
        json!({"name": "Cardio", "schedule_type": "times_per_period", "schedule_config": {"period": "days", "period_days": 10},
               "kind": "measurable", "unit": "min", "target": 60, "target_type": "at_least"}),
        json!({"name": "Read", "ends_on": days_from_today(30)}),
    ];
    let mut ids = Vec::new();
    for mut habit in habits {
        habit["starts_on"] = json!(starts_on);
        let created = ada.create_habit(habit).await;
        ids.push((id_of(&created), created["kind"] == "measurable"));
    }
    for (n, (id, measurable)) in ids.iter().enumerate() {
        for day in (0..=70).rev() {
            if (day + n) % 3 == 0 {
                continue;
            }
            let mut body = json!({"date": days_from_today(-(day as i64)), "kind": "done"});
            if *measurable {
                body["value"] = json!((day % 9) as f64 * 1.5);
            }
            let (status, answer) = ada
                .call("POST", &format!("/habits/{id}/checkins"), body.clone())
                .await;
            assert!(status == 200 || status == 400, "{body}: {answer}");
        }
    }
    for (n, (id, _)) in ids.iter().enumerate() {
        let from = days_from_today(-30 - 5 * n as i64);
        ada.post_json(
            &format!("/habits/{id}/pauses"),
            json!({"from": from, "to": days_from_today(-25)}),
        )
        .await;
    }
    ada.post_json(
        "/settings/vacations",
        json!({"from": days_from_today(-12), "to": days_from_today(-8)}),
    )
    .await;
    let fields = [
        "due_today",
        "done_today",
        "current_streak",
        "best_streak",
        "strength",
        "progress",
        "next_scheduled_on",
        "paused_today",
        "today_value",
        "streak_unit",
    ];
    let list = ada.get_json("/habits?status=all&per_page=100").await;
    for (id, _) in &ids {
        let page = ada.get_json(&format!("/habits/{id}")).await;
        let listed = list["items"]
            .as_array()
            .unwrap()
            .iter()
            .find(|h| h["id"] == page["id"])
            .unwrap();
        for field in fields {
            assert_eq!(listed[field], page[field], "{} {field}", page["name"]);
        }
    }
}

async fn newer_types_from_the_form_without_javascript(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let (_, form) = ada.get("/habits/new", BROWSER).await;
    for wanted in [
        "value=\"monthly_weekday\"",
        "value=\"times_per_period\"",
        "name=\"monthly_week\"",
        "name=\"period_days\"",
    ] {
        assert!(form.contains(wanted), "{wanted}");
    }
    let submit = |fields: Vec<(&'static str, &'static str)>| {
        let mut all = vec![("csrf_token", token.clone())];
        all.extend(fields.into_iter().map(|(k, v)| (k, v.to_owned())));
        all
    };
    let cases = [
        (
            submit(vec![
                ("name", "Review"),
                ("schedule_type", "monthly_weekday"),
                ("monthly_week", "-1"),
                ("monthly_weekday", "fri"),
                ("kind", "boolean"),
            ]),
            json!({"week": -1, "weekday": "fri", "every_months": 1}),
        ),
        (
            submit(vec![
                ("name", "Swim"),
                ("schedule_type", "times_per_period"),
                ("times", "3"),
                ("period", "week"),
                ("period_days", ""),
                ("kind", "boolean"),
            ]),
            json!({"times": 3, "period": "week"}),
        ),
        (
            submit(vec![
                ("name", "Cardio"),
                ("schedule_type", "times_per_period"),
                ("times", ""),
                ("period", "days"),
                ("period_days", "10"),
                ("kind", "measurable"),
                ("unit", "min"),
                ("target", "150"),
                ("target_type", "at_least"),
            ]),
            json!({"period": "days", "period_days": 10}),
        ),
    ];
    for (fields, config) in cases {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let (response, body) = ada.post_form("/habits", &pairs).await;
        assert_eq!(response.status(), 303, "{pairs:?}: {body}");
        let path = location(&response).to_owned();
        let habit = ada.get_json(&path).await;
        assert_eq!(habit["schedule_config"], config, "{pairs:?}");
        let (response, edit) = ada.get(&format!("{path}/edit"), BROWSER).await;
        assert_eq!(response.status(), 200);
        let checked = format!(
            "value=\"{}\" checked",
            habit["schedule_type"].as_str().unwrap()
        );
        assert!(edit.contains(&checked), "the edit form shows the type");
    }
    let (response, _) = ada
        .post_form(
            "/habits",
            &[
                ("csrf_token", &token),
                ("name", "Twice"),
                ("schedule_type", "times_per_period"),
                ("times", ""),
                ("period", "week"),
                ("kind", "boolean"),
            ],
        )
        .await;
    assert_eq!(
        response.status(),
        422,
        "a yes/no period habit needs its times"
    );
    let (_, list) = ada
        .get("/habits?status=all&schedule_type=times_per_period", BROWSER)
        .await;
    assert!(list.contains("Swim") && list.contains("Cardio") && !list.contains(">Review<"));
}
