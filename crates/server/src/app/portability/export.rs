//! The HabitFlow export (docs/data.md#the-export): one JSON document written
//! piece by piece into a bounded channel while the client reads it, from
//! pages of the database, so memory stays flat whatever the history.
use super::super::Services;
use super::super::error::AppError;
use super::super::reminders;
use super::super::today::UserCalendar;
use futures_util::stream::{self, BoxStream, StreamExt};
use habitflow_domain::model::{TaskQuery, TaskSort, TaskStatus, User};
use habitflow_domain::portability::document::{
    CheckinDoc, FORMAT, HabitFields, Header, RangeDoc, TaskDoc, ThemeDoc, UserDoc, VERSION,
};
use serde::Serialize;
use std::collections::HashMap;
use std::io;
use tokio::sync::mpsc;
use uuid::Uuid;

/// Check-ins read per query.
const CHECKIN_PAGE: u32 = 1_000;
/// Tasks read per query.
const TASK_PAGE: u32 = 500;
/// Bytes gathered before a piece goes to the client.
const CHUNK_BYTES: usize = 64 * 1024;
/// Pieces waiting for a slow client before the writer waits too.
const CHUNKS_AHEAD: usize = 4;

/// A file to download: its name and its bytes as they are written.
pub struct Download {
    pub file_name: String,
    pub content_type: &'static str,
    pub body: BoxStream<'static, io::Result<Vec<u8>>>,
}

/// The account's whole export, written as the client reads it.
pub fn habitflow(state: &Services, user: &User) -> Download {
    let today = UserCalendar::of(user).today(state);
    let (sender, receiver) = mpsc::channel(CHUNKS_AHEAD);
    let (state, user) = (state.clone(), user.clone());
    tokio::spawn(async move {
        let mut out = Chunks::new(sender);
        match write_document(&state, &user, &mut out).await {
            Ok(()) => {
                let _ = out.send().await;
            }
            Err(Stop::ClientGone) => {}
            Err(Stop::Failed(error)) => {
                tracing::error!(user_id = %user.id, %error, "the export failed while streaming");
                let _ = out
                    .sender
                    .send(Err(io::Error::other("export failed")))
                    .await;
            }
        }
    });
    Download {
        file_name: format!("habitflow-export-{today}.json"),
        content_type: "application/json",
        body: receiver_stream(receiver),
    }
}

/// The receiving end as a stream of pieces.
pub fn receiver_stream(
    receiver: mpsc::Receiver<io::Result<Vec<u8>>>,
) -> BoxStream<'static, io::Result<Vec<u8>>> {
    stream::unfold(receiver, |mut receiver| async move {
        receiver.recv().await.map(|item| (item, receiver))
    })
    .boxed()
}

/// Why writing stopped early.
pub enum Stop {
    /// The client went away: nothing to report.
    ClientGone,
    Failed(AppError),
}

impl From<AppError> for Stop {
    fn from(error: AppError) -> Self {
        Stop::Failed(error)
    }
}

impl From<habitflow_storage::StoreError> for Stop {
    fn from(error: habitflow_storage::StoreError) -> Self {
        Stop::Failed(error.into())
    }
}

/// A buffer that goes to the client in pieces of about `CHUNK_BYTES`.
pub struct Chunks {
    buffer: Vec<u8>,
    sender: mpsc::Sender<io::Result<Vec<u8>>>,
}

impl Chunks {
    pub fn new(sender: mpsc::Sender<io::Result<Vec<u8>>>) -> Self {
        Self {
            buffer: Vec::with_capacity(CHUNK_BYTES),
            sender,
        }
    }

    pub fn raw(&mut self, text: &str) {
        self.buffer.extend_from_slice(text.as_bytes());
    }

    pub fn bytes(&mut self, bytes: &[u8]) {
        self.buffer.extend_from_slice(bytes);
    }

    pub fn value(&mut self, value: &impl Serialize) -> Result<(), Stop> {
        serde_json::to_writer(&mut self.buffer, value)
            .map_err(|e| Stop::Failed(AppError::Internal(format!("export encoding: {e}"))))
    }

    /// A JSON object without its closing brace, so more fields can follow.
    pub fn open_object(&mut self, value: &impl Serialize) -> Result<(), Stop> {
        self.value(value)?;
        if self.buffer.pop() != Some(b'}') {
            return Err(Stop::Failed(AppError::Internal(
                "export encoding: not an object".into(),
            )));
        }
        Ok(())
    }

