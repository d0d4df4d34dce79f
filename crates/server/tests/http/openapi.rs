//! The OpenAPI document (docs/product.md#openapi) as served, its reference
//! page, and real answers of the API checked against the document's schemas.
use habitflow_testkit::{API, BROWSER, TestApp, get, id_of, send};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    the_document_and_its_page_are_served,
    real_answers_match_the_documented_schemas,
    a_malformed_theme_id_in_a_list_query_is_422_naming_it,
    a_json_body_that_is_not_an_object_is_refused,
    a_yes_no_habit_refuses_a_target_that_is_not_a_number,
);

async fn the_document_and_its_page_are_served(app: &TestApp) {
    let (response, body) = send(&app.router(), get("/api/openapi.json", API)).await;
    assert_eq!(response.status(), 200);
    let document: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(document["openapi"], "3.1.0");
    assert!(document["paths"]["/habits/{id}/checkins"]["post"].is_object());

    let (response, page) = send(&app.router(), get("/api/docs", BROWSER)).await;
    assert_eq!(response.status(), 200);
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    assert!(csp.contains("script-src 'self'"), "{csp}");
    assert!(
        page.contains("POST /habits/{id}/checkins"),
        "every operation is listed"
    );
    assert!(
        page.contains("id=\"schema-ErrorResponse\""),
        "and every schema"
    );
    assert!(!page.contains("<script>"), "no inline script");
}

/// A validator of `schema` (a response's schema from the document), its
/// references resolved in the document's components. Every object schema with
/// properties is closed (`additionalProperties: false`) so that a field the
/// document does not mention is a failure too, and formats (dates, UUIDs) are
/// checked.
fn validator(document: &Value, schema: &Value) -> jsonschema::Validator {
    let mut components = document["components"].clone();
    close_objects(&mut components);
    let mut schema = schema.clone();
    close_objects(&mut schema);
    let root = json!({"components": components, "allOf": [schema]});
    jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .should_validate_formats(true)
        .build(&root)
        .unwrap()
}

fn close_objects(schema: &mut Value) {
    match schema {
        Value::Object(object) => {
            if object.contains_key("properties") && !object.contains_key("additionalProperties") {
                object.insert("additionalProperties".to_owned(), Value::Bool(false));
            }
            object.values_mut().for_each(close_objects);
        }
        Value::Array(items) => items.iter_mut().for_each(close_objects),
        _ => {}
    }
}

