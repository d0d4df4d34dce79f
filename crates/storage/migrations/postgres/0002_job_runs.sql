-- One row per (job, time slot): the instance that inserts it runs the job for that slot.
CREATE TABLE job_runs (
    job         TEXT NOT NULL,
    slot        BIGINT NOT NULL,
    claimed_at  TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (job, slot)
);
