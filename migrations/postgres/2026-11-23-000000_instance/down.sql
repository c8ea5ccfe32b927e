DROP TABLE instance_meta;
