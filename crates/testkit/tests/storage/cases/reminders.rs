//! Reminders (docs/reminders.md): times with their next slot, claims, the
//! outbox, channels and push subscriptions.
use crate::fixtures::{futures_join_all, habit, later, now, unknown_id, user};
use habitflow_domain::model::{
    Channel, DeliveryResult, NewDelivery, ReminderChannels, ReminderMessage,
};
use habitflow_domain::reminder::{ReminderTimes, Slot, next_slot, next_slot_after};
use habitflow_storage::NewPushSubscription;
use habitflow_testkit::TestDatabase;
use jiff::tz::TimeZone;

fn times(texts: &[&str]) -> ReminderTimes {
    ReminderTimes::parse(texts).unwrap()
}

fn first_slot(texts: &[&str]) -> Slot {
    next_slot_after(&times(texts), &TimeZone::UTC, now()).unwrap()
}

fn message() -> ReminderMessage {
    ReminderMessage {
        title: "Read".to_owned(),
        body: "Read: 20 pages".to_owned(),
        link: "https://habits.example/habits/1".to_owned(),
    }
}

fn subscription(endpoint: &str) -> NewPushSubscription {
    NewPushSubscription {
        endpoint: endpoint.to_owned(),
        p256dh: "key".to_owned(),
        auth: "auth".to_owned(),
    }
}

pub async fn reminder_times_are_kept_per_owned_habit(db: &TestDatabase) {
    let store = db.store();
    let owner = user(store, "times@example.com").await;
    let other = user(store, "other-times@example.com").await;
    let read = store
        .habits()
        .create(owner.id, &habit("Read"), now())
        .await
        .unwrap();
    let run = store
        .habits()
        .create(owner.id, &habit("Run"), now())
        .await
        .unwrap();
    let slot = first_slot(&["13:00"]);
    let reminders = store.reminders();
    assert!(
        reminders
            .set_times(owner.id, read.id, &times(&["13:00", "07:30"]), Some(slot))
            .await
            .unwrap()
    );
    assert!(
        !reminders
            .set_times(other.id, run.id, &times(&["09:00"]), None)
            .await
            .unwrap(),
        "another owner's habit"
    );
    assert!(
        !reminders
            .set_times(owner.id, unknown_id(), &times(&["09:00"]), None)
            .await
            .unwrap()
    );
    let kept = reminders
        .times_of(owner.id, &[read.id, run.id])
        .await
        .unwrap();
    assert_eq!(kept, vec![(read.id, times(&["07:30", "13:00"]))]);
    assert!(
        reminders
            .times_of(other.id, &[read.id])
            .await
            .unwrap()
            .is_empty()
    );

    assert!(
        reminders
            .set_times(owner.id, read.id, &times(&[]), None)
            .await
            .unwrap()
    );
    assert!(
        reminders
            .times_of(owner.id, &[read.id])
            .await
            .unwrap()
            .is_empty()
    );
    assert!(reminders.due(later(86_400), 10).await.unwrap().is_empty());

    reminders
        .set_times(owner.id, read.id, &times(&["13:00"]), Some(slot))
        .await
        .unwrap();
    store.habits().delete(owner.id, read.id).await.unwrap();
    assert!(
        reminders.due(later(86_400), 10).await.unwrap().is_empty(),
        "gone with its habit"
    );
}

pub async fn due_reminders_come_by_their_next_slot(db: &TestDatabase) {
    let store = db.store();
    let owner = user(store, "due@example.com").await;
    let reminders = store.reminders();
    let mut habits = Vec::new();
    for (name, time) in [("Early", "12:30"), ("Late", "18:00"), ("Earliest", "12:10")] {
        let created = store
            .habits()
            .create(owner.id, &habit(name), now())
            .await
            .unwrap();
        let slot = first_slot(&[time]);
        reminders
            .set_times(owner.id, created.id, &times(&[time]), Some(slot))
            .await
            .unwrap();
        habits.push(created);
    }
    assert!(reminders.due(now(), 10).await.unwrap().is_empty());
    let due = reminders.due(later(3_600), 10).await.unwrap();
    let due_habits: Vec<_> = due.iter().map(|reminder| reminder.habit_id).collect();
    assert_eq!(
        due_habits,
        vec![habits[2].id, habits[0].id],
        "earliest first"
    );
    assert_eq!(due[0].slot, first_slot(&["12:10"]));
    assert_eq!(due[0].times, times(&["12:10"]));
    assert_eq!(
        reminders.due(later(86_400), 2).await.unwrap().len(),
        2,
        "the limit"
    );

    let from = due[0].slot;
    let to = next_slot(&due[0].times, &TimeZone::UTC, from);
    assert!(reminders.advance(habits[2].id, &from, to).await.unwrap());
    assert!(
        !reminders.advance(habits[2].id, &from, to).await.unwrap(),
        "moved already"
    );
    let due = reminders.due(later(3_600), 10).await.unwrap();
    assert_eq!(due.len(), 1);
    assert_eq!(due[0].habit_id, habits[0].id);
}

