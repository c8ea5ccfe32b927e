ALTER TABLE acknowledgements DROP COLUMN seq;
ALTER TABLE acknowledgements DROP COLUMN decision_id;
ALTER TABLE cases DROP COLUMN decision_id;
DROP TABLE decisions;
