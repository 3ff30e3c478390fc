-- Receipts that only open what you sent, and order links without contact details (issue 11,
-- items 1 and 2). Forward-only: new tables, columns and indexes only.

-- Every routed submission opens its own case: the database no longer holds "one open case per
-- contact", since a contact typed into a form is unverified. (cases_by_contact, 0003, still
-- serves the repeat-complainer count and the link lookup.)
DROP INDEX IF EXISTS cases_one_open_per_contact;

-- A case whose contact matches another open case is
-- linked to it for staff ("probably the same customer"), never joined. `reasons` is a JSON list
-- of 'email', 'phone', 'order'. The pair is stored once, newer case first.
CREATE TABLE case_links (
  site_id       TEXT NOT NULL REFERENCES sites(id),
  case_id       TEXT NOT NULL REFERENCES cases(id),
  other_case_id TEXT NOT NULL REFERENCES cases(id),
  reasons       TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (case_id, other_case_id)
);
CREATE INDEX case_links_by_other ON case_links (other_case_id);

-- Staff merged this case into another for their own work (the case it names carries the SLA,
-- status and queue place); split clears it. The customer's tracking view stays the case's own.
ALTER TABLE cases ADD COLUMN merged_into TEXT;
CREATE INDEX cases_merged_into ON cases (merged_into) WHERE merged_into IS NOT NULL;
-- Until now every case's tracking hash was the hash of the one deterministic token of its ref,
-- so it is still right for the links already given out; a rotation replaces it.
ALTER TABLE cases ADD COLUMN track_rotated_at INTEGER;

-- Order review links carry this opaque id instead of the order number and the buyer's email.
ALTER TABLE orders ADD COLUMN link_id TEXT;
UPDATE orders SET link_id = lower(hex(randomblob(12))) WHERE link_id IS NULL;
CREATE UNIQUE INDEX orders_by_link ON orders (site_id, link_id);

-- One verified review per order and product: the review that used the link records it.
ALTER TABLE submissions ADD COLUMN order_link TEXT;
CREATE UNIQUE INDEX submissions_one_verified ON submissions (site_id, order_link, subject) WHERE order_link IS NOT NULL;
