-- Remarks: what a customer said, as an employee captured it. No column names who captured it
-- (the messenger module keeps that, sealed). The id is the client's UUID v4; created_at is kept to
-- the hour; heard_on is the day ('YYYY-MM-DD').
CREATE TABLE remarks (
    id                TEXT    NOT NULL PRIMARY KEY,
    customer_name     TEXT    NOT NULL,
    customer_email    TEXT,
    customer_phone    TEXT,
    contact_consent   BOOLEAN NOT NULL,
    customer_language TEXT    NOT NULL,
    facts             TEXT    NOT NULL,
    feeling           INTEGER NOT NULL,
    feeling_words     TEXT    NOT NULL,
    place_kind        TEXT    NOT NULL,
    place_detail      TEXT    NOT NULL,
    heard_on          TEXT    NOT NULL,
    topic_id          TEXT    REFERENCES topics (id),
    status            TEXT    NOT NULL,
    created_at        BIGINT  NOT NULL
);
CREATE INDEX remarks_newest ON remarks (created_at DESC, id DESC);
CREATE INDEX remarks_topic ON remarks (topic_id, created_at DESC);

-- Idempotency of capture: the client's UUID, a fingerprint of the body, the status answered and
-- the remark. No user, no headers, no time.
CREATE TABLE capture_keys (
    id          TEXT    NOT NULL PRIMARY KEY,
    fingerprint TEXT    NOT NULL,
    status      INTEGER NOT NULL,
    remark_id   TEXT    NOT NULL REFERENCES remarks (id) ON DELETE CASCADE
);

-- Words in facts and feelings, lower-cased and without accents: exactly the expression of
-- remarks::search::PG_DOCUMENT (a unit test compares them).
CREATE INDEX remarks_search ON remarks USING GIN (to_tsvector('simple', translate(lower(facts || ' ' || feeling_words), 'àáâäãåæçèéêëìíîïñòóôöõøùúûüýÿ', 'aaaaaaaceeeeiiiinoooooouuuuyy')));
