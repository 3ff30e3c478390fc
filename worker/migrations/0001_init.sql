-- Rebound's first schema. Times are Unix epoch milliseconds (INTEGER); JSON lives in TEXT columns.
-- Forward-only: later changes go in new numbered files; no seed data here.

-- A merchant's site. `id` is the public key (pk_...). Secrets are stored as SHA-256 hex only.
CREATE TABLE sites (
  id            TEXT PRIMARY KEY,
  name          TEXT NOT NULL,
  secret_hash   TEXT NOT NULL UNIQUE,
  -- Random per-site key for HMAC: tracking links, review links, voter hashes.
  signing_key   TEXT NOT NULL,
  origins       TEXT NOT NULL DEFAULT '[]',
  settings      TEXT NOT NULL DEFAULT '{}',
  -- Bumped in the same batch as anything that changes what the public sees; part of the
  -- edge-cache key of the widget bootstrap, so publishing invalidates it.
  content_version INTEGER NOT NULL DEFAULT 0,
  created_at    INTEGER NOT NULL
);

CREATE TABLE staff_tokens (
  id            TEXT PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites(id),
  name          TEXT NOT NULL,
  token_hash    TEXT NOT NULL UNIQUE,
  created_at    INTEGER NOT NULL,
  last_used_at  INTEGER,
  revoked_at    INTEGER
);
CREATE INDEX staff_tokens_by_site ON staff_tokens (site_id, created_at);

CREATE TABLE staff_sessions (
  id_hash       TEXT PRIMARY KEY,
  site_id       TEXT NOT NULL REFERENCES sites(id),
  staff_id      TEXT NOT NULL REFERENCES staff_tokens(id),
  created_at    INTEGER NOT NULL,
  expires_at    INTEGER NOT NULL
);
CREATE INDEX staff_sessions_by_expiry ON staff_sessions (expires_at);

-- Every review, complaint and story. Contact fields are private: never in a public response.
CREATE TABLE submissions (
  id               TEXT PRIMARY KEY,
  site_id          TEXT NOT NULL REFERENCES sites(id),
  kind             TEXT NOT NULL CHECK (kind IN ('review', 'complaint', 'story')),
  status           TEXT NOT NULL DEFAULT 'pending'
                   CHECK (status IN ('pending', 'published', 'rejected', 'spam', 'hidden')),
  subject          TEXT NOT NULL DEFAULT '',
  rating           INTEGER CHECK (rating IS NULL OR rating BETWEEN 1 AND 5),
  title            TEXT,
  body             TEXT NOT NULL,
  category         TEXT,
  expected         TEXT,
  desired_outcome  TEXT,
  author_name      TEXT NOT NULL,
  author_email     TEXT,
  author_phone     TEXT,
  order_ref        TEXT,
  verified         INTEGER NOT NULL DEFAULT 0,
  lang             TEXT NOT NULL DEFAULT 'en',
  flags            TEXT NOT NULL DEFAULT '[]',
  helpful_count    INTEGER NOT NULL DEFAULT 0,
  -- Title and text folded by rules/normalize.ts for Persian-aware search.
  search_text      TEXT NOT NULL DEFAULT '',
  -- Optimistic concurrency: every status change is `WHERE version = ?expected`.
  version          INTEGER NOT NULL DEFAULT 0,
  client_hash      TEXT,
  -- Outbox for recovery: set when the submission must open or join a case. The cron re-sends
  -- any routed submission whose case has not appeared, so a failed queue send loses nothing.
  case_ref         TEXT,
  routing          TEXT,
  routed_at        INTEGER,
  created_at       INTEGER NOT NULL,
  published_at     INTEGER,
  decided_at       INTEGER,
  decided_by       TEXT,
  decision_reason  TEXT
);
-- The moderation queue: by status, newest or oldest first.
CREATE INDEX submissions_queue ON submissions (site_id, status, created_at, id);
-- Public lists, one index per sort order, published rows only.
CREATE INDEX submissions_pub_newest ON submissions (site_id, subject, kind, published_at, id)
  WHERE status = 'published';
CREATE INDEX submissions_pub_rating ON submissions (site_id, subject, kind, rating, published_at, id)
  WHERE status = 'published';
CREATE INDEX submissions_pub_helpful ON submissions (site_id, subject, kind, helpful_count, published_at, id)
  WHERE status = 'published';
CREATE INDEX submissions_by_email ON submissions (site_id, author_email) WHERE author_email IS NOT NULL;
CREATE INDEX submissions_unrouted ON submissions (created_at) WHERE case_ref IS NOT NULL AND routed_at IS NULL;

