-- Long-range statistics from per-month aggregates
-- (docs/architecture.md#check-in-month-aggregates). Kept equivalent to
-- ../postgres/0009_checkin_months.sql. One row per habit and month with a
-- check-in: bit d - 1 of `done_days` / `skipped_days` is set when day d has a
-- done / skipped check-in. Triggers keep it in the transaction of every
-- check-in write (check in, undo, edit, import, demo data), whatever the
-- path; a month without check-ins has no row.
CREATE TABLE checkin_months (
    habit_id      BLOB NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    owner_id      BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month         TEXT NOT NULL CHECK (date(month) = month AND substr(month, 9, 2) = '01'),
    done_days     INTEGER NOT NULL CHECK (done_days BETWEEN 0 AND 2147483647),
    skipped_days  INTEGER NOT NULL CHECK (skipped_days BETWEEN 0 AND 2147483647),
    PRIMARY KEY (habit_id, month)
) STRICT;
CREATE INDEX checkin_months_owner_month_idx ON checkin_months (owner_id, month);

-- Each (habit, date) holds one check-in, so the sum of a month's bits is their union.
INSERT INTO checkin_months (habit_id, owner_id, month, done_days, skipped_days)
SELECT habit_id, owner_id, substr(date, 1, 8) || '01',
       SUM(CASE kind WHEN 'done' THEN 1 << (CAST(substr(date, 9, 2) AS INTEGER) - 1) ELSE 0 END),
       SUM(CASE kind WHEN 'skipped' THEN 1 << (CAST(substr(date, 9, 2) AS INTEGER) - 1) ELSE 0 END)
FROM checkins
GROUP BY habit_id, owner_id, substr(date, 1, 8);

CREATE TRIGGER checkin_months_after_insert AFTER INSERT ON checkins BEGIN
    INSERT INTO checkin_months (habit_id, owner_id, month, done_days, skipped_days)
    VALUES (NEW.habit_id, NEW.owner_id, substr(NEW.date, 1, 8) || '01',
            CASE NEW.kind WHEN 'done' THEN 1 << (CAST(substr(NEW.date, 9, 2) AS INTEGER) - 1) ELSE 0 END,
            CASE NEW.kind WHEN 'skipped' THEN 1 << (CAST(substr(NEW.date, 9, 2) AS INTEGER) - 1) ELSE 0 END)
    ON CONFLICT (habit_id, month) DO UPDATE SET
        done_days = done_days | excluded.done_days,
        skipped_days = skipped_days | excluded.skipped_days;
END;

CREATE TRIGGER checkin_months_after_delete AFTER DELETE ON checkins BEGIN
    UPDATE checkin_months SET
        done_days = done_days & ~(1 << (CAST(substr(OLD.date, 9, 2) AS INTEGER) - 1)),
        skipped_days = skipped_days & ~(1 << (CAST(substr(OLD.date, 9, 2) AS INTEGER) - 1))
    WHERE habit_id = OLD.habit_id AND month = substr(OLD.date, 1, 8) || '01';
    DELETE FROM checkin_months
    WHERE habit_id = OLD.habit_id AND month = substr(OLD.date, 1, 8) || '01'
      AND done_days = 0 AND skipped_days = 0;
END;

CREATE TRIGGER checkin_months_after_update AFTER UPDATE OF date, kind ON checkins BEGIN
    UPDATE checkin_months SET
        done_days = done_days & ~(1 << (CAST(substr(OLD.date, 9, 2) AS INTEGER) - 1)),
        skipped_days = skipped_days & ~(1 << (CAST(substr(OLD.date, 9, 2) AS INTEGER) - 1))
    WHERE habit_id = OLD.habit_id AND month = substr(OLD.date, 1, 8) || '01';
    DELETE FROM checkin_months
    WHERE habit_id = OLD.habit_id AND month = substr(OLD.date, 1, 8) || '01'
      AND done_days = 0 AND skipped_days = 0;
    INSERT INTO checkin_months (habit_id, owner_id, month, done_days, skipped_days)
    VALUES (NEW.habit_id, NEW.owner_id, substr(NEW.date, 1, 8) || '01',
            CASE NEW.kind WHEN 'done' THEN 1 << (CAST(substr(NEW.date, 9, 2) AS INTEGER) - 1) ELSE 0 END,
            CASE NEW.kind WHEN 'skipped' THEN 1 << (CAST(substr(NEW.date, 9, 2) AS INTEGER) - 1) ELSE 0 END)
    ON CONFLICT (habit_id, month) DO UPDATE SET
        done_days = done_days | excluded.done_days,
        skipped_days = skipped_days | excluded.skipped_days;
END;
