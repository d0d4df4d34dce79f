//! `habitflow user …` through the real binary, on SQLite and (when
//! configured) PostgreSQL: list, disable, enable, reset-password, delete.
use crate::binary::{habitflow, temp_folder};
use habitflow_domain::model::{NewUser, Profile};
use habitflow_testkit::TestDatabase;
use sha2::{Digest, Sha256};
use sqlx::Connection;
use std::process::{Output, Stdio};

habitflow_testkit::on_each_backend!(
    sqlite => TestDatabase::sqlite(),
    postgres if with_postgres => TestDatabase::postgres();
    operators_manage_accounts_from_the_shell,
);

const SECRET_KEY: &str = "a-very-long-secret-key-of-forty-characters";

/// Runs `habitflow user <args>` on the test database.
async fn user_command(db: &TestDatabase, args: &[&str]) -> Output {
    let folder = temp_folder();
    let mut command = habitflow(&folder);
    command
        .arg("user")
        .args(args)
        .env("HABITFLOW_DATABASE_URL", db.url())
        .env("HABITFLOW_SECRET_KEY", SECRET_KEY)
        .env("HABITFLOW_PUBLIC_URL", "https://habits.example.org")
        .stdout(Stdio::piped());
    let output = tokio::task::spawn_blocking(move || command.output())
        .await
        .expect("join")
        .expect("run habitflow");
    std::fs::remove_dir_all(folder).ok();
    output
}

fn stdout(output: &Output) -> String {
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}

async fn is_active(db: &TestDatabase, email: &str) -> Option<bool> {
    let user = db.store().users().by_email(email).await.unwrap();
    user.map(|u| u.is_active)
}

/// The token hashes stored for reset links, read straight from the table.
async fn stored_reset_hashes(db: &TestDatabase) -> Vec<String> {
    const SQL: &str = "SELECT token_hash FROM password_resets";
    if db.url().starts_with("postgres") {
        let mut connection = sqlx::PgConnection::connect(db.url()).await.unwrap();
        sqlx::query_scalar(SQL)
            .fetch_all(&mut connection)
            .await
            .unwrap()
    } else {
        let mut connection = sqlx::SqliteConnection::connect(db.url()).await.unwrap();
        sqlx::query_scalar(SQL)
            .fetch_all(&mut connection)
            .await
            .unwrap()
    }
}

async fn operators_manage_accounts_from_the_shell(db: &TestDatabase) {
    for email in ["ada@example.com", "bob@example.com"] {
        db.store()
            .users()
            .create(
                &NewUser {
                    email: email.parse().unwrap(),
                    display_name: String::new(),
                    password_hash: Some("$argon2id$fake".into()),
                    profile: Profile::default(),
                },
                jiff::Timestamp::now(),
            )
            .await
            .unwrap();
    }
    // Log lines may come first on stdout; the listing is what follows them.
    let listed = stdout(&user_command(db, &["list"]).await);
    let listing: Vec<&str> = listed
        .lines()
        .skip_while(|line| !line.ends_with("account(s)"))
        .collect();
    assert_eq!(listing.first(), Some(&"2 account(s)"), "{listed}");
    assert!(
        listing[1].starts_with("ada@example.com\tactive\t"),
        "{listed}"
    );
    assert!(
        listing[2].starts_with("bob@example.com\tactive\t"),
        "{listed}"
    );

    let disabled = stdout(&user_command(db, &["disable", "--email", "ADA@example.com"]).await);
    assert!(disabled.contains("ada@example.com disabled"), "{disabled}");
    assert_eq!(is_active(db, "ada@example.com").await, Some(false));
    let listed = stdout(&user_command(db, &["list"]).await);
    assert!(listed.contains("ada@example.com\tdisabled\t"), "{listed}");
    stdout(&user_command(db, &["enable", "--email", "ada@example.com"]).await);
    assert_eq!(is_active(db, "ada@example.com").await, Some(true));

    let printed =
        stdout(&user_command(db, &["reset-password", "--email", "ada@example.com"]).await);
    let link = printed
        .lines()
        .find(|line| line.starts_with("https://"))
        .unwrap_or_else(|| panic!("a link: {printed}"));
    let token = link
        .strip_prefix("https://habits.example.org/auth/reset-password/")
        .unwrap_or_else(|| panic!("a link on the public URL: {link}"));
    assert_eq!(token.len(), 43, "{token}");
    assert_eq!(
        stored_reset_hashes(db).await,
        vec![hex::encode(Sha256::digest(token.as_bytes()))],
        "only the token's hash is stored"
    );

    let unknown = user_command(db, &["delete", "--email", "nobody@example.com"]).await;
    assert_eq!(unknown.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("nobody@example.com"));
    let deleted = stdout(&user_command(db, &["delete", "--email", "ada@example.com"]).await);
    assert!(deleted.contains("ada@example.com deleted"), "{deleted}");
    assert_eq!(is_active(db, "ada@example.com").await, None);
    assert!(
        stored_reset_hashes(db).await.is_empty(),
        "its link went too"
    );
    assert_eq!(is_active(db, "bob@example.com").await, Some(true));
}
