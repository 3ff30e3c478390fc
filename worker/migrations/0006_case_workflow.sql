-- The case workflow (issue 11, items 3 and 6): a story's own "how did it go?" answer, staff
-- messages sent once, and a customer's consented public update of their review.
-- Forward-only; new columns and indexes only.

-- How a story went, 1 (very badly) .. 5 (very well), when the shopper said so.
ALTER TABLE submissions ADD COLUMN feeling INTEGER CHECK (feeling IS NULL OR feeling BETWEEN 1 AND 5);

-- A staff message carries the key its form sent: a retried save adds no second message.
ALTER TABLE case_events ADD COLUMN message_key TEXT;
CREATE UNIQUE INDEX case_events_message_once ON case_events (case_id, message_key) WHERE message_key IS NOT NULL;

-- The public update a customer chose to make after their case (revises_id names the review it
-- updates): the public list finds an original's published update through this.
CREATE INDEX submissions_updates ON submissions (revises_id, status, published_at) WHERE revises_id IS NOT NULL;
