//! Decoding of the text columns both backends store alike.
use crate::StoreError;
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::measure::{Amount, HabitKind, Measure, Target, TargetType};
use habitflow_domain::model::{
    CheckinMonth, CheckinRecord, Habit, MonthTotal, MonthsAndRows, OwnerPauses, Pause,
    TaskCountGroup, Vacation,
};
use habitflow_domain::pause::DateRange;
use habitflow_domain::schedule::Rule;
use habitflow_domain::task::Priority;
use habitflow_domain::values::Unit;
use jiff::civil::Date;
use uuid::Uuid;

pub fn to_priority(code: &str) -> Result<Priority, StoreError> {
    Priority::from_code(code).ok_or_else(|| StoreError::Other(format!("bad priority {code:?}")))
}

pub fn to_kind(code: &str) -> Result<CheckinKind, StoreError> {
    CheckinKind::from_code(code)
        .ok_or_else(|| StoreError::Other(format!("bad check-in kind {code:?}")))
}

/// The owner's month totals from the JSON array `[[month, done, skipped], …]`
/// the database builds (`NULL` for none), by month.
fn to_month_totals(json: Option<&str>) -> Result<Vec<MonthTotal>, StoreError> {
    let Some(json) = json else {
        return Ok(Vec::new());
    };
    let entries: Vec<(Date, u32, u32)> = serde_json::from_str(json)
        .map_err(|e| StoreError::Other(format!("bad month totals: {e}")))?;
    let mut totals: Vec<MonthTotal> = entries
        .into_iter()
        .map(|(month, done, skipped)| MonthTotal {
            month,
            done,
            skipped,
        })
        .collect();
    totals.sort_by_key(|total| total.month);
    Ok(totals)
}

/// One habit's check-in months from the JSON array
/// `[[month, done_days, skipped_days], …]` the statistics queries build per
/// habit (`NULL` for none) (docs/architecture.md#check-in-month-aggregates).
fn to_checkin_months(habit_id: Uuid, json: Option<&str>) -> Result<Vec<CheckinMonth>, StoreError> {
    let Some(json) = json else {
        return Ok(Vec::new());
    };
    let entries: Vec<(Date, u32, u32)> = serde_json::from_str(json)
        .map_err(|e| StoreError::Other(format!("bad check-in months: {e}")))?;
    Ok(entries
        .into_iter()
        .map(|(month, done_days, skipped_days)| CheckinMonth {
            habit_id,
            month,
            done_days,
            skipped_days,
        })
        .collect())
}

/// A row of `CheckinRepo::months_and_rows` and `all_time`, alike on both
/// backends but for the type of its date (`D`): without a habit, the owner's
/// first check-in and month totals (`all_time` only); with a habit and no
/// kind, the habit's check-in months as one JSON array (`NULL` for none);
/// with a kind, a check-in. A habit's months come as one value, not one row
/// each: copying a row's columns out of the database costs more than the
/// database's work, and ten years hold 120 months a habit
/// (docs/architecture.md#check-in-month-aggregates).
#[derive(sqlx::FromRow)]
pub struct StatisticsRow<D> {
    habit_id: Option<Uuid>,
    date: Option<D>,
    kind: Option<String>,
    note: Option<String>,
    value: Option<i64>,
    months: Option<String>,
    month_totals: Option<String>,
}

/// What the statistics rows hold, `to_date` decoding the backend's dates;
/// months and rows by habit, then date, as `MonthsAndRows` promises. Sorted
/// here rather than by the database, which would sort the union of both
/// kinds of row.
pub fn statistics_read<D>(
    rows: Vec<StatisticsRow<D>>,
    to_date: impl Fn(D) -> Result<Date, StoreError>,
) -> Result<MonthsAndRows, StoreError> {
    let mut read = MonthsAndRows::default();
    for row in rows {
        let Some(habit_id) = row.habit_id else {
            read.first_checkin = row.date.map(&to_date).transpose()?;
            read.totals = to_month_totals(row.month_totals.as_deref())?;
            continue;
        };
        let Some(kind) = row.kind else {
            read.months
                .extend(to_checkin_months(habit_id, row.months.as_deref())?);
            continue;
        };
        let date = row
            .date
            .ok_or_else(|| StoreError::Other("a check-in row without a date".into()))?;
        read.rows.push(CheckinRecord {
            habit_id,
            date: to_date(date)?,
            kind: to_kind(&kind)?,
            note: row.note.unwrap_or_default(),
            value: to_optional_amount(row.value)?,
        });
    }
    read.months
        .sort_by_key(|month| (month.habit_id, month.month));
    read.rows.sort_by_key(|row| (row.habit_id, row.date));
    Ok(read)
}

/// A habit's rule from its two stored columns (type name and JSON config).
pub fn to_rule(schedule_type: &str, config: &str) -> Result<Rule, StoreError> {
    let config = serde_json::from_str(config)
        .map_err(|e| StoreError::Other(format!("bad schedule_config JSON: {e}")))?;
    Rule::from_config(schedule_type, &config)
        .map_err(|e| StoreError::Other(format!("bad stored schedule: {e:?}")))
}

/// `NotFound` when a write touched no row.
pub fn require_row(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}

/// An amount stored as integer thousandths.
pub fn to_amount(thousandths: i64) -> Result<Amount, StoreError> {
    Amount::from_thousandths(thousandths)
        .ok_or_else(|| StoreError::Other(format!("bad amount {thousandths}")))
}

pub fn to_optional_amount(thousandths: Option<i64>) -> Result<Option<Amount>, StoreError> {
    thousandths.map(to_amount).transpose()
}

