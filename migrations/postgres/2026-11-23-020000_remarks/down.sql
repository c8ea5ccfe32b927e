DROP INDEX remarks_search;
DROP TABLE capture_keys;
DROP TABLE remarks;
