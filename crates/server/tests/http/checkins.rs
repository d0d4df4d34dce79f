//! Check-ins through the real routes, on SQLite and (when configured)
//! PostgreSQL: complete, skip and undo in both formats, refusals, and
//! concurrent completions.
use habitflow_testkit::{TestApp, id_of, json, local_today, location};
use serde_json::{Value, json};

habitflow_testkit::on_each_backend!(
    checkins_complete_skip_and_undo,
    checkin_refusals_say_why,
    concurrent_completions_leave_one_checkin,
);

async fn checkins_complete_skip_and_undo(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let today = local_today();
    let days_ago = |n: i64| {
        today
            .checked_sub(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let id = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": days_ago(10)}))
            .await,
    );
    let path = format!("/habits/{id}/checkins");
    for n in [3, 2] {
        let (status, outcome) = ada
            .call("POST", &path, json!({"date": days_ago(n), "kind": "done"}))
            .await;
        assert_eq!((status, outcome["changed"].as_bool()), (200, Some(true)));
    }
    let outcome = ada
        .post_json(
            &path,
            json!({"date": days_ago(1), "kind": "skipped", "note": "ill"}),
        )
        .await;
    assert_eq!(
        (
            outcome["current_streak"].as_u64(),
            outcome["due_today"].as_bool()
        ),
        (Some(2), Some(true))
    );
    let outcome = ada.check_in(&id, None, "done").await;
    assert_eq!(
        (outcome["date"].as_str(), outcome["kind"].as_str()),
        (Some(days_ago(0).as_str()), Some("done"))
    );
    assert_eq!(
        (
            outcome["current_streak"].as_u64(),
            outcome["best_streak"].as_u64(),
            outcome["due_today"].as_bool()
        ),
        (Some(3), Some(3), Some(false))
    );
    let repeat = ada.check_in(&id, None, "done").await;
    assert_eq!(repeat["changed"], false);
    let (status, undone) = ada
        .call("DELETE", &format!("{path}/{}", days_ago(0)), json!({}))
        .await;
    assert_eq!(
        (
            status,
            undone["kind"].clone(),
            undone["changed"].as_bool(),
            undone["due_today"].as_bool()
        ),
        (200, Value::Null, Some(true), Some(true))
    );
    let list = ada
        .get_json(&format!("{path}?from={}&to={}", days_ago(3), days_ago(1)))
        .await;
    let kinds: Vec<&str> = list["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, vec!["done", "done", "skipped"]);
    assert_eq!(list["items"][2]["note"], "ill");
    let (response, _) = ada
        .post_form(
            &path,
            &[
                ("csrf_token", &token),
                ("kind", "done"),
                ("date", &days_ago(5)),
            ],
        )
        .await;
    assert_eq!(
        (response.status().as_u16(), location(&response)),
        (303, format!("/habits/{id}").as_str())
    );
    let (response, _) = ada
        .post_form(
            &format!("{path}/{}/delete", days_ago(5)),
            &[("csrf_token", &token)],
        )
        .await;
    assert_eq!(response.status(), 303);
    let habit = ada.get_json(&format!("/habits/{id}")).await;
    assert_eq!(
        (
            habit["current_streak"].as_u64(),
            habit["due_today"].as_bool(),
            habit["next_scheduled_on"].as_str()
        ),
        (Some(2), Some(true), Some(days_ago(0).as_str()))
    );
    let (status, _) = ada
        .call("DELETE", &format!("/habits/{id}"), json!({}))
        .await;
    assert_eq!(status, 204);
    let (status, _) = ada.fetch(&format!("{path}?from={}", days_ago(9))).await;
    assert_eq!(status, 404, "the habit and its check-ins are gone");
}

async fn checkin_refusals_say_why(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let today = local_today();
    let shift = |n: i64| {
        today
            .checked_add(jiff::Span::new().days(n))
            .unwrap()
            .to_string()
    };
    let id = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": shift(-5)}))
            .await,
    );
    let path = format!("/habits/{id}/checkins");
    for (date, word) in [(shift(1), "future"), (shift(-6), "before")] {
        let (status, body) = ada
            .call("POST", &path, json!({"date": date, "kind": "done"}))
            .await;
        assert_eq!(status, 400, "{date}");
        assert!(
            body["error"]["message"].as_str().unwrap().contains(word),
            "{body}"
        );
    }
    let weekly = ada
        .create_habit(json!({"name": "Mondays", "schedule_type": "weekly_days", "schedule_config": {"days": ["mon"]}, "starts_on": shift(-14)}))
        .await;
    let not_monday = (-6..=0)
        .map(shift)
        .find(|d| d.parse::<jiff::civil::Date>().unwrap().weekday() != jiff::civil::Weekday::Monday)
        .unwrap();
    let (status, body) = ada
        .call(
            "POST",
            &format!("/habits/{}/checkins", id_of(&weekly)),
            json!({"date": not_monday, "kind": "done"}),
        )
        .await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("not scheduled"),
        "{body}"
    );
    let (status, archived) = ada
        .call("POST", &format!("/habits/{id}/archive"), json!({}))
        .await;
    assert_eq!((status, archived["archived"].as_bool()), (200, Some(true)));
    let (status, body) = ada.call("POST", &path, json!({"kind": "done"})).await;
    assert_eq!(status, 400);
    assert!(
        body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("archived")
    );
    let restored = ada
        .post_json(&format!("/habits/{id}/unarchive"), json!({}))
        .await;
    assert_eq!(restored["archived"], false);
    let (status, body) = ada.call("POST", &path, json!({"kind": "maybe"})).await;
    assert_eq!(status, 422);
    assert!(body["error"]["fields"]["kind"].is_string());
    let list = ada.get_json(&format!("{path}?from={}", shift(-30))).await;
    assert_eq!(list["total"], 0, "no refused action wrote anything");
}

