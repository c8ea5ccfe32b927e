ALTER TABLE acknowledgements DROP COLUMN news;
ALTER TABLE case_events DROP COLUMN detail;
DROP TABLE tasks;
DROP TABLE plans;
