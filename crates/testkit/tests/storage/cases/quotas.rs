//! Per-user quotas (docs/product.md#quotas): the store refuses the record past
//! the limit, counts each owner alone, and lets no race slip past it.
use crate::fixtures::{
    api_token, day, futures_join_all, habit, now, summarize_habit, task, theme, user,
};
use habitflow_domain::pause::DateRange;
use habitflow_domain::quota::Quota;
use habitflow_storage::{Store, StoreError, StoreResult};
use habitflow_testkit::TestDatabase;
use uuid::Uuid;

/// Creates one record of the kind through the repository.
async fn create(store: &dyn Store, owner: Uuid, kind: Quota, name: &str) -> StoreResult<Uuid> {
    match kind {
        Quota::Themes => store
            .themes()
            .create(owner, &theme(name), now())
            .await
            .map(|t| t.id),
        Quota::Tasks => store
            .tasks()
            .create(owner, &task(name), now())
            .await
            .map(|t| t.id),
        Quota::Habits => store
            .habits()
            .create(owner, &habit(name), now())
            .await
            .map(|h| h.id),
        Quota::Tokens => store
            .tokens()
            .create(&api_token(owner, name))
            .await
            .map(|t| t.id),
        Quota::Pauses => panic!("pauses are counted per habit: see the pause quota case"),
    }
}

async fn delete(store: &dyn Store, owner: Uuid, kind: Quota, id: Uuid) {
    let deleted = match kind {
        Quota::Themes => store.themes().delete(owner, id).await,
        Quota::Tasks => store.tasks().delete(owner, id).await,
        Quota::Habits => store.habits().delete(owner, id).await,
        Quota::Tokens => store.tokens().delete(owner, id).await,
        Quota::Pauses => panic!("pauses are counted per habit: see the pause quota case"),
    };
    assert!(deleted.unwrap());
}

pub async fn each_quota_refuses_the_record_past_its_limit(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let bob = user(store, "bob@example.com").await;
    for kind in [Quota::Themes, Quota::Tasks, Quota::Habits, Quota::Tokens] {
        db.seed(ada.id, kind, kind.limit() - 1).await;
        let last = create(store, ada.id, kind, "last").await;
        let last = last.unwrap_or_else(|e| panic!("{kind:?}: the last place is free: {e:?}"));
        let over = create(store, ada.id, kind, "over").await;
        assert!(
            matches!(over, Err(StoreError::QuotaExceeded(k)) if k == kind),
            "{kind:?}: {over:?}"
        );
        create(store, bob.id, kind, "bob's")
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: another owner is not limited: {e:?}"));
        delete(store, ada.id, kind, last).await;
        create(store, ada.id, kind, "again")
            .await
            .unwrap_or_else(|e| panic!("{kind:?}: a deletion frees a place: {e:?}"));
    }
}

pub async fn concurrent_creations_stop_at_the_quota(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    db.seed(ada.id, Quota::Themes, Quota::Themes.limit() - 2)
        .await;
    // One connected store per racer, as separate instances would be, so the
    // creations meet in the database rather than queue for one connection.
    let mut racers = Vec::new();
    for _ in 0..12 {
        let racer = habitflow_storage::open(db.url()).await.unwrap();
        racer.themes().list_with_counts(ada.id).await.unwrap();
        racers.push(racer);
    }
    let names: Vec<String> = (0..racers.len()).map(|i| format!("racer {i}")).collect();
    let results = futures_join_all(
        racers
            .iter()
            .zip(&names)
            .map(|(racer, name)| create(racer.as_ref(), ada.id, Quota::Themes, name)),
    )
    .await;
    let created = results.iter().filter(|r| r.is_ok()).count();
    let refused = results
        .iter()
        .filter(|r| matches!(r, Err(StoreError::QuotaExceeded(Quota::Themes))))
        .count();
    assert_eq!((created, refused), (2, 10), "{results:?}");
    let stored = store.themes().list_with_counts(ada.id).await.unwrap();
    assert_eq!(stored.len(), Quota::Themes.limit() as usize);
}

/// The `n`-th day of 2026 as a one-day range; odd days never touch each other.
fn odd_day(n: u32) -> DateRange {
    let date = day(2026, 1, 1)
        .checked_add(jiff::Span::new().days(i64::from(2 * n)))
        .unwrap();
    DateRange::new(date, date).unwrap()
}

/// Pauses are counted per habit once merged: the 101st apart is refused, a
/// pause that merges into stored ones is not, and another habit counts alone.
pub async fn the_pause_quota_counts_merged_pauses_per_habit(db: &TestDatabase) {
    let store = db.store();
    let ada = user(store, "ada@example.com").await;
    let read = store
        .habits()
        .create(ada.id, &habit("Read"), now())
        .await
        .unwrap();
    let run = store
        .habits()
        .create(ada.id, &habit("Run"), now())
        .await
        .unwrap();
    let pauses = store.pauses();
    let limit = Quota::Pauses.limit();
    for n in 0..limit {
        pauses
            .add(ada.id, read.id, odd_day(n), &summarize_habit)
            .await
            .unwrap_or_else(|e| panic!("pause {n} is within the quota: {e:?}"));
    }
    let over = pauses
        .add(ada.id, read.id, odd_day(limit), &summarize_habit)
        .await;
    assert!(
        matches!(over, Err(StoreError::QuotaExceeded(Quota::Pauses))),
        "{over:?}"
    );
    assert_eq!(
        pauses.for_habit(ada.id, read.id).await.unwrap().len(),
        limit as usize,
        "nothing was written past the limit"
    );
    // The day between the first two pauses joins them: one pause fewer.
    let between = odd_day(0)
        .to()
        .checked_add(jiff::Span::new().days(1))
        .unwrap();
    pauses
        .add(
            ada.id,
            read.id,
            DateRange::new(between, between).unwrap(),
            &summarize_habit,
        )
        .await
        .unwrap();
    assert_eq!(
        pauses.for_habit(ada.id, read.id).await.unwrap().len(),
        limit as usize - 1
    );
    pauses
        .add(ada.id, read.id, odd_day(limit), &summarize_habit)
        .await
        .unwrap_or_else(|e| panic!("the merge freed a place: {e:?}"));
    pauses
        .add(ada.id, run.id, odd_day(limit + 1), &summarize_habit)
        .await
        .unwrap_or_else(|e| panic!("another habit counts alone: {e:?}"));
}
