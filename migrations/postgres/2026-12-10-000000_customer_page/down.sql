ALTER TABLE remarks DROP COLUMN forgotten_on;
DROP INDEX help_votes_decision;
DROP TABLE help_votes;
