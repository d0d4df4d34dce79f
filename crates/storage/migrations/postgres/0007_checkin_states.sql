-- Check-in writes in time independent of the history's length
-- (docs/architecture.md#check-in-writes). Kept equivalent to
-- ../sqlite/0007_checkin_states.sql. Each counted check-in keeps the record
-- (run, best streak, strength) through itself, so that a write folds only the
-- check-ins from its date on; NULL on a check-in that is not counted.
-- `states_valid` says the states of every check-in of the habit are those of
-- its current summary: any other summary write (schedule, pauses, import)
-- clears it, and the next check-in write recomputes them all once. Existing
-- databases start with it cleared: the first write of each habit backfills.
ALTER TABLE checkins ADD COLUMN state_run INTEGER CHECK (state_run IS NULL OR state_run >= 0);
ALTER TABLE checkins ADD COLUMN state_best INTEGER CHECK (state_best IS NULL OR state_best >= 0);
ALTER TABLE checkins ADD COLUMN state_strength DOUBLE PRECISION CHECK (state_strength IS NULL OR state_strength BETWEEN 0 AND 1);
ALTER TABLE habit_summaries ADD COLUMN states_valid BOOLEAN NOT NULL DEFAULT false;
