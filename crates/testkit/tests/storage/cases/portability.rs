//! An account's data in and out (docs/data.md): the export's paged reads
//! and the import's one-transaction write.
use crate::fixtures::{day, habit, now, summarize_habit, theme, user};
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::measure::HabitKind;
use habitflow_domain::model::DueReminder;
use habitflow_domain::pause::DateRange;
use habitflow_domain::portability::plan::{
    ImportPlan, PlannedCheckin, PlannedHabit, PlannedTask, PlannedTheme, Source, Stamps,
};
use habitflow_domain::quota::{MAX_THEMES, Quota};
use habitflow_domain::reminder::{ReminderTimes, Slot, next_slot_after};
use habitflow_domain::schedule::Rule;
use habitflow_domain::task::Priority;
use habitflow_storage::{Store, StoreError};
use habitflow_testkit::TestDatabase;
use jiff::civil::Date;
use jiff::tz::TimeZone;
use uuid::Uuid;

fn planned_habit(name: &str, theme: Option<usize>, dates: &[Date]) -> PlannedHabit {
    PlannedHabit {
        theme,
        name: name.parse().unwrap(),
        description: "".parse().unwrap(),
        rule: Rule::Daily,
        kind: HabitKind::Boolean,
        starts_on: day(2020, 1, 1),
        ends_on: None,
        archived_at: None,
        stamps: Stamps::default(),
        checkins: dates
            .iter()
            .map(|date| PlannedCheckin {
                date: *date,
                kind: CheckinKind::Done,
                value: None,
                note: "".parse().unwrap(),
            })
            .collect(),
        pauses: vec![DateRange::new(day(2021, 1, 1), day(2021, 1, 5)).unwrap()],
        reminder_times: ReminderTimes::parse(&["07:30", "21:00"]).unwrap(),
    }
}

/// The next slot as the service counts it, in UTC from `now()`.
fn next_reminder(times: &ReminderTimes) -> Option<Slot> {
    next_slot_after(times, &TimeZone::UTC, now())
}

/// The habits of the owner that have a reminder slot by `at`.
async fn reminders_due(store: &dyn Store, owner: Uuid, at: jiff::Timestamp) -> Vec<DueReminder> {
    let due = store.reminders().due(at, 1_000).await.unwrap();
    due.into_iter()
        .filter(|reminder| reminder.owner_id == owner)
        .collect()
}

fn days(count: i64) -> Vec<Date> {
    (0..count)
        .map(|i| {
            day(2020, 1, 1)
                .checked_add(jiff::Span::new().days(i))
                .unwrap()
        })
        .collect()
}

fn plan() -> ImportPlan {
    let mut plan = ImportPlan::new(Source::HabitFlow);
    plan.themes.push(PlannedTheme {
        name: "Imported".parse().unwrap(),
        color: "#10B981".into(),
        stamps: Stamps {
            created_at: Some("2020-01-01T08:00:00Z".parse().unwrap()),
            updated_at: Some("2020-02-01T08:00:00Z".parse().unwrap()),
        },
    });
    plan.tasks.push(PlannedTask {
        theme: Some(0),
        name: "Imported task".parse().unwrap(),
        description: "".parse().unwrap(),
        priority: Priority::High,
        due_on: Some(day(2020, 3, 1)),
        completed_at: None,
        stamps: Stamps::default(),
    });
    plan.habits
        .push(planned_habit("Read", Some(0), &days(1_200)));
    plan.vacations
        .push(DateRange::new(day(2022, 7, 1), day(2022, 7, 14)).unwrap());
    plan
}

/// Every row the owner has, table by table, for "nothing changed" checks.
async fn owned_rows(store: &dyn Store, owner: Uuid) -> (usize, usize, usize, usize, usize) {
    let habits = store.habits().list(owner).await.unwrap();
    let ids: Vec<Uuid> = habits.iter().map(|h| h.id).collect();
    let pauses = store.pauses().for_owner(owner).await.unwrap();
    (
        store.themes().list_with_counts(owner).await.unwrap().len(),
        habits.len(),
        store
            .checkins()
            .for_habits(owner, &ids)
            .await
            .unwrap()
            .len(),
        pauses.pauses.len(),
        pauses.vacations.len(),
    )
}

