-- A habit's history summed up (SPEC §10), rewritten in the transaction of every
-- check-in write; lists read this instead of the whole history.
CREATE TABLE habit_summaries (
    habit_id      BLOB PRIMARY KEY REFERENCES habits (id) ON DELETE CASCADE,
    owner_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    last_checkin  TEXT CHECK (last_checkin IS NULL OR date(last_checkin) = last_checkin),
    run_done      INTEGER NOT NULL CHECK (run_done >= 0),
    best_streak   INTEGER NOT NULL CHECK (best_streak >= 0),
    strength      REAL NOT NULL CHECK (strength BETWEEN 0 AND 1),
    done          INTEGER NOT NULL CHECK (done >= 0),
    skipped       INTEGER NOT NULL CHECK (skipped >= 0)
) STRICT;
CREATE INDEX habit_summaries_owner_idx ON habit_summaries (owner_id);
