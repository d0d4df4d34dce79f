//! Reminders as stored (docs/reminders.md): a user's channels, the browsers
//! subscribed to Web Push, a habit whose next reminder has come, and the
//! outbox of deliveries.
use crate::reminder::{ReminderTimes, Slot};
use jiff::Timestamp;
use uuid::Uuid;

/// A user's channels besides Web Push.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ReminderChannels {
    /// An ntfy topic URL, checked when it is set and again when it is used.
    pub ntfy_url: Option<String>,
    /// E-mail to the account's address, when the operator configured SMTP.
    pub email: bool,
}

/// A browser's Web Push subscription: its endpoint and its keys (base64url).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PushSubscription {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
    pub created_at: Timestamp,
}

/// A habit whose next reminder slot has come.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DueReminder {
    pub habit_id: Uuid,
    pub owner_id: Uuid,
    pub times: ReminderTimes,
    pub slot: Slot,
}

/// Where a delivery goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Channel {
    Push,
    Ntfy,
    Email,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Push => "push",
            Self::Ntfy => "ntfy",
            Self::Email => "email",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "push" => Some(Self::Push),
            "ntfy" => Some(Self::Ntfy),
            "email" => Some(Self::Email),
            _ => None,
        }
    }
}

/// What a reminder says, on every channel.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReminderMessage {
    pub title: String,
    pub body: String,
    /// The habit's absolute URL.
    pub link: String,
}

/// One channel of a claimed reminder, to be written with the claim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewDelivery {
    pub channel: Channel,
    /// The push subscription, for `Channel::Push`.
    pub subscription_id: Option<Uuid>,
    /// The endpoint, topic URL or e-mail address.
    pub target: String,
}

/// A delivery ready to be sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Delivery {
    pub id: Uuid,
    pub owner_id: Uuid,
    pub habit_id: Uuid,
    pub channel: Channel,
    /// The subscription with its keys, for `Channel::Push`.
    pub subscription: Option<PushSubscription>,
    pub target: String,
    pub message: ReminderMessage,
    /// Attempts made before this one.
    pub attempts: u32,
    pub deadline: Timestamp,
}

/// How a delivery attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DeliveryResult {
    Sent,
    /// A transient failure: try again at this instant.
    RetryAt(Timestamp),
    /// Given up: a permanent failure, or the deadline passed.
    Dropped,
}
