-- The all-time statistics' monthly bars (docs/architecture.md#check-in-month-aggregates):
-- per owner and month, how many done and skipped check-ins all the owner's
-- habits have, so a month of history is one row however many habits there
-- are. Kept equivalent to ../postgres/0010_checkin_month_totals.sql. Like
-- `checkin_months`, triggers keep it in the transaction of every check-in
-- write, whatever the path; a month without check-ins has no row.
CREATE TABLE checkin_month_totals (
    owner_id       BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month          TEXT NOT NULL CHECK (date(month) = month AND substr(month, 9, 2) = '01'),
    done_count     INTEGER NOT NULL CHECK (done_count >= 0),
    skipped_count  INTEGER NOT NULL CHECK (skipped_count >= 0),
    PRIMARY KEY (owner_id, month)
) STRICT;

INSERT INTO checkin_month_totals (owner_id, month, done_count, skipped_count)
SELECT owner_id, substr(date, 1, 8) || '01',
       SUM(kind = 'done'), SUM(kind = 'skipped')
FROM checkins
GROUP BY owner_id, substr(date, 1, 8);

CREATE TRIGGER checkin_month_totals_after_insert AFTER INSERT ON checkins BEGIN
    INSERT INTO checkin_month_totals (owner_id, month, done_count, skipped_count)
    VALUES (NEW.owner_id, substr(NEW.date, 1, 8) || '01', NEW.kind = 'done', NEW.kind = 'skipped')
    ON CONFLICT (owner_id, month) DO UPDATE SET
        done_count = done_count + excluded.done_count,
        skipped_count = skipped_count + excluded.skipped_count;
END;

CREATE TRIGGER checkin_month_totals_after_delete AFTER DELETE ON checkins BEGIN
    UPDATE checkin_month_totals SET
        done_count = done_count - (OLD.kind = 'done'),
        skipped_count = skipped_count - (OLD.kind = 'skipped')
    WHERE owner_id = OLD.owner_id AND month = substr(OLD.date, 1, 8) || '01';
    DELETE FROM checkin_month_totals
    WHERE owner_id = OLD.owner_id AND month = substr(OLD.date, 1, 8) || '01'
      AND done_count = 0 AND skipped_count = 0;
END;

CREATE TRIGGER checkin_month_totals_after_update AFTER UPDATE OF date, kind ON checkins BEGIN
    UPDATE checkin_month_totals SET
        done_count = done_count - (OLD.kind = 'done'),
        skipped_count = skipped_count - (OLD.kind = 'skipped')
    WHERE owner_id = OLD.owner_id AND month = substr(OLD.date, 1, 8) || '01';
    DELETE FROM checkin_month_totals
    WHERE owner_id = OLD.owner_id AND month = substr(OLD.date, 1, 8) || '01'
      AND done_count = 0 AND skipped_count = 0;
    INSERT INTO checkin_month_totals (owner_id, month, done_count, skipped_count)
    VALUES (NEW.owner_id, substr(NEW.date, 1, 8) || '01', NEW.kind = 'done', NEW.kind = 'skipped')
    ON CONFLICT (owner_id, month) DO UPDATE SET
        done_count = done_count + excluded.done_count,
        skipped_count = skipped_count + excluded.skipped_count;
END;
