//! The richer habits' pages: the habit form's preview (JSON, the HTML
//! fragment and the form's Preview button), the current period's progress
//! and the streak's unit on lists, home and the habit page, on SQLite and
//! (when configured) PostgreSQL, on a fixed clock: Wednesday 11 March 2026
//! in Berlin (docs/schedules.md).
use habitflow_testkit::{API, BROWSER, Browser, TestApp, id_of};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    sqlite => TestApp::builder().clock(NOW).spawn(),
    postgres if with_postgres => TestApp::builder().postgres().clock(NOW).spawn();
    the_preview_answers_json_with_the_sentence_and_next_dates,
    the_preview_is_for_signed_in_users,
    the_preview_fragment_and_its_errors_name_the_field,
    the_preview_button_shows_the_form_again_and_stores_nothing,
    period_progress_on_lists_home_and_json,
    streaks_are_shown_with_their_unit,
    refused_pauses_and_vacations_show_their_page_again,
    refused_values_show_the_page_they_came_from_again,
);

const NOW: &str = "2026-03-11T12:00:00Z";

async fn preview(client: &mut Browser, query: &str) -> (u16, Value) {
    client.fetch(&format!("/habits/preview?{query}")).await
}

/// Switches the client's account to Russian.
async fn in_russian(client: &mut Browser) {
    let token = client.csrf_token().await;
    let (response, _) = client
        .post_form(
            "/settings/language",
            &[("csrf_token", &token), ("language", "ru"), ("next", "/")],
        )
        .await;
    assert_eq!(response.status(), 303);
}

async fn the_preview_answers_json_with_the_sentence_and_next_dates(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let app = &mut ada;
    let (status, last_friday) = preview(
        app,
        "schedule_type=monthly_weekday&monthly_week=-1&monthly_weekday=fri&monthly_every_months=2&starts_on=2026-03-01",
    )
    .await;
    assert_eq!(status, 200, "{last_friday}");
    assert_eq!(
        last_friday["sentence"],
        "The last Friday of every 2nd month"
    );
    assert_eq!(
        last_friday["next_dates"],
        json!([
            "2026-03-27",
            "2026-05-29",
            "2026-07-31",
            "2026-09-25",
            "2026-11-27"
        ])
    );
    assert_eq!(last_friday["next_periods"], json!([]));

    // Every 3 months on the 31st from November: February has no 31st.
    let (_, quarterly) = preview(
        app,
        "schedule_type=monthly_day&monthly_day=31&monthly_every_months=3&starts_on=2026-11-01",
    )
    .await;
    assert_eq!(
        quarterly["next_dates"],
        json!([
            "2026-11-30",
            "2027-02-28",
            "2027-05-31",
            "2027-08-31",
            "2027-11-30"
        ])
    );
    assert_eq!(quarterly["sentence"], "Day 31 of every 3rd month");

    // Three times a week: every day counts, so the periods are listed; the
    // first starts before starts_on and is cut to it.
    let (_, weekly) = preview(
        app,
        "schedule_type=times_per_period&times=3&period=week&starts_on=2026-03-12",
    )
    .await;
    assert_eq!(weekly["sentence"], "3 times a week");
    assert_eq!(
        weekly["next_periods"][0],
        json!({"from": "2026-03-12", "to": "2026-03-15"})
    );
    assert_eq!(
        weekly["next_periods"][1],
        json!({"from": "2026-03-16", "to": "2026-03-22"})
    );
    assert_eq!(weekly["next_periods"].as_array().map(Vec::len), Some(5));

    // An end date before the next occurrence leaves nothing ahead.
    let (_, ended) = preview(
        app,
        "schedule_type=monthly_day&monthly_day=31&starts_on=2026-03-01&ends_on=2026-03-20",
    )
    .await;
    assert_eq!(ended["next_dates"], json!([]));

    let (status, wrong) = preview(app, "schedule_type=monthly_day&monthly_day=40").await;
    assert_eq!(status, 422, "{wrong}");
    assert!(wrong["error"]["fields"]["schedule_config.day"].is_string());
    let (status, wrong) = preview(
        app,
        "schedule_type=daily&starts_on=2026-03-10&ends_on=2026-03-01",
    )
    .await;
    assert_eq!(status, 422);
    assert!(wrong["error"]["fields"]["ends_on"].is_string());

    // Nothing was stored, and the route is for signed-in users only.
    assert_eq!(ada.get_json("/habits?status=all").await["total"], 0);
}

