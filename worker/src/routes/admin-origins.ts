/**
 * `GET /v1/admin/origins`: the page origins the site allows, and those its widget was refused
 * on (recorded by the bootstrap, lib/refused-origin.ts), so staff can allow the right one.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import type { SiteOrigins } from '../../../shared/origins.ts';
import { listRefusedOrigins } from '../db/origins.ts';
import { readSite } from '../db/sites.ts';
import { ProblemError } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

export const adminOriginRoutes = new Hono<AppEnv>()
  .use('/origins', refuseCrossSite, requireStaff)
  .get('/origins', async function listSiteOrigins(c) {
    const { siteId } = c.get('staff');
    const site = await readSite(c.env.DB, siteId);
    if (!site) throw new ProblemError(401, 'unauthorized', 'Log in again.');
    const refused = await listRefusedOrigins(c.env.DB, siteId);
    const answer: SiteOrigins = {
      allowed: site.origins,
      refused: refused
        .filter((r) => !site.origins.includes(r.origin))
        .map((r) => ({ origin: r.origin, firstSeen: iso(r.firstSeen), lastSeen: iso(r.lastSeen), count: r.count })),
    };
    return c.json(answer);
  });
