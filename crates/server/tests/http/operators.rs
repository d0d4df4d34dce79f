//! Operator commands over the running app (README, operator commands): the
//! one-time password-reset link end to end, and disabled or deleted
//! accounts, on SQLite, PostgreSQL and with sessions in Redis.
use habitflow::app::operators;
use habitflow_testkit::{API, BROWSER, Browser, PASSWORD, TestApp, location};
use jiff::SignedDuration;
use serde_json::json;

const START: &str = "2026-03-10T12:00:00Z";
const NEW_PASSWORD: &str = "a-fresh-passphrase-42";

habitflow_testkit::on_each_backend!(
    sqlite => TestApp::builder().clock(START).spawn(),
    postgres if with_postgres => TestApp::builder().postgres().clock(START).spawn(),
    redis_sessions if with_redis => TestApp::builder().redis().clock(START).spawn();
    a_reset_link_sets_a_new_password_once_and_signs_everyone_out,
    a_reset_link_expires_after_an_hour,
    a_disabled_account_cannot_sign_in_and_its_sessions_stop,
    a_deleted_account_is_gone_with_everything_it_owned,
);

/// The path of the link `habitflow user reset-password` prints.
async fn reset_path(app: &TestApp, email: &str) -> String {
    let link = operators::issue_password_reset(&app.state.services, email, "https://habits.test")
        .await
        .expect("a link");
    let path = link
        .strip_prefix("https://habits.test")
        .expect("the public URL")
        .to_owned();
    assert!(path.starts_with("/auth/reset-password/"), "{link}");
    path
}

/// Whether the client's session still signs it in.
async fn signed_in(client: &mut Browser) -> bool {
    let (status, _) = client.fetch("/settings").await;
    assert!(status == 200 || status == 401, "{status}");
    status == 200
}

async fn a_reset_link_sets_a_new_password_once_and_signs_everyone_out(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let mut ada_elsewhere = app.browser();
    ada_elsewhere.log_in("ada@example.com", PASSWORD).await;
    let path = reset_path(app, "ada@example.com").await;

    let mut visitor = app.browser();
    let (response, page) = visitor.get(&path, BROWSER).await;
    assert_eq!(response.status(), 200, "{page}");
    assert!(page.contains(&format!(r#"action="{path}""#)), "{page}");
    let token = visitor.csrf_token().await;
    let (response, page) = visitor
        .post_form(&path, &[("csrf_token", &token), ("new_password", "short")])
        .await;
    assert_eq!(response.status(), 422, "a refused password: {page}");
    assert!(page.contains("new_password"), "{page}");
    assert!(signed_in(&mut ada).await, "nothing changed yet");

    let (response, _) = visitor
        .post_form(
            &path,
            &[("csrf_token", &token), ("new_password", NEW_PASSWORD)],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/auth/login");
    assert!(!signed_in(&mut ada).await, "every session ended");
    assert!(!signed_in(&mut ada_elsewhere).await, "every session ended");

    let (response, body) = app
        .browser()
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "ada@example.com", "password": PASSWORD}),
            None,
        )
        .await;
    assert_eq!(response.status(), 401, "the old password is gone: {body}");
    app.browser().log_in("ada@example.com", NEW_PASSWORD).await;

    let (response, _) = visitor.get(&path, BROWSER).await;
    assert_eq!(response.status(), 404, "the link is used up");
    let mut api = app.browser();
    let (status, body) = api
        .call(
            "POST",
            &path,
            json!({"new_password": "yet-another-passphrase-7"}),
        )
        .await;
    assert_eq!(status, 404, "{body}");
    assert_eq!(body["error"]["code"], "not_found");
    let (response, _) = api.get("/auth/reset-password/not-a-token", API).await;
    assert_eq!(response.status(), 404);
}

async fn a_reset_link_expires_after_an_hour(app: &TestApp) {
    app.signed_in("ada@example.com").await;
    let first = reset_path(app, "ada@example.com").await;
    let path = reset_path(app, "ada@example.com").await;
    let mut visitor = app.browser();
    let (response, _) = visitor.get(&first, BROWSER).await;
    assert_eq!(
        response.status(),
        404,
        "a new link replaces the earlier one"
    );
    app.clock().advance(SignedDuration::from_mins(59));
    let (response, _) = visitor.get(&path, BROWSER).await;
    assert_eq!(response.status(), 200);
    app.clock().advance(SignedDuration::from_mins(2));
    let (status, body) = visitor
        .call("POST", &path, json!({"new_password": NEW_PASSWORD}))
        .await;
    assert_eq!(status, 404, "expired: {body}");
    app.browser().log_in("ada@example.com", PASSWORD).await;
}

async fn a_disabled_account_cannot_sign_in_and_its_sessions_stop(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let mut bob = app.signed_in("bob@example.com").await;
    let user = operators::set_active(&app.state.services, "ada@example.com", false)
        .await
        .unwrap();
    assert!(!user.is_active);
    assert!(!signed_in(&mut ada).await, "the session stopped working");
    assert!(signed_in(&mut bob).await, "other accounts are untouched");
    let (response, body) = app
        .browser()
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "ada@example.com", "password": PASSWORD}),
            None,
        )
        .await;
    assert_eq!(response.status(), 403, "{body}");
    operators::set_active(&app.state.services, "ada@example.com", true)
        .await
        .unwrap();
    app.browser().log_in("ada@example.com", PASSWORD).await;
}

async fn a_deleted_account_is_gone_with_everything_it_owned(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let mut bob = app.signed_in("bob@example.com").await;
    let theme = ada.create_theme(json!({"name": "Health"})).await;
    ada.create_task(json!({"name": "Walk", "theme_id": theme["id"]}))
        .await;
    ada.create_habit(json!({"name": "Read", "schedule_type": "daily", "schedule_config": {}}))
        .await;
    bob.create_task(json!({"name": "Bob's"})).await;
    let removed = operators::delete_user(&app.state.services, "ada@example.com")
        .await
        .unwrap();
    assert!(!signed_in(&mut ada).await);
    let store = &app.state.services.store;
    assert!(
        store
            .users()
            .by_email("ada@example.com")
            .await
            .unwrap()
            .is_none()
    );
    assert!(
        store
            .themes()
            .list_with_counts(removed.id)
            .await
            .unwrap()
            .is_empty()
    );
    assert!(store.habits().list(removed.id).await.unwrap().is_empty());
    assert_eq!(bob.get_json("/tasks").await["total"], 1, "bob keeps his");
    let missing = operators::delete_user(&app.state.services, "ada@example.com").await;
    assert!(missing.is_err());
    app.signed_in("ada@example.com").await;
}
