DROP TABLE ended_sessions;
DROP TABLE one_time_tokens;
CREATE TABLE refresh_tokens (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    generation BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
) WITHOUT ROWID;
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);
CREATE TABLE one_time_tokens (
    token_hash   TEXT   NOT NULL PRIMARY KEY,
    purpose      TEXT   NOT NULL,
    user_id      TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    browser_hash TEXT,
    expires_at   BIGINT NOT NULL
) WITHOUT ROWID;
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);
