use crate::fixtures::{later, now, user};
use habitflow_domain::model::{NewUser, Profile};
use habitflow_storage::StoreError;
use habitflow_testkit::TestDatabase;

pub async fn creates_and_finds_users(db: &TestDatabase) {
    let store = db.store();
    let created = user(store, "ada@example.com").await;
    assert_eq!(created.email, "ada@example.com");
    assert!(created.is_active);
    assert_eq!(created.time_zone, "UTC");
    assert_eq!(created.created_at, now());
    let by_email = store.users().by_email("ada@example.com").await.unwrap();
    assert_eq!(by_email.as_ref(), Some(&created));
    assert_eq!(
        store.users().by_id(created.id).await.unwrap(),
        Some(created)
    );
    assert_eq!(
        store.users().by_email("bob@example.com").await.unwrap(),
        None
    );
}

pub async fn refuses_a_second_account_for_an_email(db: &TestDatabase) {
    let store = db.store();
    user(store, "ada@example.com").await;
    let again = store
        .users()
        .create(
            &NewUser {
                email: "ada@example.com".parse().unwrap(),
                display_name: "Other".into(),
                password_hash: None,
                profile: Profile::default(),
            },
            now(),
        )
        .await;
    assert!(matches!(again, Err(StoreError::Conflict(_))), "{again:?}");
}

pub async fn updates_profile_password_and_activity(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let profile = Profile {
        display_name: "Ada".into(),
        time_zone: "Europe/London".into(),
        day_start_hour: 3,
        language: "ru".into(),
    };
    let updated = store
        .users()
        .update_profile(ada.id, &profile, later(60))
        .await
        .unwrap();
    assert_eq!(updated.display_name, "Ada");
    assert_eq!(updated.time_zone, "Europe/London");
    assert_eq!(updated.day_start_hour, 3);
    assert_eq!(updated.language, "ru");
    assert_eq!(updated.updated_at, later(60));
    store
        .users()
        .set_password_hash(ada.id, "$argon2id$new", later(61))
        .await
        .unwrap();
    store
        .users()
        .set_active(ada.id, false, later(62))
        .await
        .unwrap();
    let reread = store.users().by_id(ada.id).await.unwrap().unwrap();
    assert_eq!(reread.password_hash.as_deref(), Some("$argon2id$new"));
    assert!(!reread.is_active);
    let missing = store
        .users()
        .set_active(crate::fixtures::unknown_id(), true, now())
        .await;
    assert!(matches!(missing, Err(StoreError::NotFound)));
}
