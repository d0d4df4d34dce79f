-- Richer habits (docs/product.md#measurable-habits, docs/product.md#pauses-and-vacations).
-- Kept equivalent to ../sqlite/0005_richer_habits.sql. Values and targets are
-- integer thousandths, never floats.

ALTER TABLE habits DROP CONSTRAINT habits_schedule_type_check;
ALTER TABLE habits ADD CONSTRAINT habits_schedule_type_check
    CHECK (schedule_type IN ('daily', 'weekly_days', 'monthly_day', 'yearly_date', 'interval_cycle',
                             'monthly_weekday', 'times_per_period'));
ALTER TABLE habits
    ADD COLUMN kind         TEXT NOT NULL DEFAULT 'boolean' CHECK (kind IN ('boolean', 'measurable')),
    ADD COLUMN unit         TEXT CHECK (unit IS NULL OR length(unit) BETWEEN 1 AND 20),
    ADD COLUMN target       BIGINT CHECK (target IS NULL OR target BETWEEN 0 AND 1000000000),
    ADD COLUMN target_type  TEXT CHECK (target_type IS NULL OR target_type IN ('at_least', 'at_most')),
    ADD CHECK ((kind = 'boolean') = (unit IS NULL AND target IS NULL AND target_type IS NULL)),
    ADD CHECK (kind = 'boolean' OR (unit IS NOT NULL AND target IS NOT NULL AND target_type IS NOT NULL));

ALTER TABLE checkins
    ADD COLUMN value BIGINT CHECK (value IS NULL OR value BETWEEN 0 AND 1000000000);

-- The summaries gain what measurable and period habits and pauses need. The
-- old rows go: each is recomputed from its history when a list first reads
-- the habit (app/habit_values.rs, summaries_of).
DELETE FROM habit_summaries;
ALTER TABLE habit_summaries
    ADD COLUMN run_before_last       INTEGER NOT NULL DEFAULT 0 CHECK (run_before_last >= 0),
    ADD COLUMN strength_before_last  DOUBLE PRECISION NOT NULL DEFAULT 0 CHECK (strength_before_last BETWEEN 0 AND 1),
    ADD COLUMN best_before_last      INTEGER NOT NULL DEFAULT 0 CHECK (best_before_last >= 0),
    ADD COLUMN paused_logged         INTEGER NOT NULL DEFAULT 0 CHECK (paused_logged >= 0),
    ADD COLUMN logged_active         INTEGER NOT NULL DEFAULT 0 CHECK (logged_active >= 0),
    ADD COLUMN last_period_done      INTEGER NOT NULL DEFAULT 0 CHECK (last_period_done >= 0),
    ADD COLUMN last_period_sum       BIGINT NOT NULL DEFAULT 0 CHECK (last_period_sum >= 0);

-- A habit's pauses; stored merged (no two of a habit overlap or touch).
CREATE TABLE habit_pauses (
    id         UUID PRIMARY KEY,
    owner_id   UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    habit_id   UUID NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    from_date  DATE NOT NULL,
    to_date    DATE NOT NULL,
    CHECK (to_date >= from_date)
);
CREATE INDEX habit_pauses_habit_idx ON habit_pauses (habit_id, from_date);
CREATE INDEX habit_pauses_owner_idx ON habit_pauses (owner_id);

-- An account's vacations, which pause all of its habits; stored merged.
CREATE TABLE vacations (
    id         UUID PRIMARY KEY,
    owner_id   UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    from_date  DATE NOT NULL,
    to_date    DATE NOT NULL,
    CHECK (to_date >= from_date)
);
CREATE INDEX vacations_owner_idx ON vacations (owner_id, from_date);