pub async fn an_import_is_written_whole_and_read_back_in_pages(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    store
        .portability()
        .write_import(ada.id, &plan(), now(), &summarize_habit, &next_reminder)
        .await
        .unwrap();
    let themes = store.themes().list_with_counts(ada.id).await.unwrap();
    assert_eq!(themes.len(), 1);
    assert_eq!(themes[0].theme.name, "Imported");
    assert_eq!(
        themes[0].theme.created_at,
        "2020-01-01T08:00:00Z".parse::<jiff::Timestamp>().unwrap(),
        "a HabitFlow export's times are kept"
    );
    assert_eq!((themes[0].tasks_count, themes[0].habits_count), (1, 1));
    let habits = store.habits().list(ada.id).await.unwrap();
    assert_eq!(
        habits[0].created_at,
        now(),
        "no time in the plan: the import's"
    );
    let read = habits[0].id;
    let summaries = store.summaries().for_owner(ada.id).await.unwrap();
    assert_eq!(
        summaries.len(),
        1,
        "the summary is written in the same transaction"
    );
    assert_eq!(owned_rows(store, ada.id).await, (1, 1, 1_200, 1, 1));
    let times = ReminderTimes::parse(&["07:30", "21:00"]).unwrap();
    assert_eq!(
        store.reminders().times_of(ada.id, &[read]).await.unwrap(),
        [(read, times.clone())],
        "the reminder times are written with the habit"
    );
    let slot = next_reminder(&times).unwrap();
    let due = reminders_due(store, ada.id, slot.fires_at).await;
    assert_eq!(
        due.iter()
            .map(|reminder| (reminder.habit_id, reminder.slot))
            .collect::<Vec<_>>(),
        [(read, slot)],
        "with the next slot the service computed"
    );
    let mut pages = Vec::new();
    let mut after = None;
    loop {
        let page = store
            .portability()
            .checkins_after(ada.id, read, after, 500)
            .await
            .unwrap();
        after = page.last().map(|checkin| checkin.date);
        pages.push(page.len());
        if page.len() < 500 {
            break;
        }
    }
    assert_eq!(pages, [500, 500, 200]);
    let bob = user(store, "bob@example.com").await;
    let others = store
        .portability()
        .checkins_after(bob.id, read, None, 500)
        .await
        .unwrap();
    assert!(others.is_empty(), "another owner's habit reads nothing");
}

/// A failure in the middle of the write (here a second check-in on a date
/// that already has one, the 500th of the second habit) leaves the account
/// exactly as it was.
pub async fn a_failing_import_leaves_the_account_as_it_was(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    store
        .themes()
        .create(ada.id, &theme("Mine"), now())
        .await
        .unwrap();
    store
        .habits()
        .create(ada.id, &habit("Mine"), now())
        .await
        .unwrap();
    let before = owned_rows(store, ada.id).await;
    let mut broken = plan();
    let mut dates = days(499);
    dates.push(dates[10]);
    broken.habits.push(planned_habit("Broken", None, &dates));
    let failed = store
        .portability()
        .write_import(ada.id, &broken, now(), &summarize_habit, &next_reminder)
        .await;
    assert!(failed.is_err(), "{failed:?}");
    assert_eq!(owned_rows(store, ada.id).await, before);
    assert!(
        reminders_due(store, ada.id, now() + jiff::SignedDuration::from_hours(48))
            .await
            .is_empty(),
        "no reminder times are left behind"
    );
    assert_eq!(
        store
            .tasks()
            .list(ada.id, &Default::default())
            .await
            .unwrap()
            .total,
        0
    );

    let mut too_many = ImportPlan::new(Source::LoopDb);
    for i in 0..MAX_THEMES {
        too_many.themes.push(PlannedTheme {
            name: format!("Theme {i}").parse().unwrap(),
            color: "#10B981".into(),
            stamps: Stamps::default(),
        });
    }
    let refused = store
        .portability()
        .write_import(ada.id, &too_many, now(), &summarize_habit, &next_reminder)
        .await;
    assert!(
        matches!(refused, Err(StoreError::QuotaExceeded(Quota::Themes))),
        "{refused:?}"
    );
    assert_eq!(owned_rows(store, ada.id).await, before);
}
