-- Outgoing email (issue 15): an outbox of one row per (event, recipient), the addresses that
-- asked for no more mail, and reviewers' confirmed wish to hear about replies.

-- Orders may say when they were delivered (the review request counts from delivery) and in
-- which language the customer bought (the email's language).
ALTER TABLE orders ADD COLUMN delivered_at INTEGER;
ALTER TABLE orders ADD COLUMN lang TEXT;

-- One row per email Rebound sends or will send. `event_key` names what caused it (an order, a
-- case event, a reply) so the unique index makes a second row for one event impossible,
-- whatever retries or races do. `recipient_hash` is the keyed hash of the normalised address
-- (see worker/src/lib/email/address.ts); the address itself is kept only while the email is
-- pending or recent, and the whole row goes when the customer is erased.
CREATE TABLE emails (
  id              TEXT PRIMARY KEY,
  site_id         TEXT NOT NULL REFERENCES sites(id),
  kind            TEXT NOT NULL CHECK (kind IN ('review.request', 'review.reminder', 'reply.published',
                                                 'case.message', 'case.rerate', 'confirm')),
  event_key       TEXT NOT NULL,
  recipient       TEXT NOT NULL,
  recipient_hash  TEXT NOT NULL,
  lang            TEXT NOT NULL DEFAULT 'en',
  -- What the template needs besides the site (names, links, the message): JSON.
  data            TEXT NOT NULL DEFAULT '{}',
  case_id         TEXT,
  order_id        TEXT,
  submission_id   TEXT,
  state           TEXT NOT NULL DEFAULT 'scheduled'
                  CHECK (state IN ('scheduled', 'queued', 'sent', 'failed', 'suppressed', 'cancelled')),
  due_at          INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  reason          TEXT,
  message_id      TEXT,
  queued_at       INTEGER,
  -- Set by the consumer that took the row off the queue, so a redelivered message is not sent twice.
  claimed_at      INTEGER,
  sent_at         INTEGER,
  created_at      INTEGER NOT NULL,
  updated_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX emails_once ON emails (site_id, kind, event_key, recipient_hash);
-- The cron's two reads: due scheduled rows, and queued rows whose message was lost.
CREATE INDEX emails_due ON emails (due_at) WHERE state = 'scheduled';
CREATE INDEX emails_stalled ON emails (queued_at) WHERE state = 'queued';
-- Staff lists (keyset, newest first), per case, and erasure by address.
CREATE INDEX emails_site ON emails (site_id, created_at, id);
CREATE INDEX emails_case ON emails (site_id, case_id, created_at, id) WHERE case_id IS NOT NULL;
CREATE INDEX emails_recipient ON emails (site_id, recipient_hash);

-- Addresses that unsubscribed from a site's email, by keyed hash only: an erased customer's
-- suppression survives the erasure without keeping the address.
CREATE TABLE email_suppressions (
  site_id       TEXT NOT NULL REFERENCES sites(id),
  address_hash  TEXT NOT NULL,
  reason        TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (site_id, address_hash)
);

-- A reviewer who ticked "tell me about replies": nothing is sent until the address is confirmed.
CREATE TABLE email_optins (
  site_id        TEXT NOT NULL REFERENCES sites(id),
  submission_id  TEXT NOT NULL,
  address_hash   TEXT NOT NULL,
  requested_at   INTEGER NOT NULL,
  confirmed_at   INTEGER,
  PRIMARY KEY (site_id, submission_id)
);
