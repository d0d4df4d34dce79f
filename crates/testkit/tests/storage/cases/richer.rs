//! Measurable habits, check-in values, the newer schedule types, summaries
//! with every field, and pauses and vacations (docs/product.md#measurable-habits,
//! docs/product.md#pauses-and-vacations).
use crate::fixtures::{checkin, day, habit, now, put, summarize_habit, theme, user};
use habitflow_domain::checkin::{Checkin, CheckinKind};
use habitflow_domain::derived::HistorySummary;
use habitflow_domain::measure::{Amount, HabitKind, Measure, Target, TargetType};
use habitflow_domain::model::{CheckinRecord, CheckinWrite, HabitInput};
use habitflow_domain::pause::DateRange;
use habitflow_domain::reminder::ReminderTimes;
use habitflow_domain::schedule::Rule;
use habitflow_storage::{Store, StoreError, ThemeNameAndColor};
use habitflow_testkit::TestDatabase;
use jiff::civil::Date;
use serde_json::json;
use uuid::Uuid;

fn amount(text: &str) -> Amount {
    Amount::parse(text).unwrap()
}

fn measurable(unit: &str, target: &str, target_type: TargetType) -> HabitKind {
    HabitKind::Measurable(Measure {
        unit: unit.parse().unwrap(),
        target: Target::new(amount(target), target_type).unwrap(),
    })
}

fn range(from: Date, to: Date) -> DateRange {
    DateRange::new(from, to).unwrap()
}

async fn summary_of(store: &dyn Store, owner: Uuid, habit: Uuid) -> HistorySummary {
    store
        .summaries()
        .for_owner(owner)
        .await
        .unwrap()
        .into_iter()
        .find(|(id, _)| *id == habit)
        .map(|(_, summary)| summary)
        .expect("a summary")
}

pub async fn stores_measurable_habits_values_and_the_newer_types(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let water = HabitInput {
        kind: measurable("glasses", "8.125", TargetType::AtLeast),
        rule: Rule::from_config("times_per_period", &json!({"period": "week"})).unwrap(),
        ..habit("Water")
    };
    let created = store.habits().create(ada.id, &water, now()).await.unwrap();
    assert_eq!(created.kind, water.kind);
    assert_eq!(created.rule, water.rule);
    assert_eq!(
        store.habits().get(ada.id, created.id).await.unwrap(),
        Some(created.clone())
    );
    let coffee = HabitInput {
        kind: measurable("cups", "0", TargetType::AtMost),
        rule: Rule::from_config("monthly_weekday", &json!({"week": -1, "weekday": "fri"})).unwrap(),
        ..habit("Coffee")
    };
    let updated = store
        .habits()
        .update(ada.id, created.id, &coffee, now(), &summarize_habit)
        .await
        .unwrap();
    assert_eq!((updated.kind, updated.rule), (coffee.kind, coffee.rule));
    let plain = store
        .habits()
        .update(ada.id, created.id, &habit("Plain"), now(), &summarize_habit)
        .await
        .unwrap();
    assert_eq!(plain.kind, HabitKind::Boolean);

    let logged = |date: Date, value: &str| CheckinWrite {
        value: Some(amount(value)),
        ..checkin(ada.id, created.id, date, CheckinKind::Done)
    };
    assert!(put(store, logged(day(2026, 3, 2), "2.5")).await.unwrap());
    assert!(!put(store, logged(day(2026, 3, 2), "2.5")).await.unwrap());
    assert!(put(store, logged(day(2026, 3, 2), "3")).await.unwrap());
    assert!(
        put(store, logged(day(2026, 3, 3), "1000000"))
            .await
            .unwrap()
    );
    let summary = summary_of(store, ada.id, created.id).await;
    assert_eq!(
        summary.last_period_sum,
        Amount::MAX.saturating_add(amount("3"))
    );
    let without = checkin(ada.id, created.id, day(2026, 3, 3), CheckinKind::Done);
    assert!(
        put(store, without).await.unwrap(),
        "clearing the value is a change"
    );
    let bulk = [CheckinRecord {
        habit_id: created.id,
        date: day(2026, 3, 4),
        kind: CheckinKind::Done,
        note: String::new(),
        value: Some(amount("0.125")),
    }];
    assert_eq!(
        store
            .checkins()
            .insert_many(ada.id, &bulk, now())
            .await
            .unwrap(),
        1
    );
    let values: Vec<(Date, Option<Amount>)> = store
        .checkins()
        .for_habit(ada.id, created.id, day(2026, 3, 1), day(2026, 3, 31))
        .await
        .unwrap()
        .into_iter()
        .map(|r| (r.date, r.value))
        .collect();
    assert_eq!(
        values,
        vec![
            (day(2026, 3, 2), Some(amount("3"))),
            (day(2026, 3, 3), None),
            (day(2026, 3, 4), Some(amount("0.125"))),
        ]
    );
}

