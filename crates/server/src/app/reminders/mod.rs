//! Reminders (docs/reminders.md): a habit's times, the user's channels and
//! push subscriptions, "send a test", and the scheduler's tick.
pub mod channels;
pub mod scheduler;

use super::Services;
use super::error::AppError;
use super::today::UserCalendar;
use crate::infra::outbound::check_url;
use channels::SendOutcome;
use habitflow_domain::model::{Channel, PushSubscription, ReminderChannels, ReminderMessage, User};
use habitflow_domain::reminder::{ReminderTimes, Slot, next_slot_after};
use habitflow_domain::validation::FieldErrors;
use habitflow_storage::NewPushSubscription;
use jiff::Timestamp;
use uuid::Uuid;

/// Longest key or endpoint a browser may send.
const MAX_KEY_LENGTH: usize = 256;

/// The settings page's and API's view of the channels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ChannelSettings {
    pub channels: ReminderChannels,
    pub push_subscriptions: usize,
    /// Whether the operator configured SMTP.
    pub email_available: bool,
    /// The VAPID public key browsers subscribe with.
    pub push_public_key: String,
}

pub async fn settings(state: &Services, owner: &User) -> Result<ChannelSettings, AppError> {
    let reminders = state.store.reminders();
    Ok(ChannelSettings {
        channels: reminders.channels(owner.id).await?,
        push_subscriptions: reminders.subscriptions(owner.id).await?.len(),
        email_available: state.reminders.channels.email_available(),
        push_public_key: state.reminders.channels.push_public_key(),
    })
}

/// Sets the ntfy topic (a URL checked for its shape; its addresses are
/// checked each time it is used) and e-mail on or off.
pub async fn set_channels(
    state: &Services,
    owner: &User,
    ntfy_url: Option<String>,
    email: bool,
) -> Result<ChannelSettings, AppError> {
    let ntfy_url = ntfy_url
        .map(|url| url.trim().to_owned())
        .filter(|url| !url.is_empty());
    let mut errors = FieldErrors::new();
    if let Some(url) = &ntfy_url
        && check_url(url).is_err()
    {
        errors.add("ntfy_url", "error-reminder-ntfy-url");
    }
    if email && !state.reminders.channels.email_available() {
        errors.add("email", "error-reminder-email-unavailable");
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    state
        .store
        .reminders()
        .set_channels(owner.id, &ReminderChannels { ntfy_url, email })
        .await?;
    settings(state, owner).await
}

/// Stores a browser's push subscription (its endpoint an https URL).
pub async fn subscribe(
    state: &Services,
    owner: &User,
    subscription: NewPushSubscription,
) -> Result<PushSubscription, AppError> {
    let mut errors = FieldErrors::new();
    if check_url(&subscription.endpoint).is_err() {
        errors.add("endpoint", "error-reminder-push-endpoint");
    }
    for (field, value) in [
        ("p256dh", &subscription.p256dh),
        ("auth", &subscription.auth),
    ] {
        let base64url = value.bytes().all(|byte| {
            byte.is_ascii_alphanumeric() || byte == b'-' || byte == b'_' || byte == b'='
        });
        if value.is_empty() || value.len() > MAX_KEY_LENGTH || !base64url {
            errors.add(field, "error-reminder-push-key");
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Validation(errors));
    }
    Ok(state
        .store
        .reminders()
        .subscribe(owner.id, &subscription, state.clock.now())
        .await?)
}

/// Removes this browser's subscription; whether there was one.
pub async fn unsubscribe(state: &Services, owner: &User, endpoint: &str) -> Result<bool, AppError> {
    Ok(state
        .store
        .reminders()
        .unsubscribe(owner.id, endpoint)
        .await?)
}

/// What "send a test" did on each configured channel.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TestReport {
    pub sent: Vec<Channel>,
    pub failed: Vec<(Channel, String)>,
}

/// Sends a test message on every configured channel, now, without the outbox.
pub async fn send_test(
    state: &Services,
    owner: &User,
    message: ReminderMessage,
) -> Result<TestReport, AppError> {
    let reminders = state.store.reminders();
    let channels = &state.reminders.channels;
    let configured = reminders.channels(owner.id).await?;
    let mut attempts: Vec<(Channel, SendOutcome)> = Vec::new();
    for subscription in reminders.subscriptions(owner.id).await? {
        let outcome = channels.push(&subscription, &message).await;
        if outcome == SendOutcome::Gone {
            reminders
                .forget_subscription(owner.id, subscription.id)
                .await?;
        }
        attempts.push((Channel::Push, outcome));
    }
    if let Some(url) = &configured.ntfy_url {
        attempts.push((Channel::Ntfy, channels.ntfy(url, &message).await));
    }
    if configured.email && channels.email_available() {
        attempts.push((Channel::Email, channels.email(&owner.email, &message).await));
    }
    let mut report = TestReport::default();
    for (channel, outcome) in attempts {
        match outcome {
            SendOutcome::Sent => report.sent.push(channel),
            SendOutcome::Gone => report
                .failed
                .push((channel, "the subscription is gone".to_owned())),
            SendOutcome::Transient(reason) | SendOutcome::Permanent(reason) => {
                report.failed.push((channel, reason));
            }
        }
    }
    Ok(report)
}

/// Parses reminder times as sent (`reminder_times`, up to five `HH:MM`).
pub fn parse_times(texts: &[String]) -> Result<ReminderTimes, AppError> {
    ReminderTimes::parse(texts)
        .map_err(|message| AppError::Validation(FieldErrors::single("reminder_times", message)))
}

/// The next slot of a habit's times counted from `now` in the owner's zone:
/// how the habit form and the import both set it (docs/reminders.md).
pub fn next_reminder(
    owner: &User,
    now: Timestamp,
) -> impl Fn(&ReminderTimes) -> Option<Slot> + Send + Sync + use<> {
    let calendar = UserCalendar::of(owner);
    move |times: &ReminderTimes| next_slot_after(times, calendar.zone(), now)
}

/// Sets a habit's reminder times, its next slot counted from now.
pub async fn set_times(
    state: &Services,
    owner: &User,
    habit: Uuid,
    times: &ReminderTimes,
) -> Result<(), AppError> {
    let next = next_reminder(owner, state.clock.now())(times);
    let stored = state
        .store
        .reminders()
        .set_times(owner.id, habit, times, next)
        .await?;
    if stored {
        Ok(())
    } else {
        Err(AppError::NotFound("error-habit-not-found".into()))
    }
}

/// The reminder times of the given habits that have some.
pub async fn times_of(
    state: &Services,
    owner: &User,
    habits: &[Uuid],
) -> Result<std::collections::HashMap<Uuid, ReminderTimes>, AppError> {
    Ok(state
        .store
        .reminders()
        .times_of(owner.id, habits)
        .await?
        .into_iter()
        .collect())
}
