/**
 * `/v1/admin/origins`: the page origins the site allows, and those its widget was refused on
 * (recorded by the bootstrap, lib/refused-origin.ts), so staff can allow the right one.
 * `POST` allows one origin (and forgets its refusals), `DELETE ?origin=` stops allowing one;
 * both are audited and refresh the widget's cached bootstrap, and both answer the new state.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { checkPageOrigin, OriginInput, OriginQuery, type OriginProblem, type SiteOrigins } from '../../../shared/origins.ts';
import { insertAudit } from '../db/audit.ts';
import { allowOrigin, disallowOrigin, forgetRefusedOrigins, forgetSeenOrigin, listRefusedOrigins, listSeenOrigins } from '../db/origins.ts';
import { bumpContentVersion, readSite, type SiteRow } from '../db/sites.ts';
import { ProblemError } from '../lib/problem.ts';
import { normaliseOrigin } from '../lib/provision.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

const WHY: Record<OriginProblem, string> = {
  not_origin: 'must be an origin such as https://shop.example',
  has_path: 'must be the origin only (scheme://host[:port]), without a path, query or fragment',
  insecure: 'must use https (plain http only on localhost)',
};

async function ownSite(db: D1Database, siteId: string): Promise<SiteRow> {
  const site = await readSite(db, siteId);
  if (!site) throw new ProblemError(401, 'unauthorized', 'Log in again.');
  return site;
}

async function answer(db: D1Database, site: Pick<SiteRow, 'id' | 'origins'>): Promise<SiteOrigins> {
  const [refused, seen] = await Promise.all([listRefusedOrigins(db, site.id), listSeenOrigins(db, site.id)]);
  return {
    site: site.id,
    allowed: site.origins,
    seen: seen.filter((r) => site.origins.includes(r.origin)).map((r) => ({ origin: r.origin, firstSeen: iso(r.firstSeen), lastSeen: iso(r.lastSeen) })),
    refused: refused
      .filter((r) => !site.origins.includes(r.origin))
      .map((r) => ({ origin: r.origin, firstSeen: iso(r.firstSeen), lastSeen: iso(r.lastSeen), count: r.count })),
  };
}

/** The typed origin, or a 422 naming what is wrong with it in `field`. */
function pageOrigin(value: string, field: string): string {
  const checked = checkPageOrigin(value);
  if ('origin' in checked) return checked.origin;
  throw new ProblemError(422, 'validation', 'The origin is not valid.', [{ path: field, code: checked.problem, message: WHY[checked.problem] }]);
}

export const adminOriginRoutes = new Hono<AppEnv>()
  .use('/origins', refuseCrossSite, requireStaff)
  .get('/origins', async function listSiteOrigins(c) {
    return c.json(await answer(c.env.DB, await ownSite(c.env.DB, c.get('staff').siteId)));
  })
  .post('/origins', requireJson, valid('json', OriginInput), async function addSiteOrigin(c) {
    const origin = pageOrigin(c.req.valid('json').origin, 'origin');
    const { siteId, staffId } = c.get('staff');
    const db = c.env.DB;
    const before = await ownSite(db, siteId);
    const statements = [forgetRefusedOrigins(db, siteId, [origin])];
    if (!before.origins.includes(origin)) {
      statements.push(
        allowOrigin(db, siteId, origin),
        insertAudit(db, { siteId, actor: staffId, action: 'origins.add', target: origin, before: { origins: before.origins }, after: { origins: [...before.origins, origin] }, createdAt: c.get('now') }),
        bumpContentVersion(db, siteId),
      );
    }
    await db.batch(statements);
    return c.json(await answer(db, await ownSite(db, siteId)));
  })
  .delete('/origins', valid('query', OriginQuery), async function removeSiteOrigin(c) {
    // Any origin the site holds may go, even one an older rule let in (plain http, from the CLI).
    const origin = normaliseOrigin(c.req.valid('query').origin.trim());
    if (!origin) throw new ProblemError(422, 'validation', 'The origin is not valid.', [{ path: 'origin', code: 'not_origin', message: WHY.not_origin }]);
    const { siteId, staffId } = c.get('staff');
    const db = c.env.DB;
    const before = await ownSite(db, siteId);
    if (before.origins.includes(origin)) {
      if (before.origins.length === 1) {
        throw new ProblemError(409, 'last-origin', 'A site needs at least one allowed origin: add the new one before removing the last.');
      }
      await db.batch([
        disallowOrigin(db, siteId, origin),
        forgetSeenOrigin(db, siteId, origin),
        insertAudit(db, { siteId, actor: staffId, action: 'origins.remove', target: origin, before: { origins: before.origins }, after: { origins: before.origins.filter((o) => o !== origin) }, createdAt: c.get('now') }),
        bumpContentVersion(db, siteId),
      ]);
    }
    return c.json(await answer(db, await ownSite(db, siteId)));
  });
