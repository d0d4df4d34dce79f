//! Decoding of the text columns both backends store alike.
use crate::StoreError;
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::schedule::Rule;
use habitflow_domain::task::Priority;

pub fn to_priority(code: &str) -> Result<Priority, StoreError> {
    Priority::from_code(code).ok_or_else(|| StoreError::Other(format!("bad priority {code:?}")))
}

pub fn to_kind(code: &str) -> Result<CheckinKind, StoreError> {
    CheckinKind::from_code(code)
        .ok_or_else(|| StoreError::Other(format!("bad check-in kind {code:?}")))
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
