/**
 * `GET /v1/sites/{site}/ratings?subjects=a,b,c`: count and average for up to 50 subjects, so
 * every `<rb-stars>` badge of a listing page is filled by one request. Cached like the bootstrap:
 * at the edge (and in the isolate) under the site's content version, which every publish bumps;
 * browsers revalidate with the ETag. Site loading and CORS run before this (middleware/site.ts).
 */
import { Hono } from 'hono';
import { RatingsQuery, splitSubjects, type Ratings } from '../../../shared/ratings.ts';
import type { AppEnv } from '../types.ts';
import { readSummaries } from '../db/summaries.ts';
import { matchesIfNoneMatch, readThrough } from '../lib/cache.ts';
import { valid } from '../lib/validate.ts';
import { limitShared, RATE_LIMITS } from '../middleware/rate-limit.ts';

const EDGE_TTL_SECONDS = 300;

export const ratingRoutes = new Hono<AppEnv>().get('/ratings', valid('query', RatingsQuery), async function listRatings(c) {
  const site = c.get('site');
  const subjects = splitSubjects(c.req.valid('query').subjects);
  // One key per set of subjects, whatever order the page listed them in.
  const key = new URL(`/v1/sites/${encodeURIComponent(site.id)}/ratings`, c.req.url);
  key.search = new URLSearchParams({ subjects: [...subjects].sort().join(','), v: String(site.contentVersion) }).toString();
  const doc = await readThrough(key.toString(), EDGE_TTL_SECONDS, c.get('now'), async function buildRatings() {
    await limitShared(c, RATE_LIMITS.bootstrap);
    const found = await readSummaries(c.env.DB, site.id, subjects);
    const answer: Ratings = { ratings: {} };
    for (const s of [...subjects].sort()) {
      const summary = found.get(s);
      answer.ratings[s] = { count: summary?.count ?? 0, average: summary?.average ?? null };
    }
    return JSON.stringify(answer);
  });
  const headers = { 'cache-control': 'public, no-cache', etag: doc.etag };
  if (matchesIfNoneMatch(c.req.header('if-none-match'), doc.etag)) return c.body(null, 304, headers);
  return c.body(doc.body, 200, { ...headers, 'content-type': 'application/json; charset=utf-8' });
});
