DROP TABLE remark_terms;
DROP TABLE case_events;
DROP INDEX remarks_inbox_listed_order;
DROP INDEX remarks_inbox_listed_late;
DROP INDEX remarks_case;
ALTER TABLE remarks DROP COLUMN listed;
ALTER TABLE remarks DROP COLUMN case_id;
DROP TABLE cases;
