use super::*;

fn settings(pairs: &[(&str, &str)]) -> Result<Settings, ConfigError> {
    Settings::from_vars(
        pairs
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
    )
}

#[test]
fn defaults_run_on_sqlite_without_redis() {
    let settings = settings(&[]).unwrap();
    assert_eq!(settings.database_url, "sqlite://data/habitflow.sqlite3");
    assert_eq!(settings.bind.to_string(), "127.0.0.1:8000");
    assert_eq!(settings.public_url, "http://127.0.0.1:8000");
    assert!(settings.redis_url.is_none());
    assert!(settings.auto_migrate);
    assert_eq!(
        settings.secret_key,
        SecretKeySource::GeneratedFile(PathBuf::from("data/secret.key"))
    );
    assert_eq!(settings.session_max_age, Duration::from_secs(14 * DAY));
    assert_eq!(settings.header_timeout, Duration::from_secs(30));
    assert_eq!(settings.shutdown_delay, Duration::ZERO);
}

#[test]
fn bad_values_name_their_variable() {
    let cases: &[(&str, &str)] = &[
        ("HABITFLOW_BIND", "nonsense"),
        ("HABITFLOW_DATABASE_URL", "mysql://x"),
        ("HABITFLOW_REDIS_URL", "http://x"),
        ("HABITFLOW_AUTO_MIGRATE", "maybe"),
        ("HABITFLOW_LOG_FORMAT", "xml"),
        ("HABITFLOW_SESSION_IDLE_DAYS", "0"),
        ("HABITFLOW_TRUSTED_PROXIES", "10.0.0.1, nope"),
        ("HABITFLOW_ENV", "staging"),
        ("HABITFLOW_SECRET_KEY", "short"),
        ("HABITFLOW_METRICS", "on"),
        ("HABITFLOW_METRICS_BIND", "9100"),
        ("HABITFLOW_METRICS_BIND", "127.0.0.1:8000"),
        ("HABITFLOW_HEADER_TIMEOUT_SECONDS", "0"),
        ("HABITFLOW_HEADER_TIMEOUT_SECONDS", "601"),
        ("HABITFLOW_HEADER_TIMEOUT_SECONDS", "soon"),
        ("HABITFLOW_SHUTDOWN_DELAY_SECONDS", "301"),
        ("HABITFLOW_SHUTDOWN_DELAY_SECONDS", "-1"),
        ("HABITFLOW_CLIENT_REQUESTS_PER_MINUTE", "-1"),
        ("HABITFLOW_CLIENT_REQUESTS_PER_MINUTE", "1000001"),
        ("HABITFLOW_CLIENT_REQUESTS_PER_MINUTE", "off"),
    ];
    for (variable, value) in cases {
        let error = settings(&[(variable, value)]).unwrap_err();
        assert_eq!(error.variable, *variable);
    }
    let error = settings(&[("HABITFLOW_BIND", "nonsense")]).unwrap_err();
    assert!(error.to_string().contains("host:port"), "{error}");
}

#[test]
fn production_needs_a_secret_key() {
    let error = settings(&[("HABITFLOW_ENV", "production")]).unwrap_err();
    assert_eq!(error.variable, "HABITFLOW_SECRET_KEY");
    let error = settings(&[("HABITFLOW_PUBLIC_URL", "https://habits.example")]).unwrap_err();
    assert_eq!(error.variable, "HABITFLOW_SECRET_KEY");
    let key = "k".repeat(40);
    let ok = settings(&[
        ("HABITFLOW_ENV", "production"),
        ("HABITFLOW_SECRET_KEY", &key),
    ])
    .unwrap();
    assert!(format!("{ok:?}").contains("Secret(…)"));
    assert!(!format!("{ok:?}").contains(&key));
}

#[test]
fn the_generated_key_lives_beside_the_database() {
    let settings = settings(&[(
        "HABITFLOW_DATABASE_URL",
        "sqlite:///var/lib/habitflow/db.sqlite3",
    )])
    .unwrap();
    assert_eq!(
        settings.secret_key,
        SecretKeySource::GeneratedFile(PathBuf::from("/var/lib/habitflow/secret.key"))
    );
}

