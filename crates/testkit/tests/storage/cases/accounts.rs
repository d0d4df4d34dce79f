//! Operator commands' storage: listing and deleting accounts, and one-time
//! password-reset links.
use crate::fixtures::{checkin, day, futures_join_all, habit, later, now, put, task, theme, user};
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::model::{AuthSession, PasswordReset};
use habitflow_testkit::TestDatabase;

pub async fn lists_accounts_and_deletes_one_with_everything_it_owns(db: &TestDatabase) {
    let store = db.store();
    let bob = user(store, "bob@example.com").await;
    let ada = user(store, "ada@example.com").await;
    let emails: Vec<String> = store
        .users()
        .list()
        .await
        .unwrap()
        .into_iter()
        .map(|u| u.email)
        .collect();
    assert_eq!(emails, ["ada@example.com", "bob@example.com"]);

    let health = store
        .themes()
        .create(ada.id, &theme("Health"), now())
        .await
        .unwrap();
    store
        .tasks()
        .create(ada.id, &task("t"), now())
        .await
        .unwrap();
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    put(
        store,
        checkin(ada.id, read.id, day(2026, 3, 4), CheckinKind::Done),
    )
    .await
    .unwrap();
    store
        .sessions()
        .create(&AuthSession {
            id_hash: "ada-session".into(),
            user_id: ada.id,
            created_at: now(),
            expires_at: later(3600),
            last_seen_at: now(),
            ip: String::new(),
            user_agent: String::new(),
        })
        .await
        .unwrap();
    store
        .identities()
        .link(
            ada.id,
            "https://issuer.example",
            "ada-sub",
            Some("ada@example.com"),
            now(),
        )
        .await
        .unwrap();
    store
        .password_resets()
        .create(&reset("ada-reset", ada.id))
        .await
        .unwrap();
    let bobs = store
        .tasks()
        .create(bob.id, &task("b"), now())
        .await
        .unwrap();

    assert!(store.users().delete(ada.id).await.unwrap());
    assert!(!store.users().delete(ada.id).await.unwrap(), "already gone");
    assert_eq!(store.users().by_id(ada.id).await.unwrap(), None);
    assert_eq!(store.themes().get(ada.id, health.id).await.unwrap(), None);
    assert_eq!(store.habits().get(ada.id, read.id).await.unwrap(), None);
    assert!(
        store
            .checkins()
            .for_habits(ada.id, &[read.id])
            .await
            .unwrap()
            .is_empty()
    );
    assert_eq!(store.sessions().get("ada-session").await.unwrap(), None);
    assert_eq!(
        store
            .identities()
            .find("https://issuer.example", "ada-sub")
            .await
            .unwrap(),
        None
    );
    assert_eq!(
        store
            .password_resets()
            .user_for("ada-reset", now())
            .await
            .unwrap(),
        None
    );
    assert!(store.tasks().get(bob.id, bobs.id).await.unwrap().is_some());
}

fn reset(hash: &str, user: uuid::Uuid) -> PasswordReset {
    PasswordReset {
        token_hash: hash.into(),
        user_id: user,
        created_at: now(),
        expires_at: later(3600),
    }
}

pub async fn a_reset_link_is_used_once_and_expires(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let links = store.password_resets();
    links.create(&reset("first", ada.id)).await.unwrap();
    links.create(&reset("second", ada.id)).await.unwrap();
    assert_eq!(
        links.user_for("first", now()).await.unwrap(),
        None,
        "a new link replaces the earlier one"
    );
    assert_eq!(
        links.user_for("second", later(3599)).await.unwrap(),
        Some(ada.id)
    );
    assert_eq!(links.user_for("second", later(3600)).await.unwrap(), None);
    let takes = futures_join_all((0..5).map(|_| links.take("second", now()))).await;
    let taken: Vec<_> = takes.into_iter().filter_map(|t| t.unwrap()).collect();
    assert_eq!(taken, [ada.id], "one use of the link gets the user");
    assert_eq!(links.user_for("second", now()).await.unwrap(), None);

    links.create(&reset("late", ada.id)).await.unwrap();
    assert_eq!(links.take("late", later(3601)).await.unwrap(), None);
    assert_eq!(
        links.take("late", now()).await.unwrap(),
        None,
        "an expired link is gone once tried"
    );
}
