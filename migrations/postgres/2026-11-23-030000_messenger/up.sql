-- The messenger module's tables. A seal is the one link between a remark and who brought it in:
-- encrypted, fixed length, bound to its remark and its key id (see backend/src/messenger/seal.rs).
CREATE TABLE messenger_seals (
    remark_id TEXT NOT NULL PRIMARY KEY REFERENCES remarks (id) ON DELETE CASCADE,
    key_id    TEXT NOT NULL,
    seal      BYTEA NOT NULL
);

-- A check value per messenger key, so a wrong key file is a clear start-up error.
CREATE TABLE messenger_keys (
    key_id      TEXT NOT NULL PRIMARY KEY,
    check_value TEXT NOT NULL
);