async fn concurrent_completions_leave_one_checkin(app: &TestApp) {
    let mut ada = app.signed_in("ada@example.com").await;
    let token = ada.csrf_token().await;
    let id = id_of(
        &ada.create_habit(json!({"name": "Read", "starts_on": "2026-01-01"}))
            .await,
    );
    let path = format!("/habits/{id}/checkins");
    let attempts: Vec<_> = (0..20)
        .map(|_| {
            let mut client = ada.clone();
            let token = token.clone();
            let path = path.clone();
            tokio::spawn(async move {
                client
                    .send_json("POST", &path, json!({"kind": "done"}), Some(&token))
                    .await
            })
        })
        .collect();
    let mut changed = 0;
    for attempt in attempts {
        let (response, body) = attempt.await.unwrap();
        assert_eq!(response.status(), 200, "{body}");
        if json(&body)["changed"] == true {
            changed += 1;
        }
    }
    assert_eq!(changed, 1, "exactly one request created the check-in");
    let list = ada.get_json(&path).await;
    assert_eq!(list["total"], 1);
}

/// A store whose check-in reads fail once a check-in was written, as when
/// the database goes away right after a commit.
struct FailsAfterAWrite {
    inner: std::sync::Arc<dyn habitflow_storage::Store>,
    written: std::sync::atomic::AtomicBool,
}

impl FailsAfterAWrite {
    fn reads(&self) -> habitflow_storage::StoreResult<()> {
        if self.written.load(std::sync::atomic::Ordering::SeqCst) {
            Err(habitflow_storage::StoreError::Unavailable(
                "gone after the commit".into(),
            ))
        } else {
            Ok(())
        }
    }
}

#[async_trait::async_trait]
impl habitflow_storage::Store for FailsAfterAWrite {
    fn backend(&self) -> habitflow_storage::Backend {
        self.inner.backend()
    }
    async fn ping(&self) -> habitflow_storage::StoreResult<()> {
        self.inner.ping().await
    }
    async fn migrate(&self) -> habitflow_storage::StoreResult<()> {
        self.inner.migrate().await
    }
    fn pool_usage(&self) -> habitflow_storage::PoolUsage {
        self.inner.pool_usage()
    }
    fn users(&self) -> &dyn habitflow_storage::UserRepo {
        self.inner.users()
    }
    fn themes(&self) -> &dyn habitflow_storage::ThemeRepo {
        self.inner.themes()
    }
    fn tasks(&self) -> &dyn habitflow_storage::TaskRepo {
        self.inner.tasks()
    }
    fn habits(&self) -> &dyn habitflow_storage::HabitRepo {
        self.inner.habits()
    }
    fn checkins(&self) -> &dyn habitflow_storage::CheckinRepo {
        self
    }
    fn quotes(&self) -> &dyn habitflow_storage::QuoteRepo {
        self.inner.quotes()
    }
    fn sessions(&self) -> &dyn habitflow_storage::SessionRepo {
        self.inner.sessions()
    }
    fn jobs(&self) -> &dyn habitflow_storage::JobRepo {
        self.inner.jobs()
    }
    fn identities(&self) -> &dyn habitflow_storage::IdentityRepo {
        self.inner.identities()
    }
    fn summaries(&self) -> &dyn habitflow_storage::SummaryRepo {
        self.inner.summaries()
    }
    fn password_resets(&self) -> &dyn habitflow_storage::PasswordResetRepo {
        self.inner.password_resets()
    }
    fn pauses(&self) -> &dyn habitflow_storage::PauseRepo {
        self.inner.pauses()
    }
    fn vacations(&self) -> &dyn habitflow_storage::VacationRepo {
        self.inner.vacations()
    }
    fn tokens(&self) -> &dyn habitflow_storage::TokenRepo {
        self.inner.tokens()
    }
    fn calendar_feeds(&self) -> &dyn habitflow_storage::CalendarFeedRepo {
        self.inner.calendar_feeds()
    }
    fn reminders(&self) -> &dyn habitflow_storage::ReminderRepo {
        self.inner.reminders()
    }
    fn portability(&self) -> &dyn habitflow_storage::PortabilityRepo {
        self.inner.portability()
    }
}