    /// Sends the buffer once it holds a piece's worth.
    pub async fn flush_when_full(&mut self) -> Result<(), Stop> {
        if self.buffer.len() >= CHUNK_BYTES {
            self.send().await?;
        }
        Ok(())
    }

    /// Ends the download with an error, so the client sees it cut short.
    pub async fn fail(&mut self) {
        let _ = self
            .sender
            .send(Err(io::Error::other("export failed")))
            .await;
    }

    pub async fn send(&mut self) -> Result<(), Stop> {
        let piece = std::mem::replace(&mut self.buffer, Vec::with_capacity(CHUNK_BYTES));
        self.sender
            .send(Ok(piece))
            .await
            .map_err(|_| Stop::ClientGone)
    }
}

/// Writes `items` as the elements of a JSON array already opened.
async fn elements<T: Serialize + Send>(
    out: &mut Chunks,
    first: &mut bool,
    items: Vec<T>,
) -> Result<(), Stop> {
    for item in items {
        if !std::mem::take(first) {
            out.raw(",");
        }
        out.value(&item)?;
        out.flush_when_full().await?;
    }
    Ok(())
}

async fn write_document(state: &Services, user: &User, out: &mut Chunks) -> Result<(), Stop> {
    let store = &state.store;
    out.open_object(&Header {
        format: FORMAT,
        version: VERSION,
        exported_at: state.clock.now(),
        user: UserDoc::from(user),
    })?;
    out.raw(",\"themes\":[");
    let themes = store.themes().list_with_counts(user.id).await?;
    let mut first = true;
    elements(
        out,
        &mut first,
        themes
            .iter()
            .map(|counted| ThemeDoc::from(&counted.theme))
            .collect(),
    )
    .await?;
    out.raw("],\"tasks\":[");
    write_tasks(state, user, out).await?;
    out.raw("],\"habits\":[");
    let habits = store.habits().list(user.id).await?;
    let owner_pauses = store.pauses().for_owner(user.id).await?;
    let mut pauses: HashMap<Uuid, Vec<RangeDoc>> = HashMap::new();
    for pause in &owner_pauses.pauses {
        pauses
            .entry(pause.habit_id)
            .or_default()
            .push(pause.range.into());
    }
    let ids: Vec<Uuid> = habits.iter().map(|habit| habit.id).collect();
    let mut reminder_times = reminders::times_of(state, user, &ids).await?;
    for (index, habit) in habits.iter().enumerate() {
        if index > 0 {
            out.raw(",");
        }
        let fields = HabitFields::of(habit, &reminder_times.remove(&habit.id).unwrap_or_default());
        write_habit(state, user, &fields, pauses.remove(&habit.id), out).await?;
    }
    out.raw("],\"vacations\":[");
    let mut first = true;
    elements(
        out,
        &mut first,
        owner_pauses
            .vacations
            .iter()
            .map(|vacation| RangeDoc::from(vacation.range))
            .collect(),
    )
    .await?;
    out.raw("]}");
    Ok(())
}

async fn write_tasks(state: &Services, user: &User, out: &mut Chunks) -> Result<(), Stop> {
    let mut first = true;
    let mut offset = 0;
    loop {
        let page = state
            .store
            .tasks()
            .list(
                user.id,
                &TaskQuery {
                    status: TaskStatus::All,
                    theme_id: None,
                    sort: TaskSort::CreatedAt,
                    descending: false,
                    limit: TASK_PAGE,
                    offset,
                },
            )
            .await?;
        let read = page.items.len() as u32;
        elements(
            out,
            &mut first,
            page.items.iter().map(TaskDoc::from).collect(),
        )
        .await?;
        offset += read;
        if read < TASK_PAGE || offset >= page.total {
            return Ok(());
        }
    }
}

async fn write_habit(
    state: &Services,
    user: &User,
    habit: &HabitFields,
    pauses: Option<Vec<RangeDoc>>,
    out: &mut Chunks,
) -> Result<(), Stop> {
    out.open_object(habit)?;
    out.raw(",\"checkins\":[");
    let mut first = true;
    let mut after = None;
    loop {
        let page = state
            .store
            .portability()
            .checkins_after(user.id, habit.id, after, CHECKIN_PAGE)
            .await?;
        after = page.last().map(|record| record.date);
        elements(out, &mut first, page.iter().map(CheckinDoc::from).collect()).await?;
        if page.len() < CHECKIN_PAGE as usize {
            break;
        }
    }
    out.raw("],\"pauses\":");
    out.value(&pauses.unwrap_or_default())?;
    out.raw("}");
    out.flush_when_full().await
}
