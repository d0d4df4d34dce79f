//! The reminder scheduler on a fake clock against a fake push service in the
//! test process (docs/reminders.md): when a reminder fires in Europe/Berlin
//! (winter, summer, the DST gap and fold), when it does not (done, skipped,
//! paused, archived, not due, over an hour late), retries and dead
//! subscriptions, and exactly once across two instances and a restart.
use super::reminder_fakes::{FakePush, Subscriber, live_channels};
use axum::body::Body;
use axum::http::Request;
use habitflow::app::reminders::scheduler::TickReport;
use habitflow::app::reminders::{self, scheduler};
use habitflow::web::AppState;
use habitflow_domain::model::User;
use habitflow_testkit::{API, Browser, TestApp, TestAppBuilder};
use jiff::{SignedDuration, Timestamp};
use serde_json::json;
use tokio_util::sync::CancellationToken;
use uuid::Uuid;

struct Setup {
    app: TestApp,
    browser: Browser,
    user: User,
    push: FakePush,
    subscriber: Subscriber,
}

/// An app on a fake clock at `now`, a user in Europe/Berlin with one push
/// subscription at the fake push service.
async fn setup(builder: TestAppBuilder, now: &str) -> Setup {
    let push = FakePush::start().await;
    let mut app = builder.clock(now).spawn().await;
    app.state.services.reminders = live_channels(true, std::time::Duration::from_secs(5));
    let mut browser = app.signed_in("ada@example.com").await;
    let subscriber = Subscriber::new(1);
    let (status, answer) = browser
        .call(
            "POST",
            "/settings/reminders/push",
            subscriber.body(&push.endpoint("ada")),
        )
        .await;
    assert_eq!(status, 201, "{answer}");
    let user = app.stored_user("ada@example.com").await;
    Setup {
        app,
        browser,
        user,
        push,
        subscriber,
    }
}

impl Setup {
    async fn habit(&mut self, body: serde_json::Value, times: &[&str]) -> Uuid {
        let habit = self.browser.create_habit(body).await;
        let id: Uuid = habit["id"].as_str().unwrap().parse().unwrap();
        let times: Vec<String> = times.iter().map(|t| t.to_string()).collect();
        let times = reminders::parse_times(&times).unwrap();
        reminders::set_times(&self.app.state.services, &self.user, id, &times)
            .await
            .unwrap();
        id
    }

    fn at(&self, instant: &str) {
        self.app.clock().set(instant.parse().unwrap());
    }

    async fn tick(&self) -> TickReport {
        tick(&self.app.state).await
    }

    /// The habit URLs the push service received, decrypted.
    fn pushed(&self) -> Vec<String> {
        self.push.decrypted(&self.subscriber)
    }
}

async fn tick(state: &AppState) -> TickReport {
    scheduler::tick(&state.services, &CancellationToken::new())
        .await
        .unwrap()
}

fn daily() -> serde_json::Value {
    json!({"name": "Read", "description": "20 pages", "schedule_type": "daily", "schedule_config": {}, "starts_on": "2026-01-01"})
}

#[tokio::test]
async fn a_730_reminder_in_berlin_fires_at_its_instant_in_winter_and_summer() {
    // (midnight UTC that day, a second before 07:30 in Berlin, 07:30 in Berlin)
    for (midnight, before, at) in [
        (
            "2026-01-15T00:00:00Z",
            "2026-01-15T06:29:59Z",
            "2026-01-15T06:30:00Z",
        ),
        (
            "2026-07-15T00:00:00Z",
            "2026-07-15T05:29:59Z",
            "2026-07-15T05:30:00Z",
        ),
    ] {
        let mut s = setup(TestApp::builder(), midnight).await;
        let id = s.habit(daily(), &["07:30"]).await;
        s.at(before);
        assert_eq!(s.tick().await.claimed, 0, "not yet at {before}");
        assert!(s.pushed().is_empty());
        s.at(at);
        let report = s.tick().await;
        assert_eq!((report.claimed, report.sent), (1, 1), "at {at}");
        assert_eq!(s.pushed(), [format!("http://habits.test/habits/{id}")]);
        let payload = s.push.payloads(&s.subscriber).remove(0);
        assert_eq!(payload["title"], "Read");
        assert_eq!(payload["body"], "Read: 20 pages");
        s.at("2026-12-31T00:00:00Z");
        s.tick().await;
        assert_eq!(
            s.pushed().len(),
            1,
            "a day later the slot moved on, not repeated"
        );
    }
}