pub async fn summaries_keep_every_field(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let summary = HistorySummary {
        last_checkin: Some(day(2026, 3, 9)),
        run_done: 3,
        best_streak: 7,
        strength: 0.625,
        done: 11,
        skipped: 2,
        run_before_last: 4,
        strength_before_last: 0.375,
        best_before_last: 6,
        paused_logged: 5,
        logged_active: 13,
        last_period_done: 8,
        // A period's sum may pass the largest single value.
        last_period_sum: Amount::MAX.saturating_add(amount("0.5")),
    };
    store
        .summaries()
        .save(ada.id, read.id, &summary)
        .await
        .unwrap();
    assert_eq!(summary_of(store, ada.id, read.id).await, summary);
    // The list reads the counts packed into one value (every count above
    // differs from the others, so a field read in another's place shows).
    let (listed, _) = store
        .habits()
        .list_for_day(ada.id, day(2026, 3, 10))
        .await
        .unwrap();
    assert_eq!(
        listed.iter().map(|l| l.summary).collect::<Vec<_>>(),
        vec![Some(summary)]
    );
}

pub async fn pauses_merge_and_resummarize_their_habit(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let run = store
        .habits()
        .create(ada.id, &habit("Run"), now())
        .await
        .unwrap();
    put(
        store,
        checkin(ada.id, read.id, day(2026, 3, 1), CheckinKind::Done),
    )
    .await
    .unwrap();
    let pauses = store.pauses();
    let first = pauses
        .add(
            ada.id,
            read.id,
            range(day(2026, 3, 1), day(2026, 3, 5)),
            &summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(first.range, range(day(2026, 3, 1), day(2026, 3, 5)));
    assert_eq!((first.owner_id, first.habit_id), (ada.id, read.id));
    assert_eq!(summary_of(store, ada.id, read.id).await.paused_logged, 5);
    pauses
        .add(
            ada.id,
            read.id,
            range(day(2026, 3, 10), day(2026, 3, 12)),
            &summarize_habit,
        )
        .await
        .unwrap();
    let other = pauses
        .add(
            ada.id,
            run.id,
            range(day(2026, 3, 6), day(2026, 3, 6)),
            &summarize_habit,
        )
        .await
        .unwrap();
    // Adjacent on both sides: the three become one.
    let merged = pauses
        .add(
            ada.id,
            read.id,
            range(day(2026, 3, 6), day(2026, 3, 9)),
            &summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(merged.range, range(day(2026, 3, 1), day(2026, 3, 12)));
    assert_eq!(
        pauses.for_habit(ada.id, read.id).await.unwrap(),
        vec![merged]
    );
    assert_eq!(summary_of(store, ada.id, read.id).await.paused_logged, 12);
    let within = pauses
        .add(
            ada.id,
            read.id,
            range(day(2026, 3, 2), day(2026, 3, 3)),
            &summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(within, merged, "a range already paused changes nothing");
    assert_eq!(pauses.for_habit(ada.id, run.id).await.unwrap(), vec![other]);

    // Another owner's habit is not found, its pauses neither read nor deleted.
    let foreign = pauses
        .add(
            bob.id,
            read.id,
            range(day(2026, 3, 1), day(2026, 3, 2)),
            &summarize_habit,
        )
        .await;
    assert!(matches!(foreign, Err(StoreError::NotFound)));
    assert!(pauses.for_habit(bob.id, read.id).await.unwrap().is_empty());
    assert!(
        !pauses
            .delete(bob.id, read.id, merged.id, &summarize_habit)
            .await
            .unwrap()
    );
    assert!(
        !pauses
            .delete(ada.id, run.id, merged.id, &summarize_habit)
            .await
            .unwrap()
    );
    assert!(pauses.for_owner(bob.id).await.unwrap().pauses.is_empty());

    assert!(
        pauses
            .delete(ada.id, read.id, merged.id, &summarize_habit)
            .await
            .unwrap()
    );
    assert!(
        !pauses
            .delete(ada.id, read.id, merged.id, &summarize_habit)
            .await
            .unwrap()
    );
    assert_eq!(summary_of(store, ada.id, read.id).await.paused_logged, 0);
    assert!(store.habits().delete(ada.id, run.id).await.unwrap());
    assert!(
        pauses.for_owner(ada.id).await.unwrap().pauses.is_empty(),
        "pauses go with their habit"
    );
}

pub async fn vacations_merge_and_resummarize_every_habit(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let run = store
        .habits()
        .create(ada.id, &habit("Run"), now())
        .await
        .unwrap();
    store
        .habits()
        .create(bob.id, &habit("Swim"), now())
        .await
        .unwrap();
    let pause = store
        .pauses()
        .add(
            ada.id,
            read.id,
            range(day(2026, 3, 3), day(2026, 3, 4)),
            &summarize_habit,
        )
        .await
        .unwrap();
    let vacations = store.vacations();
    let first = vacations
        .add(
            ada.id,
            range(day(2026, 3, 1), day(2026, 3, 2)),
            &summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(first.owner_id, ada.id);
    let merged = vacations
        .add(
            ada.id,
            range(day(2026, 3, 2), day(2026, 3, 3)),
            &summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(merged.range, range(day(2026, 3, 1), day(2026, 3, 3)));
    assert_eq!(vacations.list(ada.id).await.unwrap(), vec![merged]);
    // One habit's effective pauses: its own merged with the vacations; of
    // another owner's habit, nothing but the asker's vacations.
    let pauses = store.pauses();
    assert_eq!(
        pauses
            .effective_for_habit(ada.id, read.id)
            .await
            .unwrap()
            .ranges(),
        [range(day(2026, 3, 1), day(2026, 3, 4))]
    );
    assert_eq!(
        pauses
            .effective_for_habit(ada.id, run.id)
            .await
            .unwrap()
            .ranges(),
        [range(day(2026, 3, 1), day(2026, 3, 3))]
    );
    assert_eq!(
        pauses
            .effective_for_habit(bob.id, read.id)
            .await
            .unwrap()
            .ranges(),
        []
    );
    // The habit's pause with the vacation: 1–4 March.
    assert_eq!(summary_of(store, ada.id, read.id).await.paused_logged, 4);
    assert_eq!(summary_of(store, ada.id, run.id).await.paused_logged, 3);
    assert!(
        store
            .summaries()
            .for_owner(bob.id)
            .await
            .unwrap()
            .is_empty(),
        "another account's habits are left alone"
    );
    let all = store.pauses().for_owner(ada.id).await.unwrap();
    assert_eq!((all.pauses, all.vacations), (vec![pause], vec![merged]));
    let effective = store.pauses().for_owner(ada.id).await.unwrap().effective();
    assert_eq!(
        effective.of(read.id).ranges(),
        &[range(day(2026, 3, 1), day(2026, 3, 4))]
    );
    assert_eq!(
        effective.of(run.id).ranges(),
        &[range(day(2026, 3, 1), day(2026, 3, 3))]
    );

    assert!(vacations.list(bob.id).await.unwrap().is_empty());
    assert!(
        !vacations
            .delete(bob.id, merged.id, &summarize_habit)
            .await
            .unwrap()
    );
    assert!(
        vacations
            .delete(ada.id, merged.id, &summarize_habit)
            .await
            .unwrap()
    );
    assert!(
        !vacations
            .delete(ada.id, merged.id, &summarize_habit)
            .await
            .unwrap()
    );
    assert_eq!(summary_of(store, ada.id, read.id).await.paused_logged, 2);
    assert_eq!(summary_of(store, ada.id, run.id).await.paused_logged, 0);

    vacations
        .add(
            ada.id,
            range(day(2026, 4, 1), day(2026, 4, 2)),
            &summarize_habit,
        )
        .await
        .unwrap();
    assert!(store.users().delete(ada.id).await.unwrap());
    let gone = store.pauses().for_owner(ada.id).await.unwrap();
    assert!(
        gone.pauses.is_empty() && gone.vacations.is_empty(),
        "they go with the account"
    );
}

/// The lists' one read (docs/benchmarks.md#habits-list-17): the habits and
/// pauses of `list_with_pauses`, each habit with its theme's name and color,
/// its saved summary (none for a habit never summarized), its check-in of the
/// day asked for and its reminder times.
pub async fn lists_habits_with_their_summary_and_checkin_of_a_day(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let create = |owner: Uuid, input: HabitInput| async move {
        store.habits().create(owner, &input, now()).await.unwrap()
    };
    let health = store
        .themes()
        .create(ada.id, &theme("Health"), now())
        .await
        .unwrap();
    let read = create(
        ada.id,
        HabitInput {
            theme_id: Some(health.id),
            ..habit("Read")
        },
    )
    .await;
    let water = create(
        ada.id,
        HabitInput {
            kind: measurable("glasses", "8", TargetType::AtLeast),
            ..habit("Water")
        },
    )
    .await;
    let swim = create(bob.id, habit("Swim")).await;
    for write in [
        checkin(ada.id, read.id, day(2026, 3, 2), CheckinKind::Done),
        checkin(ada.id, read.id, day(2026, 3, 3), CheckinKind::Skipped),
        CheckinWrite {
            value: Some(amount("2.5")),
            ..checkin(ada.id, water.id, day(2026, 3, 3), CheckinKind::Done)
        },
        checkin(bob.id, swim.id, day(2026, 3, 3), CheckinKind::Done),
    ] {
        assert!(put(store, write).await.unwrap());
    }
    store
        .pauses()
        .add(
            ada.id,
            read.id,
            range(day(2026, 3, 10), day(2026, 3, 12)),
            &summarize_habit,
        )
        .await
        .unwrap();
    store
        .vacations()
        .add(
            ada.id,
            range(day(2026, 4, 1), day(2026, 4, 2)),
            &summarize_habit,
        )
        .await
        .unwrap();
    let times = ReminderTimes::parse(&["21:00".to_owned(), "07:30".to_owned()]).unwrap();
    assert!(
        store
            .reminders()
            .set_times(ada.id, water.id, &times, None)
            .await
            .unwrap()
    );
    // Created after the writes that summarize every habit: it has no summary.
    let fresh = create(ada.id, habit("Fresh")).await;

    let (listed, pauses) = store
        .habits()
        .list_for_day(ada.id, day(2026, 3, 3))
        .await
        .unwrap();
    let (habits, with_pauses) = store.habits().list_with_pauses(ada.id).await.unwrap();
    assert_eq!(
        listed.iter().map(|l| l.habit.clone()).collect::<Vec<_>>(),
        habits
    );
    assert_eq!(habits.len(), 3);
    assert_eq!(pauses, with_pauses);
    assert_eq!((pauses.pauses.len(), pauses.vacations.len()), (1, 1));
    for listed in &listed {
        let saved = if listed.habit.id == fresh.id {
            None
        } else {
            Some(summary_of(store, ada.id, listed.habit.id).await)
        };
        assert_eq!(listed.summary, saved, "{}", listed.habit.name);
        let reminder_times = if listed.habit.id == water.id {
            times.clone()
        } else {
            ReminderTimes::default()
        };
        assert_eq!(listed.reminder_times, reminder_times);
        let theme = (listed.habit.id == read.id).then(|| ThemeNameAndColor {
            name: health.name.clone(),
            color: health.color.clone(),
        });
        assert_eq!(listed.theme, theme);
    }
    let of_day = |date: Date| async move {
        let (listed, _) = store.habits().list_for_day(ada.id, date).await.unwrap();
        listed
            .into_iter()
            .map(|l| (l.habit.id, l.checkin_of_day))
            .collect::<Vec<_>>()
    };
    assert_eq!(
        of_day(day(2026, 3, 3)).await,
        vec![
            (
                read.id,
                Some(Checkin {
                    date: day(2026, 3, 3),
                    kind: CheckinKind::Skipped,
                    value: None
                })
            ),
            (
                water.id,
                Some(Checkin {
                    date: day(2026, 3, 3),
                    kind: CheckinKind::Done,
                    value: Some(amount("2.5"))
                })
            ),
            (fresh.id, None),
        ]
    );
    assert_eq!(
        of_day(day(2026, 3, 4)).await,
        vec![(read.id, None), (water.id, None), (fresh.id, None)]
    );
    let (bobs, bobs_pauses) = store
        .habits()
        .list_for_day(bob.id, day(2026, 3, 3))
        .await
        .unwrap();
    assert_eq!(
        bobs.iter().map(|l| l.habit.id).collect::<Vec<_>>(),
        vec![swim.id]
    );
    assert!(bobs_pauses.pauses.is_empty() && bobs_pauses.vacations.is_empty());
}
