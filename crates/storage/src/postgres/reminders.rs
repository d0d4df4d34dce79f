//! Reminders (docs/reminders.md), on PostgreSQL: times and next slots, claims, the outbox,
//! channels and push subscriptions.
use super::PgStore;
use super::codec::{date, instant, to_date, to_instant};
use crate::reminder_columns::{state_after, times_json, to_channel, to_time, to_times};
use crate::{NewPushSubscription, ReminderRepo, StoreError, StoreResult};
use async_trait::async_trait;
use habitflow_domain::model::{
    Delivery, DeliveryResult, DueReminder, NewDelivery, PushSubscription, ReminderChannels,
    ReminderMessage,
};
use habitflow_domain::reminder::{ReminderTimes, Slot};
use jiff::Timestamp;
use sqlx::PgConnection;
use sqlx::types::time::{self, OffsetDateTime};
use uuid::Uuid;

#[derive(sqlx::FromRow)]
struct DueRow {
    habit_id: Uuid,
    owner_id: Uuid,
    reminder_times: String,
    next_fires_at: OffsetDateTime,
    next_date: time::Date,
    next_time: String,
}

impl TryFrom<DueRow> for DueReminder {
    type Error = StoreError;

    fn try_from(row: DueRow) -> StoreResult<Self> {
        Ok(DueReminder {
            habit_id: row.habit_id,
            owner_id: row.owner_id,
            times: to_times(&row.reminder_times)?,
            slot: Slot {
                fires_at: to_instant(row.next_fires_at)?,
                date: to_date(row.next_date)?,
                time: to_time(&row.next_time)?,
            },
        })
    }
}

#[derive(sqlx::FromRow)]
struct SubscriptionRow {
    id: Uuid,
    user_id: Uuid,
    endpoint: String,
    p256dh: String,
    auth: String,
    created_at: OffsetDateTime,
}

impl TryFrom<SubscriptionRow> for PushSubscription {
    type Error = StoreError;