#[tokio::test]
async fn on_the_spring_forward_day_0230_fires_at_0300() {
    let mut s = setup(TestApp::builder(), "2026-03-28T12:00:00Z").await;
    s.habit(daily(), &["02:30"]).await;
    s.at("2026-03-29T00:59:00Z"); // 01:59 CET
    assert_eq!(s.tick().await.claimed, 0);
    s.at("2026-03-29T01:00:00Z"); // 03:00 CEST, the first valid minute after 02:30
    assert_eq!(s.tick().await.sent, 1);
}

#[tokio::test]
async fn on_the_fall_back_day_0230_fires_once() {
    let mut s = setup(TestApp::builder(), "2026-10-24T12:00:00Z").await;
    s.habit(daily(), &["02:30"]).await;
    // Every 5 minutes through both 02:30s (00:30Z CEST and 01:30Z CET) and past.
    let mut instant: Timestamp = "2026-10-25T00:00:00Z".parse().unwrap();
    while instant < "2026-10-25T03:00:00Z".parse().unwrap() {
        s.app.clock().set(instant);
        s.tick().await;
        instant += SignedDuration::from_mins(5);
    }
    assert_eq!(s.pushed().len(), 1);
}

#[tokio::test]
async fn a_habit_done_or_skipped_before_its_reminder_gets_none() {
    let mut s = setup(TestApp::builder(), "2026-01-15T05:00:00Z").await;
    let done = s.habit(daily(), &["07:30"]).await;
    let skipped = s
        .habit(json!({"name": "Run", "schedule_type": "daily", "schedule_config": {}, "starts_on": "2026-01-01"}), &["07:30"])
        .await;
    let open = s
        .habit(json!({"name": "Write", "schedule_type": "daily", "schedule_config": {}, "starts_on": "2026-01-01"}), &["07:30"])
        .await;
    s.at("2026-01-15T06:00:00Z"); // 07:00 in Berlin
    s.browser.check_in(&done.to_string(), None, "done").await;
    s.browser
        .check_in(&skipped.to_string(), None, "skipped")
        .await;
    s.at("2026-01-15T06:30:00Z");
    let report = s.tick().await;
    assert_eq!((report.claimed, report.passed), (1, 2));
    assert_eq!(s.pushed(), [format!("http://habits.test/habits/{open}")]);
}

/// A "2 times a week" habit is judged by its week: met on Monday and
/// Tuesday, it is not reminded on Thursday; the other one, done once, is.
#[tokio::test]
async fn a_weekly_target_met_earlier_in_the_week_gets_no_reminder() {
    let mut s = setup(TestApp::builder(), "2026-01-12T05:00:00Z").await;
    let twice_a_week = || {
        json!({"name": "Swim", "schedule_type": "times_per_period",
               "schedule_config": {"period": "week", "times": 2}, "starts_on": "2026-01-01"})
    };
    let met = s.habit(twice_a_week(), &["07:30"]).await;
    let open = s.habit(twice_a_week(), &["07:30"]).await;
    // 12 January 2026 is a Monday.
    s.at("2026-01-14T12:00:00Z");
    for day in ["2026-01-12", "2026-01-13"] {
        s.browser
            .check_in(&met.to_string(), Some(day), "done")
            .await;
    }
    s.browser
        .check_in(&open.to_string(), Some("2026-01-12"), "done")
        .await;
    s.at("2026-01-15T06:30:00Z");
    let report = s.tick().await;
    assert_eq!(report.claimed, 1);
    assert_eq!(s.pushed(), [format!("http://habits.test/habits/{open}")]);
}

#[tokio::test]
async fn paused_archived_and_non_due_habits_get_none() {
    let mut s = setup(TestApp::builder(), "2026-01-15T05:00:00Z").await;
    let paused = s.habit(daily(), &["07:30"]).await;
    let (status, answer) = s
        .browser
        .call(
            "POST",
            &format!("/habits/{paused}/pauses"),
            json!({"from": "2026-01-14", "to": "2026-01-20"}),
        )
        .await;
    assert_eq!(status, 201, "{answer}");
    let archived = s
        .habit(json!({"name": "Old", "schedule_type": "daily", "schedule_config": {}, "starts_on": "2026-01-01"}), &["07:30"])
        .await;
    s.browser
        .post_json(&format!("/habits/{archived}/archive"), json!({}))
        .await;
    // 15 January 2026 is a Thursday.
    s.habit(
        json!({"name": "Mondays", "schedule_type": "weekly_days", "schedule_config": {"days": ["mon"]}, "starts_on": "2026-01-01"}),
        &["07:30"],
    )
    .await;
    s.at("2026-01-15T06:30:00Z");
    let report = s.tick().await;
    assert_eq!((report.claimed, report.passed), (0, 3));
    assert!(s.pushed().is_empty());
    s.at("2026-01-19T06:30:00Z"); // Monday: the weekly habit only (the pause lasts to the 20th)
    let report = s.tick().await;
    assert_eq!(report.claimed, 1);
}

