//! The binary as a service sees it: its version, the container health check,
//! and metrics on an address of their own.
use crate::binary::{free_port, habitflow, http_get, temp_folder, terminate, wait_until_listening};
use std::process::Stdio;

#[test]
fn version_names_the_crate_version_and_matches_liveness() {
    let folder = temp_folder();
    let output = habitflow(&folder)
        .arg("--version")
        .stdout(Stdio::piped())
        .output()
        .expect("run habitflow");
    assert!(output.status.success());
    let printed = String::from_utf8_lossy(&output.stdout).trim().to_owned();
    let version = printed
        .strip_prefix("habitflow ")
        .unwrap_or_else(|| panic!("{printed}"));
    assert!(version.starts_with(env!("CARGO_PKG_VERSION")), "{printed}");

    let port = free_port();
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .spawn()
        .expect("start habitflow");
    wait_until_listening(port, &mut child);
    let (status, body) = http_get(port, "/healthz/live").expect("live answers");
    terminate(&mut child);
    assert_eq!(status, 200);
    assert!(
        body.contains(&format!(r#""version":"{version}""#)),
        "{body}"
    );
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn healthcheck_exits_0_while_the_server_is_up_and_1_otherwise() {
    let folder = temp_folder();
    let port = free_port();
    // A wildcard bind, as in the container: the check goes to loopback.
    let bind = format!("0.0.0.0:{port}");
    let healthcheck = || {
        habitflow(&folder)
            .arg("healthcheck")
            .env("HABITFLOW_BIND", &bind)
            .status()
            .expect("run the health check")
            .code()
    };
    assert_eq!(healthcheck(), Some(1), "nothing listens yet");
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", &bind)
        .spawn()
        .expect("start habitflow");
    wait_until_listening(port, &mut child);
    assert_eq!(healthcheck(), Some(0));
    let missing = habitflow(&folder)
        .args([
            "healthcheck",
            "--url",
            &format!("http://127.0.0.1:{port}/no-such-page"),
        ])
        .status()
        .expect("run the health check");
    assert_eq!(missing.code(), Some(1), "a 404 is unhealthy");
    terminate(&mut child);
    std::fs::remove_dir_all(folder).ok();
}

#[test]
fn metrics_bind_serves_metrics_apart_from_the_app() {
    let folder = temp_folder();
    let (port, metrics_port) = (free_port(), free_port());
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .env(
            "HABITFLOW_METRICS_BIND",
            format!("127.0.0.1:{metrics_port}"),
        )
        .spawn()
        .expect("start habitflow");
    wait_until_listening(port, &mut child);
    let (status, _) = http_get(port, "/healthz/ready").expect("ready answers");
    assert_eq!(status, 200);
    let (status, _) = http_get(port, "/metrics").expect("the app answers");
    assert_eq!(
        status, 404,
        "not on the main port unless HABITFLOW_METRICS=true"
    );
    let (status, body) = http_get(metrics_port, "/metrics").expect("metrics answer");
    assert_eq!(status, 200);
    assert!(
        body.contains(
            r#"habitflow_http_requests_total{method="GET",route="/healthz/ready",status="200"} 1"#
        ),
        "{body}"
    );
    let (status, _) = http_get(metrics_port, "/healthz/live").expect("metrics answer");
    assert_eq!(status, 404, "the metrics address serves nothing else");
    assert!(
        terminate(&mut child).success(),
        "both listeners stop on SIGTERM"
    );
    std::fs::remove_dir_all(folder).ok();
}
