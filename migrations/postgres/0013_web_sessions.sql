-- Browser sessions of signed-in people (docs/architecture.md §6). The cookie carries a
-- 256-bit random secret; only its SHA-256 is stored, so a copy of the database opens no
-- session. A session ends when it is idle too long (`last_seen_at`), at its absolute end
-- (`expires_at`), at sign-out (the row is deleted) or when its user is deleted.
CREATE TABLE web_sessions (
    secret_hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at TEXT NOT NULL,
    last_seen_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
);
CREATE INDEX web_sessions_user ON web_sessions (user_id);
CREATE INDEX web_sessions_last_seen ON web_sessions (last_seen_at);
CREATE INDEX web_sessions_expires ON web_sessions (expires_at);
