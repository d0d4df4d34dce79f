-- Long-range statistics from per-month aggregates
-- (docs/architecture.md#check-in-month-aggregates). Kept equivalent to
-- ../sqlite/0009_checkin_months.sql. One row per habit and month with a
-- check-in: bit d - 1 of `done_days` / `skipped_days` is set when day d has a
-- done / skipped check-in. A trigger keeps it in the transaction of every
-- check-in write (check in, undo, edit, import, demo data), whatever the
-- path; a month without check-ins has no row.
CREATE TABLE checkin_months (
    habit_id      UUID NOT NULL REFERENCES habits (id) ON DELETE CASCADE,
    owner_id      UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month         DATE NOT NULL CHECK (EXTRACT(DAY FROM month) = 1),
    done_days     INTEGER NOT NULL CHECK (done_days >= 0),
    skipped_days  INTEGER NOT NULL CHECK (skipped_days >= 0),
    PRIMARY KEY (habit_id, month)
);
CREATE INDEX checkin_months_owner_month_idx ON checkin_months (owner_id, month);

INSERT INTO checkin_months (habit_id, owner_id, month, done_days, skipped_days)
SELECT habit_id, owner_id, date_trunc('month', date)::date,
       COALESCE(BIT_OR(1 << (EXTRACT(DAY FROM date)::int - 1)) FILTER (WHERE kind = 'done'), 0),
       COALESCE(BIT_OR(1 << (EXTRACT(DAY FROM date)::int - 1)) FILTER (WHERE kind = 'skipped'), 0)
FROM checkins
GROUP BY habit_id, owner_id, date_trunc('month', date)::date;

CREATE FUNCTION checkin_months_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE checkin_months SET
            done_days = done_days & ~(1 << (EXTRACT(DAY FROM OLD.date)::int - 1)),
            skipped_days = skipped_days & ~(1 << (EXTRACT(DAY FROM OLD.date)::int - 1))
        WHERE habit_id = OLD.habit_id AND month = date_trunc('month', OLD.date)::date;
        DELETE FROM checkin_months
        WHERE habit_id = OLD.habit_id AND month = date_trunc('month', OLD.date)::date
          AND done_days = 0 AND skipped_days = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO checkin_months (habit_id, owner_id, month, done_days, skipped_days)
        VALUES (NEW.habit_id, NEW.owner_id, date_trunc('month', NEW.date)::date,
                CASE NEW.kind WHEN 'done' THEN 1 << (EXTRACT(DAY FROM NEW.date)::int - 1) ELSE 0 END,
                CASE NEW.kind WHEN 'skipped' THEN 1 << (EXTRACT(DAY FROM NEW.date)::int - 1) ELSE 0 END)
        ON CONFLICT (habit_id, month) DO UPDATE SET
            done_days = checkin_months.done_days | EXCLUDED.done_days,
            skipped_days = checkin_months.skipped_days | EXCLUDED.skipped_days;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER checkin_months_track
AFTER INSERT OR DELETE OR UPDATE OF date, kind ON checkins
FOR EACH ROW EXECUTE FUNCTION checkin_months_track();
