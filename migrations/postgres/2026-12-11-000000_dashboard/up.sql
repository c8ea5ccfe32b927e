-- The dashboard's figures (docs/dashboard.md): votes by day, open tasks by due day.
CREATE INDEX help_votes_voted ON help_votes (voted_on);
CREATE INDEX tasks_open ON tasks (done_at, removed, due_on);
