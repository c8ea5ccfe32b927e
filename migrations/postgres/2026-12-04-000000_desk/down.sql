DROP TABLE status_tokens;
DROP TABLE acknowledgements;
ALTER TABLE organisation DROP COLUMN pass_on_days;
DROP INDEX remarks_inbox_order;
DROP INDEX remarks_inbox_late;
ALTER TABLE remarks DROP COLUMN undecided;
ALTER TABLE remarks DROP COLUMN version;
ALTER TABLE remarks DROP COLUMN urgency_key;
ALTER TABLE remarks DROP COLUMN due_at;
