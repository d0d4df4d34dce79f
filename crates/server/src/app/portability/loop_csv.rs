//! Reads Loop Habit Tracker's CSV export (docs/data.md#from-loop-habit-tracker):
//! a zip with `Habits.csv` and one folder per habit, `NNN Name/Checkmarks.csv`.
//! The zip is hostile until read (docs/data.md#hostile-files): at most
//! 1,000 entries and 100 MiB uncompressed, no entry much larger than it is
//! compressed, no `..` or absolute paths, no CSV record over 64 KiB.
use super::readers::unreadable;
use crate::app::error::AppError;
use habitflow_domain::message::Message;
use habitflow_domain::portability::loop_habits::{
    LoopEntry, LoopHabit, SKIP, UNKNOWN, YES_MANUAL, plan,
};
use habitflow_domain::portability::plan::{ImportPlan, Source};
use habitflow_domain::validation::FieldErrors;
use jiff::Timestamp;
use jiff::civil::Date;
use std::collections::HashMap;
use std::io::{Cursor, Read};

/// The most entries a zip may have.
pub const MAX_ENTRIES: usize = 1_000;
/// The most its entries may hold, uncompressed, together: in MiB, and in bytes.
pub const MAX_UNCOMPRESSED_MIB: u32 = 100;
pub const MAX_UNCOMPRESSED: u64 = MAX_UNCOMPRESSED_MIB as u64 * 1024 * 1024;
/// An entry above this size may be at most `MAX_RATIO` times its compressed size.
const RATIO_FROM: u64 = 1024 * 1024;
/// How much larger than compressed an entry may be.
pub const MAX_RATIO: u32 = 200;
/// The longest CSV record read.
pub const MAX_RECORD_BYTES: usize = 64 * 1024;
/// Loop's habits file.
const HABITS_CSV: &str = "Habits.csv";

/// A 422 about a place in the file.
fn refused(place: impl Into<String>, message: Message) -> AppError {
    AppError::Validation(FieldErrors::single(place, message))
}

/// Whether a name could lead out of the folder it is unpacked in.
fn escapes(name: &str) -> bool {
    name.starts_with(['/', '\\'])
        || name.contains(':')
        || name.contains('\0')
        || name.split(['/', '\\']).any(|part| part == "..")
}

struct Archive<'a> {
    zip: zip::ZipArchive<Cursor<&'a [u8]>>,
    /// Entry names by index.
    names: Vec<String>,
    /// What may still be read, uncompressed.
    budget: u64,
}

impl<'a> Archive<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, AppError> {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes))
            .map_err(|_| unreadable(Message::new("error-import-zip-unreadable")))?;
        if zip.len() > MAX_ENTRIES {
            return Err(unreadable(
                Message::new("error-import-zip-entries").with("max", MAX_ENTRIES),
            ));
        }
        let mut names = Vec::with_capacity(zip.len());
        let mut declared = 0u64;
        for index in 0..zip.len() {
            let entry = zip
                .by_index_raw(index)
                .map_err(|_| unreadable(Message::new("error-import-zip-unreadable")))?;
            let name = entry
                .name()
                .map_err(|_| unreadable(Message::new("error-import-zip-unreadable")))?
                .into_owned();
            if escapes(&name) || entry.enclosed_name().is_none() {
                return Err(refused(name, Message::new("error-import-zip-path")));
            }
            let (size, compressed) = (entry.size(), entry.compressed_size());
            if size > RATIO_FROM && size / compressed.max(1) > u64::from(MAX_RATIO) {
                return Err(refused(
                    name,
                    Message::new("error-import-zip-ratio").with("max", MAX_RATIO),
                ));
            }
            declared = declared.saturating_add(size);
            names.push(name);
        }
        if declared > MAX_UNCOMPRESSED {
            return Err(unreadable(
                Message::new("error-import-zip-size").with("max", MAX_UNCOMPRESSED_MIB),
            ));
        }
        Ok(Self {
            zip,
            names,
            budget: MAX_UNCOMPRESSED,
        })
    }

    fn index_of(&self, name: &str) -> Option<usize> {
        self.names.iter().position(|n| n == name)
    }

    /// An entry's bytes, never more than it declares or the budget allows.
    fn read(&mut self, index: usize) -> Result<Vec<u8>, AppError> {
        let name = self.names[index].clone();
        let unreadable_entry =
            || refused(name.clone(), Message::new("error-import-zip-unreadable"));
        let entry = self.zip.by_index(index).map_err(|_| unreadable_entry())?;
        let allowed = entry.size().min(self.budget);
        let mut bytes = Vec::new();
        entry
            .take(allowed + 1)
            .read_to_end(&mut bytes)
            .map_err(|_| unreadable_entry())?;
        if bytes.len() as u64 > allowed {
            return Err(refused(
                name,
                Message::new("error-import-zip-size").with("max", MAX_UNCOMPRESSED_MIB),
            ));
        }
        self.budget -= bytes.len() as u64;
        Ok(bytes)
    }
}