#[async_trait::async_trait]
impl habitflow_storage::CheckinRepo for FailsAfterAWrite {
    async fn put(
        &self,
        checkin: &habitflow_domain::model::CheckinWrite,
        summarize: habitflow_storage::Summarize<'_>,
    ) -> habitflow_storage::StoreResult<habitflow_storage::CheckinWritten> {
        let written = self.inner.checkins().put(checkin, summarize).await;
        self.written
            .store(true, std::sync::atomic::Ordering::SeqCst);
        written
    }
    async fn remove(
        &self,
        owner: uuid::Uuid,
        habit: uuid::Uuid,
        date: jiff::civil::Date,
        summarize: habitflow_storage::Summarize<'_>,
    ) -> habitflow_storage::StoreResult<Option<habitflow_storage::CheckinWritten>> {
        let removed = self
            .inner
            .checkins()
            .remove(owner, habit, date, summarize)
            .await;
        self.written
            .store(true, std::sync::atomic::Ordering::SeqCst);
        removed
    }
    async fn for_habit(
        &self,
        owner: uuid::Uuid,
        habit: uuid::Uuid,
        from: jiff::civil::Date,
        to: jiff::civil::Date,
    ) -> habitflow_storage::StoreResult<Vec<habitflow_domain::model::CheckinRecord>> {
        self.reads()?;
        self.inner
            .checkins()
            .for_habit(owner, habit, from, to)
            .await
    }
    async fn for_habits(
        &self,
        owner: uuid::Uuid,
        habits: &[uuid::Uuid],
    ) -> habitflow_storage::StoreResult<Vec<habitflow_domain::model::CheckinRecord>> {
        self.reads()?;
        self.inner.checkins().for_habits(owner, habits).await
    }
    async fn for_owner_since(
        &self,
        owner: uuid::Uuid,
        since: jiff::civil::Date,
    ) -> habitflow_storage::StoreResult<Vec<habitflow_domain::model::CheckinRecord>> {
        self.reads()?;
        self.inner.checkins().for_owner_since(owner, since).await
    }
    async fn months_and_rows(
        &self,
        owner: uuid::Uuid,
        since: Option<jiff::civil::Date>,
        with_rows: &[uuid::Uuid],
    ) -> habitflow_storage::StoreResult<habitflow_domain::model::MonthsAndRows> {
        self.reads()?;
        self.inner
            .checkins()
            .months_and_rows(owner, since, with_rows)
            .await
    }
    async fn insert_many(
        &self,
        owner: uuid::Uuid,
        checkins: &[habitflow_domain::model::CheckinRecord],
        now: jiff::Timestamp,
    ) -> habitflow_storage::StoreResult<u64> {
        self.inner
            .checkins()
            .insert_many(owner, checkins, now)
            .await
    }
}

/// A check-in that was committed is acknowledged even when the database
/// fails right after the commit: a 503 would tell the client nothing was
/// written (docs/reliability.md). Likewise an undo.
#[tokio::test]
async fn a_committed_checkin_is_acknowledged_even_if_the_database_fails_right_after() {
    use habitflow_domain::checkin::CheckinKind;
    let app = TestApp::spawn().await;
    let mut ada = app.signed_in("ada@example.com").await;
    let habit: uuid::Uuid = id_of(&ada.create_habit(json!({"name": "Read"})).await)
        .parse()
        .expect("a habit id");
    let store = app.state.services.store.clone();
    let user = store
        .users()
        .by_email("ada@example.com")
        .await
        .expect("read the user")
        .expect("ada exists");
    for kind in [Some(CheckinKind::Done), None] {
        let mut services = app.state.services.clone();
        services.store = std::sync::Arc::new(FailsAfterAWrite {
            inner: store.clone(),
            written: std::sync::atomic::AtomicBool::new(false),
        });
        let outcome =
            habitflow::app::checkins::check_in(&services, &user, habit, None, kind, None, "").await;
        let outcome = outcome.expect("the committed write is acknowledged");
        assert_eq!(outcome.kind, kind);
        assert!(outcome.changed);
        let stored = store
            .checkins()
            .for_habits(user.id, &[habit])
            .await
            .expect("read the check-ins");
        assert_eq!(stored.first().map(|c| c.kind), kind, "{stored:?}");
        assert_eq!(outcome.current_streak, u32::from(kind.is_some()));
    }
    app.remove().await;
}
