//! Deleting one's own account (docs/data.md#deleting-your-account): after
//! re-authentication, every row it owned goes and every session ends, in
//! the database's and in Redis's session store; other accounts are untouched.
use habitflow_domain::model::{NewUser, Profile};
use habitflow_testkit::{BROWSER, Browser, PASSWORD, TestApp, id_of, location};
use serde_json::json;
use sqlx::{Connection, Row};
use std::collections::BTreeMap;
use uuid::Uuid;

habitflow_testkit::on_each_backend!(
    sqlite => TestApp::spawn(),
    postgres if with_postgres => TestApp::builder().postgres().spawn(),
    redis if with_redis => TestApp::builder().redis().spawn();
    deleting_an_account_removes_every_row_it_owned_and_ends_its_sessions,
    the_delete_page_explains_and_works_without_javascript,
    an_account_without_a_password_confirms_with_its_email,
);

/// Tables that hold no user's rows: quotes, job slots, migrations.
const SHARED_TABLES: [&str; 4] = ["_sqlx_migrations", "job_runs", "quote_batches", "quotes"];

/// For every table of the database, how many rows belong to `user` (by
/// its `owner_id` or `user_id`, or, for `users`, its `id`).
async fn rows_of(app: &TestApp, user: Uuid) -> BTreeMap<String, i64> {
    let url = app.database.url().to_owned();
    let mut counts = BTreeMap::new();
    if url.starts_with("sqlite") {
        let mut db = sqlx::SqliteConnection::connect(&url).await.unwrap();
        let tables: Vec<String> = sqlx::query_scalar(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
        )
        .fetch_all(&mut db)
        .await
        .unwrap();
        for table in tables {
            let columns: Vec<String> = sqlx::query_scalar("SELECT name FROM pragma_table_info($1)")
                .bind(&table)
                .fetch_all(&mut db)
                .await
                .unwrap();
            let Some(column) = owner_column(&table, &columns) else {
                continue;
            };
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
            let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .fetch_one(&mut db)
                .await
                .unwrap();
            counts.insert(table, count);
        }
    } else {
        let mut db = sqlx::PgConnection::connect(&url).await.unwrap();
        let rows = sqlx::query(
            "SELECT table_name::text AS t, array_agg(column_name::text) AS c FROM information_schema.columns
             WHERE table_schema = current_schema() GROUP BY table_name",
        )
        .fetch_all(&mut db)
        .await
        .unwrap();
        for row in rows {
            let table: String = row.get("t");
            let columns: Vec<String> = row.get("c");
            let Some(column) = owner_column(&table, &columns) else {
                continue;
            };
            let sql = format!("SELECT COUNT(*) FROM {table} WHERE {column} = $1");
            let count: i64 = sqlx::query_scalar(sqlx::AssertSqlSafe(sql))
                .bind(user)
                .fetch_one(&mut db)
                .await
                .unwrap();
            counts.insert(table, count);
        }
    }
    counts
}

fn owner_column(table: &str, columns: &[String]) -> Option<&'static str> {
    let has = |name: &str| columns.iter().any(|c| c == name);
    if table == "users" {
        Some("id")
    } else if has("owner_id") {
        Some("owner_id")
    } else if has("user_id") {
        Some("user_id")
    } else {
        assert!(
            SHARED_TABLES.contains(&table),
            "table {table} has no owner column: does account deletion cover it?"
        );
        None
    }
}

async fn user_id(app: &TestApp, email: &str) -> Uuid {
    app.stored_user(email).await.id
}

/// A user with a row in every table an account owns.
async fn with_everything(app: &TestApp, email: &str) -> Browser {
    let mut client = app.signed_in(email).await;
    let theme = client.create_theme(json!({"name": "Health"})).await;
    client
        .create_task(json!({"name": "Call", "theme_id": id_of(&theme)}))
        .await;
    let habit = client
        .create_habit(json!({"name": "Read", "reminder_times": ["07:30"]}))
        .await;
    client
        .post_json(
            "/settings/reminders",
            json!({"ntfy_url": "https://ntfy.example/topic", "email": false}),
        )
        .await;
    client
        .post_json(
            "/settings/reminders/push",
            json!({"endpoint": format!("https://push.example/{email}"), "keys": {"p256dh": "key", "auth": "auth"}}),
        )
        .await;
    client
        .post_json(
            &format!("/habits/{}/checkins", id_of(&habit)),
            json!({"kind": "done"}),
        )
        .await;
    client
        .post_json(
            &format!("/habits/{}/pauses", id_of(&habit)),
            json!({"from": "2030-01-01", "to": "2030-01-02"}),
        )
        .await;
    client
        .post_json(
            "/settings/tokens",
            json!({"name": "script", "scope": "read"}),
        )
        .await;
    client.post_json("/settings/calendar", json!({})).await;
    client
        .post_json(
            "/settings/vacations",
            json!({"from": "2030-02-01", "to": "2030-02-02"}),
        )
        .await;
    let id = user_id(app, email).await;
    let services = &app.state.services;
    services
        .store
        .identities()
        .link(
            id,
            "https://id.example.com",
            email,
            Some(email),
            services.clock.now(),
        )
        .await
        .unwrap();
    habitflow::app::operators::issue_password_reset(services, email, "http://localhost")
        .await
        .unwrap();
    // A reminder claimed with its delivery, as the scheduler writes it.
    let reminders = services.store.reminders();
    let habit_id: Uuid = id_of(&habit).parse().unwrap();
    let times = reminders
        .times_of(id, &[habit_id])
        .await
        .unwrap()
        .remove(0)
        .1;
    let slot = habitflow_domain::reminder::next_slot_after(
        &times,
        &jiff::tz::TimeZone::UTC,
        services.clock.now(),
    )
    .unwrap();
    let due = habitflow_domain::model::DueReminder {
        habit_id,
        owner_id: id,
        times,
        slot,
    };
    let message = habitflow_domain::model::ReminderMessage {
        title: "Read".into(),
        body: "Read".into(),
        link: "http://localhost/".into(),
    };
    let delivery = habitflow_domain::model::NewDelivery {
        channel: habitflow_domain::model::Channel::Ntfy,
        subscription_id: None,
        target: "https://ntfy.example/topic".into(),
    };
    assert!(
        reminders
            .claim(&due, None, &message, &[delivery], services.clock.now())
            .await
            .unwrap()
    );
    client
}

