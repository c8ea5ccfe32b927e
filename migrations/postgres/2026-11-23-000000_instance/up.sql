-- Facts about this installation (when it was set up; later the messenger key check).
-- Instants are BIGINT epoch seconds in UTC on both backends.
CREATE TABLE instance_meta (
    key        TEXT   NOT NULL PRIMARY KEY,
    value      TEXT   NOT NULL,
    updated_at BIGINT NOT NULL
);
