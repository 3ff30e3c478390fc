-- Migrate in, publish out: the product catalogue, imported reviews, the Google feed key.
-- Forward-only; new tables, columns and indexes only.

-- The product behind a subject, as the merchant described it (server key or staff console).
-- Feeds and JSON-LD read identifiers from here; a subject without a row is not a product.
CREATE TABLE products (
  site_id     TEXT NOT NULL REFERENCES sites(id),
  subject     TEXT NOT NULL,
  name        TEXT NOT NULL,
  url         TEXT NOT NULL,
  image_url   TEXT,
  gtin        TEXT,
  mpn         TEXT,
  sku         TEXT,
  brand       TEXT,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL,
  PRIMARY KEY (site_id, subject)
);

-- Where a review came from: NULL for Rebound's own widget, else the platform it was imported
-- from ('judgeme', 'shopify', 'okendo', 'yotpo', 'generic').
ALTER TABLE submissions ADD COLUMN source TEXT;
-- A stable key per imported row (hash of the platform's review id, or of the row's content):
-- importing the same file twice finds every key taken and adds nothing.
ALTER TABLE submissions ADD COLUMN import_key TEXT;
CREATE UNIQUE INDEX submissions_import_key ON submissions (site_id, import_key) WHERE import_key IS NOT NULL;

-- An import job: the upload is parsed once, its valid rows stored in bounded chunks, and the
-- chunks inserted a few per request, so 50,000 rows stay inside D1's per-request limits.
CREATE TABLE imports (
  id          TEXT PRIMARY KEY,
  site_id     TEXT NOT NULL REFERENCES sites(id),
  source      TEXT NOT NULL,
  status      TEXT NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'done')),
  total_rows  INTEGER NOT NULL,
  done_rows   INTEGER NOT NULL DEFAULT 0,
  inserted    INTEGER NOT NULL DEFAULT 0,
  chunks      INTEGER NOT NULL,
  next_chunk  INTEGER NOT NULL DEFAULT 0,
  staff_id    TEXT NOT NULL,
  created_at  INTEGER NOT NULL,
  updated_at  INTEGER NOT NULL
);
CREATE INDEX imports_by_site ON imports (site_id, created_at);

-- The parsed, validated rows of an import as JSON arrays, deleted once inserted.
CREATE TABLE import_chunks (
  import_id   TEXT NOT NULL REFERENCES imports(id),
  seq         INTEGER NOT NULL,
  rows        TEXT NOT NULL,
  PRIMARY KEY (import_id, seq)
);

-- The secret part of a site's feed URLs. Kept, not hashed: staff read the URL back.
CREATE TABLE feed_keys (
  site_id     TEXT PRIMARY KEY REFERENCES sites(id),
  feed_key    TEXT NOT NULL UNIQUE,
  created_at  INTEGER NOT NULL
);
