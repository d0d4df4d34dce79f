//! Per-user quotas (docs/product.md#quotas): how many records of each kind
//! one account may own. The numbers live here and nowhere else; the stores
//! enforce them as they insert, so two concurrent creations cannot both
//! slip past the last free place.

/// A kind of record with a per-user maximum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Quota {
    Habits,
    Tasks,
    Themes,
    Tokens,
    /// Pauses of one habit, counted after merging (docs/product.md#quotas).
    Pauses,
}

/// Habits one user may have, archived ones included.
pub const MAX_HABITS: u32 = 1_000;
/// Tasks one user may have, completed ones included.
pub const MAX_TASKS: u32 = 20_000;
/// Themes one user may have.
pub const MAX_THEMES: u32 = 200;
/// Personal access tokens one user may have, expired ones included.
pub const MAX_TOKENS: u32 = 20;
/// Pauses one habit may have, once overlapping and adjacent ones are merged.
pub const MAX_PAUSES_PER_HABIT: u32 = 100;

impl Quota {
    /// The most records of this kind one user may own.
    pub const fn limit(self) -> u32 {
        match self {
            Quota::Habits => MAX_HABITS,
            Quota::Tasks => MAX_TASKS,
            Quota::Themes => MAX_THEMES,
            Quota::Tokens => MAX_TOKENS,
            Quota::Pauses => MAX_PAUSES_PER_HABIT,
        }
    }

    /// The catalog key of the message that names this limit.
    pub const fn message_key(self) -> &'static str {
        match self {
            Quota::Habits => "error-quota-habits",
            Quota::Tasks => "error-quota-tasks",
            Quota::Themes => "error-quota-themes",
            Quota::Tokens => "error-quota-tokens",
            Quota::Pauses => "error-quota-pauses",
        }
    }
}
