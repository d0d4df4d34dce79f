//! The reminder channels against fakes in the test process, and the
//! settings routes (docs/reminders.md): Web Push (VAPID checked, payload
//! decrypted), ntfy, e-mail over SMTP, timeouts, and the refusal of
//! loopback and private addresses.
use super::reminder_fakes::{FakeNtfy, FakePush, FakeSmtp, Subscriber, live_channels, with_smtp};
use habitflow::infra::reminder_channels::Smtp;
use habitflow_testkit::TestApp;
use serde_json::json;
use std::time::{Duration, Instant};

#[tokio::test]
async fn the_settings_round_trip_and_bad_values_name_their_field() {
    let mut app = TestApp::spawn().await;
    app.state.services.reminders = live_channels(true, Duration::from_secs(5));
    let mut ada = app.signed_in("ada@example.com").await;
    let settings = ada.get_json("/settings/reminders").await;
    assert_eq!(
        settings,
        json!({"email": false, "ntfy_url": null, "push_subscriptions": 0})
    );
    let saved = ada
        .post_json(
            "/settings/reminders",
            json!({"ntfy_url": "https://ntfy.sh/ada-habits", "email": false}),
        )
        .await;
    assert_eq!(saved["ntfy_url"], "https://ntfy.sh/ada-habits");
    for (body, field) in [
        (
            json!({"ntfy_url": "file:///etc/passwd", "email": false}),
            "ntfy_url",
        ),
        (json!({"ntfy_url": "ntfy.sh/x", "email": false}), "ntfy_url"),
        (json!({"ntfy_url": null, "email": true}), "email"),
    ] {
        let (status, answer) = ada.call("POST", "/settings/reminders", body).await;
        assert_eq!(status, 422, "{answer}");
        assert!(answer["error"]["fields"][field].is_string(), "{answer}");
    }
    let unchanged = ada.get_json("/settings/reminders").await;
    assert_eq!(
        unchanged["ntfy_url"], "https://ntfy.sh/ada-habits",
        "nothing changed"
    );
    let cleared = ada
        .post_json(
            "/settings/reminders",
            json!({"ntfy_url": null, "email": false}),
        )
        .await;
    assert_eq!(cleared["ntfy_url"], serde_json::Value::Null);

    let (status, answer) = ada
        .call(
            "POST",
            "/settings/reminders/push",
            json!({"endpoint": "javascript:alert(1)", "keys": {"p256dh": "a", "auth": "b"}}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    let subscriber = Subscriber::new(3);
    let (status, answer) = ada
        .call(
            "POST",
            "/settings/reminders/push",
            subscriber.body("https://push.example/x"),
        )
        .await;
    assert_eq!(
        (status, answer["push_subscriptions"].clone()),
        (201, json!(1))
    );
    let answer = ada
        .post_json(
            "/settings/reminders/push/delete",
            json!({"endpoint": "https://push.example/x"}),
        )
        .await;
    assert_eq!(answer["push_subscriptions"], 0);

    let page = ada
        .get("/settings/reminders", habitflow_testkit::BROWSER)
        .await
        .1;
    assert!(page.contains("id=\"push-section\""));
    assert!(page.contains("/static/reminders."), "the page's script");
}

#[tokio::test]
async fn send_a_test_reaches_push_ntfy_and_email_and_reports_each() {
    let push = FakePush::start().await;
    let ntfy = FakeNtfy::start(Duration::ZERO).await;
    let smtp = FakeSmtp::start().await;
    let mut app = TestApp::spawn().await;
    let mailer = Smtp::new(
        &smtp.url,
        "HabitFlow <reminders@habits.test>",
        Duration::from_secs(5),
    )
    .unwrap();
    app.state.services.reminders = with_smtp(Some(mailer), true, Duration::from_secs(5));
    let mut ada = app.signed_in("ada@example.com").await;
    let subscriber = Subscriber::new(5);
    ada.call(
        "POST",
        "/settings/reminders/push",
        subscriber.body(&push.endpoint("ada")),
    )
    .await;
    ada.post_json(
        "/settings/reminders",
        json!({"ntfy_url": format!("{}/ada-topic", ntfy.base), "email": true}),
    )
    .await;
    let report = ada.post_json("/settings/reminders/test", json!({})).await;
    assert_eq!(
        report,
        json!({"failed": [], "sent": ["push", "ntfy", "email"]})
    );

    let payloads = push.payloads(&subscriber);
    assert_eq!(payloads.len(), 1);
    assert_eq!(payloads[0]["title"], "HabitFlow");

    let received = ntfy.received.lock().unwrap().clone();
    assert_eq!(received.len(), 1);
    let (topic, headers, body) = &received[0];
    assert_eq!(topic, "ada-topic");
    assert_eq!(headers["title"], "HabitFlow");
    assert_eq!(headers["click"], "http://habits.test/");
    assert_eq!(body, "This is a test reminder from HabitFlow.");

    let messages = smtp.messages.lock().unwrap().clone();
    assert_eq!(messages.len(), 1);
    let (from, to, data) = &messages[0];
    assert_eq!(from, "<reminders@habits.test>");
    assert_eq!(to, &["<ada@example.com>".to_owned()]);
    let (head, text) = data
        .split_once("\r\n\r\n")
        .expect("headers, a blank line, the body");
    for header in [
        "From: ",
        "To: ",
        "Subject: HabitFlow",
        "Date: ",
        "Message-ID: ",
    ] {
        assert!(
            head.lines().any(|line| line.starts_with(header)),
            "{header} in {head}"
        );
    }
    assert!(
        text.contains("This is a test reminder from HabitFlow."),
        "{text}"
    );
    assert!(text.contains("http://habits.test/"), "{text}");
}

#[tokio::test]
async fn loopback_and_private_addresses_are_refused_unless_allowed() {
    let ntfy = FakeNtfy::start(Duration::ZERO).await;
    let mut app = TestApp::spawn().await;
    app.state.services.reminders = live_channels(false, Duration::from_secs(5));
    let mut ada = app.signed_in("ada@example.com").await;
    let port = ntfy.base.rsplit(':').next().unwrap().to_owned();
    for url in [
        format!("{}/topic", ntfy.base),
        format!("http://localhost:{port}/topic"),
        format!("http://[::ffff:127.0.0.1]:{port}/topic"),
        format!("http://[::1]:{port}/topic"),
        "http://10.0.0.1/topic".to_owned(),
        "http://169.254.169.254/latest/meta-data".to_owned(),
        "http://[fd00::1]/topic".to_owned(),
    ] {
        ada.post_json(
            "/settings/reminders",
            json!({"ntfy_url": url, "email": false}),
        )
        .await;
        let report = ada.post_json("/settings/reminders/test", json!({})).await;
        assert_eq!(report["sent"], json!([]), "{url}");
        assert_eq!(report["failed"][0]["channel"], "ntfy");
        let reason = report["failed"][0]["reason"].as_str().unwrap();
        assert!(reason.contains("internal address"), "{url}: {reason}");
    }
    assert!(
        ntfy.received.lock().unwrap().is_empty(),
        "nothing reached the server"
    );
}

#[tokio::test]
async fn a_slow_ntfy_server_times_out() {
    let ntfy = FakeNtfy::start(Duration::from_secs(30)).await;
    let mut app = TestApp::spawn().await;
    app.state.services.reminders = live_channels(true, Duration::from_secs(1));
    let mut ada = app.signed_in("ada@example.com").await;
    ada.post_json(
        "/settings/reminders",
        json!({"ntfy_url": format!("{}/slow", ntfy.base), "email": false}),
    )
    .await;
    let started = Instant::now();
    let report = ada.post_json("/settings/reminders/test", json!({})).await;
    assert!(started.elapsed() < Duration::from_secs(10));
    assert_eq!(report["failed"][0]["channel"], "ntfy");
    assert!(
        report["failed"][0]["reason"]
            .as_str()
            .unwrap()
            .contains("timeout"),
        "{report}"
    );
}

#[tokio::test]
async fn a_push_service_that_answers_410_loses_the_subscription_at_the_test() {
    let push = FakePush::start().await;
    let mut app = TestApp::spawn().await;
    app.state.services.reminders = live_channels(true, Duration::from_secs(5));
    let mut ada = app.signed_in("ada@example.com").await;
    ada.call(
        "POST",
        "/settings/reminders/push",
        Subscriber::new(9).body(&push.endpoint("gone")),
    )
    .await;
    push.fail_next(1, 410);
    let report = ada.post_json("/settings/reminders/test", json!({})).await;
    assert_eq!(report["failed"][0]["channel"], "push");
    let settings = ada.get_json("/settings/reminders").await;
    assert_eq!(settings["push_subscriptions"], 0);
}

#[tokio::test]
async fn habits_carry_up_to_five_reminder_times_in_json_and_the_form() {
    let app = TestApp::spawn().await;
    let mut ada = app.signed_in("ada@example.com").await;
    let habit = ada
        .create_habit(json!({"name": "Read", "reminder_times": ["21:00", "07:30", "07:30"]}))
        .await;
    assert_eq!(habit["reminder_times"], json!(["07:30", "21:00"]));
    let id = habit["id"].as_str().unwrap().to_owned();
    let plain = ada.create_habit(json!({"name": "Run"})).await;
    assert_eq!(plain["reminder_times"], json!([]), "none by default");
    for times in [
        json!(["7:30"]),
        json!(["24:00"]),
        json!(["01:00", "02:00", "03:00", "04:00", "05:00", "06:00"]),
    ] {
        let (status, answer) = ada
            .call(
                "PATCH",
                &format!("/habits/{id}"),
                json!({"reminder_times": times}),
            )
            .await;
        assert_eq!(status, 422, "{answer}");
        assert!(
            answer["error"]["fields"]["reminder_times"].is_string(),
            "{answer}"
        );
    }
    let unchanged = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(unchanged["reminder_times"], json!(["07:30", "21:00"]));
    let renamed = ada
        .call(
            "PATCH",
            &format!("/habits/{id}"),
            json!({"name": "Read more"}),
        )
        .await
        .1;
    assert_eq!(
        renamed["reminder_times"],
        json!(["07:30", "21:00"]),
        "absent keeps them"
    );
    let listed = ada.get_json("/habits").await;
    let item = listed["items"]
        .as_array()
        .unwrap()
        .iter()
        .find(|h| h["id"] == id.as_str())
        .unwrap()
        .clone();
    assert_eq!(item["reminder_times"], json!(["07:30", "21:00"]));

    let form = ada
        .get(&format!("/habits/{id}/edit"), habitflow_testkit::BROWSER)
        .await
        .1;
    assert!(
        form.contains("value=\"07:30, 21:00\""),
        "the edit form shows them"
    );
    let token = ada.csrf_token().await;
    let (response, _) = ada
        .post_form(
            &format!("/habits/{id}"),
            &[
                ("csrf_token", &token),
                ("name", "Read more"),
                ("schedule_type", "daily"),
                ("reminder_times", "06:15 22:00"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let edited = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(edited["reminder_times"], json!(["06:15", "22:00"]));
    let (response, page) = ada
        .post_form(
            &format!("/habits/{id}"),
            &[
                ("csrf_token", &token),
                ("name", "Read more"),
                ("schedule_type", "daily"),
                ("reminder_times", "6pm"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422, "{page}");
    assert!(
        page.contains("Use HH:MM"),
        "the form again, naming the field"
    );
}
