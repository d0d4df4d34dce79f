//! The reminder scheduler's work at each tick (docs/reminders.md): every
//! habit whose next slot has come is judged and, when still wanted, claimed
//! in the database with one delivery per channel; then every delivery whose
//! attempt is due is taken and sent. Each instance runs it; the claim and the
//! take make each reminder go out once.
use super::channels::SendOutcome;
use crate::app::Services;
use crate::app::error::AppError;
use crate::app::habit_values::history_of;
use crate::app::today::UserCalendar;
use habitflow_domain::derived::{HabitOnDate, History};
use habitflow_domain::model::{
    Channel, Delivery, DeliveryResult, DueReminder, Habit, NewDelivery, ReminderMessage, User,
};
use habitflow_domain::reminder::{
    next_on_time, next_slot, reminder_wanted, retry_delay, still_on_time,
};
use jiff::Timestamp;
use tokio_util::sync::CancellationToken;

/// Rows read at once; a tick reads batches until none is left.
const BATCH: u32 = 100;
/// Claims and finished deliveries are kept this long, then swept.
const KEEP: jiff::SignedDuration = jiff::SignedDuration::from_hours(48);

/// What one tick did, for the logs and the tests.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TickReport {
    /// Reminders this instance claimed.
    pub claimed: u32,
    /// Slots passed over: not wanted, claimed elsewhere, or over an hour late.
    pub passed: u32,
    pub sent: u32,
    pub retried: u32,
    pub dropped: u32,
}

/// One tick at the clock's now. A cancelled `stop` ends it between two
/// reminders, so a stopping instance finishes what it started and leaves
/// the rest to the next one (docs/reminders.md, exactly once).
pub async fn tick(state: &Services, stop: &CancellationToken) -> Result<TickReport, AppError> {
    let now = state.clock.now();
    let mut report = TickReport::default();
    // Until none is due: a slot moved on from one that was over an hour
    // late may be due too. Each slot is passed once, so this ends.
    loop {
        let due = state.store.reminders().due(now, BATCH).await?;
        if due.is_empty() {
            break;
        }
        for reminder in due {
            if stop.is_cancelled() {
                return Ok(report);
            }
            if fire(state, &reminder, now).await? {
                report.claimed += 1;
            } else {
                report.passed += 1;
            }
        }
    }
    loop {
        let ready = state.store.reminders().ready(now, BATCH).await?;
        let count = ready.len();
        for delivery in ready {
            if stop.is_cancelled() {
                return Ok(report);
            }
            if !state.store.reminders().take(delivery.id).await? {
                continue;
            }
            let result = deliver(state, &delivery, now).await?;
            match result {
                DeliveryResult::Sent => report.sent += 1,
                DeliveryResult::RetryAt(_) => report.retried += 1,
                DeliveryResult::Dropped => report.dropped += 1,
            }
            state.store.reminders().finish(delivery.id, result).await?;
        }
        if count < BATCH as usize {
            break;
        }
    }
    let kept_from = now.checked_sub(KEEP).unwrap_or(Timestamp::MIN);
    state.store.reminders().sweep(kept_from).await?;
    Ok(report)
}

/// Judges one due slot and claims it when it is still wanted; moves the
/// habit's next slot on either way. Returns whether this instance claimed it.
async fn fire(state: &Services, reminder: &DueReminder, now: Timestamp) -> Result<bool, AppError> {
    let reminders = state.store.reminders();
    let owner = state.store.users().by_id(reminder.owner_id).await?;
    let habit = state
        .store
        .habits()
        .get(reminder.owner_id, reminder.habit_id)
        .await?;
    let (Some(owner), Some(habit)) = (owner, habit) else {
        reminders
            .advance(reminder.habit_id, &reminder.slot, None)
            .await?;
        return Ok(false);
    };
    let calendar = UserCalendar::of(&owner);
    if !still_on_time(&reminder.slot, now) {
        tracing::info!(
            target: "habitflow::reminders",
            habit = %habit.id,
            date = %reminder.slot.date,
            time = %reminder.slot.time,
            "reminder dropped: more than an hour late"
        );
        let next = next_on_time(&reminder.times, calendar.zone(), reminder.slot, now);
        reminders.advance(habit.id, &reminder.slot, next).await?;
        return Ok(false);
    }
    let next = next_slot(&reminder.times, calendar.zone(), reminder.slot);
    if !owner.is_active || !wanted(state, &owner, &habit, &calendar, reminder).await? {
        reminders.advance(habit.id, &reminder.slot, next).await?;
        return Ok(false);
    }
    let message = message_of(state, &habit);
    let deliveries = deliveries_of(state, &owner).await?;
    Ok(reminders
        .claim(reminder, next, &message, &deliveries, now)
        .await?)
}

