//! The phone-first interface's server side (docs/decisions.md, #18), on
//! SQLite and (when configured) PostgreSQL: the theme palette picker, the
//! starter habits of a new account and the calendar's day panel.
use habitflow_testkit::{BROWSER, TestApp, id_of, local_today, location};
use serde_json::json;

habitflow_testkit::on_each_backend!(
    the_theme_form_picks_a_palette_colour_or_a_custom_one,
    a_new_accounts_today_offers_starter_habits_made_by_the_habit_form,
    the_calendar_day_panel_shows_the_chosen_day,
);

async fn the_theme_form_picks_a_palette_colour_or_a_custom_one(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let (_, form) = ada.get("/themes/new", BROWSER).await;
    assert_eq!(form.matches(r#"type="radio" id="color-"#).count(), 14);
    assert!(form.contains(r#"id="color-auto" name="color" value="" checked"#));
    assert!(
        form.contains(r##"value="#10B981""##),
        "the domain's palette"
    );
    let post = |name: &'static str, color: &'static str, custom: &'static str| {
        let token = token.clone();
        let mut ada = ada.clone();
        async move {
            ada.post_form(
                "/themes",
                &[
                    ("csrf_token", &token),
                    ("name", name),
                    ("color", color),
                    ("custom_color", custom),
                ],
            )
            .await
        }
    };
    let (response, _) = post("Garden", "#10B981", "").await;
    assert_eq!(location(&response), "/themes");
    let (response, _) = post("Own", "custom", "#123abc").await;
    assert_eq!(location(&response), "/themes");
    // The custom field counts only when "custom" is chosen.
    let (response, _) = post("Swatch", "#F59E0B", "#000000").await;
    assert_eq!(location(&response), "/themes");
    let (status, page) = post("Bad", "custom", "teal").await;
    assert_eq!(status.status(), 422);
    assert!(page.contains(r#"class="custom-color has-error""#), "{page}");
    assert!(page.contains(r#"id="color-custom" name="color" value="custom" checked"#));
    assert!(page.contains(r#"value="teal" aria-invalid="true""#));
    let themes = ada.get_json("/themes").await;
    let colours: Vec<(&str, &str)> = themes["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["name"].as_str().unwrap(), t["color"].as_str().unwrap()))
        .collect();
    assert_eq!(
        colours,
        [
            ("Garden", "#10B981"),
            ("Own", "#123ABC"),
            ("Swatch", "#F59E0B")
        ],
        "nothing made of the refused one"
    );
    // Editing shows the stored colour chosen: a swatch, or the custom field.
    let own = &themes["items"][1];
    let (_, page) = ada.get(&format!("/themes/{}", id_of(own)), BROWSER).await;
    assert!(page.contains(r#"value="custom" checked"#));
    assert!(page.contains(r##"value="#123ABC""##));
    let garden = &themes["items"][0];
    let (_, page) = ada
        .get(&format!("/themes/{}", id_of(garden)), BROWSER)
        .await;
    assert!(page.contains(r##"value="#10B981" checked"##));
}

async fn a_new_accounts_today_offers_starter_habits_made_by_the_habit_form(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let (_, today) = ada.get("/", BROWSER).await;
    assert!(today.contains("data-starters"));
    assert_eq!(
        today
            .matches(r#"<form method="post" action="/habits">"#)
            .count(),
        3
    );
    for name in ["Drink water", "Read 10 pages", "Walk"] {
        assert!(
            today.contains(&format!(r#"name="name" value="{name}""#)),
            "{name}"
        );
    }
    assert!(
        today.contains(r#"href="/settings/data""#),
        "the import is offered"
    );
    // What the "Drink water" button posts.
    let (response, _) = ada
        .post_form(
            "/habits",
            &[
                ("csrf_token", &token),
                ("name", "Drink water"),
                ("schedule_type", "daily"),
                ("kind", "measurable"),
                ("target", "8"),
                ("target_type", "at_least"),
                ("unit", "glasses"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert!(location(&response).starts_with("/habits/"));
    let habits = ada.get_json("/habits?status=all").await;
    let water = &habits["items"][0];
    assert_eq!(
        (
            &water["kind"],
            &water["unit"],
            &water["target"],
            &water["schedule_type"]
        ),
        (
            &json!("measurable"),
            &json!("glasses"),
            &json!(8),
            &json!("daily")
        )
    );
    let (_, today) = ada.get("/", BROWSER).await;
    assert!(
        !today.contains("data-starters"),
        "offered to new accounts only"
    );
    // In Russian the starters are named in Russian.
    let mut olga = app.signed_in("olga@example.com").await;
    let olga_token = olga.csrf_token().await;
    olga.post_form(
        "/settings/language",
        &[("csrf_token", &olga_token), ("language", "ru")],
    )
    .await;
    let (_, today) = olga.get("/", BROWSER).await;
    assert!(today.contains(r#"name="name" value="Пить воду""#));
    assert!(today.contains(r#"name="unit" value="стаканов""#));
}

async fn the_calendar_day_panel_shows_the_chosen_day(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let today = local_today();
    let start = today.checked_sub(jiff::Span::new().days(40)).unwrap();
    let habit = ada
        .create_habit(
            json!({"name": "Stretch", "schedule_type": "daily", "starts_on": start.to_string()}),
        )
        .await;
    let id = id_of(&habit);
    let (_, page) = ada.get(&format!("/habits/{id}"), BROWSER).await;
    assert!(page.contains(&format!(
        r#"href="/habits/{id}?month={}&amp;day={today}#day-panel" aria-current="date""#,
        today.strftime("%Y-%m")
    )));
    let panel = &page[page.find(r#"id="day-panel""#).expect("today's panel")..];
    assert!(
        panel.contains(r#"name="kind" value="done" class="button""#),
        "today can be done from the panel"
    );
    let yesterday = today.yesterday().unwrap();
    ada.check_in(&id, Some(&yesterday.to_string()), "done")
        .await;
    let month = yesterday.strftime("%Y-%m");
    let (_, page) = ada
        .get(
            &format!("/habits/{id}?month={month}&day={yesterday}"),
            BROWSER,
        )
        .await;
    let panel = &page[page.find(r#"id="day-panel""#).expect("the day panel")..];
    let panel = &panel[..panel.find("</div>").unwrap()];
    assert!(panel.contains(" · done</h3>"), "{panel}");
    assert!(
        panel.contains(&format!(
            r#"action="/habits/{id}/checkins/{yesterday}/delete""#
        )),
        "{panel}"
    );
    assert!(
        panel.contains(&format!(
            r#"name="next" value="/habits/{id}?month={month}&#38;day={yesterday}""#
        )),
        "without JavaScript the post comes back to the same day: {panel}"
    );
    // A day that takes no check-in (before the start) has no panel.
    let before = start.yesterday().unwrap();
    let (_, page) = ada
        .get(
            &format!(
                "/habits/{id}?month={}&day={before}",
                before.strftime("%Y-%m")
            ),
            BROWSER,
        )
        .await;
    assert!(!page.contains(r#"id="day-panel""#));
}
