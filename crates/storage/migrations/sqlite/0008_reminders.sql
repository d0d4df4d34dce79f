-- Reminders (docs/reminders.md). Kept equivalent to ../postgres/0008_reminders.sql.
-- A habit's reminder times and its next slot: the scheduler reads the rows
-- whose next slot has come through the partial index, never every habit.
CREATE TABLE habit_reminders (
    habit_id       BLOB PRIMARY KEY REFERENCES habits (id) ON DELETE CASCADE,
    owner_id       BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reminder_times TEXT NOT NULL,
    next_fires_at  INTEGER,
    next_date      TEXT,
    next_time      TEXT
) STRICT;
CREATE INDEX habit_reminders_next_idx ON habit_reminders (next_fires_at)
    WHERE next_fires_at IS NOT NULL;

-- A user's channels besides Web Push.
CREATE TABLE reminder_channels (
    user_id   BLOB PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    ntfy_url  TEXT,
    email     INTEGER NOT NULL DEFAULT 0 CHECK (email IN (0, 1))
) STRICT;

-- The browsers that subscribed to Web Push; one row per endpoint.
CREATE TABLE push_subscriptions (
    id          BLOB PRIMARY KEY,
    user_id     BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint    TEXT NOT NULL UNIQUE,
    p256dh      TEXT NOT NULL,
    auth        TEXT NOT NULL,
    created_at  INTEGER NOT NULL
) STRICT;
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

-- One row per (habit, date, time) ever claimed: the instance whose insert
-- wins sends it, so several instances and restarts deliver it once.
CREATE TABLE reminder_claims (
    habit_id    BLOB NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    owner_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_date  TEXT NOT NULL,
    local_time  TEXT NOT NULL,
    fires_at    INTEGER NOT NULL,
    claimed_at  INTEGER NOT NULL,
    PRIMARY KEY (habit_id, local_date, local_time)
) STRICT;
CREATE INDEX reminder_claims_fires_idx ON reminder_claims (fires_at);

-- The outbox: one row per channel of a claimed reminder, retried with back-off
-- until its deadline.
CREATE TABLE reminder_deliveries (
    id               BLOB PRIMARY KEY,
    user_id          BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    habit_id         BLOB NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    channel          TEXT NOT NULL CHECK (channel IN ('push', 'ntfy', 'email')),
    subscription_id  BLOB REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    target           TEXT NOT NULL,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    link             TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'dropped')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  INTEGER NOT NULL,
    deadline_at      INTEGER NOT NULL
) STRICT;
CREATE INDEX reminder_deliveries_ready_idx ON reminder_deliveries (next_attempt_at)
    WHERE state = 'pending';
CREATE INDEX reminder_deliveries_deadline_idx ON reminder_deliveries (deadline_at);
