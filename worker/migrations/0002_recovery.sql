-- The recovery flow: case ref aliases, the due-time sort key, re-rating, orders and follow-ups,
-- outgoing webhooks. Forward-only; new tables, columns and indexes only.

-- A ref a shopper was told for a submission that joined an already open case: it keeps resolving.
CREATE TABLE case_refs (
  ref         TEXT PRIMARY KEY,
  case_id     TEXT NOT NULL REFERENCES cases(id),
  created_at  INTEGER NOT NULL
);
CREATE INDEX case_refs_by_case ON case_refs (case_id);

-- The next deadline of a case (first response until someone answered, then the plan), moved
-- forward when a pause ends: the recovery queue sorts and pages by (due_at, id).
ALTER TABLE cases ADD COLUMN due_at INTEGER;
-- The rating of the submission that opened the case: "+2 over the original" is measured from it.
ALTER TABLE cases ADD COLUMN original_rating INTEGER;
ALTER TABLE cases ADD COLUMN rerated_at INTEGER;
-- Staff's answer to "was it resolved?" when closing: 1 yes, 0 no.
ALTER TABLE cases ADD COLUMN resolved_ok INTEGER;
ALTER TABLE cases ADD COLUMN promise_reminded_at INTEGER;
ALTER TABLE cases ADD COLUMN plan_at INTEGER;
CREATE INDEX cases_by_due ON cases (site_id, due_at, id);
CREATE INDEX cases_escalation ON cases (due_at) WHERE first_response_at IS NULL AND status IN ('new', 'acknowledged', 'in_progress');
CREATE INDEX cases_promises ON cases (promised_at) WHERE promised_at IS NOT NULL AND promise_reminded_at IS NULL;

-- A re-rating comment becomes a new pending review that points at the one it revises.
ALTER TABLE submissions ADD COLUMN revises_id TEXT;

-- Purchases a merchant registered with the secret key, for the proactive follow-up.
CREATE TABLE orders (
  site_id          TEXT NOT NULL REFERENCES sites(id),
  order_id         TEXT NOT NULL,
  customer_name    TEXT NOT NULL,
  customer_email   TEXT NOT NULL,
  items            TEXT NOT NULL,
  purchased_at     INTEGER NOT NULL,
  followup_due_at  INTEGER NOT NULL,
  -- Set once the follow-up went out, or was skipped for the quiet period ('sent' / 'quiet').
  followup_at      INTEGER,
  followup_outcome TEXT,
  created_at       INTEGER NOT NULL,
  PRIMARY KEY (site_id, order_id)
);
CREATE INDEX orders_followup_due ON orders (followup_due_at) WHERE followup_at IS NULL;

-- The last follow-up each customer got, so none gets two within the site's quiet period.
CREATE TABLE followup_contacts (
  site_id          TEXT NOT NULL REFERENCES sites(id),
  email            TEXT NOT NULL,
  last_followup_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, email)
);

-- The merchant's webhook endpoint. The secret signs deliveries, so it is kept, not hashed.
CREATE TABLE webhook_endpoints (
  site_id     TEXT PRIMARY KEY REFERENCES sites(id),
  url         TEXT NOT NULL,
  secret      TEXT NOT NULL,
  events      TEXT NOT NULL DEFAULT '[]',
  enabled     INTEGER NOT NULL DEFAULT 1,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);

-- One row per event sent to a merchant: written with the change that caused it (an outbox),
-- updated by the delivering consumer; staff read it as the delivery log.
CREATE TABLE webhook_deliveries (
  id           TEXT PRIMARY KEY,
  site_id      TEXT NOT NULL REFERENCES sites(id),
  event        TEXT NOT NULL,
  payload      TEXT NOT NULL,
  status       TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts     INTEGER NOT NULL DEFAULT 0,
  last_status  INTEGER,
  last_error   TEXT,
  created_at   INTEGER NOT NULL,
  updated_at   INTEGER NOT NULL
);
CREATE INDEX webhook_deliveries_by_site ON webhook_deliveries (site_id, created_at, id);
CREATE INDEX webhook_deliveries_pending ON webhook_deliveries (created_at) WHERE status = 'pending';

-- "One open case per customer" held by the database itself: two submissions from one contact
-- routed at the same moment cannot both open a case; the loser retries and joins.
CREATE UNIQUE INDEX cases_one_open_per_contact ON cases (site_id, contact_key)
  WHERE status IN ('new', 'acknowledged', 'in_progress', 'awaiting_customer');

-- The tracking page may be opened before the queue created the case: its ref is found here.
CREATE INDEX submissions_by_case_ref ON submissions (case_ref) WHERE case_ref IS NOT NULL;

-- Metrics read a site's cases of a recent window.
CREATE INDEX cases_by_created ON cases (site_id, created_at);
