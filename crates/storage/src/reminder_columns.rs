//! The reminder columns both backends store alike: the times as a JSON array
//! of `HH:MM` texts, a slot's time as `HH:MM`, a channel's and a delivery
//! state's name.
use crate::StoreError;
use habitflow_domain::model::{Channel, DeliveryResult};
use habitflow_domain::reminder::{ReminderTime, ReminderTimes};

pub fn times_json(times: &ReminderTimes) -> String {
    let texts: Vec<String> = times.as_slice().iter().map(ToString::to_string).collect();
    serde_json::Value::from(texts).to_string()
}

pub fn to_times(json: &str) -> Result<ReminderTimes, StoreError> {
    let texts: Vec<String> = serde_json::from_str(json)
        .map_err(|e| StoreError::Other(format!("bad reminder times {json:?}: {e}")))?;
    ReminderTimes::parse(&texts)
        .map_err(|e| StoreError::Other(format!("bad reminder times {json:?}: {}", e.key)))
}

pub fn to_time(text: &str) -> Result<ReminderTime, StoreError> {
    ReminderTime::parse(text).map_err(|_| StoreError::Other(format!("bad reminder time {text:?}")))
}

pub fn to_channel(text: &str) -> Result<Channel, StoreError> {
    Channel::parse(text).ok_or_else(|| StoreError::Other(format!("bad channel {text:?}")))
}

/// The state a finished attempt leaves a delivery in.
pub fn state_after(result: DeliveryResult) -> &'static str {
    match result {
        DeliveryResult::Sent => "sent",
        DeliveryResult::RetryAt(_) => "pending",
        DeliveryResult::Dropped => "dropped",
    }
}
