//! A Redis that stops mid-test: requests needing a session fail closed with
//! 503 and write nothing; when Redis is back the app serves again, unrestarted.
use habitflow::infra::redis::Redis;
use habitflow_testkit::{API, TestApp};
use serde_json::json;
use std::process::{Child, Command, Stdio};
use std::sync::Arc;
use std::time::Duration;

fn start_redis(port: u16) -> Child {
    let mut child = Command::new("redis-server")
        .args([
            "--port",
            &port.to_string(),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--appendonly",
            "no",
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("redis-server is installed");
    for _ in 0..100 {
        if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return child;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    child.kill().ok();
    child.wait().ok();
    panic!("redis-server did not start on port {port}");
}

fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test]
#[cfg_attr(
    not(with_redis),
    ignore = "needs redis-server (set HABITFLOW_TEST_REDIS_URL)"
)]
async fn requests_fail_closed_while_redis_is_down_and_recover_after() {
    let port = free_port();
    let mut redis_server = start_redis(port);
    let redis = Arc::new(Redis::new(&format!("redis://127.0.0.1:{port}")).unwrap());
    let app = TestApp::builder().with_redis(redis).spawn().await;
    let mut browser = app.browser();
    let password = browser.register("ada@example.com").await;
    let token = browser.csrf_token().await;
    let profile = json!({"display_name": "Changed", "time_zone": "UTC", "day_start_hour": 0, "language": "en"});

    redis_server.kill().unwrap();
    redis_server.wait().unwrap();
    let (response, body) = browser
        .send_json("POST", "/settings", profile.clone(), Some(&token))
        .await;
    assert_eq!(response.status(), 503, "{body}");
    assert_eq!(
        habitflow_testkit::json(&body)["error"]["code"],
        "unavailable"
    );
    let (response, _) = browser.get("/", habitflow_testkit::BROWSER).await;
    assert_eq!(
        response.status(),
        503,
        "no anonymous pass-through, no redirect to login"
    );
    let user = app.stored_user("ada@example.com").await;
    assert_eq!(user.display_name, "", "nothing was written");

    let mut redis_server = start_redis(port);
    // Redis kept nothing on disk: the session is gone, so sign in again.
    let mut recovered = None;
    for _ in 0..50 {
        let mut client = app.browser();
        let (response, _) = client
            .send_json(
                "POST",
                "/auth/login",
                json!({"email": "ada@example.com", "password": password}),
                None,
            )
            .await;
        if response.status() == 200 {
            recovered = Some(client);
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let mut client = recovered.expect("sign-in works again once Redis is back");
    let token = client.csrf_token().await;
    let (response, _) = client
        .send_json("POST", "/settings", profile, Some(&token))
        .await;
    assert_eq!(response.status(), 200);
    let (_, body) = client.get("/settings", API).await;
    assert_eq!(habitflow_testkit::json(&body)["display_name"], "Changed");
    redis_server.kill().unwrap();
    redis_server.wait().unwrap();
    app.remove().await;
}
