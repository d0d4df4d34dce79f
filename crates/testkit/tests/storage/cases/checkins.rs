use crate::fixtures::{checkin, day, futures_join_all, habit, now, put, user};
use habitflow_domain::checkin::{Checkin, CheckinKind};
use habitflow_domain::derived::{CheckinChange, HabitOnDate, History, Resummarized};
use habitflow_domain::model::{CheckinWrite, Habit};
use habitflow_domain::pause::{DateRange, PauseSet};
use habitflow_domain::schedule::{Rule, Schedule};
use habitflow_storage::{CheckinSummarizer, StoreError};
use habitflow_testkit::TestDatabase;
use jiff::civil::Date;

pub async fn putting_the_same_checkin_twice_changes_nothing(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let put_on_march_2 = |kind, note: &str| {
        let write = CheckinWrite {
            note: note.parse().unwrap(),
            ..checkin(ada.id, read.id, day(2026, 3, 2), kind)
        };
        put(store, write)
    };
    assert!(put_on_march_2(CheckinKind::Done, "").await.unwrap());
    assert!(!put_on_march_2(CheckinKind::Done, "").await.unwrap());
    assert!(put_on_march_2(CheckinKind::Skipped, "").await.unwrap());
    assert!(put_on_march_2(CheckinKind::Skipped, "ill").await.unwrap());
    let stored = store
        .checkins()
        .for_habit(ada.id, read.id, day(2026, 1, 1), day(2026, 12, 31))
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(
        (stored[0].kind, stored[0].note.as_str()),
        (CheckinKind::Skipped, "ill")
    );
    assert!(
        store
            .checkins()
            .remove(ada.id, read.id, day(2026, 3, 2), &crate::fixtures::StandIn)
            .await
            .unwrap()
            .is_some_and(|written| written.changed)
    );
    assert!(
        !store
            .checkins()
            .remove(ada.id, read.id, day(2026, 3, 2), &crate::fixtures::StandIn)
            .await
            .unwrap()
            .is_some_and(|written| written.changed)
    );
}

pub async fn checkins_of_other_owners_habits_are_refused(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let foreign = put(
        store,
        checkin(bob.id, read.id, day(2026, 3, 2), CheckinKind::Done),
    )
    .await;
    assert!(matches!(foreign, Err(StoreError::NotFound)), "{foreign:?}");
    put(
        store,
        checkin(ada.id, read.id, day(2026, 3, 3), CheckinKind::Done),
    )
    .await
    .unwrap();
    assert!(
        !store
            .checkins()
            .remove(bob.id, read.id, day(2026, 3, 3), &crate::fixtures::StandIn)
            .await
            .unwrap()
            .is_some_and(|written| written.changed)
    );
    assert!(
        store
            .checkins()
            .for_habits(bob.id, &[read.id])
            .await
            .unwrap()
            .is_empty()
    );
    let range = store
        .checkins()
        .for_habit(bob.id, read.id, day(2026, 1, 1), day(2026, 12, 31))
        .await
        .unwrap();
    assert!(range.is_empty());
    assert_eq!(
        store
            .checkins()
            .for_habits(ada.id, &[read.id])
            .await
            .unwrap()
            .len(),
        1
    );
}

pub async fn reads_checkins_by_range_and_for_many_habits(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
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
    for date in [day(2026, 3, 5), day(2026, 3, 1), day(2026, 3, 3)] {
        put(store, checkin(ada.id, read.id, date, CheckinKind::Done))
            .await
            .unwrap();
    }
    put(
        store,
        checkin(ada.id, run.id, day(2026, 3, 2), CheckinKind::Skipped),
    )
    .await
    .unwrap();
    let middle = store
        .checkins()
        .for_habit(ada.id, read.id, day(2026, 3, 2), day(2026, 3, 5))
        .await
        .unwrap();
    assert_eq!(
        middle.iter().map(|c| c.date).collect::<Vec<_>>(),
        vec![day(2026, 3, 3), day(2026, 3, 5)]
    );
    let both = store
        .checkins()
        .for_habits(ada.id, &[read.id, run.id])
        .await
        .unwrap();
    assert_eq!(both.len(), 4);
    for habit in [read.id, run.id] {
        let dates: Vec<_> = both
            .iter()
            .filter(|c| c.habit_id == habit)
            .map(|c| c.date)
            .collect();
        assert!(
            dates.windows(2).all(|pair| pair[0] < pair[1]),
            "sorted by date within a habit"
        );
    }
    assert!(
        store
            .checkins()
            .for_habits(ada.id, &[])
            .await
            .unwrap()
            .is_empty()
    );
}

