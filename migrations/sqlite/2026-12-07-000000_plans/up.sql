-- Action plans (docs/plans.md): the work that carries out an act decision. A plan's date is the
-- day its customers hear it is done (promised_on: the day they were last told). The owner is
-- named, every act kept to the hour. dropped: changed, reopened or merged when its decision ends.
CREATE TABLE plans (
    id          TEXT    NOT NULL PRIMARY KEY,
    case_id     TEXT    NOT NULL REFERENCES cases (id) ON DELETE CASCADE,
    decision_id TEXT    NOT NULL REFERENCES decisions (id),
    owner_id    TEXT    NOT NULL REFERENCES users (id),
    due_on      TEXT    NOT NULL,
    promised_on TEXT    NOT NULL,
    done_at     BIGINT,
    dropped     TEXT,
    version     INTEGER NOT NULL,
    created_at  BIGINT  NOT NULL
) WITHOUT ROWID;
CREATE INDEX plans_case ON plans (case_id);
-- The desk lists the open plans by their date.
CREATE INDEX plans_open ON plans (done_at, dropped, due_on);

-- A plan's tasks, each for one colleague (named on what they do: assigned, done).
CREATE TABLE tasks (
    id          TEXT    NOT NULL PRIMARY KEY,
    plan_id     TEXT    NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
    seq         INTEGER NOT NULL,
    description TEXT    NOT NULL,
    assignee_id TEXT    NOT NULL REFERENCES users (id),
    due_on      TEXT    NOT NULL,
    done_at     BIGINT,
    done_by     TEXT    REFERENCES users (id),
    removed     BOOLEAN NOT NULL DEFAULT FALSE,
    created_at  BIGINT  NOT NULL
) WITHOUT ROWID;
CREATE INDEX tasks_plan ON tasks (plan_id, seq);
-- My tasks: a person's tasks, open ones first.
CREATE INDEX tasks_assignee ON tasks (assignee_id, done_at);

-- A plan event may name what it was about (a task's description, a new day).
ALTER TABLE case_events ADD COLUMN detail TEXT;
-- What a customer was told besides a decision: `done` or `moved` (the status page's heading).
ALTER TABLE acknowledgements ADD COLUMN news TEXT;