/// A row of `TaskRepo::counts_for_statistics`, alike on both backends: the
/// counts as integers, the completion time in microseconds.
#[derive(sqlx::FromRow)]
pub struct TaskCountRow {
    theme_id: Option<Uuid>,
    priority: String,
    completed: bool,
    tasks: i64,
    created_in_period: i64,
    completed_in_period: i64,
    completion_micros: i64,
}

impl TryFrom<TaskCountRow> for TaskCountGroup {
    type Error = StoreError;

    fn try_from(row: TaskCountRow) -> Result<Self, StoreError> {
        let count = |value: i64| {
            u32::try_from(value).map_err(|_| StoreError::Other(format!("bad task count {value}")))
        };
        Ok(TaskCountGroup {
            theme_id: row.theme_id,
            priority: to_priority(&row.priority)?,
            completed: row.completed,
            tasks: count(row.tasks)?,
            created_in_period: count(row.created_in_period)?,
            completed_in_period: count(row.completed_in_period)?,
            completion_micros: row.completion_micros,
        })
    }
}

/// A habit's kind from its four stored columns (`kind`, `unit`, `target`
/// in thousandths, `target_type`), which both backends store alike.
#[derive(Debug, Clone, sqlx::FromRow, serde::Deserialize)]
pub struct KindColumns {
    pub kind: String,
    pub unit: Option<String>,
    pub target: Option<i64>,
    pub target_type: Option<String>,
}

impl KindColumns {
    /// The columns a kind is written as.
    pub fn of(kind: &HabitKind) -> Self {
        match kind {
            HabitKind::Boolean => Self {
                kind: kind.code().to_owned(),
                unit: None,
                target: None,
                target_type: None,
            },
            HabitKind::Measurable(measure) => Self {
                kind: kind.code().to_owned(),
                unit: Some(measure.unit.as_str().to_owned()),
                target: Some(measure.target.amount().thousandths()),
                target_type: Some(measure.target.target_type().code().to_owned()),
            },
        }
    }

    pub fn decode(self) -> Result<HabitKind, StoreError> {
        let bad = |what: &str| StoreError::Other(format!("bad stored habit kind: {what}"));
        match (self.kind.as_str(), self.unit, self.target, self.target_type) {
            ("boolean", None, None, None) => Ok(HabitKind::Boolean),
            ("measurable", Some(unit), Some(target), Some(target_type)) => {
                let unit = Unit::parse(&unit).map_err(|_| bad("unit"))?;
                let target_type =
                    TargetType::from_code(&target_type).ok_or_else(|| bad("target_type"))?;
                let target =
                    Target::new(to_amount(target)?, target_type).map_err(|_| bad("target"))?;
                Ok(HabitKind::Measurable(Measure { unit, target }))
            }
            (kind, ..) => Err(bad(kind)),
        }
    }
}

/// A pause or vacation's stored dates.
pub fn to_range(from: Date, to: Date) -> Result<DateRange, StoreError> {
    DateRange::new(from, to).ok_or_else(|| StoreError::Other(format!("bad range {from}..{to}")))
}

/// The pauses or vacations of one habit row, aggregated by the list query
/// into a JSON array of `[id, from, to]` (docs/product.md#pauses-and-vacations).
pub fn to_ranges(json: &str) -> Result<Vec<(Uuid, DateRange)>, StoreError> {
    let bad = |what: String| StoreError::Other(format!("bad aggregated pauses: {what}"));
    let rows: Vec<(String, String, String)> =
        serde_json::from_str(json).map_err(|e| bad(e.to_string()))?;
    rows.into_iter()
        .map(|(id, from, to)| {
            let id = Uuid::parse_str(&id).map_err(|e| bad(e.to_string()))?;
            let date = |text: &str| text.parse::<Date>().map_err(|e| bad(e.to_string()));
            Ok((id, to_range(date(&from)?, date(&to)?)?))
        })
        .collect()
}

/// The habits of a list, each with its aggregated pauses, and the owner's
/// vacations (the same on every row).
pub fn to_habits_with_pauses<R>(
    rows: Vec<(R, String, String)>,
    owner: Uuid,
) -> Result<(Vec<Habit>, OwnerPauses), StoreError>
where
    Habit: TryFrom<R, Error = StoreError>,
{
    let rows = rows
        .into_iter()
        .map(|(row, pauses, vacations)| Ok((Habit::try_from(row)?, pauses, vacations)))
        .collect::<Result<Vec<_>, StoreError>>()?;
    with_pauses(rows, owner, |habit| habit.id)
}

/// Decoded list rows (`habit_id` names each one's habit), each with its
/// aggregated pauses, and the owner's vacations (the same on every row).
pub fn with_pauses<T>(
    rows: Vec<(T, String, String)>,
    owner: Uuid,
    habit_id: impl Fn(&T) -> Uuid,
) -> Result<(Vec<T>, OwnerPauses), StoreError> {
    let mut all = OwnerPauses::default();
    let mut listed = Vec::with_capacity(rows.len());
    for (index, (item, pauses, vacations)) in rows.into_iter().enumerate() {
        for (id, range) in to_ranges(&pauses)? {
            all.pauses.push(Pause {
                id,
                owner_id: owner,
                habit_id: habit_id(&item),
                range,
            });
        }
        if index == 0 {
            for (id, range) in to_ranges(&vacations)? {
                all.vacations.push(Vacation {
                    id,
                    owner_id: owner,
                    range,
                });
            }
        }
        listed.push(item);
    }
    all.pauses
        .sort_by_key(|pause| (pause.habit_id, pause.range));
    all.vacations.sort_by_key(|vacation| vacation.range);
    Ok((listed, all))
}
