use crate::fixtures::{later, user};
use habitflow_domain::model::AuthSession;
use habitflow_testkit::TestDatabase;

fn session(id_hash: &str, user_id: uuid::Uuid, created: i64) -> AuthSession {
    AuthSession {
        id_hash: id_hash.into(),
        user_id,
        created_at: later(created),
        expires_at: later(created + 3600),
        last_seen_at: later(created),
        ip: "203.0.113.7".into(),
        user_agent: "Firefox".into(),
    }
}

pub async fn stores_touches_and_deletes_sessions(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let first = session("hash-1", ada.id, 0);
    store.sessions().create(&first).await.unwrap();
    assert_eq!(
        store.sessions().get("hash-1").await.unwrap(),
        Some(first.clone())
    );
    assert_eq!(store.sessions().get("hash-2").await.unwrap(), None);
    store.sessions().touch("hash-1", later(90)).await.unwrap();
    assert_eq!(
        store
            .sessions()
            .get("hash-1")
            .await
            .unwrap()
            .unwrap()
            .last_seen_at,
        later(90)
    );
    assert!(store.sessions().delete("hash-1").await.unwrap());
    assert!(!store.sessions().delete("hash-1").await.unwrap());
    assert_eq!(store.sessions().get("hash-1").await.unwrap(), None);
}

pub async fn lists_and_ends_a_users_sessions(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    for (n, hash) in ["a1", "a2", "a3"].into_iter().enumerate() {
        store
            .sessions()
            .create(&session(hash, ada.id, n as i64))
            .await
            .unwrap();
    }
    store
        .sessions()
        .create(&session("b1", bob.id, 0))
        .await
        .unwrap();
    let listed: Vec<String> = store
        .sessions()
        .list_for_user(ada.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id_hash)
        .collect();
    assert_eq!(listed, vec!["a3", "a2", "a1"]);
    assert_eq!(
        store
            .sessions()
            .delete_for_user(ada.id, Some("a2"))
            .await
            .unwrap(),
        2
    );
    let left: Vec<String> = store
        .sessions()
        .list_for_user(ada.id)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.id_hash)
        .collect();
    assert_eq!(left, vec!["a2"]);
    assert_eq!(
        store
            .sessions()
            .delete_for_user(ada.id, None)
            .await
            .unwrap(),
        1
    );
    assert_eq!(
        store.sessions().list_for_user(bob.id).await.unwrap().len(),
        1
    );
}

pub async fn deletes_expired_and_idle_sessions(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    // Ends at 3,600 s.
    store
        .sessions()
        .create(&session("past-end", ada.id, 0))
        .await
        .unwrap();
    // Live until 8,000 s, but last seen at 5,000 s.
    store
        .sessions()
        .create(&session("idle", ada.id, 5_000))
        .await
        .unwrap();
    store
        .sessions()
        .create(&session("live", ada.id, 7_000))
        .await
        .unwrap();
    let gone = store
        .sessions()
        .delete_expired(later(6_000), later(5_500))
        .await
        .unwrap();
    assert_eq!(gone, 2);
    assert_eq!(store.sessions().get("past-end").await.unwrap(), None);
    assert_eq!(store.sessions().get("idle").await.unwrap(), None);
    assert!(store.sessions().get("live").await.unwrap().is_some());
}

/// A session is read with its user in one query (docs/benchmarks.md#habits-list-17):
/// the same session and user as read apart, a deactivated user as it is (the
/// caller refuses it), and nothing once the session or the user is gone.
pub async fn a_session_is_read_with_its_user(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let adas = session("hash-a", ada.id, 30);
    store.sessions().create(&adas).await.unwrap();
    store
        .sessions()
        .create(&session("hash-b", bob.id, 60))
        .await
        .unwrap();
    let found = store.sessions().get_with_user("hash-a").await.unwrap();
    assert_eq!(found, Some((adas.clone(), ada.clone())));
    assert_eq!(
        store.sessions().get_with_user("hash-c").await.unwrap(),
        None
    );

    store
        .users()
        .set_active(ada.id, false, later(90))
        .await
        .unwrap();
    let (session, user) = store
        .sessions()
        .get_with_user("hash-a")
        .await
        .unwrap()
        .unwrap();
    assert_eq!(session, adas);
    assert_eq!(
        Some(user.clone()),
        store.users().by_id(ada.id).await.unwrap()
    );
    assert!(!user.is_active);

    store.sessions().delete("hash-a").await.unwrap();
    assert_eq!(
        store.sessions().get_with_user("hash-a").await.unwrap(),
        None
    );
    assert!(store.users().delete(bob.id).await.unwrap());
    assert_eq!(
        store.sessions().get_with_user("hash-b").await.unwrap(),
        None
    );
}
