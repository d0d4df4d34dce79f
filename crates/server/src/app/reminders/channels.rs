//! The port to the channels a reminder goes out on (docs/reminders.md):
//! Web Push, ntfy and e-mail, implemented in `infra/reminder_channels.rs`.
use async_trait::async_trait;
use habitflow_domain::model::{PushSubscription, ReminderMessage};

/// How one attempt on one channel ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SendOutcome {
    Sent,
    /// The push service says the subscription no longer exists (404, 410).
    Gone,
    /// Worth trying again later: a timeout, a refused connection, a 5xx, a 429.
    Transient(String),
    /// Never worth trying again: a refused address, a 4xx, a bad key.
    Permanent(String),
}

#[async_trait]
pub trait ReminderChannels: Send + Sync {
    /// The public key browsers subscribe with (VAPID, base64url).
    fn push_public_key(&self) -> String;
    /// Whether the operator configured SMTP.
    fn email_available(&self) -> bool;
    async fn push(&self, subscription: &PushSubscription, message: &ReminderMessage)
    -> SendOutcome;
    async fn ntfy(&self, topic_url: &str, message: &ReminderMessage) -> SendOutcome;
    async fn email(&self, to: &str, message: &ReminderMessage) -> SendOutcome;
}

/// What a reminder's links point into: the server's public URL.
#[derive(Clone)]
pub struct ReminderSetup {
    pub channels: std::sync::Arc<dyn ReminderChannels>,
    /// `HABITFLOW_PUBLIC_URL`, without a trailing slash.
    pub public_url: String,
}

impl ReminderSetup {
    /// No channel configured: nothing can be sent (until wiring installs the real one).
    pub fn none() -> Self {
        Self {
            channels: std::sync::Arc::new(NoChannels),
            public_url: String::new(),
        }
    }
}

struct NoChannels;

#[async_trait]
impl ReminderChannels for NoChannels {
    fn push_public_key(&self) -> String {
        String::new()
    }

    fn email_available(&self) -> bool {
        false
    }

    async fn push(&self, _: &PushSubscription, _: &ReminderMessage) -> SendOutcome {
        SendOutcome::Permanent("Web Push is not configured".to_owned())
    }

    async fn ntfy(&self, _: &str, _: &ReminderMessage) -> SendOutcome {
        SendOutcome::Permanent("ntfy is not configured".to_owned())
    }

    async fn email(&self, _: &str, _: &ReminderMessage) -> SendOutcome {
        SendOutcome::Permanent("e-mail is not configured".to_owned())
    }
}
