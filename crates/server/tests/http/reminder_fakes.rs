//! Fakes of the services reminders go out to, in the test process: a push
//! service that checks the VAPID signature and decrypts payloads with the
//! subscription's private key (RFC 8291, by `web-push-native`), an ntfy
//! server and an SMTP server speaking just enough of RFC 5321.
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{HeaderMap, StatusCode};
use axum::routing::post;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use habitflow::app::reminders::channels::ReminderSetup;
use habitflow::infra::reminder_channels::{LiveChannels, Smtp};
use habitflow::infra::vapid::VapidKey;
use serde_json::{Value, json};
use std::collections::HashSet;
use std::sync::atomic::{AtomicU16, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use web_push_native::jwt_simple::prelude::{
    ECDSAP256PublicKeyLike, ES256PublicKey, NoCustomClaims, VerificationOptions,
};
use web_push_native::p256::SecretKey;
use web_push_native::p256::elliptic_curve::sec1::ToEncodedPoint;

/// The public URL reminders link into.
pub const PUBLIC_URL: &str = "http://habits.test";

/// Live channels (the real Web Push, ntfy and SMTP code) for a test app.
pub fn live_channels(allow_private: bool, timeout: Duration) -> ReminderSetup {
    with_smtp(None, allow_private, timeout)
}

pub fn with_smtp(smtp: Option<Smtp>, allow_private: bool, timeout: Duration) -> ReminderSetup {
    ReminderSetup {
        channels: Arc::new(LiveChannels::new(
            VapidKey::generate(),
            PUBLIC_URL,
            smtp,
            allow_private,
            timeout,
        )),
        public_url: PUBLIC_URL.to_owned(),
    }
}

/// A browser's push subscription keys, kept by the test to decrypt with.
pub struct Subscriber {
    secret: SecretKey,
    auth: [u8; 16],
}

impl Subscriber {
    pub fn new(seed: u8) -> Self {
        Self {
            secret: SecretKey::from_slice(&[seed; 32]).expect("a valid P-256 scalar"),
            auth: [seed.wrapping_add(7); 16],
        }
    }

    /// `PushSubscription.toJSON()` for `endpoint`.
    pub fn body(&self, endpoint: &str) -> Value {
        let public = self.secret.public_key().to_encoded_point(false);
        json!({
            "endpoint": endpoint,
            "expirationTime": null,
            "keys": {
                "p256dh": URL_SAFE_NO_PAD.encode(public.as_bytes()),
                "auth": URL_SAFE_NO_PAD.encode(self.auth),
            }
        })
    }
}

/// One request the push service received.
#[derive(Clone)]
pub struct Received {
    pub headers: HeaderMap,
    pub body: Vec<u8>,
}

#[derive(Default)]
struct PushState {
    received: Mutex<Vec<Received>>,
    attempts: AtomicUsize,
    failures_left: AtomicUsize,
    failure_status: AtomicU16,
    delay_millis: AtomicUsize,
}

pub struct FakePush {
    base: String,
    state: Arc<PushState>,
}

async fn receive(
    State(state): State<Arc<PushState>>,
    Path(_name): Path<String>,
    headers: HeaderMap,
    body: Bytes,
) -> StatusCode {
    let delay = state.delay_millis.load(Ordering::SeqCst);
    if delay > 0 {
        tokio::time::sleep(Duration::from_millis(delay as u64)).await;
    }
    state.attempts.fetch_add(1, Ordering::SeqCst);
    let failing = state
        .failures_left
        .fetch_update(Ordering::SeqCst, Ordering::SeqCst, |left| {
            left.checked_sub(1)
        })
        .is_ok();
    if failing {
        return StatusCode::from_u16(state.failure_status.load(Ordering::SeqCst))
            .unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    }
    state.received.lock().unwrap().push(Received {
        headers,
        body: body.to_vec(),
    });
    StatusCode::CREATED
}

impl FakePush {
    pub async fn start() -> Self {
        let state = Arc::new(PushState::default());
        let app = Router::new()
            .route("/push/{name}", post(receive))
            .with_state(state.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.ok() });
        Self { base, state }
    }

    pub fn endpoint(&self, name: &str) -> String {
        format!("{}/push/{name}", self.base)
    }

    /// The next `count` requests answer `status`.
    pub fn fail_next(&self, count: usize, status: u16) {
        self.state.failure_status.store(status, Ordering::SeqCst);
        self.state.failures_left.store(count, Ordering::SeqCst);
    }

    /// Every request waits this long before it is answered.
    pub fn delay_each(&self, delay: Duration) {
        self.state
            .delay_millis
            .store(delay.as_millis() as usize, Ordering::SeqCst);
    }

    /// Requests received, the failed ones included.
    pub fn attempts(&self) -> usize {
        self.state.attempts.load(Ordering::SeqCst)
    }

    pub fn received(&self) -> Vec<Received> {
        self.state.received.lock().unwrap().clone()
    }

    /// Each accepted request checked as a push service checks it (a VAPID
    /// JWT signed by the key in `k`, for this origin, unexpired; the
    /// RFC 8291 headers) and decrypted with the subscriber's keys.
    pub fn payloads(&self, subscriber: &Subscriber) -> Vec<Value> {
        self.received()
            .iter()
            .map(|request| {
                check_vapid(&request.headers);
                assert_eq!(request.headers["content-encoding"], "aes128gcm");
                assert!(request.headers.contains_key("ttl"));
                let plain = web_push_native::decrypt(
                    request.body.clone(),
                    &subscriber.secret,
                    &subscriber.auth.into(),
                )
                .expect("the payload decrypts with the subscription's keys");
                serde_json::from_slice(&plain).expect("a JSON payload")
            })
            .collect()
    }

    /// The URL of every accepted payload.
    pub fn decrypted(&self, subscriber: &Subscriber) -> Vec<String> {
        self.payloads(subscriber)
            .iter()
            .map(|payload| payload["url"].as_str().unwrap_or_default().to_owned())
            .collect()
    }
}