async fn the_preview_is_for_signed_in_users(app: &TestApp) {
    let (response, _) = app
        .browser()
        .get("/habits/preview?schedule_type=daily", API)
        .await;
    assert_eq!(response.status(), 401);
}

async fn the_preview_fragment_and_its_errors_name_the_field(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let (response, fragment) = ada
        .get(
            "/habits/preview?schedule_type=monthly_weekday&monthly_week=-1&monthly_weekday=fri&monthly_every_months=2&starts_on=2026-03-01",
            BROWSER,
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(
        fragment.starts_with("<div class=\"schedule-preview\""),
        "{fragment}"
    );
    assert!(fragment.contains("The last Friday of every 2nd month"));
    assert!(fragment.contains("Friday, 27 March 2026"), "{fragment}");
    assert!(!fragment.contains("<html"), "a fragment, not a page");
    let (response, fragment) = ada
        .get(
            "/habits/preview?schedule_type=monthly_day&monthly_day=40",
            BROWSER,
        )
        .await;
    assert_eq!(response.status(), 200, "the fragment says what is missing");
    assert!(fragment.contains("Day:"), "the field is named: {fragment}");
    in_russian(&mut ada).await;
    let (_, fragment) = ada
        .get(
            "/habits/preview?schedule_type=monthly_weekday&monthly_week=-1&monthly_weekday=fri&starts_on=2026-03-01",
            BROWSER,
        )
        .await;
    assert!(fragment.contains("Ближайшие даты"), "{fragment}");
}

async fn the_preview_button_shows_the_form_again_and_stores_nothing(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let fields = [
        ("csrf_token", token.as_str()),
        ("name", "Review the month"),
        ("kind", "boolean"),
        ("schedule_type", "monthly_weekday"),
        ("monthly_week", "-1"),
        ("monthly_weekday", "fri"),
        ("monthly_every_months", "2"),
        ("starts_on", "2026-03-01"),
        ("preview", "1"),
    ];
    let (response, page) = ada.post_form("/habits", &fields).await;
    assert_eq!(response.status(), 200, "{page}");
    assert!(page.contains("The last Friday of every 2nd month"));
    assert!(page.contains("Friday, 27 March 2026"));
    assert!(
        page.contains("value=\"Review the month\""),
        "the name is kept"
    );
    assert!(
        page.contains(
            "name=\"monthly_every_months\" type=\"number\" min=\"1\" max=\"12\" value=\"2\""
        ),
        "every_months is an editable field, kept"
    );
    assert_eq!(ada.get_json("/habits?status=all").await["total"], 0);

    // An invalid rule: the form again, the preview says what is missing.
    let (response, page) = ada
        .post_form(
            "/habits",
            &[
                ("csrf_token", token.as_str()),
                ("name", "Pay"),
                ("schedule_type", "monthly_day"),
                ("monthly_day", "40"),
                ("preview", "1"),
            ],
        )
        .await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("Complete the schedule"), "{page}");
    assert_eq!(ada.get_json("/habits?status=all").await["total"], 0);

    // Saved, then previewed while editing: the stored habit is unchanged.
    let saved: Vec<(&str, &str)> = fields
        .iter()
        .copied()
        .filter(|(key, _)| *key != "preview")
        .collect();
    let (response, _) = ada.post_form("/habits", &saved).await;
    assert_eq!(response.status(), 303);
    let habit = ada.get_json("/habits?status=all").await["items"][0].clone();
    let id = id_of(&habit);
    let (_, edit) = ada.get(&format!("/habits/{id}/edit"), BROWSER).await;
    assert!(
        edit.contains("The last Friday of every 2nd month"),
        "the edit form shows the preview at once"
    );
    let mut edited = saved.clone();
    edited.retain(|(key, _)| *key != "monthly_every_months");
    edited.push(("monthly_every_months", "3"));
    edited.push(("preview", "1"));
    let (response, page) = ada.post_form(&format!("/habits/{id}"), &edited).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("The last Friday of every 3rd month"));
    assert_eq!(
        ada.get_json(&format!("/habits/{id}")).await["schedule_config"]["every_months"],
        2
    );
    // Saving the edited field stores it.
    edited.retain(|(key, _)| *key != "preview");
    let (response, _) = ada.post_form(&format!("/habits/{id}"), &edited).await;
    assert_eq!(response.status(), 303);
    assert_eq!(
        ada.get_json(&format!("/habits/{id}")).await["schedule_config"]["every_months"],
        3
    );

    // A month step out of range: the form again, the field named next to it.
    let mut wrong = edited.clone();
    wrong.retain(|(key, _)| *key != "monthly_every_months");
    wrong.push(("monthly_every_months", "13"));
    let (response, page) = ada.post_form(&format!("/habits/{id}"), &wrong).await;
    assert_eq!(response.status(), 422);
    assert!(
        page.contains(
            "max=\"12\" value=\"13\" aria-invalid=\"true\">\n      <p class=\"field-error\">"
        ),
        "{page}"
    );
    assert_eq!(
        ada.get_json(&format!("/habits/{id}")).await["schedule_config"]["every_months"],
        3,
        "nothing stored"
    );

    // Another user's habit: 404, even for a preview; and the token is required.
    let mut bob = app.signed_in("bob@example.com").await;
    let bob_token = bob.csrf_token().await;
    let mut as_bob = edited.clone();
    as_bob.retain(|(key, _)| *key != "csrf_token");
    as_bob.push(("csrf_token", bob_token.as_str()));
    as_bob.push(("preview", "1"));
    let (response, _) = bob.post_form(&format!("/habits/{id}"), &as_bob).await;
    assert_eq!(response.status(), 404);
    let without_token: Vec<(&str, &str)> = fields
        .iter()
        .copied()
        .filter(|(key, _)| *key != "csrf_token")
        .collect();
    let (response, _) = ada.post_form("/habits", &without_token).await;
    assert_eq!(response.status(), 403);
}