#[test]
fn oidc_providers_come_from_the_environment() {
    let providers = settings(&[
        ("HABITFLOW_GOOGLE_CLIENT_ID", "g-id"),
        ("HABITFLOW_GOOGLE_CLIENT_SECRET", "g-secret"),
        ("HABITFLOW_OIDC_PROVIDERS", "authentik"),
        (
            "HABITFLOW_OIDC_AUTHENTIK_ISSUER",
            "https://auth.example.org/application/o/habitflow/",
        ),
        ("HABITFLOW_OIDC_AUTHENTIK_CLIENT_ID", "a-id"),
        ("HABITFLOW_OIDC_AUTHENTIK_CLIENT_SECRET", "a-secret"),
        ("HABITFLOW_OIDC_AUTHENTIK_NAME", "Authentik"),
    ])
    .unwrap()
    .oidc_providers;
    assert_eq!(
        providers.iter().map(|p| p.id.as_str()).collect::<Vec<_>>(),
        vec!["google", "authentik"]
    );
    assert_eq!(
        providers[1].issuer,
        "https://auth.example.org/application/o/habitflow"
    );
    assert_eq!(providers[1].name, "Authentik");
    let missing = settings(&[
        ("HABITFLOW_OIDC_PROVIDERS", "kc"),
        ("HABITFLOW_OIDC_KC_ISSUER", "https://kc"),
    ])
    .unwrap_err();
    assert!(
        missing.to_string().contains("HABITFLOW_OIDC_KC_CLIENT_ID"),
        "{missing}"
    );
    assert_eq!(
        settings(&[("HABITFLOW_GOOGLE_CLIENT_ID", "x")])
            .unwrap_err()
            .variable,
        "HABITFLOW_GOOGLE_CLIENT_SECRET"
    );
}

#[test]
fn metrics_are_off_unless_asked_for() {
    assert_eq!(settings(&[]).unwrap().metrics, MetricsSettings::default());
    let metrics = settings(&[
        ("HABITFLOW_METRICS", "true"),
        ("HABITFLOW_METRICS_BIND", "0.0.0.0:9100"),
    ])
    .unwrap()
    .metrics;
    assert!(metrics.on_main_port);
    assert_eq!(metrics.bind, Some("0.0.0.0:9100".parse().unwrap()));
}

#[test]
fn the_client_request_limit_has_a_default_and_zero_turns_it_off() {
    let limit = |pairs: &[(&str, &str)]| {
        settings(pairs)
            .unwrap()
            .client_requests_per_minute
            .map(NonZeroU32::get)
    };
    assert_eq!(limit(&[]), Some(1_200));
    assert_eq!(
        limit(&[("HABITFLOW_CLIENT_REQUESTS_PER_MINUTE", "6000")]),
        Some(6_000)
    );
    assert_eq!(
        limit(&[("HABITFLOW_CLIENT_REQUESTS_PER_MINUTE", "0")]),
        None
    );
}

#[test]
fn an_empty_quotes_url_turns_the_job_off() {
    assert_eq!(
        settings(&[("HABITFLOW_QUOTES_URL", "")])
            .unwrap()
            .quotes_url,
        None
    );
    assert!(settings(&[]).unwrap().quotes_url.is_some());
}

#[test]
fn passwords_inside_urls_are_redacted() {
    use super::redact_url;
    assert_eq!(
        redact_url("postgres://u:p%40ss@db:5432/x?sslmode=require"),
        "postgres://u:***@db:5432/x?sslmode=require"
    );
    assert_eq!(
        redact_url("redis://:pw@cache:6379/0"),
        "redis://:***@cache:6379/0"
    );
    assert_eq!(redact_url("postgres://u@db/x"), "postgres://u@db/x");
    assert_eq!(
        redact_url("sqlite://data/a@b.sqlite3"),
        "sqlite://data/a@b.sqlite3"
    );
    assert_eq!(redact_url("not a url"), "not a url");
}

#[test]
fn reminders_are_configured_by_their_variables() {
    let defaults = settings(&[("HABITFLOW_DATABASE_URL", "sqlite://var/habits.db")]).unwrap();
    assert_eq!(
        defaults.vapid_key,
        VapidKeySource::GeneratedFile(PathBuf::from("var/vapid.key")),
        "beside the secret key"
    );
    assert!(defaults.smtp.is_none());
    assert!(!defaults.outbound_allow_private);

    let configured = settings(&[
        ("HABITFLOW_VAPID_PRIVATE_KEY", "a-key"),
        (
            "HABITFLOW_SMTP_URL",
            "smtps://user:hunter2@mail.example.com",
        ),
        ("HABITFLOW_SMTP_FROM", "HabitFlow <habits@example.com>"),
        ("HABITFLOW_OUTBOUND_ALLOW_PRIVATE", "true"),
    ])
    .unwrap();
    assert_eq!(
        configured.vapid_key,
        VapidKeySource::Configured(Secret::new("a-key"))
    );
    assert_eq!(
        configured.smtp.as_ref().map(|smtp| smtp.from.as_str()),
        Some("HabitFlow <habits@example.com>")
    );
    assert!(configured.outbound_allow_private);
    let report = configured.report();
    assert!(
        !report.contains("hunter2") && !report.contains("a-key"),
        "{report}"
    );

    for (pairs, variable) in [
        (
            vec![("HABITFLOW_SMTP_URL", "smtp://mail.example.com")],
            "HABITFLOW_SMTP_FROM",
        ),
        (
            vec![("HABITFLOW_SMTP_FROM", "habits@example.com")],
            "HABITFLOW_SMTP_URL",
        ),
        (
            vec![("HABITFLOW_OUTBOUND_ALLOW_PRIVATE", "maybe")],
            "HABITFLOW_OUTBOUND_ALLOW_PRIVATE",
        ),
    ] {
        assert_eq!(settings(&pairs).unwrap_err().variable, variable);
    }
}