#[tokio::test]
async fn a_reminder_59_minutes_late_is_sent_and_61_minutes_late_is_not() {
    for (late, sent) in [(59, 1), (61, 0)] {
        let mut s = setup(TestApp::builder(), "2026-01-15T05:00:00Z").await;
        s.habit(daily(), &["07:30"]).await;
        // No instance ran from before 07:30 until `late` minutes after it.
        s.app.clock().set(
            "2026-01-15T06:30:00Z".parse::<Timestamp>().unwrap() + SignedDuration::from_mins(late),
        );
        let report = s.tick().await;
        assert_eq!(report.sent, sent, "{late} minutes late");
        assert_eq!(s.pushed().len(), sent as usize);
        s.at("2026-01-16T06:30:00Z");
        assert_eq!(
            s.tick().await.sent,
            1,
            "the next day's reminder still comes"
        );
    }
}

#[tokio::test]
async fn transient_failures_are_retried_with_back_off_and_a_410_removes_the_subscription() {
    let mut s = setup(TestApp::builder(), "2026-01-15T05:00:00Z").await;
    s.habit(daily(), &["07:30"]).await;
    s.push.fail_next(2, 503);
    s.at("2026-01-15T06:30:00Z");
    assert_eq!(s.tick().await.retried, 1);
    s.at("2026-01-15T06:30:59Z");
    assert_eq!(
        s.tick().await,
        TickReport::default(),
        "waits a minute before the first retry"
    );
    s.at("2026-01-15T06:31:00Z");
    assert_eq!(s.tick().await.retried, 1, "second failure");
    s.at("2026-01-15T06:33:00Z");
    assert_eq!(s.tick().await.sent, 1, "sent two minutes later");
    assert_eq!(s.pushed().len(), 1);

    s.push.fail_next(1, 410);
    s.at("2026-01-16T06:30:00Z");
    assert_eq!(s.tick().await.dropped, 1);
    let settings = s.browser.get_json("/settings/reminders").await;
    assert_eq!(
        settings["push_subscriptions"], 0,
        "the dead subscription is gone"
    );
}

#[tokio::test]
async fn failures_past_the_hour_are_dropped() {
    let mut s = setup(TestApp::builder(), "2026-01-15T05:00:00Z").await;
    s.habit(daily(), &["07:30"]).await;
    s.push.fail_next(1_000, 500);
    let mut instant: Timestamp = "2026-01-15T06:30:00Z".parse().unwrap();
    let mut report = TickReport::default();
    while instant < "2026-01-15T08:00:00Z".parse().unwrap() {
        s.app.clock().set(instant);
        let tick = s.tick().await;
        report.retried += tick.retried;
        report.dropped += tick.dropped;
        instant += SignedDuration::from_mins(1);
    }
    // Waits of 1, 2, 4, 8, 16, 16 minutes: attempts at 06:30, :31, :33, :37,
    // :45, 07:01 and 07:17; the next, at 07:33, would be past 07:30, the hour.
    assert_eq!(report.dropped, 1);
    assert_eq!(report.retried, 6);
    assert_eq!(s.push.attempts(), 7);
}

/// 200 habits of one user with a reminder at 07:30 Berlin, due at 06:30Z.
async fn two_hundred_due(app: &TestApp, browser: &mut Browser, user: &User) -> Vec<Uuid> {
    let mut ids = Vec::new();
    let times = reminders::parse_times(&["07:30".to_owned()]).unwrap();
    for n in 0..200 {
        let habit = browser
            .create_habit(json!({"name": format!("Habit {n}"), "schedule_type": "daily", "schedule_config": {}, "starts_on": "2026-01-01"}))
            .await;
        let id: Uuid = habit["id"].as_str().unwrap().parse().unwrap();
        reminders::set_times(&app.state.services, user, id, &times)
            .await
            .unwrap();
        ids.push(id);
    }
    ids
}

fn assert_each_once(s: &Setup, ids: &[Uuid]) {
    let mut pushed = s.pushed();
    assert_eq!(pushed.len(), 200, "deliveries");
    pushed.sort();
    pushed.dedup();
    assert_eq!(pushed.len(), 200, "no duplicates");
    let mut expected: Vec<String> = ids
        .iter()
        .map(|id| format!("http://habits.test/habits/{id}"))
        .collect();
    expected.sort();
    assert_eq!(pushed, expected, "none lost");
}

