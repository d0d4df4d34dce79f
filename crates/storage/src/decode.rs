//! Decoding of the text columns both backends store alike.
use crate::StoreError;
use habitflow_domain::checkin::CheckinKind;
use habitflow_domain::task::Priority;

pub fn to_priority(code: &str) -> Result<Priority, StoreError> {
    Priority::from_code(code).ok_or_else(|| StoreError::Other(format!("bad priority {code:?}")))
}

pub fn to_kind(code: &str) -> Result<CheckinKind, StoreError> {
    CheckinKind::from_code(code)
        .ok_or_else(|| StoreError::Other(format!("bad check-in kind {code:?}")))
}

pub fn to_json(text: &str) -> Result<serde_json::Value, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Other(format!("bad JSON: {e}")))
}

/// `NotFound` when a write touched no row.
pub fn require_row(rows_affected: u64) -> Result<(), StoreError> {
    if rows_affected == 0 {
        Err(StoreError::NotFound)
    } else {
        Ok(())
    }
}
