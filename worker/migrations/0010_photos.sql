-- Review photos (issue 16). The bytes live in R2 (binding PHOTOS) with their metadata removed;
-- this row says whose they are and who may see them. An upload belongs to no submission until
-- a review claims it; a review claims at most 5, each once.
CREATE TABLE photos (
  id              TEXT PRIMARY KEY,
  site_id         TEXT NOT NULL REFERENCES sites(id),
  submission_id   TEXT REFERENCES submissions(id),
  -- The Idempotency-Key of the upload: the same key with the same bytes replays the answer.
  upload_key      TEXT NOT NULL,
  type            TEXT NOT NULL CHECK (type IN ('jpeg', 'png', 'webp')),
  r2_key          TEXT NOT NULL,
  -- SHA-256 hex of the stored (cleaned) bytes: the ETag, and part of every URL.
  content_hash    TEXT NOT NULL,
  width           INTEGER NOT NULL,
  height          INTEGER NOT NULL,
  bytes           INTEGER NOT NULL,
  -- The thumbnail the widget made in the browser; without one the original serves as thumb.
  thumb_r2_key    TEXT,
  thumb_type      TEXT CHECK (thumb_type IS NULL OR thumb_type IN ('jpeg', 'png', 'webp')),
  thumb_hash      TEXT,
  thumb_width     INTEGER,
  thumb_height    INTEGER,
  -- Staff hid this photo; the review stays published.
  hidden          INTEGER NOT NULL DEFAULT 0,
  created_at      INTEGER NOT NULL
);
CREATE UNIQUE INDEX photos_by_upload_key ON photos (site_id, upload_key);
CREATE INDEX photos_by_submission ON photos (submission_id, created_at) WHERE submission_id IS NOT NULL;
CREATE INDEX photos_unclaimed ON photos (created_at) WHERE submission_id IS NULL;
