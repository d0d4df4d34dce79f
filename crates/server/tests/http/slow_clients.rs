//! Slow clients against the real binary: a connection that never finishes its
//! request head is closed after `HABITFLOW_HEADER_TIMEOUT_SECONDS`, while
//! ordinary requests are answered meanwhile (docs/security.md, slow clients).
use crate::binary::{free_port, habitflow, http_get, temp_folder, terminate, wait_until_listening};
use std::io::{ErrorKind, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// Connections that stall; enough to show the server does not run out of room.
const STALLED: usize = 50;

/// How a stalled connection ended: `Ok(elapsed)` when the server closed it.
fn wait_for_close(mut stream: TcpStream, opened: Instant) -> Result<Duration, String> {
    stream
        .set_read_timeout(Some(Duration::from_secs(10)))
        .map_err(|e| e.to_string())?;
    let mut answer = Vec::new();
    match stream.read_to_end(&mut answer) {
        Ok(_) => {}
        Err(e) if e.kind() == ErrorKind::ConnectionReset => {}
        Err(e) => return Err(format!("still open after 10 s: {e}")),
    }
    // hyper closes without an answer; a `408` would do as well.
    let answer = String::from_utf8_lossy(&answer);
    if !(answer.is_empty() || answer.starts_with("HTTP/1.1 408")) {
        return Err(format!("unexpected answer {answer:?}"));
    }
    Ok(opened.elapsed())
}

#[test]
fn a_request_head_not_finished_in_time_closes_the_connection() {
    let folder = temp_folder();
    let port = free_port();
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .env("HABITFLOW_HEADER_TIMEOUT_SECONDS", "1")
        .spawn()
        .expect("start habitflow");
    wait_until_listening(port, &mut child);

    let opened = Instant::now();
    let mut stalled = Vec::new();
    for i in 0..STALLED {
        let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
        // Half a request head, and (every tenth) nothing at all.
        if i % 10 != 0 {
            stream
                .write_all(b"GET /healthz/live HTTP/1.1\r\nHost: local")
                .expect("write half a head");
        }
        stalled.push(stream);
    }
    let (status, _) = http_get(port, "/healthz/live").expect("a normal request is answered");
    assert_eq!(status, 200);

    for stream in stalled {
        let elapsed = wait_for_close(stream, opened).expect("the server closes the connection");
        assert!(
            elapsed >= Duration::from_millis(900),
            "closed after {elapsed:?}, before the timeout"
        );
        assert!(
            elapsed < Duration::from_secs(6),
            "closed only after {elapsed:?}"
        );
    }
    let (status, _) = http_get(port, "/healthz/live").expect("still serving");
    assert_eq!(status, 200);
    assert!(terminate(&mut child).success());
    std::fs::remove_dir_all(folder).ok();
}

/// A slow client that keeps sending a byte at a time still runs out of time:
/// the limit is on the whole head, not between bytes.
#[test]
fn a_trickled_request_head_is_cut_off_too() {
    let folder = temp_folder();
    let port = free_port();
    let mut child = habitflow(&folder)
        .env("HABITFLOW_BIND", format!("127.0.0.1:{port}"))
        .env("HABITFLOW_HEADER_TIMEOUT_SECONDS", "1")
        .spawn()
        .expect("start habitflow");
    wait_until_listening(port, &mut child);

    let mut stream = TcpStream::connect(("127.0.0.1", port)).expect("connect");
    let opened = Instant::now();
    stream
        .write_all(b"GET /healthz/live HTTP/1.1\r\n")
        .expect("write the request line");
    // Writes start failing once the server has closed (and reset) the connection.
    let mut closed_after = None;
    while opened.elapsed() < Duration::from_secs(6) {
        std::thread::sleep(Duration::from_millis(100));
        if stream.write_all(b"X-Slow: a\r\n").is_err() {
            closed_after = Some(opened.elapsed());
            break;
        }
    }
    let closed_after = closed_after.expect("a trickling client kept its connection for 6 s");
    assert!(
        closed_after >= Duration::from_millis(900),
        "closed after {closed_after:?}, before the timeout"
    );
    assert!(terminate(&mut child).success());
    std::fs::remove_dir_all(folder).ok();
}
