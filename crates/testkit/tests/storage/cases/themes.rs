use crate::fixtures::{habit, later, now, task, theme, unknown_id, user};
use habitflow_domain::model::{TaskInput, ThemeInput};
use habitflow_storage::StoreError;
use habitflow_testkit::TestDatabase;

pub async fn theme_names_are_unique_per_owner_ignoring_case(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    store
        .themes()
        .create(ada.id, &theme("Health"), now())
        .await
        .unwrap();
    let again = store.themes().create(ada.id, &theme("HEALTH"), now()).await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
    store
        .themes()
        .create(bob.id, &theme("health"), now())
        .await
        .unwrap();
}

pub async fn lists_themes_with_their_counts(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let work = store
        .themes()
        .create(ada.id, &theme("Work"), now())
        .await
        .unwrap();
    let art = store
        .themes()
        .create(ada.id, &theme("art"), now())
        .await
        .unwrap();
    for name in ["a", "b"] {
        let input = TaskInput {
            theme_id: Some(work.id),
            ..task(name)
        };
        store.tasks().create(ada.id, &input, now()).await.unwrap();
    }
    let input = habitflow_domain::model::HabitInput {
        theme_id: Some(work.id),
        ..habit("h")
    };
    store.habits().create(ada.id, &input, now()).await.unwrap();
    let listed = store.themes().list_with_counts(ada.id).await.unwrap();
    let summary: Vec<(&str, u32, u32)> = listed
        .iter()
        .map(|t| (t.theme.name.as_str(), t.tasks_count, t.habits_count))
        .collect();
    assert_eq!(summary, vec![("art", 0, 0), ("Work", 2, 1)]);
    assert_eq!(listed[0].theme, art);
}

pub async fn pages_themes_by_name(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    for name in ["delta", "Alpha", "charlie", "Bravo", "echo"] {
        store
            .themes()
            .create(ada.id, &theme(name), now())
            .await
            .unwrap();
    }
    store
        .themes()
        .create(bob.id, &theme("Bob's"), now())
        .await
        .unwrap();
    let charlie = store.themes().list_with_counts(ada.id).await.unwrap()[2]
        .theme
        .id;
    let input = TaskInput {
        theme_id: Some(charlie),
        ..task("t")
    };
    store.tasks().create(ada.id, &input, now()).await.unwrap();
    let names = |page: &habitflow_domain::model::Page<_>| -> Vec<String> {
        page.items
            .iter()
            .map(|t: &habitflow_domain::model::ThemeWithCounts| t.theme.name.clone())
            .collect()
    };
    let first = store.themes().page_with_counts(ada.id, 2, 0).await.unwrap();
    assert_eq!(
        (names(&first), first.total),
        (vec!["Alpha".into(), "Bravo".into()], 5)
    );
    let second = store.themes().page_with_counts(ada.id, 2, 2).await.unwrap();
    assert_eq!(
        (names(&second), second.total),
        (vec!["charlie".into(), "delta".into()], 5)
    );
    assert_eq!(second.items[0].tasks_count, 1, "counts ride along");
    let last = store.themes().page_with_counts(ada.id, 2, 4).await.unwrap();
    assert_eq!((names(&last), last.total), (vec!["echo".into()], 5));
    let past = store
        .themes()
        .page_with_counts(ada.id, 100, u32::MAX)
        .await
        .unwrap();
    assert_eq!((past.items.len(), past.total), (0, 5));
    let nobody = user(store, "cy@example.com").await;
    let empty = store
        .themes()
        .page_with_counts(nobody.id, 20, 0)
        .await
        .unwrap();
    assert_eq!((empty.items.len(), empty.total), (0, 0));
}

pub async fn deleting_a_theme_keeps_its_tasks_and_habits(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let work = store
        .themes()
        .create(ada.id, &theme("Work"), now())
        .await
        .unwrap();
    let task = store
        .tasks()
        .create(
            ada.id,
            &TaskInput {
                theme_id: Some(work.id),
                ..task("t")
            },
            now(),
        )
        .await
        .unwrap();
    let input = habitflow_domain::model::HabitInput {
        theme_id: Some(work.id),
        ..habit("h")
    };
    let habit = store.habits().create(ada.id, &input, now()).await.unwrap();
    assert!(store.themes().delete(ada.id, work.id).await.unwrap());
    assert!(!store.themes().delete(ada.id, work.id).await.unwrap());
    let task = store.tasks().get(ada.id, task.id).await.unwrap().unwrap();
    assert_eq!(task.theme_id, None);
    let habit = store.habits().get(ada.id, habit.id).await.unwrap().unwrap();
    assert_eq!(habit.theme_id, None);
}

pub async fn other_owners_themes_are_invisible(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let work = store
        .themes()
        .create(ada.id, &theme("Work"), now())
        .await
        .unwrap();
    assert_eq!(store.themes().get(bob.id, work.id).await.unwrap(), None);
    assert!(
        store
            .themes()
            .list_with_counts(bob.id)
            .await
            .unwrap()
            .is_empty()
    );
    let renamed = ThemeInput {
        name: "Stolen".parse().unwrap(),
        color: "#000000".into(),
    };
    let update = store
        .themes()
        .update(bob.id, work.id, &renamed, later(1))
        .await;
    assert!(matches!(update, Err(StoreError::NotFound)));
    assert!(!store.themes().delete(bob.id, work.id).await.unwrap());
    assert_eq!(
        store.themes().get(ada.id, work.id).await.unwrap(),
        Some(work.clone())
    );
    let mine = store
        .themes()
        .update(ada.id, work.id, &renamed, later(1))
        .await
        .unwrap();
    assert_eq!(
        (mine.name.as_str(), mine.color.as_str()),
        ("Stolen", "#000000")
    );
    assert!(
        store
            .themes()
            .get(ada.id, unknown_id())
            .await
            .unwrap()
            .is_none()
    );
}