async fn period_progress_on_lists_home_and_json(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let swim = id_of(
        &ada.create_habit(json!({
            "name": "Swim", "schedule_type": "times_per_period",
            "schedule_config": {"times": 3, "period": "week"}, "starts_on": "2026-03-02",
        }))
        .await,
    );
    ada.check_in(&swim, Some("2026-03-09"), "done").await;
    ada.check_in(&swim, None, "done").await;
    let cardio = id_of(
        &ada.create_habit(json!({
            "name": "Cardio", "schedule_type": "times_per_period",
            "schedule_config": {"period": "week"}, "starts_on": "2026-03-02",
            "kind": "measurable", "unit": "min", "target": 150, "target_type": "at_least",
        }))
        .await,
    );
    let (status, _) = ada
        .call(
            "POST",
            &format!("/habits/{cardio}/checkins"),
            json!({"kind": "done", "value": 90, "date": "2026-03-10"}),
        )
        .await;
    assert_eq!(status, 200);
    ada.create_habit(json!({"name": "Read"})).await;

    let list = ada.get_json("/habits?status=all&sort=name").await;
    let item = |name: &str| -> Value {
        list["items"]
            .as_array()
            .and_then(|items| items.iter().find(|item| item["name"] == name))
            .cloned()
            .expect("listed")
    };
    assert_eq!(
        item("Swim")["period_progress"],
        json!({"done": 2, "from": "2026-03-09", "met": false, "period": "week",
               "sum": null, "target": null, "times": 3, "to": "2026-03-15"})
    );
    assert_eq!(
        item("Cardio")["period_progress"],
        json!({"done": 1, "from": "2026-03-09", "met": false, "period": "week",
               "sum": 90, "target": 150, "times": null, "to": "2026-03-15"})
    );
    assert_eq!(item("Read")["period_progress"], Value::Null);
    let habit = ada.get_json(&format!("/habits/{swim}")).await;
    assert_eq!(habit["period_progress"], item("Swim")["period_progress"]);

    let (_, list) = ada.get("/habits?status=all", BROWSER).await;
    assert!(list.contains("2 of 3 this week"), "{list}");
    assert!(list.contains("90 of 150 min this week"));
    let (_, home) = ada.get("/", BROWSER).await;
    assert!(
        home.contains("90 of 150 min this week"),
        "Cardio is still due today"
    );
    let (_, page) = ada.get(&format!("/habits/{swim}"), BROWSER).await;
    assert!(page.contains("2 of 3 this week"));

    // A third done meets the week.
    ada.check_in(&swim, Some("2026-03-10"), "done").await;
    let habit = ada.get_json(&format!("/habits/{swim}")).await;
    assert_eq!(habit["period_progress"]["done"], 3);
    assert_eq!(habit["period_progress"]["met"], true);
    in_russian(&mut ada).await;
    let (_, list) = ada.get("/habits?status=all", BROWSER).await;
    assert!(list.contains("3 из 3 на этой неделе"), "{list}");
}

