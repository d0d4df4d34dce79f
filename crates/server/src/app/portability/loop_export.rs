//! `GET /export?format=loop` (docs/data.md#the-loop-layout): a zip in Loop
//! Habit Tracker's CSV export layout — `Habits.csv`, `Checkmarks.csv`, and
//! `NNN Name/Checkmarks.csv` per habit — written as the client reads it,
//! from pages of the database.
use super::super::Services;
use super::super::error::AppError;
use super::super::today::UserCalendar;
use super::export::{Chunks, Download, Stop, receiver_stream};
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::measure::{HabitKind, TargetType};
use habitflow_domain::model::{CheckinRecord, Habit, User};
use habitflow_domain::schedule::{PeriodKind, Rule};
use std::collections::HashMap;
use std::io::{self, Write};
use std::sync::{Arc, Mutex};
use tokio::sync::mpsc;
use uuid::Uuid;

/// Check-ins read per query for a habit's own file.
const CHECKIN_PAGE: u32 = 1_000;
/// Check-ins read per query and habit for the file of all habits.
const MERGE_PAGE: u32 = 100;

/// The zip writer's output, taken out piece by piece.
#[derive(Clone, Default)]
struct Sink(Arc<Mutex<Vec<u8>>>);

impl Write for Sink {
    fn write(&mut self, bytes: &[u8]) -> io::Result<usize> {
        let mut buffer = self.0.lock().map_err(|_| io::Error::other("poisoned"))?;
        buffer.extend_from_slice(bytes);
        Ok(bytes.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

impl Sink {
    fn take(&self) -> Vec<u8> {
        self.0
            .lock()
            .map(|mut b| std::mem::take(&mut *b))
            .unwrap_or_default()
    }
}

type Zip = zip::ZipWriter<zip::write::StreamWriter<Sink>>;

fn failed(error: impl std::fmt::Display) -> Stop {
    Stop::Failed(AppError::Internal(format!("loop export: {error}")))
}

/// The zip being written and the pieces it hands to the client.
struct Writer {
    zip: Zip,
    sink: Sink,
    out: Chunks,
}

impl Writer {
    fn start(&mut self, name: &str) -> Result<(), Stop> {
        let options = zip::write::SimpleFileOptions::default()
            .compression_method(zip::CompressionMethod::Deflated);
        self.zip.start_file(name, options).map_err(failed)
    }

    /// One CSV record, then what the zip wrote goes out when enough is there.
    async fn record(&mut self, fields: &[&str]) -> Result<(), Stop> {
        let mut line = csv::WriterBuilder::new().from_writer(Vec::new());
        line.write_record(fields).map_err(failed)?;
        let line = line.into_inner().map_err(failed)?;
        self.zip.write_all(&line).map_err(failed)?;
        self.out.bytes(&self.sink.take());
        self.out.flush_when_full().await
    }
}

/// The account's habits in Loop's CSV layout, written as the client reads it.
pub fn loop_zip(state: &Services, user: &User) -> Download {
    let today = UserCalendar::of(user).today(state);
    let (sender, receiver) = mpsc::channel(4);
    let (state, user) = (state.clone(), user.clone());
    tokio::spawn(async move {
        let sink = Sink::default();
        let mut writer = Writer {
            zip: zip::ZipWriter::new_stream(sink.clone()),
            sink,
            out: Chunks::new(sender),
        };
        match write_zip(&state, &user, &mut writer).await {
            Ok(()) => {
                let _ = writer.out.send().await;
            }
            Err(Stop::ClientGone) => {}
            Err(Stop::Failed(error)) => {
                tracing::error!(user_id = %user.id, %error, "the Loop export failed while streaming");
                writer.out.fail().await;
            }
        }
    });
    Download {
        file_name: format!("Loop Habits CSV {today}.zip"),
        content_type: "application/zip",
        body: receiver_stream(receiver),
    }
}

/// Loop's frequency for a schedule: the exact one for Loop's own kinds
/// (daily, n times a week, a month or in d days), the nearest for the rest.
fn frequency(rule: &Rule) -> (u32, u32) {
    match *rule {
        Rule::Daily => (1, 1),
        Rule::TimesPerPeriod { times, period } => {
            let times = u32::from(times.unwrap_or(1));
            match period {
                PeriodKind::Week => (times, 7),
                PeriodKind::Month => (times, 30),
                PeriodKind::Days(days) => (times, u32::from(days)),
            }
        }
        Rule::WeeklyDays { days, every_weeks } => {
            (u32::from(days.len()), 7 * u32::from(every_weeks))
        }
        Rule::MonthlyDay { every_months, .. } | Rule::MonthlyWeekday { every_months, .. } => {
            (1, 30 * u32::from(every_months))
        }
        Rule::YearlyDate { .. } => (1, 365),
        Rule::IntervalCycle {
            active_days,
            break_days,
        } => (
            u32::from(active_days),
            u32::from(active_days) + u32::from(break_days),
        ),
    }
}

/// A folder name as Loop makes one: `NNN ` and the name's plain characters.
fn folder_of(position: usize, name: &str) -> String {
    let plain: String = name
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || matches!(c, ' ' | '.' | '_' | '-'))
        .take(100)
        .collect();
    format!("{position:03} {plain}").trim().to_owned()
}

/// Loop's value of a check-in: its thousandths for a measurable habit.
fn value_of(record: &CheckinRecord) -> String {
    match (record.kind, record.value) {
        (CheckinKind::Skipped, _) => "SKIP".into(),
        (CheckinKind::Done, Some(value)) => value.thousandths().to_string(),
        (CheckinKind::Done, None) => "YES_MANUAL".into(),
    }
}

async fn write_zip(state: &Services, user: &User, writer: &mut Writer) -> Result<(), Stop> {
    let habits = state.store.habits().list(user.id).await?;
    let colors: HashMap<Uuid, String> = state
        .store
        .themes()
        .list_with_counts(user.id)
        .await?
        .into_iter()
        .map(|counted| (counted.theme.id, counted.theme.color))
        .collect();
    writer.start("Habits.csv")?;
    writer
        .record(&[
            "Position",
            "Name",
            "Type",
            "Question",
            "Description",
            "FrequencyNumerator",
            "FrequencyDenominator",
            "Color",
            "Unit",
            "Target Type",
            "Target Value",
            "Archived?",
        ])
        .await?;
    for (index, habit) in habits.iter().enumerate() {
        let (num, den) = frequency(&habit.rule);
        let color = habit
            .theme_id
            .and_then(|id| colors.get(&id))
            .map_or("", String::as_str);
        let (kind, unit, target_type, target) = match &habit.kind {
            HabitKind::Boolean => ("YES_NO", String::new(), "", String::new()),
            HabitKind::Measurable(measure) => (
                "NUMERICAL",
                measure.unit.as_str().to_owned(),
                match measure.target.target_type() {
                    TargetType::AtLeast => "AT_LEAST",
                    TargetType::AtMost => "AT_MOST",
                },
                format!("{:?}", measure.target.amount().as_f64()),
            ),
        };
        writer
            .record(&[
                &format!("{:03}", index + 1),
                &habit.name,
                kind,
                "",
                &habit.description,
                &num.to_string(),
                &den.to_string(),
                color,
                &unit,
                target_type,
                &target,
                if habit.archived_at.is_some() {
                    "true"
                } else {
                    "false"
                },
            ])
            .await?;
    }
    for (index, habit) in habits.iter().enumerate() {
        writer.start(&format!(
            "{}/Checkmarks.csv",
            folder_of(index + 1, &habit.name)
        ))?;
        writer.record(&["Date", "Value", "Notes"]).await?;
        let mut after = None;
        loop {
            let page = state
                .store
                .portability()
                .checkins_after(user.id, habit.id, after, CHECKIN_PAGE)
                .await?;
            after = page.last().map(|record| record.date);
            for record in &page {
                writer
                    .record(&[&record.date.to_string(), &value_of(record), &record.note])
                    .await?;
            }
            if page.len() < CHECKIN_PAGE as usize {
                break;
            }
        }
    }
    write_all_habits(state, user, &habits, writer).await?;
    let inner = std::mem::replace(&mut writer.zip, zip::ZipWriter::new_stream(Sink::default()));
    inner.finish().map_err(failed)?;
    writer.out.bytes(&writer.sink.take());
    Ok(())
}

/// A habit's check-ins read a page at a time, for the merge by date.
struct Cursor {
    habit: Uuid,
    page: std::collections::VecDeque<CheckinRecord>,
    after: Option<jiff::civil::Date>,
    done: bool,
}

impl Cursor {
    async fn peek(
        &mut self,
        state: &Services,
        owner: Uuid,
    ) -> Result<Option<&CheckinRecord>, Stop> {
        if self.page.is_empty() && !self.done {
            let page = state
                .store
                .portability()
                .checkins_after(owner, self.habit, self.after, MERGE_PAGE)
                .await?;
            self.done = page.len() < MERGE_PAGE as usize;
            self.after = page.last().map(|record| record.date);
            self.page = page.into();
        }
        Ok(self.page.front())
    }
}

/// `Checkmarks.csv`: one row per date that has a check-in, one column per
/// habit (`UNKNOWN` where that habit has none), merged from every habit's
/// pages by date.
async fn write_all_habits(
    state: &Services,
    user: &User,
    habits: &[Habit],
    writer: &mut Writer,
) -> Result<(), Stop> {
    writer.start("Checkmarks.csv")?;
    let mut header = vec!["Date"];
    header.extend(habits.iter().map(|habit| habit.name.as_str()));
    writer.record(&header).await?;
    let mut cursors: Vec<Cursor> = habits
        .iter()
        .map(|habit| Cursor {
            habit: habit.id,
            page: Default::default(),
            after: None,
            done: false,
        })
        .collect();
    loop {
        let mut next = None;
        for cursor in &mut cursors {
            if let Some(record) = cursor.peek(state, user.id).await? {
                next =
                    Some(next.map_or(record.date, |date: jiff::civil::Date| date.min(record.date)));
            }
        }
        let Some(date) = next else {
            return Ok(());
        };
        let mut row = vec![date.to_string()];
        for cursor in &mut cursors {
            let value = match cursor.page.front() {
                Some(record) if record.date == date => value_of(record),
                _ => "UNKNOWN".into(),
            };
            if cursor
                .page
                .front()
                .is_some_and(|record| record.date == date)
            {
                cursor.page.pop_front();
            }
            row.push(value);
        }
        let fields: Vec<&str> = row.iter().map(String::as_str).collect();
        writer.record(&fields).await?;
    }
}