pub async fn concurrent_puts_leave_one_checkin(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let attempts = (0..20).map(|_| {
        put(
            store,
            checkin(ada.id, read.id, day(2026, 3, 4), CheckinKind::Done),
        )
    });
    let results = futures_join_all(attempts).await;
    let changed = results
        .into_iter()
        .map(|r| r.expect("no put fails"))
        .filter(|&c| c)
        .count();
    assert_eq!(
        changed, 1,
        "exactly one of the concurrent puts creates the check-in"
    );
    let stored = store
        .checkins()
        .for_habits(ada.id, &[read.id])
        .await
        .unwrap();
    assert_eq!(stored.len(), 1);
}

pub async fn bulk_inserts_and_reads_since_a_date(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let theirs = store
        .habits()
        .create(bob.id, &habit("Theirs"), now())
        .await
        .unwrap();
    put(
        store,
        CheckinWrite {
            note: "kept".parse().unwrap(),
            ..checkin(ada.id, read.id, day(2026, 3, 1), CheckinKind::Skipped)
        },
    )
    .await
    .unwrap();
    let records: Vec<habitflow_domain::model::CheckinRecord> = (1..=31)
        .map(|d| habitflow_domain::model::CheckinRecord {
            habit_id: read.id,
            date: day(2026, 3, d),
            kind: CheckinKind::Done,
            note: String::new(),
            value: None,
        })
        .collect();
    assert_eq!(
        store
            .checkins()
            .insert_many(ada.id, &records, now())
            .await
            .unwrap(),
        30,
        "existing dates stay"
    );
    put(
        store,
        checkin(bob.id, theirs.id, day(2026, 3, 20), CheckinKind::Done),
    )
    .await
    .unwrap();
    let since = store
        .checkins()
        .for_owner_since(ada.id, day(2026, 3, 20))
        .await
        .unwrap();
    assert_eq!(since.len(), 12);
    assert!(
        since
            .iter()
            .all(|c| c.habit_id == read.id && c.date >= day(2026, 3, 20))
    );
    let all = store
        .checkins()
        .for_habits(ada.id, &[read.id])
        .await
        .unwrap();
    assert_eq!(
        (all.len(), all[0].kind, all[0].note.as_str()),
        (31, CheckinKind::Skipped, "kept")
    );
}

pub async fn every_write_saves_the_habit_summary(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let summaries = |owner| async move { store.summaries().for_owner(owner).await.unwrap() };
    assert!(
        summaries(ada.id).await.is_empty(),
        "no write, no summary yet"
    );
    for (d, kind) in [
        (2, CheckinKind::Done),
        (3, CheckinKind::Skipped),
        (4, CheckinKind::Done),
    ] {
        put(store, checkin(ada.id, read.id, day(2026, 3, d), kind))
            .await
            .unwrap();
    }
    let saved = summaries(ada.id).await;
    assert_eq!(saved.len(), 1);
    assert_eq!(saved[0].0, read.id);
    assert_eq!(
        (
            saved[0].1.last_checkin,
            saved[0].1.done,
            saved[0].1.skipped,
            saved[0].1.strength
        ),
        (Some(day(2026, 3, 4)), 2, 1, 0.5)
    );
    store
        .checkins()
        .remove(ada.id, read.id, day(2026, 3, 4), &crate::fixtures::StandIn)
        .await
        .unwrap();
    let saved = summaries(ada.id).await;
    assert_eq!(
        (saved[0].1.last_checkin, saved[0].1.done),
        (Some(day(2026, 3, 3)), 1)
    );
    assert!(summaries(bob.id).await.is_empty());
    let replaced = habitflow_domain::derived::HistorySummary {
        best_streak: 9,
        ..saved[0].1
    };
    store
        .summaries()
        .save(ada.id, read.id, &replaced)
        .await
        .unwrap();
    assert_eq!(summaries(ada.id).await[0].1.best_streak, 9);
    let foreign = store.summaries().save(bob.id, read.id, &replaced).await;
    assert!(matches!(foreign, Err(StoreError::NotFound)));
    assert!(store.habits().delete(ada.id, read.id).await.unwrap());
    assert!(
        summaries(ada.id).await.is_empty(),
        "the summary goes with its habit"
    );
}

