/** `GET /v1/health`: liveness plus a one-row D1 read, so a broken binding shows up. */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { pingDatabase } from '../db/health.ts';
import { iso } from '../lib/time.ts';

export const VERSION = '0.1.0';

export const healthRoutes = new Hono<AppEnv>().get('/health', async function health(c) {
  await pingDatabase(c.env.DB);
  return c.json({ ok: true, version: VERSION, time: iso(c.get('now')) });
});

/** `GET /v1/ping`: a trivial endpoint that touches nothing, the floor for benchmarks. */
export const pingRoutes = new Hono<AppEnv>().get('/ping', function ping(c) {
  return c.text('pong');
});
