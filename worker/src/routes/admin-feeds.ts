/**
 * `/v1/admin/feeds`: the site's secret feed URLs. The key is made on first read; rotating it
 * (audited) retires the old URL at once, for a URL that leaked.
 */
import { Hono } from 'hono';
import type { Context } from 'hono';
import type { AppEnv } from '../types.ts';
import type { FeedsList } from '../../../shared/feeds.ts';
import { insertAudit } from '../db/audit.ts';
import { readFeedKey, writeFeedKey } from '../db/feeds.ts';
import { randomToken } from '../lib/crypto.ts';
import { iso } from '../lib/time.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

function listFor(c: Context<AppEnv>, key: string, nowMs: number): FeedsList {
  return {
    feeds: [{ kind: 'google-product-reviews', url: new URL(`/v1/feeds/${key}/google-product-reviews.xml`, c.req.url).toString() }],
    rotatedAt: iso(nowMs),
  };
}

export const adminFeedRoutes = new Hono<AppEnv>()
  .use('/feeds', refuseCrossSite, requireStaff)
  .use('/feeds/*', refuseCrossSite, requireStaff)
  .get('/feeds', async function listFeeds(c) {
    const { siteId } = c.get('staff');
    const db = c.env.DB;
    if ((await readFeedKey(db, siteId)) === null) await writeFeedKey(db, siteId, randomToken(24), c.get('now'), false).run();
    const held = await readFeedKey(db, siteId);
    if (!held) throw new Error('feed key vanished after it was written');
    return c.json(listFor(c, held.key, held.createdAt));
  })
  .post('/feeds/rotate', async function rotateFeedKey(c) {
    const { siteId, staffId } = c.get('staff');
    const db = c.env.DB;
    const now = c.get('now');
    const key = randomToken(24);
    await db.batch([
      writeFeedKey(db, siteId, key, now, true),
      // The key itself never goes into the log: the log is readable by every staff member.
      insertAudit(db, { siteId, actor: staffId, action: 'feed.rotate', target: 'google-product-reviews', before: null, after: null, createdAt: now }),
    ]);
    return c.json(listFor(c, key, now));
  });
