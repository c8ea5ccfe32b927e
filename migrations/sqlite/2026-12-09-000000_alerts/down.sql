DROP TABLE alert_cursors;
ALTER TABLE users DROP COLUMN slip_hours;
DROP INDEX one_touch_tokens_expiry;
DROP TABLE one_touch_tokens;
