-- Personal access tokens and calendar feed tokens (docs/security.md, API
-- tokens). Kept equivalent to ../postgres/0006_api_tokens.sql. Only the
-- SHA-256 of a token is stored; the secret is shown once, when it is made.
CREATE TABLE api_tokens (
    id            BLOB PRIMARY KEY,
    user_id       BLOB NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name          TEXT NOT NULL,
    scope         TEXT NOT NULL CHECK (scope IN ('read', 'write')),
    token_hash    TEXT NOT NULL UNIQUE,
    created_at    INTEGER NOT NULL,
    last_used_at  INTEGER,
    expires_at    INTEGER
) STRICT;
CREATE INDEX api_tokens_user_idx ON api_tokens (user_id, created_at);

-- One calendar feed per user at most; rotating it replaces the row.
CREATE TABLE calendar_feeds (
    user_id     BLOB PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    token_hash  TEXT NOT NULL UNIQUE,
    created_at  INTEGER NOT NULL
) STRICT;
