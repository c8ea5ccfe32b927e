-- Decisions (docs/decisions.md): what becomes of a case. A case has one current decision
-- (cases.decision_id) and keeps every earlier version (ended: changed, reopened, merged). The
-- owner is named and the act kept to the hour; seq numbers a case's decisions. The owner's
-- words are JSON, once per language: [{language, feeling, facts, outcome, change}].
CREATE TABLE decisions (
    id            TEXT    NOT NULL PRIMARY KEY,
    case_id       TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    kind          TEXT    NOT NULL,
    duplicate_of  TEXT,
    hear_again_on TEXT,
    texts         TEXT    NOT NULL,
    owner_id      TEXT    NOT NULL REFERENCES users (id),
    at            BIGINT  NOT NULL,
    ended         TEXT
) WITHOUT ROWID;
CREATE INDEX decisions_case ON decisions (case_id, seq);
-- The cases that are duplicates of a root are found by it.
CREATE INDEX decisions_duplicate_of ON decisions (duplicate_of);
ALTER TABLE cases ADD COLUMN decision_id TEXT;

-- What a customer was told is an answer like a first one: the decision it carried, and the
-- remark's version after it (orders a remark's answers within an hour).
ALTER TABLE acknowledgements ADD COLUMN decision_id TEXT;
ALTER TABLE acknowledgements ADD COLUMN seq INTEGER NOT NULL DEFAULT 0;
