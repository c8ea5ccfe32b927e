DROP INDEX tasks_open;
DROP INDEX help_votes_voted;
