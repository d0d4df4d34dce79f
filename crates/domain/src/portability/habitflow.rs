//! Reads a HabitFlow export (docs/data.md#the-export) into an import plan:
//! every value through the rules the forms use; ids only link the file's
//! own records (an id the file does not define links nothing).
use super::bounds::{MAX_CHECKINS, MAX_RANGES, check_count, check_date};
use super::document::{CheckinDoc, Document, HabitDoc, RangeDoc, TaskDoc, ThemeDoc, VERSION};
use super::plan::{
    ImportPlan, PlannedCheckin, PlannedHabit, PlannedTask, PlannedTheme, Source, Stamps,
};
use crate::checkin::{CheckinKind, check_kind_accepted};
use crate::measure::{Amount, HabitKind, check_checkin_value};
use crate::message::Message;
use crate::pause::{DateRange, PauseSet};
use crate::reminder::ReminderTimes;
use crate::schedule::Rule;
use crate::task::Priority;
use crate::text::parse_color;
use crate::validation::FieldErrors;
use crate::values::{HabitDescription, HabitName, Note, TaskDescription, TaskName, ThemeName};
use std::collections::HashMap;
use uuid::Uuid;

/// Whether the bytes claim to be a HabitFlow export: a JSON object whose
/// `format` is `habitflow`, either as its first field (as exports write it,
/// so a truncated export is still recognised and refused saying where) or
/// anywhere in a whole document.
pub fn is_habitflow(bytes: &[u8]) -> bool {
    #[derive(serde::Deserialize)]
    struct Format {
        format: Option<String>,
    }
    let opening: Vec<u8> = bytes
        .iter()
        .take(256)
        .copied()
        .filter(|b| !b.is_ascii_whitespace())
        .collect();
    let first_field = format!("{{\"format\":\"{}\"", super::document::FORMAT);
    opening.starts_with(first_field.as_bytes())
        || (opening.first() == Some(&b'{')
            && serde_json::from_slice::<Format>(bytes)
                .ok()
                .and_then(|f| f.format)
                .is_some_and(|format| format == super::document::FORMAT))
}

/// The plan of a HabitFlow export; errors name the field and where it is.
pub fn read(bytes: &[u8]) -> Result<ImportPlan, FieldErrors> {
    let document: Document = serde_json::from_slice(bytes).map_err(|error| {
        FieldErrors::single(
            "file",
            Message::new("error-import-json")
                .with("line", error.line() as i64)
                .with("column", error.column() as i64),
        )
    })?;
    if document.version > VERSION || document.version == 0 {
        return Err(FieldErrors::single(
            "version",
            Message::new("error-import-version")
                .with("version", i64::from(document.version))
                .with("newest", i64::from(VERSION)),
        ));
    }
    let mut errors = FieldErrors::new();
    let mut plan = ImportPlan::new(Source::HabitFlow);
    let mut theme_index: HashMap<Uuid, usize> = HashMap::new();
    for (i, doc) in document.themes.iter().enumerate() {
        if let Some(theme) = theme(doc, &format!("themes[{i}]"), &mut errors) {
            theme_index.insert(doc.id, plan.themes.len());
            plan.themes.push(theme);
        }
    }
    for (i, doc) in document.tasks.iter().enumerate() {
        if let Some(task) = task(doc, &theme_index, &format!("tasks[{i}]"), &mut errors) {
            plan.tasks.push(task);
        }
    }
    let checkins: usize = document.habits.iter().map(|h| h.checkins.len()).sum();
    let ranges: usize = document.vacations.len()
        + document
            .habits
            .iter()
            .map(|h| h.pauses.len())
            .sum::<usize>();
    check_count(checkins, MAX_CHECKINS, "check-ins")
        .and_then(|()| check_count(ranges, MAX_RANGES, "pauses"))
        .map_err(|message| FieldErrors::single("file", message))?;
    for (i, doc) in document.habits.iter().enumerate() {
        if let Some(habit) = habit(doc, &theme_index, &format!("habits[{i}]"), &mut errors) {
            plan.habits.push(habit);
        }
    }
    plan.vacations = ranges_of(&document.vacations, "vacations", &mut errors);
    errors.into_result(plan)
}

fn stamps(created_at: jiff::Timestamp, updated_at: jiff::Timestamp) -> Stamps {
    Stamps {
        created_at: Some(created_at),
        updated_at: Some(updated_at),
    }
}

/// Adds a refusal of `field` under `place`.
fn refuse(errors: &mut FieldErrors, place: &str, field: &str, message: Message) {
    errors.add(format!("{place}.{field}"), message);
}

