//! Both migration folders, embedded in the binary so `habitflow migrate`
//! needs nothing beside it.
use sqlx::SqlStr;
use sqlx::migrate::{Migration, MigrationType, Migrator};

pub type MigrationFile = (i64, &'static str, &'static str);

pub const POSTGRES: &[MigrationFile] = &[
    (
        1,
        "initial",
        include_str!("../migrations/postgres/0001_initial.sql"),
    ),
    (
        2,
        "job runs",
        include_str!("../migrations/postgres/0002_job_runs.sql"),
    ),
    (
        3,
        "habit summaries",
        include_str!("../migrations/postgres/0003_habit_summaries.sql"),
    ),
    (
        4,
        "password resets",
        include_str!("../migrations/postgres/0004_password_resets.sql"),
    ),
    (
        5,
        "richer habits",
        include_str!("../migrations/postgres/0005_richer_habits.sql"),
    ),
    (
        6,
        "api tokens",
        include_str!("../migrations/postgres/0006_api_tokens.sql"),
    ),
    (
        7,
        "checkin states",
        include_str!("../migrations/postgres/0007_checkin_states.sql"),
    ),
    (
        8,
        "reminders",
        include_str!("../migrations/postgres/0008_reminders.sql"),
    ),
    (
        9,
        "checkin months",
        include_str!("../migrations/postgres/0009_checkin_months.sql"),
    ),
    (
        10,
        "checkin month totals",
        include_str!("../migrations/postgres/0010_checkin_month_totals.sql"),
    ),
];

pub const SQLITE: &[MigrationFile] = &[
    (
        1,
        "initial",
        include_str!("../migrations/sqlite/0001_initial.sql"),
    ),
    (
        2,
        "job runs",
        include_str!("../migrations/sqlite/0002_job_runs.sql"),
    ),
    (
        3,
        "habit summaries",
        include_str!("../migrations/sqlite/0003_habit_summaries.sql"),
    ),
    (
        4,
        "password resets",
        include_str!("../migrations/sqlite/0004_password_resets.sql"),
    ),
    (
        5,
        "richer habits",
        include_str!("../migrations/sqlite/0005_richer_habits.sql"),
    ),
    (
        6,
        "api tokens",
        include_str!("../migrations/sqlite/0006_api_tokens.sql"),
    ),
    (
        7,
        "checkin states",
        include_str!("../migrations/sqlite/0007_checkin_states.sql"),
    ),
    (
        8,
        "reminders",
        include_str!("../migrations/sqlite/0008_reminders.sql"),
    ),
    (
        9,
        "checkin months",
        include_str!("../migrations/sqlite/0009_checkin_months.sql"),
    ),
    (
        10,
        "checkin month totals",
        include_str!("../migrations/sqlite/0010_checkin_month_totals.sql"),
    ),
];

/// The migrations this build ships for a backend.
pub fn of(backend: crate::Backend) -> &'static [MigrationFile] {
    match backend {
        crate::Backend::Sqlite => SQLITE,
        crate::Backend::Postgres => POSTGRES,
    }
}

pub fn migrator(files: &[MigrationFile]) -> Migrator {
    Migrator::with_migrations(
        files
            .iter()
            .map(|&(version, description, sql)| {
                Migration::new(
                    version,
                    description.into(),
                    MigrationType::Simple,
                    SqlStr::from_static(sql),
                    false,
                )
            })
            .collect(),
    )
}
