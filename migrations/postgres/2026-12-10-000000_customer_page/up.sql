-- The customer's page (docs/customers.md). "Did this help?": one answer per remark and decision
-- version, with the customer's optional words and the day (never finer).
CREATE TABLE help_votes (
    remark_id   TEXT    NOT NULL REFERENCES remarks (id) ON DELETE CASCADE,
    decision_id TEXT    NOT NULL REFERENCES decisions (id) ON DELETE CASCADE,
    helped      BOOLEAN NOT NULL,
    comment     TEXT    NOT NULL,
    voted_on    TEXT    NOT NULL,
    PRIMARY KEY (remark_id, decision_id)
);
CREATE INDEX help_votes_decision ON help_votes (decision_id);

-- The day a customer asked to be forgotten: their name, e-mail and phone are gone from the
-- remark; staff read "the customer asked to be forgotten".
ALTER TABLE remarks ADD COLUMN forgotten_on TEXT;
