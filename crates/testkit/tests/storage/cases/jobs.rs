use crate::fixtures::now;
use habitflow_testkit::TestDatabase;

pub async fn each_slot_is_claimed_once(db: &TestDatabase) {
    let store = db.store();
    let attempts = (0..8).map(|_| store.jobs().claim("quotes", 42, now()));
    let mut claimed = 0;
    for attempt in attempts {
        if attempt.await.unwrap() {
            claimed += 1;
        }
    }
    assert_eq!(claimed, 1);
    assert!(
        store.jobs().claim("quotes", 43, now()).await.unwrap(),
        "the next slot is free"
    );
    assert!(
        store.jobs().claim("other", 42, now()).await.unwrap(),
        "slots are per job"
    );
}
