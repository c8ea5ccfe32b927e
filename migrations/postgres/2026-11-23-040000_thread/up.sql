-- The thread on a remark: the feedback owner writes to "the messenger", the messenger answers.
-- Authors are roles ('owner' or 'messenger'), never people; a message keeps the day it was
-- written, never a time. What waits for the messenger is the thread's state (its last message
-- is the owner's), never a per-person row.
CREATE TABLE remark_messages (
    id         TEXT    NOT NULL PRIMARY KEY,
    remark_id  TEXT    NOT NULL REFERENCES remarks (id) ON DELETE CASCADE,
    seq        INTEGER NOT NULL,
    author     TEXT    NOT NULL,
    body       TEXT    NOT NULL,
    written_on TEXT    NOT NULL,
    UNIQUE (remark_id, seq)
);
