//! The storage conformance suite: every case runs against SQLite and against
//! PostgreSQL (when `HABITFLOW_TEST_DATABASE_URL` is set, and always in CI).
#![allow(clippy::unwrap_used)] // a failed unwrap is a failed test

mod cases;
mod fixtures;

use cases::accounts::*;
use cases::checkin_months::*;
use cases::checkins::*;
use cases::habits::*;
use cases::identities::*;
use cases::jobs::*;
use cases::portability::*;
use cases::quotas::*;
use cases::quotes::*;
use cases::reminders::*;
use cases::richer::*;
use cases::sessions::*;
use cases::tasks::*;
use cases::themes::*;
use cases::tokens::*;
use cases::users::*;
use habitflow_testkit::TestDatabase;

habitflow_testkit::on_each_backend!(
    sqlite => TestDatabase::sqlite(),
    postgres if with_postgres => TestDatabase::postgres();
    creates_and_finds_users,
    refuses_a_second_account_for_an_email,
    updates_profile_password_and_activity,
    theme_names_are_unique_per_owner_ignoring_case,
    lists_themes_with_their_counts,
    pages_themes_by_name,
    deleting_a_theme_keeps_its_tasks_and_habits,
    other_owners_themes_are_invisible,
    creates_updates_completes_and_deletes_tasks,
    filters_sorts_and_pages_tasks,
    other_owners_tasks_are_invisible,
    counts_tasks_for_statistics_by_group_and_period,
    creates_updates_archives_and_lists_habits,
    refuses_an_end_before_the_start,
    deleting_a_habit_deletes_its_checkins,
    putting_the_same_checkin_twice_changes_nothing,
    checkins_of_other_owners_habits_are_refused,
    checkin_writes_keep_the_summary_of_a_full_recomputation,
    reads_checkins_by_range_and_for_many_habits,
    concurrent_puts_leave_one_checkin,
    bulk_inserts_and_reads_since_a_date,
    every_write_saves_the_habit_summary,
    keeps_the_newest_batches,
    each_slot_is_claimed_once,
    identities_link_find_and_unlink,
    stores_touches_and_deletes_sessions,
    lists_and_ends_a_users_sessions,
    deletes_expired_and_idle_sessions,
    a_session_is_read_with_its_user,
    each_quota_refuses_the_record_past_its_limit,
    concurrent_creations_stop_at_the_quota,
    the_pause_quota_counts_merged_pauses_per_habit,
    lists_accounts_and_deletes_one_with_everything_it_owns,
    a_reset_link_is_used_once_and_expires,
    stores_measurable_habits_values_and_the_newer_types,
    summaries_keep_every_field,
    pauses_merge_and_resummarize_their_habit,
    vacations_merge_and_resummarize_every_habit,
    lists_habits_with_their_summary_and_checkin_of_a_day,
    tokens_are_found_by_hash_touched_and_revoked_by_their_owner,
    a_calendar_feed_is_rotated_and_turned_off,
    an_import_is_written_whole_and_read_back_in_pages,
    a_failing_import_leaves_the_account_as_it_was,
    reminder_times_are_kept_per_owned_habit,
    due_reminders_come_by_their_next_slot,
    a_slot_is_claimed_once_with_its_deliveries,
    channels_and_subscriptions_belong_to_their_owner,
    checkin_months_equal_a_full_recomputation,
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

/// A query whose connection PostgreSQL terminates (as a fast restart does to
/// every open connection) fails as `Unavailable` — a 503 the client can retry
/// — not as an internal error.
#[tokio::test]
#[cfg_attr(
    not(with_postgres),
    ignore = "needs PostgreSQL: set HABITFLOW_TEST_DATABASE_URL"
)]
async fn a_connection_terminated_by_the_server_is_unavailable() {
    use sqlx::Connection;
    let postgres = habitflow_testkit::TestDatabase::postgres().await;
    let mut victim = sqlx::PgConnection::connect(postgres.url()).await.unwrap();
    let pid: i32 = sqlx::query_scalar("SELECT pg_backend_pid()")
        .fetch_one(&mut victim)
        .await
        .unwrap();
    let url = postgres.url().to_owned();
    let killer = tokio::spawn(async move {
        let mut admin = sqlx::PgConnection::connect(&url).await.unwrap();
        tokio::time::sleep(std::time::Duration::from_millis(300)).await;
        sqlx::query("SELECT pg_terminate_backend($1)")
            .bind(pid)
            .execute(&mut admin)
            .await
            .unwrap();
    });
    let error = sqlx::query("SELECT pg_sleep(10)")
        .execute(&mut victim)
        .await
        .expect_err("the connection is terminated");
    killer.await.unwrap();
    let error = habitflow_storage::StoreError::from(error);
    assert!(
        matches!(error, habitflow_storage::StoreError::Unavailable(_)),
        "{error:?}"
    );
    drop(victim);
    postgres.remove().await;
}
