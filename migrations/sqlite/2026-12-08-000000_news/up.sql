-- Everyone hears (docs/news.md). Each person's choice of staff mail: each decision as it is
-- made, a daily digest at their hour (in the organisation's time zone), or none; for owners,
-- new remarks and slipping promises as they come, in the digest, or not at all.
ALTER TABLE users ADD COLUMN staff_mail TEXT NOT NULL DEFAULT 'digest';
ALTER TABLE users ADD COLUMN digest_hour INTEGER NOT NULL DEFAULT 8;
ALTER TABLE users ADD COLUMN owner_alerts TEXT NOT NULL DEFAULT 'each';

-- Each person's digest: the last day one was due (sent, or nothing to say) and the hour its
-- period ended. With any number of replicas one digest per person per day.
CREATE TABLE staff_digests (
    person_id TEXT   NOT NULL PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
    last_day  TEXT   NOT NULL,
    through   BIGINT NOT NULL
) WITHOUT ROWID;

-- The feed and the figures read decisions by their hour, newest first.
CREATE INDEX decisions_at ON decisions (at, id);
-- First answers by their hour (the share answered within the promise).
CREATE INDEX acknowledgements_acted ON acknowledgements (acted_at);

-- The one-click unsubscribe address of a staff mail (RFC 8058), cleared when it is sent.
ALTER TABLE mail_outbox ADD COLUMN unsubscribe TEXT;
