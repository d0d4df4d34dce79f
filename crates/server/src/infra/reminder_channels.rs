//! The reminder channels (docs/reminders.md): Web Push (VAPID, RFC 8291
//! payloads by `web-push-native`), ntfy (a plain POST) and e-mail (SMTP by
//! `lettre`). Push and ntfy go through the outbound agent (`outbound.rs`):
//! user-given URLs, checked addresses, a timeout and a size cap.
use super::outbound::{self, check_url};
use super::vapid::VapidKey;
use crate::app::reminders::channels::{ReminderChannels, SendOutcome};
use async_trait::async_trait;
use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use habitflow_domain::model::{PushSubscription, ReminderMessage};
use lettre::message::Mailbox;
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use serde::Serialize;
use std::time::Duration;
use web_push_native::p256::PublicKey;
use web_push_native::{Auth, WebPushBuilder};

/// How long a push service keeps a reminder for an offline browser.
const PUSH_TTL: Duration = Duration::from_secs(3600);
/// Web Push payloads stay under the 4 KiB every push service accepts.
const MAX_PAYLOAD: usize = 3_000;

/// Where e-mail goes out, when the operator configured SMTP.
pub struct Smtp {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl Smtp {
    /// From `HABITFLOW_SMTP_URL` (`smtp://`, `smtps://`, `?tls=required` …)
    /// and `HABITFLOW_SMTP_FROM`.
    pub fn new(url: &str, from: &str, timeout: Duration) -> Result<Self, String> {
        let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
            .map_err(|e| format!("HABITFLOW_SMTP_URL is not valid: {e}"))?
            .timeout(Some(timeout))
            .build();
        let from = from
            .parse()
            .map_err(|e| format!("HABITFLOW_SMTP_FROM is not an address: {e}"))?;
        Ok(Self { transport, from })
    }
}

/// Web Push, ntfy and e-mail behind the `ReminderChannels` port.
pub struct LiveChannels {
    agent: ureq::Agent,
    vapid: VapidKey,
    /// The contact push services ask for: the public URL.
    contact: String,
    smtp: Option<Smtp>,
}

impl LiveChannels {
    pub fn new(
        vapid: VapidKey,
        public_url: &str,
        smtp: Option<Smtp>,
        allow_private: bool,
        timeout: Duration,
    ) -> Self {
        Self {
            agent: outbound::agent(allow_private, timeout),
            vapid,
            contact: format!("{public_url}/"),
            smtp,
        }
    }
}

/// What the service worker shows (crates/server/static/sw.js).
#[derive(Serialize)]
struct PushPayload<'a> {
    title: &'a str,
    body: &'a str,
    url: &'a str,
}

/// A request built beforehand, sent on a blocking thread.
struct Outgoing {
    url: String,
    headers: Vec<(String, String)>,
    body: Vec<u8>,
}

fn post(agent: ureq::Agent, request: Outgoing) -> Result<u16, SendOutcome> {
    let mut builder = agent.post(&request.url);
    for (name, value) in &request.headers {
        builder = builder.header(name, value);
    }
    match builder.send(&request.body[..]) {
        Ok(mut response) => {
            // Read (a bounded part of) the answer so the connection is reusable.
            let _ = response
                .body_mut()
                .with_config()
                .limit(outbound::RESPONSE_LIMIT)
                .read_to_vec();
            Ok(response.status().as_u16())
        }
        Err(error) => Err(classify(error)),
    }
}

fn classify(error: ureq::Error) -> SendOutcome {
    match error {
        ureq::Error::BadUri(reason) => SendOutcome::Permanent(reason),
        other => SendOutcome::Transient(other.to_string()),
    }
}

async fn send(agent: &ureq::Agent, request: Outgoing) -> Result<u16, SendOutcome> {
    let agent = agent.clone();
    tokio::task::spawn_blocking(move || post(agent, request))
        .await
        .unwrap_or_else(|e| Err(SendOutcome::Transient(format!("send task failed: {e}"))))
}

fn status_outcome(status: u16) -> SendOutcome {
    match status {
        200..=299 => SendOutcome::Sent,
        408 | 425 | 429 | 500..=599 => SendOutcome::Transient(format!("answered {status}")),
        _ => SendOutcome::Permanent(format!("answered {status}")),
    }
}