async fn real_answers_match_the_documented_schemas(app: &TestApp) {
    let (_, body) = send(&app.router(), get("/api/openapi.json", API)).await;
    let document: Value = serde_json::from_str(&body).unwrap();
    let mut ada = app.signed_in("ada@example.com").await;
    let theme = ada.create_theme(json!({"name": "Health"})).await;
    let task = ada
        .create_task(json!({"name": "Book", "due_on": "2026-03-20", "theme_id": id_of(&theme)}))
        .await;
    let habit = ada
        .create_habit(json!({"name": "Run", "schedule_type": "daily", "schedule_config": {}, "kind": "measurable", "unit": "km", "target": 5, "target_type": "at_least"}))
        .await;
    let habit_id = id_of(&habit);
    let outcome = ada
        .post_json(
            &format!("/habits/{habit_id}/checkins"),
            json!({"kind": "done", "value": 6.5}),
        )
        .await;
    let (_, token) = ada
        .call(
            "POST",
            "/settings/tokens",
            json!({"name": "cli", "scope": "read", "expires_in_days": 30}),
        )
        .await;
    let (_, missing) = ada
        .call(
            "GET",
            "/habits/00000000-0000-0000-0000-000000000000",
            json!({}),
        )
        .await;
    let (_, invalid) = ada.call("POST", "/themes", json!({"name": ""})).await;
    let answers = [
        ("post", "/themes", "201", theme),
        ("post", "/tasks", "201", task),
        ("post", "/habits", "201", habit),
        ("post", "/habits/{id}/checkins", "200", outcome),
        ("post", "/settings/tokens", "201", token),
        ("get", "/habits/{id}", "default", missing),
        ("post", "/themes", "default", invalid),
        ("get", "/habits", "200", ada.get_json("/habits").await),
        ("get", "/tasks", "200", ada.get_json("/tasks").await),
        ("get", "/themes", "200", ada.get_json("/themes").await),
        ("get", "/settings", "200", ada.get_json("/settings").await),
        (
            "get",
            "/settings/tokens",
            "200",
            ada.get_json("/settings/tokens").await,
        ),
        (
            "get",
            "/settings/sessions",
            "200",
            ada.get_json("/settings/sessions").await,
        ),
        (
            "get",
            "/habits/{id}/checkins",
            "200",
            ada.get_json(&format!("/habits/{habit_id}/checkins")).await,
        ),
        ("get", "/stats", "200", ada.get_json("/stats").await),
        (
            "get",
            "/healthz/ready",
            "200",
            ada.get_json("/healthz/ready").await,
        ),
    ];
    let mut problems = Vec::new();
    for (method, path, status, answer) in &answers {
        let schema = &document["paths"][path][method]["responses"][status]["content"]["application/json"]
            ["schema"];
        assert!(schema.is_object(), "{method} {path} {status} has a schema");
        problems.extend(
            validator(&document, schema)
                .iter_errors(answer)
                .map(|error| {
                    format!(
                        "{method} {path} {status}: {error} at {}",
                        error.instance_path()
                    )
                }),
        );
    }
    assert!(
        problems.is_empty(),
        "answers that break the document:\n{}",
        problems.join("\n")
    );
    // The check has teeth: a wrong type, an undocumented field and a date that
    // is not one are each caught.
    let created = &document["paths"]["/habits"]["post"]["responses"]["201"]["content"]["application/json"]
        ["schema"];
    let habit = &answers[2].3;
    for (field, value) in [
        ("current_streak", json!("3")),
        ("favourite_colour", json!("blue")),
        ("starts_on", json!("March the 1st")),
    ] {
        let mut tampered = habit.clone();
        tampered[field] = value;
        assert!(
            !validator(&document, created).is_valid(&tampered),
            "{field} tampered passes"
        );
    }
}

/// Found by the schema-driven fuzzer: the message was not a catalog key, and
/// the list answered 500.
async fn a_malformed_theme_id_in_a_list_query_is_422_naming_it(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    for list in ["/habits", "/tasks"] {
        let (status, refused) = ada.fetch(&format!("{list}?theme_id=not-an-id")).await;
        assert_eq!(status, 422, "{list}: {refused}");
        assert_eq!(
            refused["error"]["fields"]["theme_id"],
            "must be an id (a UUID)"
        );
    }
}

/// Found by the fuzzer: serde reads a struct from an array of its fields, so
/// `[null, null]` updated a theme with nothing and answered 200.
async fn a_json_body_that_is_not_an_object_is_refused(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let theme = id_of(&ada.create_theme(json!({"name": "Health"})).await);
    for body in [json!([null, null]), json!(["Sport", "#112233"]), json!(7)] {
        let (status, refused) = ada
            .call("PATCH", &format!("/themes/{theme}"), body.clone())
            .await;
        assert_eq!(status, 400, "{body}: {refused}");
        assert_eq!(refused["error"]["code"], "bad_request");
    }
    assert_eq!(
        ada.get_json(&format!("/themes/{theme}")).await["name"],
        "Health"
    );
}

/// Found by the fuzzer: a yes/no habit took any `target` and dropped it.
async fn a_yes_no_habit_refuses_a_target_that_is_not_a_number(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let habit = id_of(
        &ada.create_habit(json!({"name": "Read", "schedule_type": "daily", "schedule_config": {}}))
            .await,
    );
    let (status, refused) = ada
        .call("PATCH", &format!("/habits/{habit}"), json!({"target": {}}))
        .await;
    assert_eq!(status, 422, "{refused}");
    assert!(
        refused["error"]["fields"]["target"].is_string(),
        "{refused}"
    );
}