-- Per-subject rating summary, changed in the same batch as every publish/unpublish.
-- subject '' holds the whole site's totals.
CREATE TABLE rating_summaries (
  site_id   TEXT NOT NULL REFERENCES sites(id),
  subject   TEXT NOT NULL,
  count     INTEGER NOT NULL DEFAULT 0,
  total     INTEGER NOT NULL DEFAULT 0,
  s1        INTEGER NOT NULL DEFAULT 0,
  s2        INTEGER NOT NULL DEFAULT 0,
  s3        INTEGER NOT NULL DEFAULT 0,
  s4        INTEGER NOT NULL DEFAULT 0,
  s5        INTEGER NOT NULL DEFAULT 0,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (site_id, subject)
);

-- One row per Idempotency-Key: the request's hash and the answer it got, replayed on retry.
CREATE TABLE idempotency_keys (
  site_id       TEXT NOT NULL REFERENCES sites(id),
  key           TEXT NOT NULL,
  request_hash  TEXT NOT NULL,
  submission_id TEXT NOT NULL,
  response      TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (site_id, key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);

CREATE TABLE helpful_votes (
  submission_id TEXT NOT NULL REFERENCES submissions(id),
  voter_hash    TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  PRIMARY KEY (submission_id, voter_hash)
);

-- The merchant's public answer under a submission.
CREATE TABLE replies (
  submission_id TEXT PRIMARY KEY REFERENCES submissions(id),
  site_id       TEXT NOT NULL REFERENCES sites(id),
  body          TEXT NOT NULL,
  staff_id      TEXT NOT NULL,
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

-- A recovery case: one open case per site and customer (contact key) or order.
CREATE TABLE cases (
  id                  TEXT PRIMARY KEY,
  site_id             TEXT NOT NULL REFERENCES sites(id),
  ref                 TEXT NOT NULL UNIQUE,
  status              TEXT NOT NULL DEFAULT 'new'
                      CHECK (status IN ('new', 'acknowledged', 'in_progress', 'awaiting_customer',
                                        'resolved', 'recovered', 'not_recovered', 'closed')),
  priority            TEXT NOT NULL CHECK (priority IN ('P1', 'P2', 'P3')),
  contact_key         TEXT NOT NULL,
  order_ref           TEXT,
  submission_id       TEXT NOT NULL REFERENCES submissions(id),
  reason              TEXT NOT NULL,
  score               REAL,
  method              TEXT,
  assignee            TEXT,
  track_token_hash    TEXT NOT NULL,
  first_response_due  INTEGER,
  plan_due            INTEGER,
  first_response_at   INTEGER,
  paused_at           INTEGER,
  paused_ms           INTEGER NOT NULL DEFAULT 0,
  promised_at         INTEGER,
  escalated_at        INTEGER,
  breached_at         INTEGER,
  root_cause          TEXT,
  resolution          TEXT,
  resolved_at         INTEGER,
  rerating            INTEGER,
  closed_at           INTEGER,
  created_at          INTEGER NOT NULL,
  updated_at          INTEGER NOT NULL
);
CREATE INDEX cases_queue ON cases (site_id, status, first_response_due, id);
CREATE INDEX cases_open_by_contact ON cases (site_id, contact_key)
  WHERE status NOT IN ('resolved', 'recovered', 'not_recovered', 'closed');
CREATE INDEX cases_due ON cases (first_response_due)
  WHERE status IN ('new', 'acknowledged', 'in_progress');

-- Every submission a case collects (repeat complaints join the open case), and its timeline.
CREATE TABLE case_events (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  case_id     TEXT NOT NULL REFERENCES cases(id),
  type        TEXT NOT NULL,
  public      INTEGER NOT NULL DEFAULT 0,
  body        TEXT,
  actor       TEXT,
  submission_id TEXT,
  created_at  INTEGER NOT NULL
);
CREATE INDEX case_events_by_case ON case_events (case_id, id);
-- A submission joins at most one case, once: the queue may deliver a message twice.
CREATE UNIQUE INDEX case_events_one_join ON case_events (submission_id) WHERE type = 'submission';

-- Who did what, when, with the state before and after.
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  actor       TEXT NOT NULL,
  action      TEXT NOT NULL,
  target      TEXT,
  before      TEXT,
  after       TEXT,
  created_at  INTEGER NOT NULL
);
CREATE INDEX audit_log_by_site ON audit_log (site_id, id);

-- Queue messages that exhausted their retries, kept for staff to replay.
CREATE TABLE dead_letters (
  id          INTEGER PRIMARY KEY AUTOINCREMENT,
  queue       TEXT NOT NULL,
  message_id  TEXT NOT NULL UNIQUE,
  body        TEXT NOT NULL,
  attempts    INTEGER NOT NULL,
  created_at  INTEGER NOT NULL
);
