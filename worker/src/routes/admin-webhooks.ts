/**
 * Staff set the site's webhook endpoint (`PUT /webhooks`), read it (`GET /webhooks`) and read the
 * delivery log (`GET /webhooks/deliveries`). The signing secret is shown only when generated.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../types.ts';
import { DeliveriesQuery, WebhookEndpointInput, WebhookEvent, type WebhookEndpoint } from '../../../shared/webhooks.ts';
import { listDeliveries, readEndpoint, upsertEndpoint } from '../db/webhooks.ts';
import { readSite } from '../db/sites.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { ProblemError } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';
import { newWebhookSecret } from '../queue/deliver-webhook.ts';

export const adminWebhookRoutes = new Hono<AppEnv>()
  .use('/webhooks', refuseCrossSite, requireStaff)
  .use('/webhooks/*', refuseCrossSite, requireStaff)
  .get('/webhooks', async function readWebhookEndpoint(c) {
    const endpoint = await readEndpoint(c.env.DB, c.get('staff').siteId);
    if (!endpoint) throw new ProblemError(404, 'not-found', 'No webhook endpoint is set.');
    const answer: WebhookEndpoint = { url: endpoint.url, events: endpoint.events, enabled: endpoint.enabled, updatedAt: iso(endpoint.updatedAt) };
    return c.json(answer);
  })
  .put('/webhooks', requireJson, valid('json', WebhookEndpointInput), async function setWebhookEndpoint(c) {
    const input = c.req.valid('json');
    const staff = c.get('staff');
    const now = c.get('now');
    const db = c.env.DB;
    const current = await readEndpoint(db, staff.siteId);
    const fresh = !current || input.rotateSecret === true;
    const secret = fresh ? newWebhookSecret() : current.secret;
    const events: WebhookEvent[] = input.events ?? current?.events ?? [];
    const enabled = input.enabled ?? current?.enabled ?? true;
    await db.batch([
      upsertEndpoint(db, { siteId: staff.siteId, url: input.url, secret, events, enabled, at: now }),
      db
        .prepare(`INSERT INTO audit_log (site_id, actor, action, target, before, after, created_at) VALUES (?1, ?2, 'webhooks.set', NULL, ?3, ?4, ?5)`)
        .bind(
          staff.siteId,
          staff.staffId,
          current ? JSON.stringify({ url: current.url, events: current.events, enabled: current.enabled }) : null,
          JSON.stringify({ url: input.url, events, enabled, secretRotated: fresh }),
          now,
        ),
    ]);
    const answer: WebhookEndpoint = { url: input.url, events, enabled, updatedAt: iso(now), ...(fresh ? { secret } : {}) };
    return c.json(answer, current ? 200 : 201);
  })
  .get('/webhooks/deliveries', valid('query', DeliveriesQuery), async function listWebhookDeliveries(c) {
    const q = c.req.valid('query');
    const staff = c.get('staff');
    const site = await readSite(c.env.DB, staff.siteId);
    if (!site) throw new ProblemError(401, 'unauthorized', 'Log in again.');
    const scope = `deliveries:${staff.siteId}`;
    let after: { createdAt: number; id: string } | undefined;
    if (q.cursor) {
      const key = await decodeCursor(site.signingKey, scope, q.cursor, z.tuple([z.number(), z.string()]));
      if (!key) throw new ProblemError(400, 'bad-cursor', 'This cursor does not belong to this list.');
      after = { createdAt: key[0], id: key[1] };
    }
    const rows = await listDeliveries(c.env.DB, staff.siteId, after, q.limit + 1);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    return c.json({
      items: page.map((d) => ({
        id: d.id,
        event: WebhookEvent.safeParse(d.event).data ?? 'submission.created',
        status: d.status,
        attempts: d.attempts,
        lastStatus: d.last_status,
        lastError: d.last_error,
        createdAt: iso(d.created_at),
        updatedAt: iso(d.updated_at),
      })),
      nextCursor: rows.length > q.limit && last ? await encodeCursor(site.signingKey, scope, [last.created_at, last.id]) : null,
    });
  });
