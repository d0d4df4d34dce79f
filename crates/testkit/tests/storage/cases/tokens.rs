//! Personal access tokens and calendar feeds (docs/security.md, API tokens):
//! found by hash, listed newest first, owner-scoped, gone with their owner.
use crate::fixtures::{api_token, later, now, user};
use habitflow_testkit::TestDatabase;

pub async fn tokens_are_found_by_hash_touched_and_revoked_by_their_owner(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    let first = store
        .tokens()
        .create(&api_token(ada.id, "first"))
        .await
        .unwrap();
    let second = api_token(ada.id, "second");
    let second = store.tokens().create(&ending(second)).await.unwrap();
    assert_eq!(second.expires_at, Some(later(3600)));
    assert_eq!(first.last_used_at, None);
    let listed = store.tokens().list(ada.id).await.unwrap();
    let names: Vec<&str> = listed.iter().map(|t| t.name.as_str()).collect();
    assert_eq!(names, ["second", "first"], "newest first");
    assert!(store.tokens().list(bob.id).await.unwrap().is_empty());

    let found = store.tokens().by_hash(&first.token_hash).await.unwrap();
    assert_eq!(found.as_ref(), Some(&first));
    assert_eq!(store.tokens().by_hash("no such hash").await.unwrap(), None);

    store.tokens().touch(first.id, later(90)).await.unwrap();
    let touched = store.tokens().by_hash(&first.token_hash).await.unwrap();
    assert_eq!(touched.unwrap().last_used_at, Some(later(90)));

    assert!(
        !store.tokens().delete(bob.id, first.id).await.unwrap(),
        "another user cannot revoke it"
    );
    assert!(store.tokens().delete(ada.id, first.id).await.unwrap());
    assert!(!store.tokens().delete(ada.id, first.id).await.unwrap());
    assert_eq!(
        store.tokens().by_hash(&first.token_hash).await.unwrap(),
        None
    );

    assert!(store.users().delete(ada.id).await.unwrap());
    assert_eq!(
        store.tokens().by_hash(&second.token_hash).await.unwrap(),
        None,
        "a deleted account takes its tokens along"
    );
}

/// The token with an end an hour from now.
fn ending(token: habitflow_domain::token::ApiToken) -> habitflow_domain::token::ApiToken {
    habitflow_domain::token::ApiToken {
        expires_at: Some(later(3600)),
        created_at: later(1),
        ..token
    }
}

pub async fn a_calendar_feed_is_rotated_and_turned_off(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let feeds = store.calendar_feeds();
    assert_eq!(feeds.owner_of("first").await.unwrap(), None);
    feeds.put(ada.id, "first", now()).await.unwrap();
    assert_eq!(feeds.owner_of("first").await.unwrap(), Some(ada.id));
    feeds.put(ada.id, "second", later(60)).await.unwrap();
    assert_eq!(feeds.owner_of("first").await.unwrap(), None, "rotated");
    assert_eq!(feeds.owner_of("second").await.unwrap(), Some(ada.id));
    assert!(feeds.delete(ada.id).await.unwrap());
    assert!(!feeds.delete(ada.id).await.unwrap());
    assert_eq!(feeds.owner_of("second").await.unwrap(), None);
}