async fn deleting_an_account_removes_every_row_it_owned_and_ends_its_sessions(app: &TestApp) {
    let mut ada = with_everything(app, "ada@example.com").await;
    let mut ada_elsewhere = app.browser();
    ada_elsewhere.log_in("ada@example.com", PASSWORD).await;
    let mut bob = with_everything(app, "bob@example.com").await;
    let (ada_id, bob_id) = (
        user_id(app, "ada@example.com").await,
        user_id(app, "bob@example.com").await,
    );
    let before = rows_of(app, ada_id).await;
    for (table, count) in &before {
        // With Redis, sessions live there rather than in `auth_sessions`.
        assert!(
            *count > 0 || table == "auth_sessions",
            "{table} has none of ada's rows: {before:?}"
        );
    }
    let bob_before = rows_of(app, bob_id).await;

    let (status, answer) = ada
        .call(
            "POST",
            "/settings/delete",
            json!({"password": "not the password"}),
        )
        .await;
    assert_eq!(status, 422, "{answer}");
    assert!(
        answer["error"]["fields"]["password"].is_string(),
        "{answer}"
    );
    assert_eq!(
        rows_of(app, ada_id).await,
        before,
        "a wrong password deletes nothing"
    );

    let (status, answer) = ada
        .call("POST", "/settings/delete", json!({"password": PASSWORD}))
        .await;
    assert_eq!(status, 204, "{answer}");
    let after = rows_of(app, ada_id).await;
    assert!(after.values().all(|count| *count == 0), "{after:?}");
    for client in [&mut ada, &mut ada_elsewhere] {
        let (status, _) = client.fetch("/habits").await;
        assert_eq!(status, 401, "every session ended");
    }
    assert_eq!(
        rows_of(app, bob_id).await,
        bob_before,
        "another user's data is untouched"
    );
    assert_eq!(bob.get_json("/habits").await["total"], 1);
    let (response, _) = app
        .browser()
        .send_json(
            "POST",
            "/auth/login",
            json!({"email": "ada@example.com", "password": PASSWORD}),
            None,
        )
        .await;
    assert_eq!(response.status(), 401, "the account is gone");
}

async fn the_delete_page_explains_and_works_without_javascript(app: &TestApp) {
    let mut ada = with_everything(app, "ada@example.com").await;
    let (response, page) = ada.get("/settings/delete", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("check-ins, pauses and vacations"), "{page}");
    assert!(page.contains("name=\"password\""));
    let token = ada.csrf_token().await;
    let (response, page) = ada
        .post_form(
            "/settings/delete",
            &[("csrf_token", &token), ("password", "wrong password")],
        )
        .await;
    assert_eq!(response.status(), 422);
    assert!(page.contains("field-error"), "{page}");
    let (response, _) = ada
        .post_form(
            "/settings/delete",
            &[("csrf_token", &token), ("password", PASSWORD)],
        )
        .await;
    assert_eq!(
        (response.status().as_u16(), location(&response)),
        (303, "/")
    );
    assert!(
        ada.session_cookie().is_none(),
        "the sign-in cookie is cleared"
    );
    assert!(
        app.state
            .services
            .store
            .users()
            .by_email("ada@example.com")
            .await
            .unwrap()
            .is_none()
    );
}

async fn an_account_without_a_password_confirms_with_its_email(app: &TestApp) {
    let services = &app.state.services;
    let user = services
        .store
        .users()
        .create(
            &NewUser {
                email: "oidc@example.com".parse().unwrap(),
                display_name: String::new(),
                password_hash: None,
                profile: Profile::default(),
            },
            services.clock.now(),
        )
        .await
        .unwrap();
    let token = habitflow::app::sessions::start(services, user.id, "198.51.100.1", "test")
        .await
        .unwrap();
    let mut client = app.browser();
    client.cookies.insert("habitflow_session".into(), token);
    let (response, page) = client.get("/settings/delete", BROWSER).await;
    assert_eq!(response.status(), 200);
    assert!(page.contains("name=\"email\""), "{page}");
    let (status, answer) = client
        .call(
            "POST",
            "/settings/delete",
            json!({"email": "other@example.com"}),
        )
        .await;
    assert_eq!(status, 422);
    assert!(answer["error"]["fields"]["email"].is_string(), "{answer}");
    let (status, answer) = client
        .call(
            "POST",
            "/settings/delete",
            json!({"email": " OIDC@example.com "}),
        )
        .await;
    assert_eq!(status, 204, "{answer}");
    assert!(
        services
            .store
            .users()
            .by_id(user.id)
            .await
            .unwrap()
            .is_none()
    );
}
