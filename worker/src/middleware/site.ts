/**
 * Loads the site named in the path once per request and answers CORS for it: only the
 * site's stored origins are ever allowed; a foreign origin is never reflected.
 */
import { createMiddleware } from 'hono/factory';
import { cors } from 'hono/cors';
import type { AppEnv } from '../types.ts';
import { readSite } from '../db/sites.ts';
import { ProblemError } from '../lib/problem.ts';

/** Sets `c.var.site` from the `:site` path parameter, or answers 404. */
export const loadSite = createMiddleware<AppEnv>(async function loadSite(c, next) {
  const id = c.req.param('site');
  const site = id && /^pk_[A-Za-z0-9_-]{1,64}$/.test(id) ? await readSite(c.env.DB, id) : null;
  if (!site) throw new ProblemError(404, 'site-not-found', 'There is no site with this key.');
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
