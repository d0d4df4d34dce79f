-- HabitFlow schema, PostgreSQL. Kept equivalent to ../sqlite/0001_initial.sql
-- (the schema-parity test compares them).

CREATE TABLE users (
    id              UUID PRIMARY KEY,
    email           TEXT NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name    TEXT NOT NULL DEFAULT '' CHECK (length(display_name) <= 64),
    password_hash   TEXT,
    time_zone       TEXT NOT NULL DEFAULT 'UTC',
    day_start_hour  SMALLINT NOT NULL DEFAULT 0 CHECK (day_start_hour BETWEEN 0 AND 5),
    language        TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru')),
    is_active       BOOLEAN NOT NULL DEFAULT TRUE,
    created_at      TIMESTAMPTZ NOT NULL,
    updated_at      TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE oidc_identities (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    email       TEXT,
    created_at  TIMESTAMPTZ NOT NULL,
    UNIQUE (issuer, subject)
);
CREATE INDEX oidc_identities_user_idx ON oidc_identities (user_id);

CREATE TABLE themes (
    id          UUID PRIMARY KEY,
    owner_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 24),
    color       TEXT NOT NULL CHECK (color ~ '^#[0-9A-F]{6}$'),
    created_at  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
CREATE UNIQUE INDEX themes_owner_name_key ON themes (owner_id, lower(name));

CREATE TABLE tasks (
    id            UUID PRIMARY KEY,
    owner_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    theme_id      UUID REFERENCES themes (id) ON DELETE SET NULL,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 46),
    description   TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    priority      TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
    due_on        DATE,
    completed_at  TIMESTAMPTZ,
    created_at    TIMESTAMPTZ NOT NULL,
    updated_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX tasks_owner_idx ON tasks (owner_id, completed_at);
CREATE INDEX tasks_theme_idx ON tasks (theme_id);

CREATE TABLE habits (
    id               UUID PRIMARY KEY,
    owner_id         UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    theme_id         UUID REFERENCES themes (id) ON DELETE SET NULL,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 46),
    description      TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    schedule_type    TEXT NOT NULL
        CHECK (schedule_type IN ('daily', 'weekly_days', 'monthly_day', 'yearly_date', 'interval_cycle')),
    schedule_config  TEXT NOT NULL DEFAULT '{}',
    starts_on        DATE NOT NULL,
    ends_on          DATE,
    archived_at      TIMESTAMPTZ,
    created_at       TIMESTAMPTZ NOT NULL,
    updated_at       TIMESTAMPTZ NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
);
CREATE INDEX habits_owner_idx ON habits (owner_id);
CREATE INDEX habits_theme_idx ON habits (theme_id);

CREATE TABLE checkins (
    habit_id    UUID NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    owner_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date        DATE NOT NULL,
    kind        TEXT NOT NULL CHECK (kind IN ('done', 'skipped')),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (habit_id, date)
);
CREATE INDEX checkins_owner_date_idx ON checkins (owner_id, date);

CREATE TABLE quote_batches (
    id          UUID PRIMARY KEY,
    fetched_at  TIMESTAMPTZ NOT NULL
);

CREATE TABLE quotes (
    batch_id  UUID NOT NULL REFERENCES quote_batches (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    text      TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 256),
    author    TEXT NOT NULL CHECK (length(author) <= 128),
    PRIMARY KEY (batch_id, position)
);

CREATE TABLE auth_sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    TIMESTAMPTZ NOT NULL,
    expires_at    TIMESTAMPTZ NOT NULL,
    last_seen_at  TIMESTAMPTZ NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    user_agent    TEXT NOT NULL DEFAULT ''
);
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expiry_idx ON auth_sessions (expires_at);
