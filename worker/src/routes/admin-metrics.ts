/** `GET /v1/admin/metrics`: the merchant's numbers at a glance (the SQL is in `db/metrics.ts`). */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { readMetrics } from '../db/metrics.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

export const adminMetricsRoutes = new Hono<AppEnv>()
  .use('/metrics', refuseCrossSite, requireStaff)
  .get('/metrics', async function readMetricsRoute(c) {
    return c.json(await readMetrics(c.env.DB, c.get('staff').siteId, c.get('now')));
  });
