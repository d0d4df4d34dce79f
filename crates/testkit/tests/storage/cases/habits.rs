use crate::fixtures::{checkin, day, habit, later, now, put, user};
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::model::HabitInput;
use habitflow_domain::schedule::Rule;
use habitflow_storage::StoreError;
use habitflow_testkit::TestDatabase;
use serde_json::json;

pub async fn creates_updates_archives_and_lists_habits(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let first = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    assert_eq!(first.rule, Rule::Daily);
    assert_eq!(first.archived_at, None);
    let weekly = HabitInput {
        rule: Rule::from_config(
            "weekly_days",
            &json!({"days": ["mon", "thu"], "every_weeks": 2}),
        )
        .unwrap(),
        ends_on: Some(day(2026, 12, 31)),
        ..habit("Run")
    };
    let second = store
        .habits()
        .create(ada.id, &weekly, later(1))
        .await
        .unwrap();
    assert_eq!(second.rule, weekly.rule);
    assert_eq!(
        second.rule.config(),
        json!({"days": ["mon", "thu"], "every_weeks": 2})
    );
    assert_eq!(second.ends_on, Some(day(2026, 12, 31)));
    let listed = store.habits().list(ada.id).await.unwrap();
    assert_eq!(listed, vec![first.clone(), second.clone()]);
    assert!(store.habits().list(bob.id).await.unwrap().is_empty());

    let monthly = HabitInput {
        rule: Rule::MonthlyDay {
            day: 31,
            every_months: 1,
        },
        ..habit("Read more")
    };
    let updated = store
        .habits()
        .update(
            ada.id,
            first.id,
            &monthly,
            later(2),
            &crate::fixtures::summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(
        (updated.name.as_str(), updated.rule.type_name()),
        ("Read more", "monthly_day")
    );
    assert_eq!(updated.rule.config(), json!({"day": 31}));
    let archived = store
        .habits()
        .set_archived_at(
            ada.id,
            first.id,
            Some(later(3)),
            later(3),
            &crate::fixtures::summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(archived.archived_at, Some(later(3)));
    let restored = store
        .habits()
        .set_archived_at(
            ada.id,
            first.id,
            None,
            later(4),
            &crate::fixtures::summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(restored.archived_at, None);

    let foreign = store
        .habits()
        .update(
            bob.id,
            first.id,
            &monthly,
            later(5),
            &crate::fixtures::summarize_habit,
        )
        .await;
    assert!(matches!(foreign, Err(StoreError::NotFound)));
    assert!(
        store
            .habits()
            .get(bob.id, first.id)
            .await
            .unwrap()
            .is_none()
    );
    assert!(!store.habits().delete(bob.id, first.id).await.unwrap());
}

pub async fn refuses_an_end_before_the_start(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let backwards = HabitInput {
        ends_on: Some(day(2026, 2, 1)),
        ..habit("Backwards")
    };
    assert!(
        store
            .habits()
            .create(ada.id, &backwards, now())
            .await
            .is_err()
    );
    assert!(store.habits().list(ada.id).await.unwrap().is_empty());
}

pub async fn deleting_a_habit_deletes_its_checkins(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let keep = store
        .habits()
        .create(ada.id, &habit("Keep"), now())
        .await
        .unwrap();
    for habit in [read.id, keep.id] {
        put(
            store,
            checkin(ada.id, habit, day(2026, 3, 2), CheckinKind::Done),
        )
        .await
        .unwrap();
    }
    assert!(store.habits().delete(ada.id, read.id).await.unwrap());
    let left = store
        .checkins()
        .for_habits(ada.id, &[read.id, keep.id])
        .await
        .unwrap();
    assert_eq!(
        left.iter().map(|c| c.habit_id).collect::<Vec<_>>(),
        vec![keep.id]
    );
}
