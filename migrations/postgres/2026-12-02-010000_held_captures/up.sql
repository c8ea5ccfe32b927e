-- A capture is held, opaque, until its hour has ended (docs/privacy.md, "Held captures"): one
-- row that names no remark in the clear — an HMAC of the remark's id under a key derived from
-- the messenger key, the hour, the key's id and the whole capture sealed and padded. The
-- release moves every row of an ended hour into the remark tables in random order.
CREATE TABLE held_captures (
    held_name TEXT   NOT NULL PRIMARY KEY,
    hour      BIGINT NOT NULL,
    key_id    TEXT   NOT NULL,
    sealed    BYTEA  NOT NULL
);
