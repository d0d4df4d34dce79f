//! The check-in months the database keeps in every check-in write
//! (docs/architecture.md#check-in-month-aggregates) against a full
//! recomputation from the check-in rows, after a seeded random sequence of
//! check-ins, undos, edits, a bulk import and a habit's deletion; and what
//! the all-time statistics read of them (the month totals over all habits).
use crate::fixtures::{StandIn, checkin, day, habit, now, user};
use habitflow_domain::checkin::{Checkin, CheckinKind};
use habitflow_domain::model::{CheckinMonth, CheckinRecord, MonthTotal};
use habitflow_storage::Store;
use habitflow_testkit::TestDatabase;
use jiff::civil::Date;
use std::collections::BTreeMap;
use uuid::Uuid;

/// A small xorshift generator: the same sequence on every run and backend.
struct Seeded(u64);

impl Seeded {
    fn below(&mut self, bound: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % bound
    }
}

async fn recomputed(store: &dyn Store, owner: Uuid, habits: &[Uuid]) -> Vec<CheckinMonth> {
    let rows = store.checkins().for_habits(owner, habits).await.unwrap();
    let history: Vec<(Uuid, Checkin)> = rows
        .iter()
        .map(|r| {
            (
                r.habit_id,
                Checkin {
                    date: r.date,
                    kind: r.kind,
                    value: r.value,
                },
            )
        })
        .collect();
    CheckinMonth::of(history.iter().map(|(habit, c)| (*habit, c)))
}

async fn months_of(store: &dyn Store, owner: Uuid) -> Vec<CheckinMonth> {
    let read = store
        .checkins()
        .months_and_rows(owner, None, &[])
        .await
        .unwrap();
    assert!(read.rows.is_empty(), "no rows asked for");
    read.months
}

/// What `all_time` must read for `today`, recomputed from the check-in rows:
/// the totals of the months before today's, the first check-in, every
/// habit's months from today's on, the older months of `with_months`, the
/// rows of `with_rows`.
async fn assert_all_time(
    store: &dyn Store,
    owner: Uuid,
    habits: &[Uuid],
    today: Date,
    (with_months, with_rows): (&[Uuid], &[Uuid]),
) {
    let months = recomputed(store, owner, habits).await;
    let this_month = today.first_of_month();
    let mut totals: BTreeMap<Date, MonthTotal> = BTreeMap::new();
    for month in months.iter().filter(|m| m.month < this_month) {
        let total = totals.entry(month.month).or_insert(MonthTotal {
            month: month.month,
            done: 0,
            skipped: 0,
        });
        total.done += month.done_days.count_ones();
        total.skipped += month.skipped_days.count_ones();
    }
    let rows = store.checkins().for_habits(owner, habits).await.unwrap();
    let read = store
        .checkins()
        .all_time(owner, today, with_months, with_rows)
        .await
        .unwrap();
    assert_eq!(read.totals, totals.into_values().collect::<Vec<_>>());
    assert_eq!(read.first_checkin, rows.iter().map(|r| r.date).min());
    assert_eq!(
        read.months,
        months
            .into_iter()
            .filter(|m| m.month >= this_month || with_months.contains(&m.habit_id))
            .collect::<Vec<_>>()
    );
    assert_eq!(
        read.rows,
        rows.into_iter()
            .filter(|r| with_rows.contains(&r.habit_id))
            .collect::<Vec<_>>()
    );
}

fn random_date(random: &mut Seeded) -> Date {
    // Three years of dates, so writes land on every day of the month, 29–31 included.
    habitflow_domain::calendar::add_days(day(2024, 1, 1), random.below(3 * 365) as i32).unwrap()
}

pub async fn checkin_months_equal_a_full_recomputation(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let mut habits = Vec::new();
    for name in ["Read", "Run", "Stretch"] {
        habits.push(
            store
                .habits()
                .create(ada.id, &habit(name), now())
                .await
                .unwrap()
                .id,
        );
    }
    let theirs = store
        .habits()
        .create(bob.id, &habit("Theirs"), now())
        .await
        .unwrap();
    let mut random = Seeded(0x9E37_79B9_7F4A_7C15);
    for step in 0..400 {
        let habit = habits[random.below(habits.len() as u64) as usize];
        let date = random_date(&mut random);
        match random.below(5) {
            0 => {
                store
                    .checkins()
                    .remove(ada.id, habit, date, &StandIn)
                    .await
                    .unwrap();
            }
            choice => {
                // An existing date is an edit; done and skipped replace each other.
                let kind = if choice == 1 {
                    CheckinKind::Skipped
                } else {
                    CheckinKind::Done
                };
                store
                    .checkins()
                    .put(&checkin(ada.id, habit, date, kind), &StandIn)
                    .await
                    .unwrap();
            }
        }
        if step % 50 == 49 {
            assert_eq!(
                months_of(store, ada.id).await,
                recomputed(store, ada.id, &habits).await,
                "after step {step}"
            );
            let (months_of_one, rows_of_one) = (&habits[1..2], &habits[2..]);
            assert_all_time(
                store,
                ada.id,
                &habits,
                day(2025, 6, 17),
                (months_of_one, rows_of_one),
            )
            .await;
        }
    }
    // An import: many rows in one statement, existing dates left as they are.
    let imported: Vec<CheckinRecord> = (0..120)
        .map(|_| CheckinRecord {
            habit_id: habits[0],
            date: random_date(&mut random),
            kind: CheckinKind::Done,
            note: String::new(),
            value: None,
        })
        .collect();
    store
        .checkins()
        .insert_many(ada.id, &imported, now())
        .await
        .unwrap();
    store
        .checkins()
        .put(
            &checkin(bob.id, theirs.id, day(2025, 2, 3), CheckinKind::Done),
            &StandIn,
        )
        .await
        .unwrap();
    let all = months_of(store, ada.id).await;
    assert_eq!(all, recomputed(store, ada.id, &habits).await);
    assert!(
        all.iter().all(|m| m.habit_id != theirs.id),
        "only the owner's"
    );
    assert_all_time(store, ada.id, &habits, day(2026, 12, 31), (&[], &[])).await;
    assert_all_time(store, ada.id, &habits, day(2024, 1, 1), (&habits, &[])).await;

    let since = day(2025, 6, 17);
    let recent = store
        .checkins()
        .months_and_rows(ada.id, Some(since), &habits[..2])
        .await
        .unwrap();
    assert!(!recent.months.is_empty());
    assert_eq!(
        recent.months,
        all.iter()
            .filter(|m| m.month >= day(2025, 6, 1))
            .copied()
            .collect::<Vec<_>>(),
        "the months from the one holding `since` on"
    );
    let every_row = store.checkins().for_habits(ada.id, &habits).await.unwrap();
    assert_eq!(
        recent.rows,
        every_row
            .into_iter()
            .filter(|r| r.date >= since && habits[..2].contains(&r.habit_id))
            .collect::<Vec<_>>(),
        "the rows of the habits asked for, from `since` on"
    );

    assert!(store.habits().delete(ada.id, habits[0]).await.unwrap());
    assert_eq!(
        months_of(store, ada.id).await,
        recomputed(store, ada.id, &habits[1..]).await,
        "a deleted habit leaves no months"
    );
    assert_all_time(store, ada.id, &habits[1..], day(2026, 12, 31), (&[], &[])).await;
}
