//! The mixed workload: 64 client threads (8 accounts × 8), each with its own
//! habit and task, doing check-ins, undos, task creates and edits and reads of
//! the lists, the home page and the statistics; every request is recorded, and
//! every write in a ledger that the database is checked against afterwards.
use crate::client::{Answer, Session, agent};
use serde_json::json;
use std::collections::{BTreeMap, BTreeSet};
use std::time::{Duration, Instant};

pub const ACCOUNTS: usize = 8;
pub const PER_ACCOUNT: usize = 8;
/// The past days each worker checks in and undoes.
const DAYS: i64 = 28;

/// One worker's own records.
#[derive(Clone)]
pub struct Worker {
    pub index: usize,
    pub session: Session,
    pub habit: String,
    pub task: String,
}

/// Accounts, their habits and tasks, created before the load starts.
pub fn set_up(base: &str, label: &str) -> Vec<Worker> {
    let agent = agent();
    let today = today();
    let starts_on = today
        .checked_sub(jiff::Span::new().days(DAYS + 10))
        .expect("a date");
    let mut workers = Vec::new();
    for account in 0..ACCOUNTS {
        let session = Session::register(base, &format!("{label}-{account}@example.com"));
        for slot in 0..PER_ACCOUNT {
            let index = account * PER_ACCOUNT + slot;
            let habit = session.expect(
                &agent,
                "POST",
                "/habits",
                Some(
                    &json!({"name": format!("Habit {index}"), "schedule_type": "daily",
                    "schedule_config": {}, "starts_on": starts_on.to_string()}),
                ),
            )["id"]
                .as_str()
                .expect("habit id")
                .to_owned();
            let task = session.expect(
                &agent,
                "POST",
                "/tasks",
                Some(&json!({"name": format!("w{index}-edit-0")})),
            )["id"]
                .as_str()
                .expect("task id")
                .to_owned();
            workers.push(Worker {
                index,
                session: session.clone(),
                habit,
                task,
            });
        }
    }
    workers
}

pub fn today() -> jiff::civil::Date {
    jiff::tz::TimeZone::UTC
        .to_datetime(jiff::Timestamp::now())
        .date()
}

/// How a request ended, as the client saw it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Class {
    Ok,
    /// 503 with the API's JSON error body.
    Unavailable,
    /// Any other status (a 500, a 503 without JSON, a 4xx…).
    OtherStatus(u16),
    /// No answer within the client's 5 s, or the connection failed.
    NoAnswer,
}

impl Class {
    pub fn of(answer: &Answer) -> Self {
        if answer.ok() {
            Class::Ok
        } else if answer.failure.is_some() {
            Class::NoAnswer
        } else if answer.unavailable_json() {
            Class::Unavailable
        } else {
            Class::OtherStatus(answer.status.unwrap_or(0))
        }
    }
}

#[derive(Debug, Clone)]
pub struct Event {
    pub what: String,
    pub write: bool,
    /// Since the start of the load.
    pub started: Duration,
    pub ended: Duration,
    pub class: Class,
    pub detail: String,
}

/// What one worker wrote, by outcome.
#[derive(Default)]
pub struct Ledger {
    /// Day → (checked in, uncertain: a write to it got no clear answer).
    days: BTreeMap<String, (bool, bool)>,
    /// Day → every write to it: what, when (s), how it ended.
    history: BTreeMap<String, Vec<String>>,
    created_acked: Vec<String>,
    created_refused: Vec<String>,
    edited: String,
    edited_uncertain: bool,
    edits_refused: Vec<String>,
}

pub struct WorkerRun {
    pub worker: Worker,
    pub events: Vec<Event>,
    pub ledger: Ledger,
}

struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

const READS: [&str; 5] = [
    "/habits",
    "/",
    "/stats?range=30d",
    "/tasks?status=all",
    "/themes",
];

/// Runs the workload for `duration` from `start`; returns every worker's run.
pub fn run(workers: &[Worker], start: Instant, duration: Duration) -> Vec<WorkerRun> {
    let today = today();
    std::thread::scope(|scope| {
        let handles: Vec<_> = workers
            .iter()
            .map(|worker| scope.spawn(move || run_worker(worker.clone(), today, start, duration)))
            .collect();
        handles
            .into_iter()
            .map(|h| h.join().expect("a worker thread panicked"))
            .collect()
    })
}