/// The rows of a CSV file with their line numbers, the header row first.
fn records(file: &str, bytes: &[u8]) -> Result<Vec<(u64, csv::StringRecord)>, AppError> {
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .from_reader(bytes);
    let mut rows = Vec::new();
    for record in reader.records() {
        let record = record.map_err(|error| {
            let line = error.position().map_or(0, |p| p.line());
            refused(
                format!("{file} line {line}"),
                Message::new("error-import-csv-unreadable"),
            )
        })?;
        let line = record.position().map_or(0, |p| p.line());
        if record.as_slice().len() > MAX_RECORD_BYTES {
            return Err(refused(
                format!("{file} line {line}"),
                Message::new("error-import-csv-line").with("max", MAX_RECORD_BYTES),
            ));
        }
        rows.push((line, record));
    }
    Ok(rows)
}

/// A row's fields by the header's column names.
struct Columns(HashMap<String, usize>);

impl Columns {
    fn get<'r>(&self, row: &'r csv::StringRecord, names: &[&str]) -> Option<&'r str> {
        names
            .iter()
            .find_map(|name| self.0.get(*name))
            .and_then(|index| row.get(*index))
            .map(str::trim)
    }
}

/// The plan of a Loop CSV export.
pub fn read(bytes: &[u8], now: Timestamp, today: Date) -> Result<ImportPlan, AppError> {
    let mut archive = Archive::open(bytes)?;
    let habits_index = archive
        .index_of(HABITS_CSV)
        .ok_or_else(|| unreadable(Message::new("error-import-unknown-file")))?;
    let habits_csv = archive.read(habits_index)?;
    let mut rows = records(HABITS_CSV, &habits_csv)?.into_iter();
    let Some((_, header)) = rows.next() else {
        return Err(refused(HABITS_CSV, Message::new("error-import-csv-empty")));
    };
    let columns = Columns(
        header
            .iter()
            .enumerate()
            .map(|(index, name)| (name.trim().to_owned(), index))
            .collect(),
    );
    let mut habits = Vec::new();
    for (number, (line, row)) in rows.enumerate() {
        let place = |field: &str| format!("{HABITS_CSV} line {line} {field}");
        let integer = |names: &[&str], field: &str| -> Result<i64, AppError> {
            match columns.get(&row, names) {
                None | Some("") => Ok(1),
                Some(text) => text
                    .parse()
                    .map_err(|_| refused(place(field), Message::new("error-import-csv-number"))),
            }
        };
        let position = columns
            .get(&row, &["Position"])
            .map_or_else(|| format!("{:03}", number + 1), str::to_owned);
        let target_value = match columns.get(&row, &["Target Value"]) {
            None | Some("") => 0.0,
            Some(text) => text.parse::<f64>().map_err(|_| {
                refused(
                    place("Target Value"),
                    Message::new("error-import-csv-number"),
                )
            })?,
        };
        let mut habit = LoopHabit {
            name: columns.get(&row, &["Name"]).unwrap_or_default().to_owned(),
            question: columns
                .get(&row, &["Question"])
                .unwrap_or_default()
                .to_owned(),
            description: columns
                .get(&row, &["Description"])
                .unwrap_or_default()
                .to_owned(),
            freq_num: integer(
                &["FrequencyNumerator", "NumRepetitions"],
                "FrequencyNumerator",
            )?,
            freq_den: integer(
                &["FrequencyDenominator", "Interval"],
                "FrequencyDenominator",
            )?,
            color: columns
                .get(&row, &["Color"])
                .filter(|c| !c.is_empty())
                .map(str::to_owned),
            archived: columns.get(&row, &["Archived?"]) == Some("true"),
            numerical: columns.get(&row, &["Type"]) == Some("NUMERICAL"),
            unit: columns.get(&row, &["Unit"]).unwrap_or_default().to_owned(),
            target_type: i64::from(columns.get(&row, &["Target Type"]) == Some("AT_MOST")),
            target_value,
            reminder: None,
            entries: Vec::new(),
        };
        let prefix = format!("{position} ");
        let checkmarks = archive.names.iter().position(|name| {
            name.strip_suffix("/Checkmarks.csv")
                .is_some_and(|folder| folder.starts_with(&prefix) && !folder.contains('/'))
        });
        if let Some(index) = checkmarks {
            let file = archive.names[index].clone();
            let bytes = archive.read(index)?;
            habit.entries = entries(&file, &bytes)?;
        }
        habits.push(habit);
    }
    Ok(plan(Source::LoopCsv, &habits, now, today)?)
}

/// A habit's `Checkmarks.csv`: `Date,Value[,Notes]`, newest first.
fn entries(file: &str, bytes: &[u8]) -> Result<Vec<LoopEntry>, AppError> {
    let mut entries = Vec::new();
    for (line, row) in records(file, bytes)?.into_iter().skip(1) {
        let place = |field: &str| format!("{file} line {line} {field}");
        let date: Date = row
            .get(0)
            .map(str::trim)
            .filter(|text| text.len() == 10)
            .and_then(|text| text.parse().ok())
            .ok_or_else(|| refused(place("Date"), Message::new("error-date")))?;
        let value = match row.get(1).map(str::trim).unwrap_or_default() {
            "YES_MANUAL" => YES_MANUAL,
            "SKIP" => SKIP,
            "YES_AUTO" => 1,
            "NO" => 0,
            "UNKNOWN" | "" => UNKNOWN,
            number => number
                .parse()
                .map_err(|_| refused(place("Value"), Message::new("error-import-csv-number")))?,
        };
        entries.push(LoopEntry {
            date,
            value,
            notes: row.get(2).unwrap_or_default().to_owned(),
        });
    }
    Ok(entries)
}
