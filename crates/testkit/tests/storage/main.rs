//! The storage conformance suite: every case runs against SQLite and against
//! PostgreSQL (when `HABITFLOW_TEST_DATABASE_URL` is set, and always in CI).
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod cases;
mod fixtures;

macro_rules! conformance {
    ($($module:ident :: $case:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[tokio::test]
                async fn $case() {
                    let db = habitflow_testkit::TestDatabase::sqlite().await;
                    crate::cases::$module::$case(db.store()).await;
                    db.remove().await;
                }
            )*
        }
        mod postgres {
            $(
                #[tokio::test]
                #[cfg_attr(not(with_postgres), ignore = "needs PostgreSQL: set HABITFLOW_TEST_DATABASE_URL")]
                async fn $case() {
                    let db = habitflow_testkit::TestDatabase::postgres().await;
                    crate::cases::$module::$case(db.store()).await;
                    db.remove().await;
                }
            )*
        }
    };
}

conformance!(
    users::creates_and_finds_users,
    users::refuses_a_second_account_for_an_email,
    users::updates_profile_password_and_activity,
    themes::theme_names_are_unique_per_owner_ignoring_case,
    themes::lists_themes_with_their_counts,
    themes::deleting_a_theme_keeps_its_tasks_and_habits,
    themes::other_owners_themes_are_invisible,
    tasks::creates_updates_completes_and_deletes_tasks,
    tasks::filters_sorts_and_pages_tasks,
    tasks::other_owners_tasks_are_invisible,
    habits::creates_updates_archives_and_lists_habits,
    habits::refuses_an_end_before_the_start,
    habits::deleting_a_habit_deletes_its_checkins,
    checkins::putting_the_same_checkin_twice_changes_nothing,
    checkins::checkins_of_other_owners_habits_are_refused,
    checkins::reads_checkins_by_range_and_for_many_habits,
    checkins::concurrent_puts_leave_one_checkin,
    checkins::bulk_inserts_and_reads_since_a_date,
    checkins::every_write_saves_the_habit_summary,
    quotes::keeps_the_newest_batches,
    jobs::each_slot_is_claimed_once,
    identities::identities_link_find_and_unlink,
    sessions::stores_touches_and_deletes_sessions,
    sessions::lists_and_ends_a_users_sessions,
);

#[tokio::test]
#[cfg_attr(
    not(with_postgres),
    ignore = "needs PostgreSQL: set HABITFLOW_TEST_DATABASE_URL"
)]
async fn both_migration_sets_create_the_same_tables_and_columns() {
    let sqlite = habitflow_testkit::TestDatabase::sqlite().await;
    let postgres = habitflow_testkit::TestDatabase::postgres().await;
    let sqlite_columns = fixtures::sqlite_columns(sqlite.url()).await;
    let postgres_columns = fixtures::postgres_columns(postgres.url()).await;
    assert!(!sqlite_columns.is_empty());
    assert_eq!(sqlite_columns, postgres_columns);
    sqlite.remove().await;
    postgres.remove().await;
}
