-- Nothing to undo: the names are still valid with spaces.
SELECT 1;
