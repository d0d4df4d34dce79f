//! English and Russian: the language a request is served in (the user's
//! setting, else `Accept-Language`), the switch in the user menu, and every
//! page rendered in Russian with no English and no catalog key left over.
use axum::body::Body;
use axum::http::Request;
use habitflow::i18n::{Language, catalog_keys};
use habitflow_testkit::{BROWSER, Browser, TestApp, id_of, location};
use serde_json::json;
use std::collections::BTreeSet;

async fn page_in(client: &mut Browser, path: &str, accept_language: &str) -> (u16, String) {
    let request = Request::get(path)
        .header("accept", BROWSER)
        .header("accept-language", accept_language)
        .body(Body::empty())
        .expect("valid request");
    let (response, body) = client.send(request).await;
    (response.status().as_u16(), body)
}

#[tokio::test]
async fn visitors_get_the_language_their_browser_prefers() {
    let app = TestApp::spawn().await;
    let mut visitor = app.browser();
    let request = Request::get("/auth/login")
        .header("accept", BROWSER)
        .header("accept-language", "ru-RU,ru;q=0.9,en;q=0.8")
        .body(Body::empty())
        .expect("valid request");
    let (response, russian) = visitor.send(request).await;
    assert_eq!(response.headers()["content-language"], "ru");
    assert!(russian.contains(r#"<html lang="ru">"#));
    assert!(russian.contains("Войти"), "{russian}");
    let (_, english) = page_in(&mut visitor, "/auth/login", "de-DE,en;q=0.5").await;
    assert!(english.contains(r#"<html lang="en">"#));
    assert!(english.contains("Sign in"));
    let (_, error) = page_in(&mut visitor, "/no/such/page", "ru").await;
    assert!(error.contains("Страница не найдена"), "{error}");
}

#[tokio::test]
async fn a_new_account_keeps_the_browser_language_and_the_setting_wins_afterwards() {
    let app = TestApp::spawn().await;
    let mut ada = app.browser();
    let token = ada.csrf_token().await;
    let body: String = form_urlencoded::Serializer::new(String::new())
        .extend_pairs([
            ("csrf_token", token.as_str()),
            ("email", "ada@example.com"),
            ("password", "a sturdy passphrase 42"),
            ("time_zone", "Europe/Moscow"),
        ])
        .finish();
    let request = Request::post("/auth/register")
        .header("content-type", "application/x-www-form-urlencoded")
        .header("accept", BROWSER)
        .header("accept-language", "ru")
        .body(Body::from(body))
        .expect("valid request");
    let (response, _) = ada.send(request).await;
    assert_eq!(response.status(), 303);
    let settings = ada.get_json("/settings").await;
    assert_eq!(settings["language"], "ru");
    let (_, home) = page_in(&mut ada, "/", "en").await;
    assert!(
        home.contains(r#"<html lang="ru">"#),
        "the user's setting beats the browser's"
    );
}

#[tokio::test]
async fn the_switch_in_the_user_menu_changes_the_language_and_returns_to_the_page() {
    let app = TestApp::spawn().await;
    let mut ada = app.browser();
    ada.register("ada@example.com").await;
    let token = ada.csrf_token().await;
    let (_, habits) = ada.get("/habits", BROWSER).await;
    assert!(habits.contains(r#"action="/settings/language""#));
    let (response, _) = ada
        .post_form(
            "/settings/language",
            &[
                ("csrf_token", &token),
                ("language", "ru"),
                ("next", "/habits?status=all"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/habits?status=all");
    let (_, habits) = ada.get("/habits?status=all", BROWSER).await;
    assert!(habits.contains("Привычки"), "{habits}");
    let (response, _) = ada
        .post_form(
            "/settings/language",
            &[
                ("csrf_token", &token),
                ("language", "en"),
                ("next", "https://evil.example/"),
            ],
        )
        .await;
    assert_eq!(location(&response), "/", "a foreign target is not followed");
    let (status, body) = ada
        .call("POST", "/settings/language", json!({"language": "fr"}))
        .await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["language"].is_string());
    let settings = ada.get_json("/settings").await;
    assert_eq!(
        settings["language"], "en",
        "a refused switch changes nothing"
    );
    let (response, _) = ada
        .post_form("/settings/language", &[("language", "ru")])
        .await;
    assert_eq!(response.status(), 403, "the switch needs the CSRF token");
}

/// A Russian-speaking user with one of everything, named in Russian.
async fn russian_user(app: &TestApp) -> (Browser, Vec<String>) {
    let mut olga = app.browser();
    olga.register("olga@example.com").await;
    let (status, _) = olga
        .call(
            "POST",
            "/settings",
            json!({"display_name": "Ольга", "time_zone": "Europe/Moscow", "day_start_hour": 0, "language": "ru"}),
        )
        .await;
    assert_eq!(status, 200);
    let theme = id_of(&olga.create_theme(json!({"name": "Здоровье"})).await);
    let task = id_of(
        &olga
            .create_task(json!({"name": "Купить молоко", "priority": "high", "due_on": "2026-03-08", "theme_id": theme}))
            .await,
    );
    olga.create_task(json!({"name": "Позвонить маме"})).await;
    let schedules = [
        ("Зарядка", "daily", json!({})),
        (
            "Бассейн",
            "weekly_days",
            json!({"days": ["mon", "thu"], "every_weeks": 2}),
        ),
        ("Оплатить аренду", "monthly_day", json!({"day": 31})),
        (
            "Поздравить друга",
            "yearly_date",
            json!({"month": 2, "day": 29}),
        ),
        (
            "Бег",
            "interval_cycle",
            json!({"active_days": 3, "break_days": 1}),
        ),
    ];
    let mut habits = Vec::new();
    for (name, schedule_type, config) in schedules {
        let habit = olga
            .create_habit(json!({"name": name, "description": "Для здоровья", "schedule_type": schedule_type,
                                 "schedule_config": config, "starts_on": "2026-01-01", "theme_id": theme}))
            .await;
        habits.push(id_of(&habit));
    }
    for (date, kind) in [
        ("2026-03-07", "done"),
        ("2026-03-08", "skipped"),
        ("2026-03-09", "done"),
        ("2026-03-10", "done"),
    ] {
        olga.check_in(&habits[0], Some(date), kind).await;
    }
    let mut pages: Vec<String> = [
        "/",
        "/tasks",
        "/tasks?status=all",
        "/tasks/new",
        "/habits",
        "/habits?status=all",
        "/habits/new",
        "/themes",
        "/themes/new",
        "/stats?range=7d",
        "/stats?range=30d",
        "/stats?range=90d",
        "/stats?range=1y",
        "/stats?range=all",
        "/stats?range=2w",
        "/settings",
        "/settings/password",
        "/settings/sessions",
        "/no/such/page",
    ]
    .map(str::to_owned)
    .to_vec();
    pages.push(format!("/tasks/{task}"));
    pages.push(format!("/themes/{theme}"));
    for habit in &habits {
        pages.push(format!("/habits/{habit}"));
        pages.push(format!("/habits/{habit}/edit"));
    }
    pages.push(format!("/habits/{}?month=2026-02", habits[0]));
    (olga, pages)
}

/// The words a reader sees or hears: text, and the attributes shown as
/// tooltips, placeholders, labels and confirm questions. Scripts, styles and
/// form values (the user's own data and codes) are left out, and so are the
/// quote of the day (the quotes service speaks English) and the list of time
/// zone names (IANA identifiers).
fn visible_text(html: &str) -> String {
    let mut html = html.to_owned();
    for (start, end) in [
        ("<script", "</script>"),
        ("<style", "</style>"),
        ("<figure class=\"quote", "</figure>"),
        ("<select id=\"time_zone\"", "</select>"),
    ] {
        while let Some(from) = html.find(start) {
            let to = html[from..]
                .find(end)
                .map_or(html.len(), |at| from + at + end.len());
            html.replace_range(from..to, " ");
        }
    }
    let mut text = String::new();
    let mut rest = html.as_str();
    while let Some(open) = rest.find('<') {
        text.push_str(&rest[..open]);
        text.push(' ');
        let close = rest[open..].find('>').map_or(rest.len(), |at| open + at);
        let tag = &rest[open..close];
        for attribute in [
            "title=\"",
            "aria-label=\"",
            "placeholder=\"",
            "alt=\"",
            "data-confirm=\"",
            "data-action-failed=\"",
        ] {
            if let Some(at) = tag.find(attribute) {
                let value = &tag[at + attribute.len()..];
                text.push_str(value.split('"').next().unwrap_or(""));
                text.push(' ');
            }
        }
        rest = &rest[(close + 1).min(rest.len())..];
    }
    text.push_str(rest);
    // Entities are markup, not words.
    let mut clean = String::new();
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        if c == '&' {
            let entity: String = chars
                .clone()
                .take_while(|c| *c != ';' && !c.is_whitespace())
                .collect();
            if entity.len() < 10 && chars.clone().nth(entity.chars().count()) == Some(';') {
                for _ in 0..=entity.chars().count() {
                    chars.next();
                }
                clean.push(' ');
                continue;
            }
        }
        clean.push(c);
    }
    clean
}

/// Words a Russian page may contain in Latin letters: the product's name,
/// each language named in itself, "IP" and "API" (Russian says «IP-адрес» and
/// «API-токены» too) and the user's own email address.
const ALLOWED_LATIN: [&str; 7] = [
    "HabitFlow",
    "English",
    "IP",
    "API",
    "olga",
    "example",
    "com",
];

fn english_left_over(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .filter(|word| word.len() >= 2 && !ALLOWED_LATIN.contains(word))
        .map(str::to_owned)
        .collect()
}

fn keys_left_over(text: &str) -> BTreeSet<String> {
    let keys: BTreeSet<&str> = catalog_keys(Language::En)
        .iter()
        .map(String::as_str)
        .collect();
    text.split(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == '_'))
        .filter(|word| keys.contains(word))
        .map(str::to_owned)
        .collect()
}

#[tokio::test]
async fn every_page_renders_in_russian_with_no_english_left_over() {
    let app = TestApp::builder()
        .clock("2026-03-10T09:00:00Z")
        .spawn()
        .await;
    let (mut olga, pages) = russian_user(&app).await;
    let token = olga.csrf_token().await;
    let mut rendered = Vec::new();
    for path in &pages {
        let (status, body) = page_in(&mut olga, path, "en").await;
        assert!(status == 200 || status == 404, "{path}: {status}");
        rendered.push((path.clone(), body));
    }
    let (_, refused) = olga
        .post_form(
            "/habits",
            &[
                ("csrf_token", &token),
                ("name", ""),
                ("schedule_type", "monthly_day"),
                ("monthly_day", "40"),
            ],
        )
        .await;
    rendered.push(("/habits (invalid form)".into(), refused));
    let (_, refused) = olga.post_form("/tasks", &[("name", "Без токена")]).await;
    rendered.push(("/tasks (no CSRF token)".into(), refused));
    let mut visitor = app.browser();
    let reset_link = habitflow::app::operators::issue_password_reset(
        &app.state.services,
        "olga@example.com",
        "",
    )
    .await
    .unwrap();
    let used_link = format!("{}x", &reset_link[..reset_link.len() - 1]);
    let (status, form) = page_in(&mut visitor, &reset_link, "ru").await;
    assert!(
        status == 200 && form.contains(r#"name="new_password""#),
        "{form}"
    );
    for path in [
        "/",
        "/auth/login",
        "/auth/register",
        "/no/such/page",
        &reset_link,
        &used_link,
    ] {
        let (_, body) = page_in(&mut visitor, path, "ru").await;
        rendered.push((format!("{path} (visitor)"), body));
    }

    let mut problems = Vec::new();
    for (path, body) in &rendered {
        assert!(
            body.contains(r#"<html lang="ru">"#),
            "{path} is not in Russian"
        );
        let text = visible_text(body);
        let keys = keys_left_over(&text);
        let english = english_left_over(&text);
        if !keys.is_empty() || !english.is_empty() {
            problems.push(format!("{path}: keys {keys:?}, English {english:?}"));
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(
        rendered[0].1.contains("вторник, 10 марта 2026 г."),
        "the home page's date is written in Russian"
    );
}

fn has_english(text: &str) -> bool {
    text.split(|c: char| !c.is_ascii_alphabetic())
        .any(|word| word.len() >= 3 && word != "JSON")
}

#[tokio::test]
async fn api_errors_are_worded_in_the_users_language() {
    let app = TestApp::builder()
        .clock("2026-03-10T09:00:00Z")
        .spawn()
        .await;
    let (mut olga, _) = russian_user(&app).await;
    let (_, body) = olga
        .call(
            "POST",
            "/habits",
            json!({"name": " ", "schedule_type": "monthly_day", "schedule_config": {"day": 40}}),
        )
        .await;
    let error = &body["error"];
    assert_eq!(error["code"], "validation_error");
    assert_eq!(error["message"], "Исправьте отмеченные поля");
    for (field, message) in error["fields"].as_object().expect("fields") {
        let message = message.as_str().unwrap_or_default();
        assert!(!has_english(message), "{field}: {message}");
    }
    let habits = olga.get_json("/habits?status=all").await;
    let habit = habits["items"][0]["id"]
        .as_str()
        .unwrap_or_default()
        .to_owned();
    let (status, body) = olga
        .call(
            "POST",
            &format!("/habits/{habit}/checkins"),
            json!({"date": "2026-03-11", "kind": "done"}),
        )
        .await;
    assert_eq!(status, 400);
    assert_eq!(
        body["error"]["message"],
        "11 мар. 2026 г. — это будущая дата"
    );
    let (_, body) = olga.fetch("/tasks/not-an-id").await;
    assert_eq!(body["error"]["message"], "Задача не найдена");
    let stats = olga.get_json("/stats?range=7d").await;
    for insight in stats["insights"].as_array().expect("insights") {
        let text = format!("{} {}", insight["title"], insight["text"]);
        let without_names = text.replace("Зарядка", "");
        assert!(!has_english(&without_names), "{text}");
    }
}

#[test]
fn the_scan_sees_text_and_spoken_attributes_but_not_markup() {
    let html = r#"<p class="muted">Привет <b>world</b></p><button aria-label="Delete it">x</button>
        <input value="secret"><script>var hidden = 1;</script>&nbsp;&#8212;"#;
    let text = visible_text(html);
    assert_eq!(
        english_left_over(&text),
        ["Delete", "it", "world"].map(str::to_owned).into()
    );
    assert_eq!(
        keys_left_over("Меню nav-today"),
        ["nav-today".to_owned()].into()
    );
}
