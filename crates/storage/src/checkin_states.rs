//! The state columns of a check-in row (docs/architecture.md#check-in-writes),
//! which both backends store alike: run and best streak as INTEGER, strength
//! as a float within the column's 0–1 CHECK, all NULL on a check-in that is
//! not counted.
use crate::StoreError;
use habitflow_domain::derived::CheckinState;

#[derive(Debug, Clone, Copy, PartialEq, Default, sqlx::FromRow)]
pub struct StateColumns {
    pub state_run: Option<i32>,
    pub state_best: Option<i32>,
    pub state_strength: Option<f64>,
}

impl StateColumns {
    pub fn of(state: Option<CheckinState>) -> Self {
        state.map_or_else(Self::default, |state| Self {
            state_run: Some(i32::try_from(state.run).unwrap_or(i32::MAX)),
            state_best: Some(i32::try_from(state.best).unwrap_or(i32::MAX)),
            state_strength: Some(state.strength.clamp(0.0, 1.0)),
        })
    }

    /// The state these columns hold; `None` when they are NULL.
    pub fn state(self) -> Result<Option<CheckinState>, StoreError> {
        match (self.state_run, self.state_best, self.state_strength) {
            (Some(run), Some(best), Some(strength)) => Ok(Some(CheckinState {
                run: u32::try_from(run).map_err(|_| bad_state(run))?,
                best: u32::try_from(best).map_err(|_| bad_state(best))?,
                strength,
            })),
            (None, None, None) => Ok(None),
            _ => Err(StoreError::Other("check-in state partly NULL".into())),
        }
    }
}

fn bad_state(value: i32) -> StoreError {
    StoreError::Other(format!("bad check-in state {value}"))
}
