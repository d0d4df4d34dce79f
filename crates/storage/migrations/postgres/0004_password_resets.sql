-- One-time links to set a new password, issued by `habitflow user reset-password`.
-- Kept equivalent to ../sqlite/0004_password_resets.sql. Only the SHA-256 of
-- the link's token is stored; a row is deleted when it is used.
CREATE TABLE password_resets (
    token_hash  TEXT PRIMARY KEY,
    user_id     UUID NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at  TIMESTAMPTZ NOT NULL,
    expires_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id);
