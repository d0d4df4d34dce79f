//! The port of reminders (docs/reminders.md): habits' reminder times with
//! their next slot, the claims that make each slot delivered once, the
//! outbox of deliveries, and each user's channels and push subscriptions.
use crate::StoreResult;
use async_trait::async_trait;
use habitflow_domain::model::{
    Delivery, DeliveryResult, DueReminder, NewDelivery, PushSubscription, ReminderChannels,
    ReminderMessage,
};
use habitflow_domain::reminder::{ReminderTimes, Slot};
use jiff::Timestamp;
use uuid::Uuid;

/// A browser's subscription as it sends it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewPushSubscription {
    pub endpoint: String,
    pub p256dh: String,
    pub auth: String,
}

#[async_trait]
pub trait ReminderRepo: Send + Sync {
    /// The reminder times of those of the owner's habits that have some.
    async fn times_of(
        &self,
        owner: Uuid,
        habits: &[Uuid],
    ) -> StoreResult<Vec<(Uuid, ReminderTimes)>>;
    /// Sets a habit's times and its next slot (none: the times are removed).
    /// Returns `false` when the owner has no such habit.
    async fn set_times(
        &self,
        owner: Uuid,
        habit: Uuid,
        times: &ReminderTimes,
        next: Option<Slot>,
    ) -> StoreResult<bool>;
    /// The habits whose next slot fires at or before `now`, earliest first,
    /// at most `limit` (read through the index on the next slot).
    async fn due(&self, now: Timestamp, limit: u32) -> StoreResult<Vec<DueReminder>>;
    /// Moves a habit's next slot from `from` to `to`, unless another
    /// instance moved it first; returns whether this call moved it.
    async fn advance(&self, habit: Uuid, from: &Slot, to: Option<Slot>) -> StoreResult<bool>;
    /// Claims `slot` of the habit and, for the one caller whose claim is
    /// written, stores its deliveries, all in one transaction with the move
    /// of the next slot to `next`. Returns whether this call won the claim.
    async fn claim(
        &self,
        reminder: &DueReminder,
        next: Option<Slot>,
        message: &ReminderMessage,
        deliveries: &[NewDelivery],
        now: Timestamp,
    ) -> StoreResult<bool>;
    /// Pending deliveries whose attempt is due at `now`, at most `limit`.
    async fn ready(&self, now: Timestamp, limit: u32) -> StoreResult<Vec<Delivery>>;
    /// Marks a pending delivery as being sent; `true` for the one caller
    /// that got it, so each attempt is made by one instance.
    async fn take(&self, delivery: Uuid) -> StoreResult<bool>;
    /// Records how the attempt ended.
    async fn finish(&self, delivery: Uuid, result: DeliveryResult) -> StoreResult<()>;
    /// Deletes claims and finished deliveries of reminders that fired before `before`.
    async fn sweep(&self, before: Timestamp) -> StoreResult<u64>;

    async fn channels(&self, owner: Uuid) -> StoreResult<ReminderChannels>;
    async fn set_channels(&self, owner: Uuid, channels: &ReminderChannels) -> StoreResult<()>;

    /// Stores a subscription; an endpoint already known is given to this
    /// owner with the new keys.
    async fn subscribe(
        &self,
        owner: Uuid,
        subscription: &NewPushSubscription,
        now: Timestamp,
    ) -> StoreResult<PushSubscription>;
    /// Removes the owner's subscription with this endpoint; whether there was one.
    async fn unsubscribe(&self, owner: Uuid, endpoint: &str) -> StoreResult<bool>;
    /// Removes a subscription whose push service said it is gone.
    async fn forget_subscription(&self, owner: Uuid, id: Uuid) -> StoreResult<bool>;
    /// The owner's subscriptions, oldest first.
    async fn subscriptions(&self, owner: Uuid) -> StoreResult<Vec<PushSubscription>>;
}
