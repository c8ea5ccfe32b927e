ALTER TABLE organisation DROP COLUMN closed_days;