fn run_worker(
    worker: Worker,
    today: jiff::civil::Date,
    start: Instant,
    duration: Duration,
) -> WorkerRun {
    let agent = agent();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((worker.index as u64 + 1) * 0x1234_5677));
    let mut ledger = Ledger {
        edited: format!("w{}-edit-0", worker.index),
        ..Ledger::default()
    };
    let mut events = Vec::new();
    let mut seq = 0u64;
    while start.elapsed() < duration {
        seq += 1;
        let roll = rng.next() % 100;
        let began = start.elapsed();
        let (what, write, answer, effect): (String, bool, Answer, Effect) = if roll < 30 {
            let back = 1 + (rng.next() % DAYS as u64) as i64;
            let day = today
                .checked_sub(jiff::Span::new().days(back))
                .expect("a date")
                .to_string();
            let done = ledger.days.get(&day).is_some_and(|d| d.0);
            let answer = if done {
                worker.session.request(
                    &agent,
                    "DELETE",
                    &format!("/habits/{}/checkins/{day}", worker.habit),
                    None,
                )
            } else {
                worker.session.request(
                    &agent,
                    "POST",
                    &format!("/habits/{}/checkins", worker.habit),
                    Some(&json!({"date": day, "kind": "done"})),
                )
            };
            let what = if done { "undo" } else { "check-in" };
            (what.into(), true, answer, Effect::Day(day, !done))
        } else if roll < 40 {
            let name = format!("w{}-c{seq}", worker.index);
            let answer =
                worker
                    .session
                    .request(&agent, "POST", "/tasks", Some(&json!({"name": name})));
            ("task create".into(), true, answer, Effect::Create(name))
        } else if roll < 55 {
            let name = format!("w{}-e{seq}", worker.index);
            let answer = worker.session.request(
                &agent,
                "PATCH",
                &format!("/tasks/{}", worker.task),
                Some(&json!({"name": name})),
            );
            ("task edit".into(), true, answer, Effect::Edit(name))
        } else {
            let path = READS[(rng.next() % READS.len() as u64) as usize];
            let answer = worker.session.request(&agent, "GET", path, None);
            (format!("GET {path}"), false, answer, Effect::None)
        };
        let class = Class::of(&answer);
        if let Effect::Day(day, _) = &effect {
            ledger.history.entry(day.clone()).or_default().push(format!(
                "{what} {:.3}–{:.3} s {class:?}",
                began.as_secs_f64(),
                start.elapsed().as_secs_f64()
            ));
        }
        record(&mut ledger, effect, class);
        let detail = match class {
            Class::Ok => String::new(),
            _ => format!(
                "{:?} {}{}",
                answer.status,
                answer.failure.clone().unwrap_or_default(),
                answer.body.chars().take(200).collect::<String>()
            ),
        };
        events.push(Event {
            what,
            write,
            started: began,
            ended: start.elapsed(),
            class,
            detail,
        });
    }
    WorkerRun {
        worker,
        events,
        ledger,
    }
}

enum Effect {
    None,
    /// The day and whether the write checks it in (else undoes it).
    Day(String, bool),
    Create(String),
    Edit(String),
}

fn record(ledger: &mut Ledger, effect: Effect, class: Class) {
    let acked = class == Class::Ok;
    let refused = class == Class::Unavailable;
    match effect {
        Effect::None => {}
        Effect::Day(day, done) => {
            let entry = ledger.days.entry(day).or_insert((false, false));
            if acked {
                *entry = (done, false);
            } else if !refused {
                entry.1 = true;
            }
        }
        Effect::Create(name) => {
            if acked {
                ledger.created_acked.push(name);
            } else if refused {
                ledger.created_refused.push(name);
            }
        }
        Effect::Edit(name) => {
            if acked {
                ledger.edited = name;
                ledger.edited_uncertain = false;
            } else if refused {
                ledger.edits_refused.push(name);
            } else {
                ledger.edited_uncertain = true;
            }
        }
    }
}

