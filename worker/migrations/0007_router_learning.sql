-- The text router's "needs a look" lane and what each site's staff taught it (issue 11, items 4-5).

-- Set when the router was unsure about a submission's text: staff see it in the moderation
-- queue's "needs a look" lane until they open a case or mark it "not a problem".
ALTER TABLE submissions ADD COLUMN needs_look INTEGER NOT NULL DEFAULT 0;
CREATE INDEX submissions_needs_look ON submissions (site_id, created_at, id) WHERE needs_look = 1;

-- One correction per submission: staff opened a case the router did not (unhappy = 1), or
-- said an item or a text-routed case was not a problem (unhappy = 0).
CREATE TABLE router_corrections (
  site_id        TEXT NOT NULL REFERENCES sites(id),
  submission_id  TEXT NOT NULL,
  unhappy        INTEGER NOT NULL CHECK (unhappy IN (0, 1)),
  actor          TEXT,
  created_at     INTEGER NOT NULL,
  PRIMARY KEY (site_id, submission_id)
);

-- The per-site naive Bayes counts (worker/src/rules/learn.ts): in how many corrections of each
-- side a normalised token appeared. Only counts are kept, never the texts.
CREATE TABLE router_tokens (
  site_id  TEXT NOT NULL REFERENCES sites(id),
  token    TEXT NOT NULL,
  unhappy  INTEGER NOT NULL DEFAULT 0,
  happy    INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (site_id, token)
);
