//! Accounts and sessions through the real routes, on the embedded session
//! store and (with Redis) on Redis.
use habitflow_testkit::{API, BROWSER, TestApp, json, location};
use serde_json::json;

habitflow_testkit::on_each_backend!(
    embedded_sessions => TestApp::spawn(),
    redis_sessions if with_redis => TestApp::builder().redis().spawn();

    registering_signs_in_and_keeps_input_on_errors,
    json_registration_and_login_answer_the_user,
    the_session_id_changes_at_every_login,
    after_logout_the_old_cookie_is_anonymous,
    a_password_change_ends_every_other_session,
    a_password_change_rotates_the_current_session,
    a_revoked_session_is_gone,
    log_out_everywhere_ends_all_sessions,
    wrong_password_and_unknown_email_fail_alike,
    inactive_accounts_cannot_sign_in,
    profile_settings_are_validated_and_saved,
);

async fn registering_signs_in_and_keeps_input_on_errors(app: &TestApp) {
    let mut browser = app.browser();
    let token = browser.csrf_token().await;
    let (response, body) = browser
        .post_form(
            "/auth/register",
            &[
                ("csrf_token", &token),
                ("email", "Ada@Example.com"),
                ("password", "password"),
                ("display_name", "Ada"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(body.contains("too common"), "{body}");
    assert!(
        body.contains(r#"value="Ada@Example.com""#),
        "the email is kept"
    );
    assert!(
        !body.contains(r#"value="password""#),
        "the password is not echoed"
    );
    assert!(browser.session_cookie().is_none());

    let (response, _) = browser
        .post_form(
            "/auth/register",
            &[
                ("csrf_token", &token),
                ("email", "Ada@Example.com"),
                ("password", "a sturdy passphrase 42"),
                ("next", "/settings"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    assert_eq!(location(&response), "/settings");
    let settings = browser.get_json("/settings").await;
    assert_eq!(settings["email"], "ada@example.com");

    let mut other = app.browser();
    let token = other.csrf_token().await;
    let (response, body) = other
        .post_form(
            "/auth/register",
            &[
                ("csrf_token", &token),
                ("email", "ada@example.com"),
                ("password", "another sturdy one 7"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(body.contains("already exists"), "{body}");
}

async fn json_registration_and_login_answer_the_user(app: &TestApp) {
    let mut client = app.browser();
    let (response, body) = client
        .send_json("POST", "/auth/register", json!({"email": "bob@example.com", "password": "a sturdy passphrase 42", "time_zone": "Asia/Tokyo"}), None)
        .await;
    assert_eq!(response.status(), 201, "{body}");
    let user = json(&body);
    for key in [
        "id",
        "email",
        "display_name",
        "time_zone",
        "day_start_hour",
        "language",
        "created_at",
    ] {
        assert!(user.get(key).is_some(), "{key} in {user}");
    }
    assert_eq!(user["time_zone"], "Asia/Tokyo");
    let mut fresh = app.browser();
    let (response, body) = fresh
        .send_json(
            "POST",
            "/auth/register",
            json!({"email": "x@example.com", "password": "short"}),
            None,
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(json(&body)["error"]["fields"]["password"].is_string());
    let (response, body) = fresh
        .send_json(
            "POST",
            "/auth/register",
            json!({"email": "y@example.com", "password": "a sturdy passphrase 42", "admin": true}),
            None,
        )
        .await;
    assert_eq!(response.status(), 422, "unknown fields are refused: {body}");
    assert!(json(&body)["error"]["fields"]["admin"].is_string());

    let mut api = app.browser();
    let (response, body) = api
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "BOB@example.com", "password": "a sturdy passphrase 42"}),
            None,
        )
        .await;
    assert_eq!(response.status(), 200, "{body}");
    assert_eq!(json(&body)["email"], "bob@example.com");
    let (response, _) = api.get("/settings", API).await;
    assert_eq!(response.status(), 200);
}

async fn the_session_id_changes_at_every_login(app: &TestApp) {
    let mut browser = app.browser();
    let password = browser.register("ada@example.com").await;
    let at_registration = browser.session_cookie().unwrap();
    let first = browser.log_in("ada@example.com", &password).await;
    let second = browser.log_in("ada@example.com", &password).await;
    assert_ne!(at_registration, first);
    assert_ne!(first, second);
}

async fn is_anonymous(app: &TestApp, cookie: &str) -> bool {
    let mut stranger = app.browser();
    stranger
        .cookies
        .insert("habitflow_session".into(), cookie.into());
    let (api, _) = stranger.get("/settings", API).await;
    let (page, _) = stranger.get("/settings", BROWSER).await;
    match (api.status().as_u16(), page.status().as_u16()) {
        (401, 303) => {
            assert_eq!(location(&page), "/auth/login?next=%2Fsettings");
            true
        }
        (200, 200) => false,
        other => panic!("unexpected answers {other:?}"),
    }
}

async fn after_logout_the_old_cookie_is_anonymous(app: &TestApp) {
    let mut browser = app.browser();
    browser.register("ada@example.com").await;
    let cookie = browser.session_cookie().unwrap();
    assert!(!is_anonymous(app, &cookie).await);
    let token = browser.csrf_token().await;
    let (response, _) = browser
        .post_form("/auth/logout", &[("csrf_token", &token)])
        .await;
    assert_eq!(response.status(), 303);
    assert!(browser.session_cookie().is_none(), "the cookie is cleared");
    assert!(is_anonymous(app, &cookie).await);
}

async fn a_password_change_ends_every_other_session(app: &TestApp) {
    let mut laptop = app.browser();
    let password = laptop.register("ada@example.com").await;
    let mut phone = app.browser();
    let phone_cookie = phone.log_in("ada@example.com", &password).await;
    let token = laptop.csrf_token().await;
    let (response, body) = laptop
        .post_form(
            "/settings/password",
            &[
                ("csrf_token", &token),
                ("current_password", &password),
                ("new_password", "an even sturdier phrase 43"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "{body}");
    assert!(
        is_anonymous(app, &phone_cookie).await,
        "the other session is gone"
    );
    assert!(
        !is_anonymous(app, &laptop.session_cookie().unwrap()).await,
        "this one stays"
    );
    let mut again = app.browser();
    again
        .log_in("ada@example.com", "an even sturdier phrase 43")
        .await;

    let (response, body) = laptop
        .send_json(
            "POST",
            "/settings/password",
            json!({"current_password": "wrong one", "new_password": "whatever works 99"}),
            Some(&token),
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(json(&body)["error"]["fields"]["current_password"].is_string());
}

/// After a password change the browser holds a new session token and the
/// old one signs nobody in (docs/security.md, sign-in sessions).
async fn a_password_change_rotates_the_current_session(app: &TestApp) {
    let mut laptop = app.browser();
    let password = laptop.register("ada@example.com").await;
    let before = laptop.session_cookie().unwrap();
    let token = laptop.csrf_token().await;
    let (response, body) = laptop
        .post_form(
            "/settings/password",
            &[
                ("csrf_token", &token),
                ("current_password", &password),
                ("new_password", "an even sturdier phrase 43"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303, "{body}");
    let after = laptop.session_cookie().unwrap();
    assert_ne!(before, after, "a new session cookie");
    assert!(is_anonymous(app, &before).await, "the old token is dead");
    assert!(!is_anonymous(app, &after).await, "the new one signs in");
    let token = laptop.csrf_token().await;
    let (response, body) = laptop
        .send_json(
            "POST",
            "/settings/password",
            json!({"current_password": "an even sturdier phrase 43", "new_password": "a third sturdy phrase 44"}),
            Some(&token),
        )
        .await;
    assert_eq!(response.status(), 200, "{body}");
    let third = laptop.session_cookie().unwrap();
    assert_ne!(after, third, "JSON clients get a new cookie too");
    assert!(is_anonymous(app, &after).await);
    assert!(!is_anonymous(app, &third).await);
}

async fn a_revoked_session_is_gone(app: &TestApp) {
    let mut laptop = app.browser();
    let password = laptop.register("ada@example.com").await;
    let mut phone = app.browser();
    let phone_cookie = phone.log_in("ada@example.com", &password).await;
    let sessions = laptop.get_json("/settings/sessions").await["items"]
        .as_array()
        .unwrap()
        .clone();
    assert_eq!(sessions.len(), 2);
    let other = sessions.iter().find(|s| s["current"] == false).unwrap();
    let (_, page) = laptop.get("/settings/sessions", BROWSER).await;
    assert!(page.contains("this device"));
    let token = laptop.csrf_token().await;
    let path = format!(
        "/settings/sessions/{}/revoke",
        other["id"].as_str().unwrap()
    );
    let (response, _) = laptop.post_form(&path, &[("csrf_token", &token)]).await;
    assert_eq!(response.status(), 303);
    assert!(is_anonymous(app, &phone_cookie).await);
    let sessions = laptop.get_json("/settings/sessions").await;
    assert_eq!(sessions["items"].as_array().unwrap().len(), 1);

    let mut stranger = app.browser();
    stranger.register("eve@example.com").await;
    let mine = laptop.get_json("/settings/sessions").await["items"][0]["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let token = stranger.csrf_token().await;
    let (response, _) = stranger
        .send_json(
            "POST",
            &format!("/settings/sessions/{mine}/revoke"),
            json!({}),
            Some(&token),
        )
        .await;
    assert_eq!(
        response.status(),
        404,
        "another user's session is not found"
    );
    assert!(!is_anonymous(app, &laptop.session_cookie().unwrap()).await);
}

async fn log_out_everywhere_ends_all_sessions(app: &TestApp) {
    let mut laptop = app.browser();
    let password = laptop.register("ada@example.com").await;
    let mut phone = app.browser();
    let phone_cookie = phone.log_in("ada@example.com", &password).await;
    let laptop_cookie = laptop.session_cookie().unwrap();
    let token = laptop.csrf_token().await;
    let (response, _) = laptop
        .send_json("POST", "/auth/logout-all", json!({}), Some(&token))
        .await;
    assert_eq!(response.status(), 200);
    assert!(is_anonymous(app, &phone_cookie).await);
    assert!(is_anonymous(app, &laptop_cookie).await);
}

async fn wrong_password_and_unknown_email_fail_alike(app: &TestApp) {
    let mut browser = app.browser();
    browser.register("ada@example.com").await;
    let mut api = app.browser();
    let (wrong, wrong_body) = api
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "ada@example.com", "password": "not the password"}),
            None,
        )
        .await;
    let (unknown, unknown_body) = api
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "nobody@example.com", "password": "not the password"}),
            None,
        )
        .await;
    assert_eq!(wrong.status(), 401);
    assert_eq!(unknown.status(), 401);
    assert_eq!(wrong_body, unknown_body);
    assert_eq!(json(&wrong_body)["error"]["code"], "invalid_credentials");

    let mut form = app.browser();
    let token = form.csrf_token().await;
    let (response, body) = form
        .post_form(
            "/auth/login",
            &[
                ("csrf_token", &token),
                ("email", "ada@example.com"),
                ("password", "not the password"),
            ],
        )
        .await;
    assert_eq!(response.status(), 401);
    assert!(
        body.contains("incorrect") && body.contains(r#"value="ada@example.com""#),
        "{body}"
    );
    assert!(!body.contains("not the password"));
}

async fn inactive_accounts_cannot_sign_in(app: &TestApp) {
    let mut browser = app.browser();
    let password = browser.register("ada@example.com").await;
    let cookie = browser.session_cookie().unwrap();
    let user = app.stored_user("ada@example.com").await;
    app.state
        .services
        .store
        .users()
        .set_active(user.id, false, jiff::Timestamp::now())
        .await
        .unwrap();
    assert!(
        is_anonymous(app, &cookie).await,
        "a deactivated user's session is dropped"
    );
    let mut api = app.browser();
    let (response, _) = api
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "ada@example.com", "password": password}),
            None,
        )
        .await;
    assert_eq!(response.status(), 403);
}

async fn profile_settings_are_validated_and_saved(app: &TestApp) {
    let mut browser = app.browser();
    browser.register("ada@example.com").await;
    let token = browser.csrf_token().await;
    let (response, body) = browser
        .post_form(
            "/settings",
            &[
                ("csrf_token", &token),
                ("display_name", "Ada"),
                ("time_zone", "Mars/Olympus"),
                ("day_start_hour", "9"),
                ("language", "en"),
            ],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(
        body.contains("Choose a time zone") && body.contains("from 0 to 5"),
        "{body}"
    );
    let (response, _) = browser
        .post_form(
            "/settings",
            &[
                ("csrf_token", &token),
                ("display_name", "Ada"),
                ("time_zone", "Pacific/Kiritimati"),
                ("day_start_hour", "3"),
                ("language", "ru"),
            ],
        )
        .await;
    assert_eq!(response.status(), 303);
    let (_, page) = browser.get("/settings", BROWSER).await;
    assert!(
        page.contains("Настройки сохранены"),
        "a flash confirms the change, in the language just chosen"
    );
    let user = browser.get_json("/settings").await;
    assert_eq!(
        (
            user["display_name"].as_str(),
            user["time_zone"].as_str(),
            user["day_start_hour"].as_u64()
        ),
        (Some("Ada"), Some("Pacific/Kiritimati"), Some(3))
    );
    let (response, body) = browser
        .send_json("POST", "/settings", json!({"display_name": "A", "time_zone": "UTC", "day_start_hour": "3", "language": "en"}), Some(&token))
        .await;
    assert_eq!(response.status(), 422, "a string is not an hour: {body}");
    assert!(json(&body)["error"]["fields"]["day_start_hour"].is_string());
}