async fn streaks_are_shown_with_their_unit(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let read = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": "2026-03-01"}))
            .await,
    );
    for day in ["2026-03-09", "2026-03-10"] {
        ada.check_in(&read, Some(day), "done").await;
    }
    let swim = id_of(
        &ada.create_habit(json!({
            "name": "Swim", "schedule_type": "times_per_period",
            "schedule_config": {"times": 1, "period": "week"}, "starts_on": "2026-03-02",
        }))
        .await,
    );
    ada.check_in(&swim, Some("2026-03-03"), "done").await;
    let friday = id_of(
        &ada.create_habit(json!({
            "name": "Review", "schedule_type": "monthly_weekday",
            "schedule_config": {"week": -1, "weekday": "fri"}, "starts_on": "2026-01-01",
        }))
        .await,
    );
    for day in ["2026-01-30", "2026-02-27"] {
        ada.check_in(&friday, Some(day), "done").await;
    }
    let (_, list) = ada.get("/habits?status=all", BROWSER).await;
    assert!(list.contains(">streak 2 days<"), "{list}");
    assert!(list.contains(">streak 1 week<"));
    assert!(list.contains(">streak 2 times<"));
    assert!(list.contains("title=\"Current streak (best 2 days)\""));
    let (_, page) = ada.get(&format!("/habits/{swim}"), BROWSER).await;
    assert!(
        page.contains("<span data-current-streak>1</span> <span class=\"stat-unit\">week</span>"),
        "{page}"
    );
    let (_, home) = ada.get("/", BROWSER).await;
    assert!(home.contains(">streak 2 days<"), "Read is due today");
    in_russian(&mut ada).await;
    let (_, page) = ada.get(&format!("/habits/{read}"), BROWSER).await;
    assert!(
        page.contains("<span data-current-streak>2</span> <span class=\"stat-unit\">дня</span>"),
        "{page}"
    );
    let (_, list) = ada.get("/habits?status=all", BROWSER).await;
    assert!(list.contains(">серия 1 неделя<"), "{list}");
}

