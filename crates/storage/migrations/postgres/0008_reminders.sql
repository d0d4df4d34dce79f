-- Reminders (docs/reminders.md). Kept equivalent to ../sqlite/0008_reminders.sql.
-- A habit's reminder times and its next slot: the scheduler reads the rows
-- whose next slot has come through the partial index, never every habit.
CREATE TABLE habit_reminders (
    habit_id       UUID PRIMARY KEY REFERENCES habits (id) ON DELETE CASCADE,
    owner_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    reminder_times TEXT NOT NULL,
    next_fires_at  TIMESTAMPTZ,
    next_date      DATE,
    next_time      TEXT
);
CREATE INDEX habit_reminders_next_idx ON habit_reminders (next_fires_at)
    WHERE next_fires_at IS NOT NULL;

-- A user's channels besides Web Push.
CREATE TABLE reminder_channels (
    user_id   UUID PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    ntfy_url  TEXT,
    email     BOOLEAN NOT NULL DEFAULT FALSE
);

-- The browsers that subscribed to Web Push; one row per endpoint.
CREATE TABLE push_subscriptions (
    id          UUID PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    endpoint    TEXT NOT NULL UNIQUE,
    p256dh      TEXT NOT NULL,
    auth        TEXT NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX push_subscriptions_user_idx ON push_subscriptions (user_id);

-- One row per (habit, date, time) ever claimed: the instance whose insert
-- wins sends it, so several instances and restarts deliver it once.
CREATE TABLE reminder_claims (
    habit_id    UUID NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    owner_id    UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    local_date  DATE NOT NULL,
    local_time  TEXT NOT NULL,
    fires_at    TIMESTAMPTZ NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (habit_id, local_date, local_time)
);
CREATE INDEX reminder_claims_fires_idx ON reminder_claims (fires_at);

-- The outbox: one row per channel of a claimed reminder, retried with back-off
-- until its deadline.
CREATE TABLE reminder_deliveries (
    id               UUID PRIMARY KEY,
    user_id          UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    habit_id         UUID NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    channel          TEXT NOT NULL CHECK (channel IN ('push', 'ntfy', 'email')),
    subscription_id  UUID REFERENCES push_subscriptions (id) ON DELETE CASCADE,
    target           TEXT NOT NULL,
    title            TEXT NOT NULL,
    body             TEXT NOT NULL,
    link             TEXT NOT NULL,
    state            TEXT NOT NULL CHECK (state IN ('pending', 'sending', 'sent', 'dropped')),
    attempts         INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    next_attempt_at  TIMESTAMPTZ NOT NULL,
    deadline_at      TIMESTAMPTZ NOT NULL
);
CREATE INDEX reminder_deliveries_ready_idx ON reminder_deliveries (next_attempt_at)
    WHERE state = 'pending';
CREATE INDEX reminder_deliveries_deadline_idx ON reminder_deliveries (deadline_at);
