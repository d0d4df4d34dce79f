use crate::fixtures::{now, unknown_id, user};
use habitflow_storage::StoreError;
use habitflow_testkit::TestDatabase;

pub async fn identities_link_find_and_unlink(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let linked = store
        .identities()
        .link(
            ada.id,
            "https://accounts.google.com",
            "123",
            Some("ada@gmail.com"),
            now(),
        )
        .await
        .unwrap();
    assert_eq!(
        store
            .identities()
            .find("https://accounts.google.com", "123")
            .await
            .unwrap(),
        Some(linked.clone())
    );
    assert_eq!(
        store
            .identities()
            .find("https://other.example", "123")
            .await
            .unwrap(),
        None
    );
    let again = store
        .identities()
        .link(bob.id, "https://accounts.google.com", "123", None, now())
        .await;
    assert!(
        matches!(again, Err(StoreError::Conflict(_))),
        "an identity belongs to one user"
    );
    assert_eq!(
        store.identities().list_for_user(ada.id).await.unwrap(),
        vec![linked.clone()]
    );
    assert!(
        !store.identities().unlink(bob.id, linked.id).await.unwrap(),
        "only the owner unlinks"
    );
    assert!(
        !store
            .identities()
            .unlink(ada.id, unknown_id())
            .await
            .unwrap()
    );
    assert!(store.identities().unlink(ada.id, linked.id).await.unwrap());
    assert!(
        store
            .identities()
            .list_for_user(ada.id)
            .await
            .unwrap()
            .is_empty()
    );
}
