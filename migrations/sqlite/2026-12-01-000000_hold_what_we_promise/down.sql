ALTER TABLE mail_outbox DROP COLUMN reply_to;
ALTER TABLE organisation DROP COLUMN reply_address;
ALTER TABLE remarks DROP COLUMN thread_length;