/// The ledger against the database, read back through the API.
#[derive(Debug, Default)]
pub struct Verification {
    pub writes_acked: usize,
    pub writes_refused: usize,
    pub writes_unanswered: usize,
    pub days_checked: usize,
    pub creates_acked: usize,
    pub creates_acked_stored: usize,
    pub creates_refused: usize,
    pub creates_refused_stored: usize,
    pub edits_checked: usize,
    pub edits_refused: usize,
    pub mismatches: Vec<String>,
}

pub fn verify(runs: &[WorkerRun]) -> Verification {
    let agent = agent();
    let mut result = Verification::default();
    let mut names_by_account: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for run in runs {
        for event in run.events.iter().filter(|e| e.write) {
            match event.class {
                Class::Ok => result.writes_acked += 1,
                Class::Unavailable => result.writes_refused += 1,
                _ => result.writes_unanswered += 1,
            }
        }
        let session = &run.worker.session;
        let stored: BTreeSet<String> = session.expect(
            &agent,
            "GET",
            &format!("/habits/{}/checkins", run.worker.habit),
            None,
        )["items"]
            .as_array()
            .expect("items")
            .iter()
            .filter(|c| c["kind"] == "done")
            .filter_map(|c| c["date"].as_str().map(str::to_owned))
            .collect();
        for (day, (done, uncertain)) in &run.ledger.days {
            if *uncertain {
                continue;
            }
            result.days_checked += 1;
            if stored.contains(day) != *done {
                result.mismatches.push(format!(
                    "worker {}: {day} expected {} but the database says {}; writes: {}",
                    run.worker.index,
                    if *done {
                        "checked in"
                    } else {
                        "not checked in"
                    },
                    if *done { "not" } else { "checked in" },
                    run.ledger
                        .history
                        .get(day)
                        .map(|h| h.join(", "))
                        .unwrap_or_default()
                ));
            }
        }
        let names = names_by_account
            .entry(session.cookie.clone())
            .or_insert_with(|| all_task_names(session, &agent));
        result.creates_acked += run.ledger.created_acked.len();
        result.creates_refused += run.ledger.created_refused.len();
        for name in &run.ledger.created_acked {
            if names.contains(name) {
                result.creates_acked_stored += 1;
            } else {
                result
                    .mismatches
                    .push(format!("acknowledged task {name} is not stored"));
            }
        }
        for name in &run.ledger.created_refused {
            if names.contains(name) {
                result.creates_refused_stored += 1;
                result
                    .mismatches
                    .push(format!("refused task {name} is stored"));
            }
        }
        result.edits_refused += run.ledger.edits_refused.len();
        if !run.ledger.edited_uncertain {
            result.edits_checked += 1;
            let task = session.expect(&agent, "GET", &format!("/tasks/{}", run.worker.task), None);
            if task["name"] != run.ledger.edited.as_str() {
                result.mismatches.push(format!(
                    "worker {}: task name {} but the last acknowledged edit set {}",
                    run.worker.index, task["name"], run.ledger.edited
                ));
            }
        }
    }
    result
}

fn all_task_names(session: &Session, agent: &ureq::Agent) -> BTreeSet<String> {
    let mut names = BTreeSet::new();
    for page in 1.. {
        let list = session.expect(
            agent,
            "GET",
            &format!("/tasks?status=all&per_page=100&page={page}"),
            None,
        );
        let items = list["items"].as_array().expect("items");
        names.extend(
            items
                .iter()
                .filter_map(|t| t["name"].as_str().map(str::to_owned)),
        );
        let total = list["total"].as_u64().expect("total") as usize;
        if items.is_empty() || names.len() >= total {
            break;
        }
    }
    names
}

/// Latency percentiles over every request, in milliseconds.
pub fn percentile(events: &[&Event], fraction: f64) -> f64 {
    let mut latencies: Vec<Duration> = events.iter().map(|e| e.ended - e.started).collect();
    latencies.sort();
    if latencies.is_empty() {
        return 0.0;
    }
    let rank = ((latencies.len() as f64 * fraction).ceil() as usize).clamp(1, latencies.len());
    latencies[rank - 1].as_secs_f64() * 1000.0
}
