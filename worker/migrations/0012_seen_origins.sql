-- Pages the widget was loaded on from an allowed origin, for the console's Install page ("last
-- seen"), beside the refused ones of 0008. Only the origin and when: nothing about the visitor.
-- Bounded by the site's allowed origins: only those are written, and removing one forgets it.
CREATE TABLE seen_origins (
  site_id     TEXT NOT NULL REFERENCES sites(id),
  origin      TEXT NOT NULL,
  first_seen  INTEGER NOT NULL,
  last_seen   INTEGER NOT NULL,
  PRIMARY KEY (site_id, origin)
);