    fn try_from(row: SubscriptionRow) -> StoreResult<Self> {
        Ok(PushSubscription {
            id: row.id,
            owner_id: row.user_id,
            endpoint: row.endpoint,
            p256dh: row.p256dh,
            auth: row.auth,
            created_at: to_instant(row.created_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct DeliveryRow {
    id: Uuid,
    user_id: Uuid,
    habit_id: Uuid,
    channel: String,
    target: String,
    title: String,
    body: String,
    link: String,
    attempts: i32,
    deadline_at: OffsetDateTime,
    subscription_id: Option<Uuid>,
    endpoint: Option<String>,
    p256dh: Option<String>,
    auth: Option<String>,
    subscribed_at: Option<OffsetDateTime>,
}

impl TryFrom<DeliveryRow> for Delivery {
    type Error = StoreError;

    fn try_from(row: DeliveryRow) -> StoreResult<Self> {
        let subscription = match (
            row.subscription_id,
            row.endpoint,
            row.p256dh,
            row.auth,
            row.subscribed_at,
        ) {
            (Some(id), Some(endpoint), Some(p256dh), Some(auth), Some(created_at)) => {
                Some(PushSubscription {
                    id,
                    owner_id: row.user_id,
                    endpoint,
                    p256dh,
                    auth,
                    created_at: to_instant(created_at)?,
                })
            }
            _ => None,
        };
        Ok(Delivery {
            id: row.id,
            owner_id: row.user_id,
            habit_id: row.habit_id,
            channel: to_channel(&row.channel)?,
            subscription,
            target: row.target,
            message: ReminderMessage {
                title: row.title,
                body: row.body,
                link: row.link,
            },
            attempts: u32::try_from(row.attempts).unwrap_or(0),
            deadline: to_instant(row.deadline_at)?,
        })
    }
}

#[derive(sqlx::FromRow)]
struct ChannelsRow {
    ntfy_url: Option<String>,
    email: bool,
}

/// Writes a habit's times and next slot (no times: removes them), in the
/// caller's transaction: the habit form's and the import's one write.
pub(super) async fn store_times(
    connection: &mut PgConnection,
    owner: Uuid,
    habit: Uuid,
    times: &ReminderTimes,
    next: Option<Slot>,
) -> StoreResult<()> {
    if times.is_empty() {
        sqlx::query("DELETE FROM habit_reminders WHERE habit_id = $1")
            .bind(habit)
            .execute(&mut *connection)
            .await?;
    } else {
        sqlx::query(
            "INSERT INTO habit_reminders
                 (habit_id, owner_id, reminder_times, next_fires_at, next_date, next_time)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (habit_id) DO UPDATE SET
                 reminder_times = excluded.reminder_times,
                 next_fires_at = excluded.next_fires_at,
                 next_date = excluded.next_date,
                 next_time = excluded.next_time",
        )
        .bind(habit)
        .bind(owner)
        .bind(times_json(times))
        .bind(next.map(|slot| instant(slot.fires_at)))
        .bind(next.map(|slot| date(slot.date)))
        .bind(next.map(|slot| slot.time.to_string()))
        .execute(&mut *connection)
        .await?;
    }
    Ok(())
}

#[async_trait]
impl ReminderRepo for PgStore {
    async fn times_of(
        &self,
        owner: Uuid,
        habits: &[Uuid],
    ) -> StoreResult<Vec<(Uuid, ReminderTimes)>> {
        let rows: Vec<(Uuid, String)> = sqlx::query_as(
            "SELECT habit_id, reminder_times FROM habit_reminders
             WHERE owner_id = $1 AND habit_id = ANY($2)",
        )
        .bind(owner)
        .bind(habits.to_vec())
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter()
            .map(|(habit, json)| Ok((habit, to_times(&json)?)))
            .collect()
    }

    async fn set_times(
        &self,
        owner: Uuid,
        habit: Uuid,
        times: &ReminderTimes,
        next: Option<Slot>,
    ) -> StoreResult<bool> {
        let mut tx = self.write().await?;
        let owned: Option<(Uuid,)> =
            sqlx::query_as("SELECT id FROM habits WHERE id = $1 AND owner_id = $2")
                .bind(habit)
                .bind(owner)
                .fetch_optional(&mut *tx)
                .await?;
        if owned.is_none() {
            return Ok(false);
        }
        store_times(&mut tx, owner, habit, times, next).await?;
        tx.commit().await?;
        Ok(true)
    }

    async fn due(&self, now: Timestamp, limit: u32) -> StoreResult<Vec<DueReminder>> {
        let rows: Vec<DueRow> = sqlx::query_as(
            "SELECT habit_id, owner_id, reminder_times, next_fires_at, next_date, next_time
             FROM habit_reminders
             WHERE next_fires_at IS NOT NULL AND next_fires_at <= $1
             ORDER BY next_fires_at
             LIMIT $2",
        )
        .bind(instant(now))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(DueReminder::try_from).collect()
    }

    async fn advance(&self, habit: Uuid, from: &Slot, to: Option<Slot>) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE habit_reminders
             SET next_fires_at = $1, next_date = $2, next_time = $3
             WHERE habit_id = $4 AND next_date = $5 AND next_time = $6",
        )
        .bind(to.map(|slot| instant(slot.fires_at)))
        .bind(to.map(|slot| date(slot.date)))
        .bind(to.map(|slot| slot.time.to_string()))
        .bind(habit)
        .bind(date(from.date))
        .bind(from.time.to_string())
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn claim(
        &self,
        reminder: &DueReminder,
        next: Option<Slot>,
        message: &ReminderMessage,
        deliveries: &[NewDelivery],
        now: Timestamp,
    ) -> StoreResult<bool> {
        let slot = reminder.slot;
        let mut tx = self.write().await?;
        let claimed = sqlx::query(
            "INSERT INTO reminder_claims
                 (habit_id, local_date, local_time, fires_at, claimed_at, owner_id)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (habit_id, local_date, local_time) DO NOTHING",
        )
        .bind(reminder.habit_id)
        .bind(date(slot.date))
        .bind(slot.time.to_string())
        .bind(instant(slot.fires_at))
        .bind(instant(now))
        .bind(reminder.owner_id)
        .execute(&mut *tx)
        .await?
        .rows_affected()
            == 1;
        if claimed {
            let deadline = slot.deadline();
            for delivery in deliveries {
                sqlx::query(
                    "INSERT INTO reminder_deliveries
                         (id, user_id, habit_id, channel, subscription_id, target, title, body,
                          link, state, attempts, next_attempt_at, deadline_at)
                     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, 'pending', 0, $10, $11)",
                )
                .bind(Uuid::now_v7())
                .bind(reminder.owner_id)
                .bind(reminder.habit_id)
                .bind(delivery.channel.as_str())
                .bind(delivery.subscription_id)
                .bind(&delivery.target)
                .bind(&message.title)
                .bind(&message.body)
                .bind(&message.link)
                .bind(instant(now))
                .bind(instant(deadline))
                .execute(&mut *tx)
                .await?;
            }
        }
        sqlx::query(
            "UPDATE habit_reminders
             SET next_fires_at = $1, next_date = $2, next_time = $3
             WHERE habit_id = $4 AND next_date = $5 AND next_time = $6",
        )
        .bind(next.map(|slot| instant(slot.fires_at)))
        .bind(next.map(|slot| date(slot.date)))
        .bind(next.map(|slot| slot.time.to_string()))
        .bind(reminder.habit_id)
        .bind(date(slot.date))
        .bind(slot.time.to_string())
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(claimed)
    }

    async fn ready(&self, now: Timestamp, limit: u32) -> StoreResult<Vec<Delivery>> {
        let rows: Vec<DeliveryRow> = sqlx::query_as(
            "SELECT d.id, d.user_id, d.habit_id, d.channel, d.target, d.title, d.body, d.link,
                    d.attempts, d.deadline_at, s.id AS subscription_id, s.endpoint, s.p256dh,
                    s.auth, s.created_at AS subscribed_at
             FROM reminder_deliveries d
             LEFT JOIN push_subscriptions s ON s.id = d.subscription_id
             WHERE d.state = 'pending' AND d.next_attempt_at <= $1
             ORDER BY d.next_attempt_at
             LIMIT $2",
        )
        .bind(instant(now))
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(Delivery::try_from).collect()
    }

    async fn take(&self, delivery: Uuid) -> StoreResult<bool> {
        let done = sqlx::query(
            "UPDATE reminder_deliveries SET state = 'sending', attempts = attempts + 1
             WHERE id = $1 AND state = 'pending'",
        )
        .bind(delivery)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn finish(&self, delivery: Uuid, result: DeliveryResult) -> StoreResult<()> {
        let retry_at = match result {
            DeliveryResult::RetryAt(at) => Some(instant(at)),
            DeliveryResult::Sent | DeliveryResult::Dropped => None,
        };
        sqlx::query(
            "UPDATE reminder_deliveries
             SET state = $1, next_attempt_at = COALESCE($2, next_attempt_at)
             WHERE id = $3 AND state = 'sending'",
        )
        .bind(state_after(result))
        .bind(retry_at)
        .bind(delivery)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn sweep(&self, before: Timestamp) -> StoreResult<u64> {
        let mut tx = self.write().await?;
        let deliveries = sqlx::query(
            "DELETE FROM reminder_deliveries WHERE deadline_at < $1 AND state <> 'pending'",
        )
        .bind(instant(before))
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let claims = sqlx::query("DELETE FROM reminder_claims WHERE fires_at < $1")
            .bind(instant(before))
            .execute(&mut *tx)
            .await?
            .rows_affected();
        tx.commit().await?;
        Ok(deliveries + claims)
    }

    async fn channels(&self, owner: Uuid) -> StoreResult<ReminderChannels> {
        let row: Option<ChannelsRow> =
            sqlx::query_as("SELECT ntfy_url, email FROM reminder_channels WHERE user_id = $1")
                .bind(owner)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row
            .map(|row| ReminderChannels {
                ntfy_url: row.ntfy_url,
                email: row.email,
            })
            .unwrap_or_default())
    }

    async fn set_channels(&self, owner: Uuid, channels: &ReminderChannels) -> StoreResult<()> {
        sqlx::query(
            "INSERT INTO reminder_channels (user_id, ntfy_url, email) VALUES ($1, $2, $3)
             ON CONFLICT (user_id) DO UPDATE SET
                 ntfy_url = excluded.ntfy_url, email = excluded.email",
        )
        .bind(owner)
        .bind(&channels.ntfy_url)
        .bind(channels.email)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    async fn subscribe(
        &self,
        owner: Uuid,
        subscription: &NewPushSubscription,
        now: Timestamp,
    ) -> StoreResult<PushSubscription> {
        let row: SubscriptionRow = sqlx::query_as(
            "INSERT INTO push_subscriptions (id, user_id, endpoint, p256dh, auth, created_at)
             VALUES ($1, $2, $3, $4, $5, $6)
             ON CONFLICT (endpoint) DO UPDATE SET
                 user_id = excluded.user_id, p256dh = excluded.p256dh, auth = excluded.auth
             RETURNING id, user_id, endpoint, p256dh, auth, created_at",
        )
        .bind(Uuid::now_v7())
        .bind(owner)
        .bind(&subscription.endpoint)
        .bind(&subscription.p256dh)
        .bind(&subscription.auth)
        .bind(instant(now))
        .fetch_one(&self.pool)
        .await?;
        row.try_into()
    }

    async fn unsubscribe(&self, owner: Uuid, endpoint: &str) -> StoreResult<bool> {
        let done =
            sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1 AND endpoint = $2")
                .bind(owner)
                .bind(endpoint)
                .execute(&self.pool)
                .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn forget_subscription(&self, owner: Uuid, id: Uuid) -> StoreResult<bool> {
        let done = sqlx::query("DELETE FROM push_subscriptions WHERE user_id = $1 AND id = $2")
            .bind(owner)
            .bind(id)
            .execute(&self.pool)
            .await?;
        Ok(done.rows_affected() == 1)
    }

    async fn subscriptions(&self, owner: Uuid) -> StoreResult<Vec<PushSubscription>> {
        let rows: Vec<SubscriptionRow> = sqlx::query_as(
            "SELECT id, user_id, endpoint, p256dh, auth, created_at
             FROM push_subscriptions WHERE user_id = $1
             ORDER BY created_at, id",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        rows.into_iter().map(PushSubscription::try_from).collect()
    }
}
