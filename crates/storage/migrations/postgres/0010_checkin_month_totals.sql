-- The all-time statistics' monthly bars (docs/architecture.md#check-in-month-aggregates):
-- per owner and month, how many done and skipped check-ins all the owner's
-- habits have, so a month of history is one row however many habits there
-- are. Kept equivalent to ../sqlite/0010_checkin_month_totals.sql. Like
-- `checkin_months`, a trigger keeps it in the transaction of every check-in
-- write, whatever the path; a month without check-ins has no row.
CREATE TABLE checkin_month_totals (
    owner_id       UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    month          DATE NOT NULL CHECK (EXTRACT(DAY FROM month) = 1),
    done_count     INTEGER NOT NULL CHECK (done_count >= 0),
    skipped_count  INTEGER NOT NULL CHECK (skipped_count >= 0),
    PRIMARY KEY (owner_id, month)
);

INSERT INTO checkin_month_totals (owner_id, month, done_count, skipped_count)
SELECT owner_id, date_trunc('month', date)::date,
       COUNT(*) FILTER (WHERE kind = 'done'), COUNT(*) FILTER (WHERE kind = 'skipped')
FROM checkins
GROUP BY owner_id, date_trunc('month', date)::date;

CREATE FUNCTION checkin_month_totals_track() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('DELETE', 'UPDATE') THEN
        UPDATE checkin_month_totals SET
            done_count = done_count - (OLD.kind = 'done')::int,
            skipped_count = skipped_count - (OLD.kind = 'skipped')::int
        WHERE owner_id = OLD.owner_id AND month = date_trunc('month', OLD.date)::date;
        DELETE FROM checkin_month_totals
        WHERE owner_id = OLD.owner_id AND month = date_trunc('month', OLD.date)::date
          AND done_count = 0 AND skipped_count = 0;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO checkin_month_totals (owner_id, month, done_count, skipped_count)
        VALUES (NEW.owner_id, date_trunc('month', NEW.date)::date,
                (NEW.kind = 'done')::int, (NEW.kind = 'skipped')::int)
        ON CONFLICT (owner_id, month) DO UPDATE SET
            done_count = checkin_month_totals.done_count + EXCLUDED.done_count,
            skipped_count = checkin_month_totals.skipped_count + EXCLUDED.skipped_count;
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER checkin_month_totals_track
AFTER INSERT OR DELETE OR UPDATE OF date, kind ON checkins
FOR EACH ROW EXECUTE FUNCTION checkin_month_totals_track();