fn theme(doc: &ThemeDoc, place: &str, errors: &mut FieldErrors) -> Option<PlannedTheme> {
    let name = ThemeName::parse(&doc.name)
        .map_err(|m| refuse(errors, place, "name", m))
        .ok();
    let color = match parse_color(Some(&doc.color)) {
        Ok(Some(color)) => Some(color),
        Ok(None) => {
            refuse(errors, place, "color", Message::new("error-color"));
            None
        }
        Err(message) => {
            refuse(errors, place, "color", message);
            None
        }
    };
    Some(PlannedTheme {
        name: name?,
        color: color?,
        stamps: stamps(doc.created_at, doc.updated_at),
    })
}

fn optional_date(
    value: Option<jiff::civil::Date>,
    place: &str,
    field: &str,
    errors: &mut FieldErrors,
) -> Option<Option<jiff::civil::Date>> {
    match value.map(check_date).transpose() {
        Ok(date) => Some(date),
        Err(message) => {
            refuse(errors, place, field, message);
            None
        }
    }
}

fn task(
    doc: &TaskDoc,
    themes: &HashMap<Uuid, usize>,
    place: &str,
    errors: &mut FieldErrors,
) -> Option<PlannedTask> {
    let name = TaskName::parse(&doc.name)
        .map_err(|m| refuse(errors, place, "name", m))
        .ok();
    let description = TaskDescription::parse(&doc.description)
        .map_err(|m| refuse(errors, place, "description", m))
        .ok();
    let priority = Priority::from_code(&doc.priority);
    if priority.is_none() {
        refuse(
            errors,
            place,
            "priority",
            Message::new("error-choice").with("choices", "low, medium, high"),
        );
    }
    let due_on = optional_date(doc.due_on, place, "due_on", errors);
    Some(PlannedTask {
        theme: doc.theme_id.and_then(|id| themes.get(&id).copied()),
        name: name?,
        description: description?,
        priority: priority?,
        due_on: due_on?,
        completed_at: doc.completed_at,
        stamps: stamps(doc.created_at, doc.updated_at),
    })
}

fn habit(
    doc: &HabitDoc,
    themes: &HashMap<Uuid, usize>,
    place: &str,
    errors: &mut FieldErrors,
) -> Option<PlannedHabit> {
    let fields = &doc.fields;
    let name = HabitName::parse(&fields.name)
        .map_err(|m| refuse(errors, place, "name", m))
        .ok();
    let description = HabitDescription::parse(&fields.description)
        .map_err(|m| refuse(errors, place, "description", m))
        .ok();
    let kind = HabitKind::parse(
        Some(&fields.kind),
        fields.unit.as_deref(),
        fields.target.as_ref(),
        fields.target_type.as_deref(),
    )
    .map_err(|found| {
        for (field, message) in found.iter() {
            refuse(errors, place, field, message.clone());
        }
    })
    .ok();
    let rule = Rule::from_config(&fields.schedule_type, &fields.schedule_config)
        .map_err(|found| {
            for (field, message) in found.iter() {
                refuse(errors, place, field, message.clone());
            }
        })
        .ok();
    if let (Some(rule), Some(kind)) = (&rule, &kind)
        && let Err(found) = rule.check_kind(kind)
    {
        for (field, message) in found.iter() {
            refuse(errors, place, field, message.clone());
        }
    }
    let starts_on = check_date(fields.starts_on)
        .map_err(|m| refuse(errors, place, "starts_on", m))
        .ok();
    let ends_on = optional_date(fields.ends_on, place, "ends_on", errors);
    if let (Some(start), Some(Some(end))) = (starts_on, ends_on)
        && end < start
    {
        refuse(
            errors,
            place,
            "ends_on",
            Message::new("error-ends-before-start"),
        );
    }
    let reminder_times = ReminderTimes::parse(&fields.reminder_times)
        .map_err(|m| refuse(errors, place, "reminder_times", m))
        .ok();
    let (rule, kind) = (rule?, kind?);
    let checkins = checkins(&doc.checkins, &rule, &kind, place, errors);
    let pauses = ranges_of(&doc.pauses, &format!("{place}.pauses"), errors);
    Some(PlannedHabit {
        theme: fields.theme_id.and_then(|id| themes.get(&id).copied()),
        name: name?,
        description: description?,
        rule,
        kind,
        starts_on: starts_on?,
        ends_on: ends_on?,
        archived_at: fields.archived_at,
        stamps: stamps(fields.created_at, fields.updated_at),
        checkins: checkins?,
        pauses,
        reminder_times: reminder_times?,
    })
}

