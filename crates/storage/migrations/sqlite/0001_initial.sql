-- HabitFlow schema, SQLite. Kept equivalent to ../postgres/0001_initial.sql
-- (the schema-parity test compares them). Ids are 16-byte UUID blobs,
-- instants integer microseconds since the Unix epoch, dates 'YYYY-MM-DD' text.

CREATE TABLE users (
    id              BLOB PRIMARY KEY,
    email           TEXT NOT NULL CHECK (email = lower(email) AND length(email) BETWEEN 3 AND 254),
    display_name    TEXT NOT NULL DEFAULT '' CHECK (length(display_name) <= 64),
    password_hash   TEXT,
    time_zone       TEXT NOT NULL DEFAULT 'UTC',
    day_start_hour  INTEGER NOT NULL DEFAULT 0 CHECK (day_start_hour BETWEEN 0 AND 5),
    language        TEXT NOT NULL DEFAULT 'en' CHECK (language IN ('en', 'ru')),
    is_active       INTEGER NOT NULL DEFAULT 1 CHECK (is_active IN (0, 1)),
    created_at      INTEGER NOT NULL,
    updated_at      INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX users_email_key ON users (email);

CREATE TABLE oidc_identities (
    id          BLOB PRIMARY KEY,
    user_id     BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    issuer      TEXT NOT NULL,
    subject     TEXT NOT NULL,
    email       TEXT,
    created_at  INTEGER NOT NULL,
    UNIQUE (issuer, subject)
) STRICT;
CREATE INDEX oidc_identities_user_idx ON oidc_identities (user_id);

CREATE TABLE themes (
    id          BLOB PRIMARY KEY,
    owner_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name        TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 24),
    color       TEXT NOT NULL CHECK (length(color) = 7 AND color GLOB '#[0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F][0-9A-F]'),
    created_at  INTEGER NOT NULL,
    updated_at  INTEGER NOT NULL
) STRICT;
CREATE UNIQUE INDEX themes_owner_name_key ON themes (owner_id, lower(name));

CREATE TABLE tasks (
    id            BLOB PRIMARY KEY,
    owner_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    theme_id      BLOB REFERENCES themes (id) ON DELETE SET NULL,
    name          TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 46),
    description   TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 2000),
    priority      TEXT NOT NULL DEFAULT 'medium' CHECK (priority IN ('low', 'medium', 'high')),
    due_on        TEXT CHECK (due_on IS NULL OR date(due_on) = due_on),
    completed_at  INTEGER,
    created_at    INTEGER NOT NULL,
    updated_at    INTEGER NOT NULL
) STRICT;
CREATE INDEX tasks_owner_idx ON tasks (owner_id, completed_at);
CREATE INDEX tasks_theme_idx ON tasks (theme_id);

CREATE TABLE habits (
    id               BLOB PRIMARY KEY,
    owner_id         BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    theme_id         BLOB REFERENCES themes (id) ON DELETE SET NULL,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 46),
    description      TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    schedule_type    TEXT NOT NULL
        CHECK (schedule_type IN ('daily', 'weekly_days', 'monthly_day', 'yearly_date', 'interval_cycle')),
    schedule_config  TEXT NOT NULL DEFAULT '{}',
    starts_on        TEXT NOT NULL CHECK (date(starts_on) = starts_on),
    ends_on          TEXT CHECK (ends_on IS NULL OR date(ends_on) = ends_on),
    archived_at      INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    CHECK (ends_on IS NULL OR ends_on >= starts_on)
) STRICT;
CREATE INDEX habits_owner_idx ON habits (owner_id);
CREATE INDEX habits_theme_idx ON habits (theme_id);

CREATE TABLE checkins (
    habit_id    BLOB NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    owner_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date        TEXT NOT NULL CHECK (date(date) = date),
    kind        TEXT NOT NULL CHECK (kind IN ('done', 'skipped')),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_at  INTEGER NOT NULL,
    PRIMARY KEY (habit_id, date)
) STRICT;
CREATE INDEX checkins_owner_date_idx ON checkins (owner_id, date);

CREATE TABLE quote_batches (
    id          BLOB PRIMARY KEY,
    fetched_at  INTEGER NOT NULL
) STRICT;

CREATE TABLE quotes (
    batch_id  BLOB NOT NULL REFERENCES quote_batches (id) ON DELETE CASCADE,
    position  INTEGER NOT NULL CHECK (position >= 0),
    text      TEXT NOT NULL CHECK (length(text) BETWEEN 1 AND 256),
    author    TEXT NOT NULL CHECK (length(author) <= 128),
    PRIMARY KEY (batch_id, position)
) STRICT;

CREATE TABLE auth_sessions (
    id_hash       TEXT PRIMARY KEY,
    user_id       BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at    INTEGER NOT NULL,
    expires_at    INTEGER NOT NULL,
    last_seen_at  INTEGER NOT NULL,
    ip            TEXT NOT NULL DEFAULT '',
    user_agent    TEXT NOT NULL DEFAULT ''
) STRICT;
CREATE INDEX auth_sessions_user_idx ON auth_sessions (user_id);
CREATE INDEX auth_sessions_expiry_idx ON auth_sessions (expires_at);
