-- Cases (docs/cases.md): remarks about the same thing, one problem for the owner. A remark is in
-- at most one case (remarks.case_id). The inbox lists a remark alone, or one row per case: the
-- case's most urgent remark (its lead) has listed = TRUE, the others FALSE. A merged case stays
-- as a pointer to the case it went into (merged_into), so a stale page leads on.
CREATE TABLE cases (
    id          TEXT    NOT NULL PRIMARY KEY,
    title       TEXT    NOT NULL,
    topic_id    TEXT    REFERENCES topics (id),
    version     INTEGER NOT NULL DEFAULT 1,
    merged_into TEXT    REFERENCES cases (id),
    created_at  BIGINT  NOT NULL
);
CREATE INDEX cases_merged_into ON cases (merged_into);

ALTER TABLE remarks ADD COLUMN case_id TEXT REFERENCES cases (id);
ALTER TABLE remarks ADD COLUMN listed BOOLEAN NOT NULL DEFAULT TRUE;
CREATE INDEX remarks_case ON remarks (case_id);
CREATE INDEX remarks_inbox_listed_late ON remarks (listed, due_at, feeling, id);
CREATE INDEX remarks_inbox_listed_order ON remarks (listed, urgency_key, feeling, id);

-- Who grouped, merged, split, renamed: the owner named, the act to the hour, never a reporter.
-- The id is random, so the rows' order in the file says nothing; seq is the case's version the
-- act made, which orders a case's acts within an hour.
CREATE TABLE case_events (
    id          TEXT    NOT NULL PRIMARY KEY,
    case_id     TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    kind        TEXT    NOT NULL,
    owner_id    TEXT    NOT NULL REFERENCES users (id),
    at          BIGINT  NOT NULL,
    seq         INTEGER NOT NULL,
    remarks     INTEGER NOT NULL,
    other_case  TEXT,
    other_title TEXT
);
CREATE INDEX case_events_case ON case_events (case_id, seq);

-- The words of each remark as the suggestions find them (triage::similar): folded, stemmed
-- terms. Written at the release with the remark, so in no other order than the remarks.
CREATE TABLE remark_terms (
    term      TEXT NOT NULL,
    remark_id TEXT NOT NULL REFERENCES remarks (id) ON DELETE CASCADE,
    PRIMARY KEY (term, remark_id)
);
CREATE INDEX remark_terms_remark ON remark_terms (remark_id);
