-- Owners' alerts (docs/news.md): the one-touch links of an alert mail, each for one owner and
-- one remark, stored by their hash only; single use (used_at, to the hour), short-lived
-- (expires_at, to the hour). Written at a remark's release, never at its capture.
CREATE TABLE one_touch_tokens (
    token_hash TEXT   NOT NULL PRIMARY KEY,
    remark_id  TEXT   NOT NULL REFERENCES remarks (id) ON DELETE CASCADE,
    owner_id   TEXT   NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL,
    used_at    BIGINT
) WITHOUT ROWID;
CREATE INDEX one_touch_tokens_expiry ON one_touch_tokens (expires_at);

-- How many hours before a promise ends an owner hears it is about to slip.
ALTER TABLE users ADD COLUMN slip_hours INTEGER NOT NULL DEFAULT 24;
-- Where each owner's "about to slip" alerts got to: the promises whose alert moment (their
-- end less the owner's hours) is up to this instant were told.
CREATE TABLE alert_cursors (
    owner_id         TEXT   NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    slipping_through BIGINT NOT NULL
) WITHOUT ROWID;