/// `Authorization: vapid t=<JWT>, k=<public key>` (RFC 8292).
fn check_vapid(headers: &HeaderMap) {
    let value = headers["authorization"].to_str().unwrap();
    let rest = value
        .strip_prefix("vapid t=")
        .expect("a vapid authorization");
    let (token, key) = rest.split_once(", k=").expect("t and k");
    let key = ES256PublicKey::from_bytes(&URL_SAFE_NO_PAD.decode(key).unwrap()).unwrap();
    let options = VerificationOptions {
        // web-push-native's audience is the endpoint's scheme and host.
        allowed_audiences: Some(HashSet::from(["http://127.0.0.1".to_owned()])),
        ..Default::default()
    };
    let claims = key
        .verify_token::<NoCustomClaims>(token, Some(options))
        .expect("a JWT signed by the VAPID key, for this audience, unexpired");
    assert_eq!(claims.subject.as_deref(), Some("http://habits.test/"));
}

/// An ntfy server: every POST to a topic is kept with its headers.
pub struct FakeNtfy {
    pub base: String,
    pub received: Arc<Mutex<Vec<(String, HeaderMap, String)>>>,
}

impl FakeNtfy {
    pub async fn start(delay: Duration) -> Self {
        let received: Arc<Mutex<Vec<(String, HeaderMap, String)>>> = Arc::default();
        let kept = received.clone();
        let app = Router::new().route(
            "/{topic}",
            post(
                move |Path(topic): Path<String>, headers: HeaderMap, body: String| {
                    let kept = kept.clone();
                    async move {
                        tokio::time::sleep(delay).await;
                        kept.lock().unwrap().push((topic, headers, body));
                        StatusCode::OK
                    }
                },
            ),
        );
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.ok() });
        Self { base, received }
    }
}

/// A message as the SMTP server got it: the envelope's sender and
/// recipients, and the data.
pub type Mail = (String, Vec<String>, String);

/// An SMTP server speaking just enough of RFC 5321 for one client: the
/// greeting, EHLO, MAIL, RCPT, DATA (kept) and QUIT.
pub struct FakeSmtp {
    pub url: String,
    pub messages: Arc<Mutex<Vec<Mail>>>,
}

impl FakeSmtp {
    pub async fn start() -> Self {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("smtp://{}", listener.local_addr().unwrap());
        let messages: Arc<Mutex<Vec<Mail>>> = Arc::default();
        let kept = messages.clone();
        tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                let kept = kept.clone();
                tokio::spawn(async move { serve_smtp(socket, kept).await });
            }
        });
        Self { url, messages }
    }
}

async fn serve_smtp(
    socket: tokio::net::TcpStream,
    kept: Arc<Mutex<Vec<Mail>>>,
) -> std::io::Result<()> {
    let (reader, mut writer) = socket.into_split();
    let mut lines = BufReader::new(reader).lines();
    writer.write_all(b"220 fake.test ESMTP\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    while let Some(line) = lines.next_line().await? {
        let upper = line.to_ascii_uppercase();
        if upper.starts_with("EHLO") || upper.starts_with("HELO") {
            writer
                .write_all(b"250-fake.test\r\n250 8BITMIME\r\n")
                .await?;
        } else if upper.starts_with("MAIL FROM:") {
            from = line[10..].trim().to_owned();
            writer.write_all(b"250 OK\r\n").await?;
        } else if upper.starts_with("RCPT TO:") {
            to.push(line[8..].trim().to_owned());
            writer.write_all(b"250 OK\r\n").await?;
        } else if upper == "DATA" {
            writer.write_all(b"354 go on\r\n").await?;
            let mut data = String::new();
            while let Some(line) = lines.next_line().await? {
                if line == "." {
                    break;
                }
                data.push_str(&line);
                data.push_str("\r\n");
            }
            kept.lock().unwrap().push((from.clone(), to.clone(), data));
            writer.write_all(b"250 queued\r\n").await?;
        } else if upper == "QUIT" {
            writer.write_all(b"221 bye\r\n").await?;
            break;
        } else if upper == "RSET" || upper == "NOOP" {
            writer.write_all(b"250 OK\r\n").await?;
        } else {
            writer.write_all(b"502 not here\r\n").await?;
        }
    }
    Ok(())
}
