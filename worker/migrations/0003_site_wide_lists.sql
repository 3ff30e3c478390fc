-- The widget lists a whole site's reviews when no subject is given (subject '' in the API, the
-- same as the site-wide summary row). These partial indexes let those pages walk an index in
-- every sort order instead of sorting the site's published reviews for each page.
CREATE INDEX submissions_site_newest ON submissions (site_id, kind, published_at, id)
  WHERE status = 'published';
CREATE INDEX submissions_site_rating ON submissions (site_id, kind, rating, published_at, id)
  WHERE status = 'published';
CREATE INDEX submissions_site_helpful ON submissions (site_id, kind, helpful_count, published_at, id)
  WHERE status = 'published';

-- Repeat complainers: every case of a contact, open or closed, counted at submission time.
CREATE INDEX cases_by_contact ON cases (site_id, contact_key);