pub async fn a_slot_is_claimed_once_with_its_deliveries(db: &TestDatabase) {
    let store = db.store();
    let owner = user(store, "claims@example.com").await;
    let read = store
        .habits()
        .create(owner.id, &habit("Read"), now())
        .await
        .unwrap();
    let reminders = store.reminders();
    let slot = first_slot(&["12:30"]);
    reminders
        .set_times(owner.id, read.id, &times(&["12:30"]), Some(slot))
        .await
        .unwrap();
    let subscribed = reminders
        .subscribe(owner.id, &subscription("https://push.example/a"), now())
        .await
        .unwrap();
    let due = reminders.due(later(3_600), 10).await.unwrap().remove(0);
    let next = next_slot(&due.times, &TimeZone::UTC, due.slot);
    let deliveries = [
        NewDelivery {
            channel: Channel::Push,
            subscription_id: Some(subscribed.id),
            target: subscribed.endpoint.clone(),
        },
        NewDelivery {
            channel: Channel::Ntfy,
            subscription_id: None,
            target: "https://ntfy.example/topic".to_owned(),
        },
    ];
    let said = message();
    let attempts = (0..6).map(|_| reminders.claim(&due, next, &said, &deliveries, later(1_900)));
    let won = futures_join_all(attempts).await;
    assert_eq!(won.iter().filter(|won| *won.as_ref().unwrap()).count(), 1);
    assert!(
        reminders.due(later(3_600), 10).await.unwrap().is_empty(),
        "moved on"
    );

    let ready = reminders.ready(later(1_900), 10).await.unwrap();
    assert_eq!(ready.len(), 2, "one delivery per channel, written once");
    let push = ready.iter().find(|d| d.channel == Channel::Push).unwrap();
    assert_eq!(push.subscription.as_ref().unwrap().p256dh, "key");
    assert_eq!(push.message, message());
    assert_eq!(push.deadline, due.slot.deadline());
    assert_eq!(push.attempts, 0);

    let takes = futures_join_all((0..4).map(|_| reminders.take(push.id))).await;
    assert_eq!(
        takes.iter().filter(|took| *took.as_ref().unwrap()).count(),
        1
    );
    reminders
        .finish(push.id, DeliveryResult::RetryAt(later(2_000)))
        .await
        .unwrap();
    let ntfy = ready.iter().find(|d| d.channel == Channel::Ntfy).unwrap();
    assert!(reminders.take(ntfy.id).await.unwrap());
    reminders
        .finish(ntfy.id, DeliveryResult::Sent)
        .await
        .unwrap();
    assert!(
        reminders.ready(later(1_999), 10).await.unwrap().is_empty(),
        "waits for its retry"
    );
    let retried = reminders.ready(later(2_000), 10).await.unwrap();
    assert_eq!(retried.len(), 1);
    assert_eq!(retried[0].attempts, 1);
    assert!(
        !reminders.take(ntfy.id).await.unwrap(),
        "a sent delivery is not taken again"
    );

    assert!(
        reminders
            .forget_subscription(owner.id, subscribed.id)
            .await
            .unwrap()
    );
    assert!(
        reminders.ready(later(2_000), 10).await.unwrap().is_empty(),
        "a removed subscription's deliveries go with it"
    );
    assert!(reminders.sweep(later(86_400)).await.unwrap() >= 1);
}

pub async fn channels_and_subscriptions_belong_to_their_owner(db: &TestDatabase) {
    let store = db.store();
    let owner = user(store, "channels@example.com").await;
    let other = user(store, "other-channels@example.com").await;
    let reminders = store.reminders();
    assert_eq!(
        reminders.channels(owner.id).await.unwrap(),
        ReminderChannels::default()
    );
    let channels = ReminderChannels {
        ntfy_url: Some("https://ntfy.example/mine".to_owned()),
        email: true,
    };
    reminders.set_channels(owner.id, &channels).await.unwrap();
    assert_eq!(reminders.channels(owner.id).await.unwrap(), channels);
    reminders
        .set_channels(owner.id, &ReminderChannels::default())
        .await
        .unwrap();
    assert_eq!(
        reminders.channels(owner.id).await.unwrap(),
        ReminderChannels::default()
    );
    assert_eq!(
        reminders.channels(other.id).await.unwrap(),
        ReminderChannels::default()
    );

    let first = reminders
        .subscribe(owner.id, &subscription("https://push.example/1"), now())
        .await
        .unwrap();
    reminders
        .subscribe(owner.id, &subscription("https://push.example/2"), later(1))
        .await
        .unwrap();
    let listed = reminders.subscriptions(owner.id).await.unwrap();
    assert_eq!(listed.len(), 2);
    assert_eq!(listed[0], first);
    assert!(
        !reminders
            .unsubscribe(other.id, "https://push.example/1")
            .await
            .unwrap()
    );
    assert!(
        !reminders
            .forget_subscription(other.id, first.id)
            .await
            .unwrap()
    );
    assert!(
        reminders
            .unsubscribe(owner.id, "https://push.example/1")
            .await
            .unwrap()
    );
    assert_eq!(reminders.subscriptions(owner.id).await.unwrap().len(), 1);

    // The same browser signed in as someone else: the endpoint moves to them.
    let moved = reminders
        .subscribe(other.id, &subscription("https://push.example/2"), later(2))
        .await
        .unwrap();
    assert_eq!(moved.owner_id, other.id);
    assert!(reminders.subscriptions(owner.id).await.unwrap().is_empty());
    assert_eq!(reminders.subscriptions(other.id).await.unwrap().len(), 1);
}