fn push_request(
    vapid: &VapidKey,
    contact: &str,
    subscription: &PushSubscription,
    payload: &[u8],
) -> Result<Outgoing, String> {
    let endpoint = check_url(&subscription.endpoint).map_err(|e| e.to_string())?;
    let decode = |value: &str| URL_SAFE_NO_PAD.decode(value.trim_end_matches('='));
    let public = decode(&subscription.p256dh)
        .ok()
        .and_then(|bytes| PublicKey::from_sec1_bytes(&bytes).ok())
        .ok_or("the subscription's p256dh key is not valid")?;
    let auth = decode(&subscription.auth)
        .ok()
        .and_then(|bytes| <[u8; 16]>::try_from(bytes).ok())
        .ok_or("the subscription's auth secret is not valid")?;
    let request = WebPushBuilder::new(endpoint, public, Auth::from(auth))
        .with_valid_duration(PUSH_TTL)
        .with_vapid(vapid.key_pair(), contact)
        .build(payload.to_vec())
        .map_err(|e| format!("cannot encrypt the payload: {e}"))?;
    let headers = request
        .headers()
        .iter()
        .filter(|(name, _)| *name != "content-length")
        .filter_map(|(name, value)| Some((name.to_string(), value.to_str().ok()?.to_owned())))
        .collect();
    Ok(Outgoing {
        url: subscription.endpoint.clone(),
        headers,
        body: request.into_body(),
    })
}

/// ntfy's headers are plain ASCII; anything else is dropped from the title.
fn header_text(text: &str) -> String {
    text.chars()
        .filter(|c| c.is_ascii() && !c.is_ascii_control())
        .collect()
}

#[async_trait]
impl ReminderChannels for LiveChannels {
    fn push_public_key(&self) -> String {
        self.vapid.public_key()
    }

    fn email_available(&self) -> bool {
        self.smtp.is_some()
    }

    async fn push(
        &self,
        subscription: &PushSubscription,
        message: &ReminderMessage,
    ) -> SendOutcome {
        let payload = match serde_json::to_vec(&PushPayload {
            title: &message.title,
            body: &message.body,
            url: &message.link,
        }) {
            Ok(payload) if payload.len() <= MAX_PAYLOAD => payload,
            _ => return SendOutcome::Permanent("the message is too long".to_owned()),
        };
        let request = match push_request(&self.vapid, &self.contact, subscription, &payload) {
            Ok(request) => request,
            Err(reason) => return SendOutcome::Permanent(reason),
        };
        match send(&self.agent, request).await {
            Ok(404 | 410) => SendOutcome::Gone,
            Ok(status) => status_outcome(status),
            Err(outcome) => outcome,
        }
    }

    async fn ntfy(&self, topic_url: &str, message: &ReminderMessage) -> SendOutcome {
        if let Err(refusal) = check_url(topic_url) {
            return SendOutcome::Permanent(refusal.to_string());
        }
        let request = Outgoing {
            url: topic_url.to_owned(),
            headers: vec![
                ("Title".to_owned(), header_text(&message.title)),
                ("Click".to_owned(), message.link.clone()),
                (
                    "Content-Type".to_owned(),
                    "text/plain; charset=utf-8".to_owned(),
                ),
            ],
            body: message.body.clone().into_bytes(),
        };
        match send(&self.agent, request).await {
            Ok(status) => status_outcome(status),
            Err(outcome) => outcome,
        }
    }

    async fn email(&self, to: &str, message: &ReminderMessage) -> SendOutcome {
        let Some(smtp) = &self.smtp else {
            return SendOutcome::Permanent("e-mail is not configured".to_owned());
        };
        let Ok(to) = to.parse::<Mailbox>() else {
            return SendOutcome::Permanent("not an e-mail address".to_owned());
        };
        let message_id = format!("<{}@{}>", uuid::Uuid::now_v7(), smtp.from.email.domain());
        let email = Message::builder()
            .message_id(Some(message_id))
            .from(smtp.from.clone())
            .to(to)
            .subject(message.title.clone())
            .body(format!("{}\n\n{}\n", message.body, message.link));
        let email = match email {
            Ok(email) => email,
            Err(e) => return SendOutcome::Permanent(format!("cannot build the message: {e}")),
        };
        match smtp.transport.send(email).await {
            Ok(_) => SendOutcome::Sent,
            Err(e) if e.is_permanent() => SendOutcome::Permanent(e.to_string()),
            Err(e) => SendOutcome::Transient(e.to_string()),
        }
    }
}
