use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode};
use axum::routing::get as get_route;
use habitflow_testkit::{API, BROWSER, TestApp, get, json, send};

#[tokio::test]
async fn unknown_paths_answer_404_in_the_wanted_format() {
    let app = TestApp::spawn().await;
    let (response, body) = send(&app.router(), get("/no/such/page", BROWSER)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert!(
        response.headers()["content-type"]
            .to_str()
            .unwrap()
            .starts_with("text/html")
    );
    assert!(
        body.contains("<!doctype html>") && body.contains("Page not found"),
        "{body}"
    );

    let (response, body) = send(&app.router(), get("/no/such/page", API)).await;
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    assert_eq!(response.headers()["content-type"], "application/json");
    assert_eq!(json(&body)["error"]["code"], "not_found");
    assert!(json(&body)["error"]["message"].is_string());
    app.remove().await;
}

async fn boom() -> &'static str {
    panic!("secret detail: password=hunter2")
}

#[tokio::test]
async fn a_panicking_handler_answers_500_without_details_and_the_server_keeps_serving() {
    let app = TestApp::spawn().await;
    let routes = habitflow::web::routes(app.state.clone())
        .merge(Router::new().route("/boom", get_route(boom)));
    let router = habitflow::web::with_layers(routes, &app.state);

    let (response, body) = send(&router, get("/boom", API)).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert_eq!(json(&body)["error"]["code"], "internal_error");
    assert!(
        !body.contains("secret") && !body.contains("hunter2"),
        "{body}"
    );

    let (response, body) = send(&router, get("/boom", BROWSER)).await;
    assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
    assert!(body.contains("<!doctype html>") && !body.contains("hunter2"));

    let (response, _) = send(&router, get("/healthz/live", API)).await;
    assert_eq!(response.status(), StatusCode::OK);
    app.remove().await;
}

#[tokio::test]
async fn a_body_over_one_mebibyte_is_refused_with_413() {
    let app = TestApp::spawn().await;
    let big = "x".repeat(habitflow::web::BODY_LIMIT + 1);
    let request = Request::post("/")
        .header("content-type", "application/json")
        .header("content-length", big.len())
        .body(Body::from(big))
        .unwrap();
    let (response, body) = send(&app.router(), request).await;
    assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(json(&body)["error"]["code"], "payload_too_large");
    app.remove().await;
}

#[tokio::test]
async fn a_wrong_method_answers_405_in_the_error_shape() {
    let app = TestApp::spawn().await;
    let request = Request::delete("/healthz/live")
        .header("accept", API)
        .body(Body::empty())
        .unwrap();
    let (response, body) = send(&app.router(), request).await;
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    assert_eq!(json(&body)["error"]["code"], "method_not_allowed");
    app.remove().await;
}