/// Two instances (two app states with their own pools, one PostgreSQL
/// database and one Redis) tick at the same time, several times.
#[tokio::test]
#[cfg_attr(
    not(with_postgres),
    ignore = "needs PostgreSQL: set HABITFLOW_TEST_DATABASE_URL"
)]
async fn two_instances_on_postgres_and_redis_deliver_200_reminders_once() {
    let mut s = setup(
        TestApp::builder().postgres().redis(),
        "2026-01-15T05:00:00Z",
    )
    .await;
    let ids = two_hundred_due(&s.app, &mut s.browser, &s.user).await;
    let second = s.app.second_instance().await;
    s.at("2026-01-15T06:30:20Z");
    let first = s.app.state.clone();
    let (mut claimed, mut sent) = ([0, 0], [0, 0]);
    for _ in 0..3 {
        let (a, b) = tokio::join!(tick(&first), tick(&second));
        claimed = [claimed[0] + a.claimed, claimed[1] + b.claimed];
        sent = [sent[0] + a.sent, sent[1] + b.sent];
    }
    println!("claimed by each instance: {claimed:?}, sent by each: {sent:?}");
    assert_eq!(claimed[0] + claimed[1], 200);
    assert_eq!(sent[0] + sent[1], 200);
    assert_each_once(&s, &ids);
    s.app.remove().await;
}

/// One instance's scheduler stops in the middle of the minute's 200
/// reminders (as at SIGTERM) and a new one starts on the same SQLite file.
#[tokio::test]
async fn an_instance_restarted_mid_minute_on_sqlite_delivers_200_reminders_once() {
    let mut s = setup(TestApp::builder(), "2026-01-15T05:00:00Z").await;
    let ids = two_hundred_due(&s.app, &mut s.browser, &s.user).await;
    s.push.delay_each(std::time::Duration::from_millis(5));
    s.at("2026-01-15T06:30:20Z");
    let tick_every = std::time::Duration::from_millis(20);
    let stop = CancellationToken::new();
    let first =
        habitflow::jobs::spawn_reminders(s.app.state.services.clone(), tick_every, stop.clone());
    while s.push.attempts() < 60 {
        tokio::time::sleep(std::time::Duration::from_millis(5)).await;
    }
    stop.cancel();
    first.await.unwrap();
    let before_restart = s.push.attempts();
    assert!(
        before_restart < 200,
        "stopped mid-minute after {before_restart}"
    );
    println!("delivered before the restart: {before_restart}");
    let restarted = s.app.second_instance().await;
    let stop = CancellationToken::new();
    let second =
        habitflow::jobs::spawn_reminders(restarted.services.clone(), tick_every, stop.clone());
    let waited = tokio::time::timeout(std::time::Duration::from_secs(60), async {
        while s.push.attempts() < 200 {
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
    })
    .await;
    // A few more ticks: nothing more may come.
    tokio::time::sleep(tick_every * 5).await;
    stop.cancel();
    second.await.unwrap();
    assert!(waited.is_ok(), "only {} delivered", s.push.attempts());
    assert_each_once(&s, &ids);
    s.app.remove().await;
}

#[tokio::test]
async fn an_imported_habits_reminder_fires_at_its_instant_in_the_users_zone() {
    let mut s = setup(TestApp::builder(), "2026-01-15T00:00:00Z").await;
    let mut habit = daily();
    habit["id"] = json!(Uuid::now_v7());
    habit["theme_id"] = json!(null);
    habit["kind"] = json!("boolean");
    habit["created_at"] = json!("2026-01-01T00:00:00Z");
    habit["updated_at"] = json!("2026-01-01T00:00:00Z");
    habit["reminder_times"] = json!(["07:30"]);
    let document = json!({"format": "habitflow", "version": 1, "habits": [habit]});
    let token = s.browser.csrf_token().await;
    let request = Request::post("/import")
        .header("content-type", "application/octet-stream")
        .header("accept", API)
        .header("x-csrf-token", token)
        .body(Body::from(serde_json::to_vec(&document).unwrap()))
        .unwrap();
    let (response, body) = s.browser.send(request).await;
    assert_eq!(response.status(), 201, "{body}");
    s.at("2026-01-15T06:29:59Z");
    assert_eq!(s.tick().await.claimed, 0, "not before 07:30 in Berlin");
    s.at("2026-01-15T06:30:00Z");
    let report = s.tick().await;
    assert_eq!(
        (report.claimed, report.sent),
        (1, 1),
        "the import set the next slot as the habit form does"
    );
    assert_eq!(s.pushed().len(), 1);
}
