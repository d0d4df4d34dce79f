//! The starter habits a new account's Today page offers (docs/decisions.md,
//! #18): each is a plain form post to `POST /habits`, the habit form's own
//! fields, so it goes through the one habit-create service and the habit is
//! edited like any other afterwards.

/// One starter: its name and unit as catalog keys (worded in the reader's
/// language when posted) and the habit form's schedule and measure fields.
pub struct Starter {
    pub name_key: &'static str,
    pub schedule_type: &'static str,
    pub fields: &'static [(&'static str, &'static str)],
    pub unit_key: Option<&'static str>,
}

pub const STARTERS: [Starter; 3] = [
    Starter {
        name_key: "starter-drink-water",
        schedule_type: "daily",
        fields: &[
            ("kind", "measurable"),
            ("target", "8"),
            ("target_type", "at_least"),
        ],
        unit_key: Some("starter-glasses"),
    },
    Starter {
        name_key: "starter-read",
        schedule_type: "daily",
        fields: &[("kind", "boolean")],
        unit_key: None,
    },
    Starter {
        name_key: "starter-walk",
        schedule_type: "times_per_period",
        fields: &[("kind", "boolean"), ("times", "3"), ("period", "week")],
        unit_key: None,
    },
];
