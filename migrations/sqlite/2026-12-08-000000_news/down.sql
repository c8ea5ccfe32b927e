ALTER TABLE mail_outbox DROP COLUMN unsubscribe;
DROP INDEX acknowledgements_acted;
DROP INDEX decisions_at;
DROP TABLE staff_digests;
ALTER TABLE users DROP COLUMN owner_alerts;
ALTER TABLE users DROP COLUMN digest_hour;
ALTER TABLE users DROP COLUMN staff_mail;
