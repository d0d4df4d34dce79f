use crate::fixtures::{day, later, now, task, theme, user};
use habitflow_domain::local_date::InstantRange;
use habitflow_domain::model::{TaskCountGroup, TaskInput, TaskQuery, TaskSort, TaskStatus};
use habitflow_domain::task::Priority;
use habitflow_storage::StoreError;
use habitflow_testkit::TestDatabase;
use jiff::{SignedDuration, Timestamp};
use uuid::Uuid;

pub async fn creates_updates_completes_and_deletes_tasks(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let created = store
        .tasks()
        .create(ada.id, &task("Write"), now())
        .await
        .unwrap();
    assert_eq!(created.priority, Priority::Medium);
    assert_eq!(created.completed_at, None);
    let changes = TaskInput {
        name: "Write the report".parse().unwrap(),
        description: "by Friday".parse().unwrap(),
        priority: Priority::High,
        due_on: Some(day(2026, 3, 13)),
        ..task("unused")
    };
    let updated = store
        .tasks()
        .update(ada.id, created.id, &changes, later(5))
        .await
        .unwrap();
    assert_eq!(updated.name, "Write the report");
    assert_eq!(updated.due_on, Some(day(2026, 3, 13)));
    assert_eq!(updated.updated_at, later(5));
    assert_eq!(updated.created_at, now());
    let done = store
        .tasks()
        .set_completed_at(ada.id, created.id, Some(later(9)), later(9))
        .await
        .unwrap();
    assert_eq!(done.completed_at, Some(later(9)));
    let reopened = store
        .tasks()
        .set_completed_at(ada.id, created.id, None, later(10))
        .await
        .unwrap();
    assert_eq!(reopened.completed_at, None);
    assert_eq!(
        store.tasks().get(ada.id, created.id).await.unwrap(),
        Some(reopened)
    );
    assert!(store.tasks().delete(ada.id, created.id).await.unwrap());
    assert_eq!(store.tasks().get(ada.id, created.id).await.unwrap(), None);
}

pub async fn filters_sorts_and_pages_tasks(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let specs = [
        ("b", Priority::Low, Some(day(2026, 3, 20))),
        ("a", Priority::High, None),
        ("c", Priority::Medium, Some(day(2026, 3, 12))),
        ("d", Priority::High, Some(day(2026, 3, 15))),
    ];
    let mut ids = Vec::new();
    for (offset, (name, priority, due_on)) in specs.into_iter().enumerate() {
        let input = TaskInput {
            priority,
            due_on,
            ..task(name)
        };
        ids.push(
            store
                .tasks()
                .create(ada.id, &input, later(offset as i64))
                .await
                .unwrap()
                .id,
        );
    }
    store
        .tasks()
        .set_completed_at(ada.id, ids[3], Some(later(30)), later(30))
        .await
        .unwrap();

    let names = |page: &habitflow_domain::model::Page<habitflow_domain::model::Task>| {
        page.items
            .iter()
            .map(|t| t.name.clone())
            .collect::<Vec<_>>()
    };
    let all = |sort, descending| TaskQuery {
        status: TaskStatus::All,
        sort,
        descending,
        limit: 10,
        offset: 0,
        theme_id: None,
    };

    let active = store
        .tasks()
        .list(
            ada.id,
            &TaskQuery {
                limit: 10,
                ..TaskQuery::default()
            },
        )
        .await
        .unwrap();
    assert_eq!(
        (names(&active), active.total),
        (vec!["b".into(), "a".into(), "c".into()], 3)
    );
    let completed = TaskQuery {
        status: TaskStatus::Completed,
        limit: 10,
        ..TaskQuery::default()
    };
    assert_eq!(
        names(&store.tasks().list(ada.id, &completed).await.unwrap()),
        vec!["d"]
    );
    let by_priority = store
        .tasks()
        .list(ada.id, &all(TaskSort::Priority, true))
        .await
        .unwrap();
    assert_eq!(names(&by_priority), vec!["d", "a", "c", "b"]);
    let by_due = store
        .tasks()
        .list(ada.id, &all(TaskSort::DueOn, false))
        .await
        .unwrap();
    assert_eq!(names(&by_due), vec!["c", "d", "b", "a"]);
    let by_due_desc = store
        .tasks()
        .list(ada.id, &all(TaskSort::DueOn, true))
        .await
        .unwrap();
    assert_eq!(names(&by_due_desc), vec!["b", "d", "c", "a"]);
    let by_name = store
        .tasks()
        .list(ada.id, &all(TaskSort::Name, false))
        .await
        .unwrap();
    assert_eq!(names(&by_name), vec!["a", "b", "c", "d"]);

    let second_page = TaskQuery {
        limit: 2,
        offset: 2,
        ..all(TaskSort::Name, false)
    };
    let page = store.tasks().list(ada.id, &second_page).await.unwrap();
    assert_eq!(
        (names(&page), page.total),
        (vec!["c".into(), "d".into()], 4)
    );
    let work = store
        .themes()
        .create(ada.id, &crate::fixtures::theme("Work"), now())
        .await
        .unwrap();
    let themed = TaskInput {
        theme_id: Some(work.id),
        ..task("e")
    };
    store
        .tasks()
        .create(ada.id, &themed, later(40))
        .await
        .unwrap();
    let only_work = TaskQuery {
        theme_id: Some(work.id),
        ..all(TaskSort::Name, false)
    };
    let page = store.tasks().list(ada.id, &only_work).await.unwrap();
    assert_eq!((names(&page), page.total), (vec!["e".into()], 1));
    let past_the_end = TaskQuery {
        offset: 10,
        ..second_page
    };
    let page = store.tasks().list(ada.id, &past_the_end).await.unwrap();
    assert_eq!((page.items.len(), page.total), (0, 5));
}