/// The habit on the reminder's date (the user's date of its instant) waits
/// for a check-in. Reads the habit's effective pauses and only the check-ins
/// that date's judgement needs (that date's, or its `times_per_period`
/// period's), never the whole history
/// (docs/architecture.md#reading-habits-without-their-history).
async fn wanted(
    state: &Services,
    owner: &User,
    habit: &Habit,
    calendar: &UserCalendar,
    reminder: &DueReminder,
) -> Result<bool, AppError> {
    let pauses = state
        .store
        .pauses()
        .effective_for_habit(owner.id, habit.id)
        .await?;
    let schedule = habit.schedule();
    let date = calendar.date_of(reminder.slot.fires_at);
    let on_date = HabitOnDate {
        schedule: &schedule,
        archived_on: habit.archived_at.map(|at| calendar.date_of(at)),
        target: habit.target(),
        pauses: &pauses,
        history: History::new(&[]),
        today: date,
    };
    let records = state
        .store
        .checkins()
        .for_habit(owner.id, habit.id, on_date.tally_reads_from(date), date)
        .await?;
    let checkins = history_of(&records);
    Ok(reminder_wanted(&HabitOnDate {
        history: History::new(&checkins),
        ..on_date
    }))
}

/// "<habit name>: <description>", linking to the habit's page.
pub fn message_of(state: &Services, habit: &Habit) -> ReminderMessage {
    let body = if habit.description.trim().is_empty() {
        habit.name.clone()
    } else {
        format!("{}: {}", habit.name, habit.description.trim())
    };
    ReminderMessage {
        title: habit.name.clone(),
        body,
        link: format!("{}/habits/{}", state.reminders.public_url, habit.id),
    }
}

/// One delivery per subscribed browser, the ntfy topic, and e-mail when
/// the user turned it on and the operator configured SMTP.
async fn deliveries_of(state: &Services, owner: &User) -> Result<Vec<NewDelivery>, AppError> {
    let reminders = state.store.reminders();
    let channels = reminders.channels(owner.id).await?;
    let mut deliveries: Vec<NewDelivery> = reminders
        .subscriptions(owner.id)
        .await?
        .into_iter()
        .map(|subscription| NewDelivery {
            channel: Channel::Push,
            subscription_id: Some(subscription.id),
            target: subscription.endpoint,
        })
        .collect();
    if let Some(url) = channels.ntfy_url {
        deliveries.push(NewDelivery {
            channel: Channel::Ntfy,
            subscription_id: None,
            target: url,
        });
    }
    if channels.email && state.reminders.channels.email_available() {
        deliveries.push(NewDelivery {
            channel: Channel::Email,
            subscription_id: None,
            target: owner.email.clone(),
        });
    }
    Ok(deliveries)
}

/// Sends one delivery and says what becomes of it: a dead subscription is
/// removed, a transient failure is retried with back-off until the deadline.
async fn deliver(
    state: &Services,
    delivery: &Delivery,
    now: Timestamp,
) -> Result<DeliveryResult, AppError> {
    let channels = &state.reminders.channels;
    let outcome = if now > delivery.deadline {
        SendOutcome::Permanent("more than an hour late".to_owned())
    } else {
        match (delivery.channel, &delivery.subscription) {
            (Channel::Push, Some(subscription)) => {
                channels.push(subscription, &delivery.message).await
            }
            (Channel::Push, None) => SendOutcome::Permanent("the subscription is gone".to_owned()),
            (Channel::Ntfy, _) => channels.ntfy(&delivery.target, &delivery.message).await,
            (Channel::Email, _) => channels.email(&delivery.target, &delivery.message).await,
        }
    };
    let channel = delivery.channel.as_str();
    Ok(match outcome {
        SendOutcome::Sent => DeliveryResult::Sent,
        SendOutcome::Gone => {
            if let Some(subscription) = &delivery.subscription {
                state
                    .store
                    .reminders()
                    .forget_subscription(delivery.owner_id, subscription.id)
                    .await?;
            }
            tracing::info!(target: "habitflow::reminders", channel, "push subscription gone; removed");
            DeliveryResult::Dropped
        }
        SendOutcome::Transient(reason) => {
            let retry_at = now
                .checked_add(retry_delay(delivery.attempts + 1))
                .unwrap_or(Timestamp::MAX);
            if retry_at > delivery.deadline {
                tracing::warn!(target: "habitflow::reminders", channel, %reason, "reminder dropped after retries");
                DeliveryResult::Dropped
            } else {
                tracing::info!(target: "habitflow::reminders", channel, %reason, %retry_at, "reminder failed; will retry");
                DeliveryResult::RetryAt(retry_at)
            }
        }
        SendOutcome::Permanent(reason) => {
            tracing::warn!(target: "habitflow::reminders", channel, %reason, "reminder dropped");
            DeliveryResult::Dropped
        }
    })
}
