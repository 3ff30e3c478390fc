/**
 * Loads the site named in the path once per request and answers CORS for it: only the
 * site's stored origins are ever allowed; a foreign origin is never reflected.
 */
import { createMiddleware } from 'hono/factory';
import { cors } from 'hono/cors';
import type { AppEnv } from '../types.ts';
import { readSite, readSiteRecent } from '../db/sites.ts';
import { ProblemError } from '../lib/problem.ts';
import { problemCors } from '../lib/refused-origin.ts';

/** Methods that only read public content; they may use a site row up to `SITE_MEMO_MS` old. */
const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Sets `c.var.site` from the `:site` path parameter, or answers 404. Public reads take the
 * isolate's recent copy of the row (the widget's hot path would otherwise pay a D1 round trip
 * each); writes read it fresh, since they act on settings such as Turnstile and blocked words.
 */
export const loadSite = createMiddleware<AppEnv>(async function loadSite(c, next) {
  const id = c.req.param('site');
  const valid = id !== undefined && /^pk_[A-Za-z0-9_-]{1,64}$/.test(id);
  const site = !valid ? null : READS.has(c.req.method) ? await readSiteRecent(c.env.DB, id, c.get('now')) : await readSite(c.env.DB, id);
  if (!site) {
    // Readable by the page that asked (no data in it), so the widget can say the key is wrong
    // rather than show a CORS error; see lib/refused-origin.ts.
    const origin = c.req.header('origin');
    throw new ProblemError(404, 'site-not-found', 'There is no site with this key.', undefined, origin ? problemCors(origin) : undefined);
  }
  c.set('site', site);
  await next();
});

/** CORS for the public endpoints, from the loaded site's allowed origins. */
export const siteCors = cors({
  origin: (origin, c) => {
    const site = (c.get('site') as AppEnv['Variables']['site'] | undefined) ?? null;
    return site && site.origins.includes(origin) ? origin : null;
  },
  allowMethods: ['GET', 'POST', 'OPTIONS'],
  allowHeaders: ['Content-Type', 'Idempotency-Key'],
  exposeHeaders: ['Retry-After', 'Idempotency-Replayed'],
  maxAge: 600,
});
