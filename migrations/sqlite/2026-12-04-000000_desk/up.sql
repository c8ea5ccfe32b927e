-- The owner's desk (docs/triage.md). Each remark keeps its current promise (due_at) and its
-- place in the inbox (urgency_key = due_at - 6 h per step of frustration), so the inbox is two
-- range scans over these indexes. version counts the owner's changes (a stale change is a 409).
ALTER TABLE remarks ADD COLUMN due_at BIGINT NOT NULL DEFAULT 0;
ALTER TABLE remarks ADD COLUMN urgency_key BIGINT NOT NULL DEFAULT 0;
ALTER TABLE remarks ADD COLUMN version INTEGER NOT NULL DEFAULT 1;
ALTER TABLE remarks ADD COLUMN undecided BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX remarks_inbox_late ON remarks (undecided, due_at, feeling, id);
CREATE INDEX remarks_inbox_order ON remarks (undecided, urgency_key, feeling, id);
-- The same two orders within one state (the inbox's state filter): an acknowledged remark's
-- later promise puts it far down the first two, behind every new one.
CREATE INDEX remarks_inbox_state_late ON remarks (undecided, status, due_at, feeling, id);
CREATE INDEX remarks_inbox_state_order ON remarks (undecided, status, urgency_key, feeling, id);

-- After how many days a pass-on the messenger has not confirmed shows as "not confirmed".
ALTER TABLE organisation ADD COLUMN pass_on_days INTEGER NOT NULL DEFAULT 7;

-- A first answer to a customer: by mail, passed on by the messenger, or by phone. The owner is
-- named; the act is kept to the hour (acted_at) and the day (acted_on). The messenger is never
-- named: a pass-on they confirmed keeps only its day (passed_on_on). The id is random, so the
-- rows' order in the file says nothing.
CREATE TABLE acknowledgements (
    id           TEXT    NOT NULL PRIMARY KEY,
    remark_id    TEXT    NOT NULL REFERENCES remarks (id) ON DELETE CASCADE,
    channel      TEXT    NOT NULL,
    owner_id     TEXT    NOT NULL REFERENCES users (id),
    acted_at     BIGINT  NOT NULL,
    acted_on     TEXT    NOT NULL,
    promised_on  TEXT    NOT NULL,
    body         TEXT    NOT NULL,
    late         BOOLEAN NOT NULL,
    note         TEXT,
    passed_on_on TEXT
) WITHOUT ROWID;
CREATE INDEX acknowledgements_remark ON acknowledgements (remark_id, acted_at);

-- The customer's status page: a random token per link, stored only as its hash.
CREATE TABLE status_tokens (
    token_hash TEXT NOT NULL PRIMARY KEY,
    remark_id  TEXT NOT NULL REFERENCES remarks (id) ON DELETE CASCADE
) WITHOUT ROWID;
CREATE INDEX status_tokens_remark ON status_tokens (remark_id);
