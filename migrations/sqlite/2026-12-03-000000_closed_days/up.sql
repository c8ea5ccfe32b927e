-- The days the organisation is closed (YYYY-MM-DD, a JSON list): working-day promises skip them
-- (docs/triage.md).
ALTER TABLE organisation ADD COLUMN closed_days TEXT NOT NULL DEFAULT '[]';
