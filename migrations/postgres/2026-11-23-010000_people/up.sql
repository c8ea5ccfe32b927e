-- People and their sign-in secrets. No column here, or anywhere, links a person to a remark.
-- Instants are kept to the hour, expiries to the day (docs/architecture.md, the messenger rule).
CREATE TABLE users (
    id               TEXT    NOT NULL PRIMARY KEY,
    email            TEXT    NOT NULL UNIQUE,
    display_name     TEXT    NOT NULL,
    password_hash    TEXT,
    is_employee      BOOLEAN NOT NULL,
    is_owner         BOOLEAN NOT NULL,
    is_admin         BOOLEAN NOT NULL,
    language         TEXT    NOT NULL,
    status           TEXT    NOT NULL,
    messenger_epoch  BIGINT  NOT NULL,
    token_generation BIGINT  NOT NULL,
    created_at       BIGINT  NOT NULL
);

-- Opaque refresh tokens, stored hashed; checked, never rewritten.
CREATE TABLE refresh_tokens (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    user_id    TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    generation BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
);
CREATE INDEX refresh_tokens_user ON refresh_tokens (user_id);

-- Invitations, sign-in links and password resets: single use, stored hashed. The exact expiry
-- travels inside the token; the row keeps the day.
CREATE TABLE one_time_tokens (
    token_hash   TEXT   NOT NULL PRIMARY KEY,
    purpose      TEXT   NOT NULL,
    user_id      TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    browser_hash TEXT,
    expires_at   BIGINT NOT NULL
);
CREATE INDEX one_time_tokens_user ON one_time_tokens (user_id, purpose);

-- The organisation's settings: one row.
CREATE TABLE organisation (
    id             INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
    name           TEXT    NOT NULL,
    sender_address TEXT    NOT NULL,
    time_zone      TEXT    NOT NULL,
    promise_value  INTEGER NOT NULL,
    promise_unit   TEXT    NOT NULL,
    languages      TEXT    NOT NULL,
    updated_at     BIGINT  NOT NULL
);
INSERT INTO organisation (id, name, sender_address, time_zone, promise_value, promise_unit, languages, updated_at)
VALUES (1, 'earshot', 'earshot@localhost', 'Europe/Brussels', 48, 'hours', '["nl","fr","en"]', 0);

CREATE TABLE topics (
    id       TEXT    NOT NULL PRIMARY KEY,
    label_nl TEXT    NOT NULL,
    label_fr TEXT    NOT NULL,
    label_en TEXT    NOT NULL,
    position INTEGER NOT NULL,
    archived BOOLEAN NOT NULL
);

-- The mail outbox: one row per (message, recipient), written in the business transaction.
-- Once sent, the recipient and the bodies (which may hold one-time links) are cleared.
CREATE TABLE mail_outbox (
    id              TEXT    NOT NULL PRIMARY KEY,
    dedupe_key      TEXT    NOT NULL UNIQUE,
    kind            TEXT    NOT NULL,
    sender          TEXT    NOT NULL,
    sender_name     TEXT    NOT NULL,
    recipient       TEXT    NOT NULL,
    subject         TEXT    NOT NULL,
    body_text       TEXT    NOT NULL,
    body_html       TEXT    NOT NULL,
    status          TEXT    NOT NULL,
    attempts        INTEGER NOT NULL,
    next_attempt_at BIGINT  NOT NULL,
    claim_id        TEXT,
    lease_until     BIGINT,
    last_error      TEXT,
    created_at      BIGINT  NOT NULL
);
CREATE INDEX mail_outbox_due ON mail_outbox (status, next_attempt_at);
CREATE INDEX mail_outbox_claim ON mail_outbox (claim_id);