fn checkins(
    docs: &[CheckinDoc],
    rule: &Rule,
    kind: &HabitKind,
    place: &str,
    errors: &mut FieldErrors,
) -> Option<Vec<PlannedCheckin>> {
    let before = errors.iter().count();
    let mut planned: Vec<PlannedCheckin> = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let at = format!("{place}.checkins[{i}]");
        let Some(checkin_kind) = CheckinKind::from_code(&doc.kind) else {
            refuse(
                errors,
                &at,
                "kind",
                Message::new("error-choice").with("choices", "done, skipped"),
            );
            continue;
        };
        if let Err(refusal) = check_kind_accepted(rule, checkin_kind) {
            refuse(errors, &at, "kind", refusal.message());
            continue;
        }
        let value = match &doc.value {
            None | Some(serde_json::Value::Null) => None,
            Some(value) => match Amount::from_json(value) {
                Ok(amount) => Some(amount),
                Err(message) => {
                    refuse(errors, &at, "value", message);
                    continue;
                }
            },
        };
        if let Err(found) = check_checkin_value(kind, checkin_kind, value) {
            for (field, message) in found.iter() {
                refuse(errors, &at, field, message.clone());
            }
            continue;
        }
        let (date, note) = match (check_date(doc.date), Note::parse(&doc.note)) {
            (Ok(date), Ok(note)) => (date, note),
            (date, note) => {
                if let Err(message) = date {
                    refuse(errors, &at, "date", message);
                }
                if let Err(message) = note {
                    refuse(errors, &at, "note", message);
                }
                continue;
            }
        };
        planned.push(PlannedCheckin {
            date,
            kind: checkin_kind,
            value,
            note,
        });
    }
    planned.sort_by_key(|checkin| checkin.date);
    if let Some(pair) = planned.windows(2).find(|pair| pair[0].date == pair[1].date) {
        refuse(
            errors,
            place,
            "checkins",
            Message::new("error-import-duplicate-date").with("date", pair[0].date),
        );
    }
    (errors.iter().count() == before).then_some(planned)
}

/// Pauses or vacations, merged; errors name each range.
fn ranges_of(docs: &[RangeDoc], place: &str, errors: &mut FieldErrors) -> Vec<DateRange> {
    let mut ranges = Vec::with_capacity(docs.len());
    for (i, doc) in docs.iter().enumerate() {
        let at = format!("{place}[{i}]");
        let checked = check_date(doc.from)
            .map_err(|m| refuse(errors, &at, "from", m))
            .ok()
            .zip(
                check_date(doc.to)
                    .map_err(|m| refuse(errors, &at, "to", m))
                    .ok(),
            );
        if let Some((from, to)) = checked {
            // Stored pauses are merged, so one may span more than the 366
            // days of a pause as entered: only the order is checked.
            match DateRange::new(from, to) {
                Some(range) => ranges.push(range),
                None => refuse(
                    errors,
                    &at,
                    "to",
                    Message::new("error-pause-order").with("from", from),
                ),
            }
        }
    }
    PauseSet::merge(ranges).ranges().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::{Value, json};

    fn document(reminder_times: Option<Value>) -> Vec<u8> {
        let mut habit = json!({
            "id": "0190c1a4-0000-7000-8000-000000000001", "theme_id": null,
            "name": "Run", "description": "", "schedule_type": "daily",
            "schedule_config": {}, "kind": "boolean", "unit": null, "target": null,
            "target_type": null, "starts_on": "2026-01-01", "ends_on": null,
            "archived_at": null, "created_at": "2026-01-01T00:00:00Z",
            "updated_at": "2026-01-01T00:00:00Z", "checkins": [], "pauses": []
        });
        if let Some(times) = reminder_times {
            habit["reminder_times"] = times;
        }
        serde_json::to_vec(&json!({"format": "habitflow", "version": 1, "habits": [habit]}))
            .unwrap()
    }

    fn times_of(plan: &ImportPlan) -> Vec<String> {
        plan.habits[0]
            .reminder_times
            .as_slice()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn reminder_times_are_optional_and_read_by_the_forms_rule() {
        let older = read(&document(None)).unwrap();
        assert!(
            times_of(&older).is_empty(),
            "an export from before reminders"
        );
        let plan = read(&document(Some(json!(["21:00", "07:30", "07:30"])))).unwrap();
        assert_eq!(times_of(&plan), ["07:30", "21:00"]);
        for bad in [
            json!(["7:30"]),
            json!(["24:00"]),
            json!(["01:00", "02:00", "03:00", "04:00", "05:00", "06:00"]),
        ] {
            let errors = read(&document(Some(bad.clone()))).unwrap_err();
            let fields: Vec<&str> = errors.iter().map(|(field, _)| field).collect();
            assert_eq!(fields, ["habits[0].reminder_times"], "{bad}");
        }
    }
}
