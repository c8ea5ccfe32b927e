DROP TABLE search_remarks;
DROP TABLE capture_keys;
DROP TABLE remarks;