/// The domain's rules for the fixtures' daily habit (from 2026-03-01), as
/// the app hands them over.
struct DailyRules(Schedule);

impl DailyRules {
    fn on<'a>(&'a self, pauses: &'a PauseSet, history: &'a [Checkin]) -> HabitOnDate<'a> {
        HabitOnDate {
            schedule: &self.0,
            archived_on: None,
            target: None,
            pauses,
            history: History::new(history),
            today: day(2026, 6, 1),
        }
    }
}

impl CheckinSummarizer for DailyRules {
    fn full(&self, pauses: &PauseSet, history: &[Checkin]) -> Resummarized {
        self.on(pauses, history).summarize_with_states()
    }

    fn after_change(&self, pauses: &PauseSet, change: &CheckinChange<'_>) -> Option<Resummarized> {
        self.on(pauses, &[]).resummarize_after(change)
    }
}

/// Check-ins, undos and edits in the past, on the stored states and the
/// check-ins from each write's date on, leave the summary a full
/// recomputation gives; so does a write after a pause made the states stale.
pub async fn checkin_writes_keep_the_summary_of_a_full_recomputation(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let rules = DailyRules(Schedule::new(Rule::Daily, day(2026, 3, 1), None));
    let on = |d: i8| day(2026, 3, d);
    let mut writes: Vec<(Date, Option<CheckinKind>)> =
        (1..=20).map(|d| (on(d), Some(CheckinKind::Done))).collect();
    writes.extend([
        (on(20), None),
        (on(20), Some(CheckinKind::Skipped)),
        (on(21), Some(CheckinKind::Done)),
        (on(21), None),
        (on(20), None),
        (on(7), Some(CheckinKind::Skipped)),
        (on(3), None),
        (on(23), Some(CheckinKind::Done)),
        (on(1), None),
        (on(23), None),
    ]);
    for (step, (date, kind)) in writes.into_iter().enumerate() {
        if step == 25 {
            store
                .pauses()
                .add(
                    ada.id,
                    read.id,
                    DateRange::new(on(10), on(12)).unwrap(),
                    &|_: &Habit, pauses: &PauseSet, history: &[Checkin]| {
                        rules.full(pauses, history).summary
                    },
                )
                .await
                .unwrap();
        }
        let written = match kind {
            Some(kind) => store
                .checkins()
                .put(&checkin(ada.id, read.id, date, kind), &rules)
                .await
                .unwrap(),
            None => store
                .checkins()
                .remove(ada.id, read.id, date, &rules)
                .await
                .unwrap()
                .unwrap(),
        };
        let history: Vec<Checkin> = store
            .checkins()
            .for_habits(ada.id, &[read.id])
            .await
            .unwrap()
            .iter()
            .map(|r| Checkin {
                date: r.date,
                kind: r.kind,
                value: r.value,
            })
            .collect();
        let expected = rules.full(&written.pauses, &history).summary;
        assert_eq!(written.summary, expected, "after write {step} on {date}");
        let saved = store.summaries().for_owner(ada.id).await.unwrap();
        assert_eq!(saved, vec![(read.id, expected)], "after write {step}");
        assert_eq!(
            written.later,
            history
                .into_iter()
                .filter(|c| c.date >= date)
                .collect::<Vec<_>>()
        );
    }
}
