use crate::fixtures::later;
use habitflow_domain::model::Quote;
use habitflow_testkit::TestDatabase;

fn batch(label: &str) -> Vec<Quote> {
    (0..3)
        .map(|n| Quote {
            text: format!("{label} {n}"),
            author: format!("Author {n}"),
        })
        .collect()
}

pub async fn keeps_the_newest_batches(db: &TestDatabase) {
    let store = db.store();
    assert!(store.quotes().latest().await.unwrap().is_empty());
    for (n, label) in ["one", "two", "three", "four"].into_iter().enumerate() {
        store
            .quotes()
            .replace(&batch(label), later(n as i64), 3)
            .await
            .unwrap();
    }
    let latest = store.quotes().latest().await.unwrap();
    assert_eq!(latest, batch("four"));
}