pub async fn other_owners_tasks_are_invisible(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let mine = store
        .tasks()
        .create(ada.id, &task("mine"), now())
        .await
        .unwrap();
    assert_eq!(store.tasks().get(bob.id, mine.id).await.unwrap(), None);
    let query = TaskQuery {
        status: TaskStatus::All,
        limit: 10,
        ..TaskQuery::default()
    };
    assert_eq!(store.tasks().list(bob.id, &query).await.unwrap().total, 0);
    let update = store
        .tasks()
        .update(bob.id, mine.id, &task("taken"), later(1))
        .await;
    assert!(matches!(update, Err(StoreError::NotFound)));
    let complete = store
        .tasks()
        .set_completed_at(bob.id, mine.id, Some(later(1)), later(1))
        .await;
    assert!(matches!(complete, Err(StoreError::NotFound)));
    assert!(!store.tasks().delete(bob.id, mine.id).await.unwrap());
    assert_eq!(
        store.tasks().get(ada.id, mine.id).await.unwrap(),
        Some(mine)
    );
}

/// The statistics' task counts: every task in its group of theme, priority
/// and completion state; creations and completions counted when their
/// instant lies in `from <= t < until` (docs/architecture.md#tasks-counted-in-sql).
pub async fn counts_tasks_for_statistics_by_group_and_period(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let work = store
        .themes()
        .create(ada.id, &theme("Work"), now())
        .await
        .unwrap();
    let home = store
        .themes()
        .create(ada.id, &theme("Home"), now())
        .await
        .unwrap();
    let period = InstantRange {
        from: now(),
        until: later(24 * 3600),
    };
    let at = |micros: i64| period.from + SignedDuration::from_micros(micros);
    let hour = 3_600_000_000;
    // (theme, priority, created_at, completed_at)
    let specs: [(Option<Uuid>, Priority, Timestamp, Option<Timestamp>); 10] = [
        // Created exactly at `from`, completed just before `until`.
        (
            Some(work.id),
            Priority::High,
            at(0),
            Some(period.until - SignedDuration::from_micros(1)),
        ),
        // Created just before `from`, open.
        (Some(work.id), Priority::High, at(-1), None),
        // Completed long before the period.
        (
            Some(work.id),
            Priority::High,
            at(-30 * hour),
            Some(at(-25 * hour)),
        ),
        // Created exactly at `until`, which is outside.
        (Some(work.id), Priority::Low, period.until, None),
        // Completed exactly at `from`, two hours after its creation.
        (Some(home.id), Priority::Medium, at(-2 * hour), Some(at(0))),
        // Completed exactly at `until`, which is outside.
        (
            Some(home.id),
            Priority::Medium,
            at(hour),
            Some(period.until),
        ),
        (None, Priority::Medium, at(2 * hour), Some(at(3 * hour + 7))),
        (None, Priority::Medium, at(4 * hour), None),
        // Completed before its creation (an import may say so).
        (None, Priority::Low, at(5 * hour), Some(at(4 * hour))),
        (None, Priority::Low, at(6 * hour), Some(at(6 * hour))),
    ];
    for (theme_id, priority, created_at, completed_at) in specs {
        let input = TaskInput {
            theme_id,
            priority,
            ..task("counted")
        };
        let created = store
            .tasks()
            .create(ada.id, &input, created_at)
            .await
            .unwrap();
        if completed_at.is_some() {
            store
                .tasks()
                .set_completed_at(ada.id, created.id, completed_at, created_at)
                .await
                .unwrap();
        }
    }
    let others = store
        .tasks()
        .create(bob.id, &task("not counted"), at(hour))
        .await
        .unwrap();
    store
        .tasks()
        .set_completed_at(bob.id, others.id, Some(at(2 * hour)), at(2 * hour))
        .await
        .unwrap();

    let mut groups = store
        .tasks()
        .counts_for_statistics(ada.id, period)
        .await
        .unwrap();
    groups.sort_by_key(|g| (g.theme_id, g.priority.code(), g.completed));
    let group =
        |theme_id, priority, completed, tasks, created, done, completion_micros| TaskCountGroup {
            theme_id,
            priority,
            completed,
            tasks,
            created_in_period: created,
            completed_in_period: done,
            completion_micros,
        };
    let mut expected = vec![
        group(Some(work.id), Priority::High, false, 1, 0, 0, 0),
        group(Some(work.id), Priority::High, true, 2, 1, 1, 24 * hour - 1),
        group(Some(work.id), Priority::Low, false, 1, 0, 0, 0),
        group(Some(home.id), Priority::Medium, true, 2, 1, 1, 2 * hour),
        group(None, Priority::Medium, false, 1, 1, 0, 0),
        group(None, Priority::Medium, true, 1, 1, 1, hour + 7),
        group(None, Priority::Low, true, 2, 2, 2, -hour),
    ];
    expected.sort_by_key(|g| (g.theme_id, g.priority.code(), g.completed));
    assert_eq!(groups, expected);

    let outside = store
        .tasks()
        .counts_for_statistics(
            bob.id,
            InstantRange {
                from: at(3 * hour),
                until: at(4 * hour),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        outside,
        vec![group(None, Priority::Medium, true, 1, 0, 0, 0)],
        "another owner's tasks and instants outside the period are not counted"
    );
}
