use super::{PeriodKind, Rule};
use serde::Serialize;

/// What a habit's streak counts (docs/product.md#n-times-per-period).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StreakUnit {
    Days,
    Occurrences,
    Weeks,
    Months,
    /// Blocks of D days.
    Periods,
}

impl StreakUnit {
    pub fn code(self) -> &'static str {
        match self {
            StreakUnit::Days => "days",
            StreakUnit::Occurrences => "occurrences",
            StreakUnit::Weeks => "weeks",
            StreakUnit::Months => "months",
            StreakUnit::Periods => "periods",
        }
    }
}

impl Rule {
    pub fn streak_unit(&self) -> StreakUnit {
        match self {
            Rule::Daily => StreakUnit::Days,
            Rule::TimesPerPeriod { period, .. } => match period {
                PeriodKind::Week => StreakUnit::Weeks,
                PeriodKind::Month => StreakUnit::Months,
                PeriodKind::Days(_) => StreakUnit::Periods,
            },
            _ => StreakUnit::Occurrences,
        }
    }
}