async fn refused_pauses_and_vacations_show_their_page_again(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let id = id_of(&ada.create_habit(json!({"name": "Read"})).await);
    let pauses = format!("/habits/{id}/pauses");
    let backwards = [
        ("csrf_token", token.as_str()),
        ("from", "2026-03-20"),
        ("to", "2026-03-12"),
    ];
    let (response, page) = ada.post_form(&pauses, &backwards).await;
    assert_eq!(response.status(), 422, "{page}");
    assert!(
        page.contains("<h1>Read</h1>"),
        "the habit page, not an error page"
    );
    assert!(page.contains("name=\"from\" type=\"date\" required value=\"2026-03-20\""));
    assert!(
        page.contains(
            "name=\"to\" type=\"date\" required value=\"2026-03-12\" aria-invalid=\"true\""
        ),
        "{page}"
    );
    assert!(page.contains("class=\"field-error\""));
    assert_eq!(ada.get_json(&pauses).await["total"], 0, "nothing stored");
    // JSON keeps its answer.
    let (status, answer) = ada
        .call(
            "POST",
            &pauses,
            json!({"from": "2026-03-20", "to": "2026-03-12"}),
        )
        .await;
    assert_eq!(status, 422);
    assert!(answer["error"]["fields"]["to"].is_string(), "{answer}");
    // Another user's habit is not found; a post needs the token.
    let mut bob = app.signed_in("bob@example.com").await;
    let bob_token = bob.csrf_token().await;
    let (response, _) = bob
        .post_form(
            &pauses,
            &[
                ("csrf_token", bob_token.as_str()),
                ("from", "x"),
                ("to", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 404);
    let (response, _) = ada
        .post_form(&pauses, &[("from", "2026-03-20"), ("to", "2026-03-12")])
        .await;
    assert_eq!(response.status(), 403);

    let (response, page) = ada
        .post_form(
            "/settings/vacations",
            &[
                ("csrf_token", token.as_str()),
                ("from", "2026-07-01"),
                ("to", ""),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "{page}");
    assert!(
        page.contains("name=\"from\" type=\"date\" required value=\"2026-07-01\""),
        "{page}"
    );
    assert!(page.contains(
        "id=\"vacation_to\" name=\"to\" type=\"date\" required value=\"\" aria-invalid=\"true\""
    ));
    assert_eq!(ada.get_json("/settings/vacations").await["total"], 0);
}

async fn refused_values_show_the_page_they_came_from_again(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let id = id_of(
        &ada.create_habit(json!({
            "name": "Water", "kind": "measurable", "unit": "glasses",
            "target": 8, "target_type": "at_least", "starts_on": "2026-03-01",
        }))
        .await,
    );
    let checkins = format!("/habits/{id}/checkins");
    let from = |next: Option<&'static str>| {
        let mut fields = vec![
            ("csrf_token", token.clone()),
            ("kind", "done".to_owned()),
            ("value", "lots".to_owned()),
        ];
        match next {
            Some(next) => fields.push(("next", next.to_owned())),
            None => fields.push(("date", "2026-03-09".to_owned())),
        }
        fields
    };
    let post = async |ada: &mut Browser, fields: Vec<(&'static str, String)>| {
        let pairs: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
        ada.post_form(&checkins, &pairs).await
    };
    let (response, home) = post(&mut ada, from(Some("/"))).await;
    assert_eq!(response.status(), 422, "{home}");
    assert!(
        home.contains("value=\"lots\" aria-invalid=\"true\""),
        "{home}"
    );
    assert!(home.contains("<p class=\"field-error\" role=\"alert\">"));
    assert!(home.contains("data-due-today"), "the home page");

    let (response, list) = post(
        &mut ada,
        from(Some("/habits?status=all&sort=name&order=desc&page=1")),
    )
    .await;
    assert_eq!(response.status(), 422);
    assert!(
        list.contains("value=\"lots\" aria-invalid=\"true\""),
        "{list}"
    );
    assert!(
        list.contains("<option value=\"desc\" selected>"),
        "the list keeps its order"
    );

    let (response, page) = post(&mut ada, from(None)).await;
    assert_eq!(response.status(), 422);
    assert!(page.contains("<h1>Water</h1>"), "{page}");
    assert!(page.contains("Value for 9 Mar 2026: "), "{page}");
    assert!(page.contains("size=\"4\" value=\"lots\" aria-invalid=\"true\""));

    assert_eq!(ada.get_json(&checkins).await["total"], 0, "nothing stored");
    let (status, answer) = ada
        .call("POST", &checkins, json!({"kind": "done", "value": "lots"}))
        .await;
    assert_eq!(status, 422);
    assert!(answer["error"]["fields"]["value"].is_string(), "{answer}");
}
