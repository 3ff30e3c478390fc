-- Hardening II (issue 12).
-- Staff tokens may carry an expiry (`npm run site -- token create --expires 90d`); NULL never expires.
ALTER TABLE staff_tokens ADD COLUMN expires_at INTEGER;

-- Retention (worker/src/retention.ts) deletes old rows a bounded batch at a time, oldest
-- first; these indexes let each batch read only the rows it deletes.
CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (created_at) WHERE status <> 'pending';
CREATE INDEX dead_letters_by_age ON dead_letters (created_at);

-- Page origins that tried to load a site's widget and were refused, so staff can allow the
-- right one. One row per site and origin (an origin is not personal data); the worker keeps at
-- most a bounded number per site.
CREATE TABLE refused_origins (
  site_id     TEXT NOT NULL REFERENCES sites(id),
  origin      TEXT NOT NULL,
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  count       INTEGER NOT NULL DEFAULT 1,
  PRIMARY KEY (site_id, origin)
);
CREATE INDEX refused_origins_by_last_seen ON refused_origins (site_id, last_seen);
