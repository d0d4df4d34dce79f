-- Richer habits (docs/product.md#measurable-habits, docs/product.md#pauses-and-vacations).
-- Kept equivalent to ../postgres/0005_richer_habits.sql. Values and targets are
-- integer thousandths, never floats.
--
-- SQLite cannot alter the CHECK on habits.schedule_type, so habits is rebuilt
-- the standard way, and with it its children (check-ins and summaries), whose
-- foreign keys must follow: each new table is created and filled, the old
-- children then the old habits are dropped (nothing is left for a cascade to
-- delete), and the renames make the new tables' references read `habits`
-- again. All of it runs in the migration's transaction with foreign keys on.

CREATE TABLE habits_new (
    id               BLOB PRIMARY KEY,
    owner_id         BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    theme_id         BLOB REFERENCES themes (id) ON DELETE SET NULL,
    name             TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 46),
    description      TEXT NOT NULL DEFAULT '' CHECK (length(description) <= 500),
    schedule_type    TEXT NOT NULL
        CHECK (schedule_type IN ('daily', 'weekly_days', 'monthly_day', 'yearly_date', 'interval_cycle',
                                 'monthly_weekday', 'times_per_period')),
    schedule_config  TEXT NOT NULL DEFAULT '{}',
    starts_on        TEXT NOT NULL CHECK (date(starts_on) = starts_on),
    ends_on          TEXT CHECK (ends_on IS NULL OR date(ends_on) = ends_on),
    archived_at      INTEGER,
    created_at       INTEGER NOT NULL,
    updated_at       INTEGER NOT NULL,
    kind             TEXT NOT NULL DEFAULT 'boolean' CHECK (kind IN ('boolean', 'measurable')),
    unit             TEXT CHECK (unit IS NULL OR length(unit) BETWEEN 1 AND 20),
    target           INTEGER CHECK (target IS NULL OR target BETWEEN 0 AND 1000000000),
    target_type      TEXT CHECK (target_type IS NULL OR target_type IN ('at_least', 'at_most')),
    CHECK (ends_on IS NULL OR ends_on >= starts_on),
    CHECK ((kind = 'boolean') = (unit IS NULL AND target IS NULL AND target_type IS NULL)),
    CHECK (kind = 'boolean' OR (unit IS NOT NULL AND target IS NOT NULL AND target_type IS NOT NULL))
) STRICT;
INSERT INTO habits_new (id, owner_id, theme_id, name, description, schedule_type, schedule_config,
                        starts_on, ends_on, archived_at, created_at, updated_at)
SELECT id, owner_id, theme_id, name, description, schedule_type, schedule_config,
       starts_on, ends_on, archived_at, created_at, updated_at
FROM habits;

CREATE TABLE checkins_new (
    habit_id    BLOB NOT NULL REFERENCES habits_new (id) ON DELETE CASCADE,
    owner_id    BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    date        TEXT NOT NULL CHECK (date(date) = date),
    kind        TEXT NOT NULL CHECK (kind IN ('done', 'skipped')),
    note        TEXT NOT NULL DEFAULT '' CHECK (length(note) <= 500),
    created_at  INTEGER NOT NULL,
    value       INTEGER CHECK (value IS NULL OR value BETWEEN 0 AND 1000000000),
    PRIMARY KEY (habit_id, date)
) STRICT;
INSERT INTO checkins_new (habit_id, owner_id, date, kind, note, created_at)
SELECT habit_id, owner_id, date, kind, note, created_at FROM checkins;

-- The summaries gain what measurable and period habits and pauses need. The
-- old rows are not copied: each is recomputed from its history when a list
-- first reads the habit (app/habit_values.rs, summaries_of).
CREATE TABLE habit_summaries_new (
    habit_id              BLOB PRIMARY KEY REFERENCES habits_new (id) ON DELETE CASCADE,
    owner_id              BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_checkin          TEXT CHECK (last_checkin IS NULL OR date(last_checkin) = last_checkin),
    run_done              INTEGER NOT NULL CHECK (run_done >= 0),
    best_streak           INTEGER NOT NULL CHECK (best_streak >= 0),
    strength              REAL NOT NULL CHECK (strength BETWEEN 0 AND 1),
    done                  INTEGER NOT NULL CHECK (done >= 0),
    skipped               INTEGER NOT NULL CHECK (skipped >= 0),
    run_before_last       INTEGER NOT NULL DEFAULT 0 CHECK (run_before_last >= 0),
    strength_before_last  REAL NOT NULL DEFAULT 0 CHECK (strength_before_last BETWEEN 0 AND 1),
    best_before_last      INTEGER NOT NULL DEFAULT 0 CHECK (best_before_last >= 0),
    paused_logged         INTEGER NOT NULL DEFAULT 0 CHECK (paused_logged >= 0),
    logged_active         INTEGER NOT NULL DEFAULT 0 CHECK (logged_active >= 0),
    last_period_done      INTEGER NOT NULL DEFAULT 0 CHECK (last_period_done >= 0),
    last_period_sum       INTEGER NOT NULL DEFAULT 0 CHECK (last_period_sum >= 0)
) STRICT;

DROP TABLE habit_summaries;
DROP TABLE checkins;
DROP TABLE habits;
ALTER TABLE habits_new RENAME TO habits;
ALTER TABLE checkins_new RENAME TO checkins;
ALTER TABLE habit_summaries_new RENAME TO habit_summaries;
CREATE INDEX habits_owner_idx ON habits (owner_id);
CREATE INDEX habits_theme_idx ON habits (theme_id);
CREATE INDEX checkins_owner_date_idx ON checkins (owner_id, date);
CREATE INDEX habit_summaries_owner_idx ON habit_summaries (owner_id);

-- A habit's pauses; stored merged (no two of a habit overlap or touch).
CREATE TABLE habit_pauses (
    id         BLOB PRIMARY KEY,
    owner_id   BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    habit_id   BLOB NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    from_date  TEXT NOT NULL CHECK (date(from_date) = from_date),
    to_date    TEXT NOT NULL CHECK (date(to_date) = to_date),
    CHECK (to_date >= from_date)
) STRICT;
CREATE INDEX habit_pauses_habit_idx ON habit_pauses (habit_id, from_date);
CREATE INDEX habit_pauses_owner_idx ON habit_pauses (owner_id);

-- An account's vacations, which pause all of its habits; stored merged.
CREATE TABLE vacations (
    id         BLOB PRIMARY KEY,
    owner_id   BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    from_date  TEXT NOT NULL CHECK (date(from_date) = from_date),
    to_date    TEXT NOT NULL CHECK (date(to_date) = to_date),
    CHECK (to_date >= from_date)
) STRICT;
CREATE INDEX vacations_owner_idx ON vacations (owner_id, from_date);
