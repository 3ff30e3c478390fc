/**
 * Staff set the site's webhook endpoint (`PUT /webhooks`), read it (`GET /webhooks`), remove it
 * (`DELETE /webhooks`; the log stays), read the
 * delivery log (`GET /webhooks/deliveries`) and send a failed delivery again
 * (`POST /webhooks/deliveries/{id}/replay`). The signing secret is shown only when generated.
 * Where an endpoint may point is rules/webhook-target.ts, checked here and again at delivery.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import type { AppEnv } from '../types.ts';
import { DeliveriesQuery, WebhookEndpointInput, WebhookEvent, type WebhookDeliveriesPage, type WebhookDelivery, type WebhookEndpoint } from '../../../shared/webhooks.ts';
import { insertAudit } from '../db/audit.ts';
import { deleteEndpoint, listDeliveries, markDeliveryFailed, readDelivery, readEndpoint, replayDelivery, upsertEndpoint, webhookMessage, type DeliveryRecord, type Endpoint } from '../db/webhooks.ts';
import { readSite } from '../db/sites.ts';
import { decodeCursor, encodeCursor } from '../lib/cursor.ts';
import { devFlag } from '../lib/dev.ts';
import { ProblemError } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';
import { newWebhookSecret } from '../queue/deliver-webhook.ts';
import { webhookTarget, type WebhookTargetRefusal } from '../rules/webhook-target.ts';

const REFUSALS: Record<WebhookTargetRefusal, string> = {
  invalid_url: 'must be an http(s) URL',
  https_required: 'must be an https URL',
  private_address: 'must be a public address (no loopback, private, link-local, multicast or metadata address)',
  local_name: 'must be a public host name (not localhost, *.local, *.internal or a name without a dot)',
};

function toDelivery(d: DeliveryRecord): WebhookDelivery {
  return {
    id: d.id,
    event: WebhookEvent.safeParse(d.event).data ?? 'submission.created',
    status: d.status,
    attempts: d.attempts,
    lastStatus: d.last_status,
    lastError: d.last_error,
    createdAt: iso(d.created_at),
    updatedAt: iso(d.updated_at),
  };
}

function toEndpoint(e: Endpoint): WebhookEndpoint {
  return { url: e.url, events: e.events, enabled: e.enabled, updatedAt: iso(e.updatedAt) };
}

export const adminWebhookRoutes = new Hono<AppEnv>()
  .use('/webhooks', refuseCrossSite, requireStaff)
  .use('/webhooks/*', refuseCrossSite, requireStaff)
  .get('/webhooks', async function readWebhookEndpoint(c) {
    const endpoint = await readEndpoint(c.env.DB, c.get('staff').siteId);
    if (!endpoint) throw new ProblemError(404, 'not-found', 'No webhook endpoint is set.');
    return c.json(toEndpoint(endpoint));
  })
  .put('/webhooks', requireJson, valid('json', WebhookEndpointInput), async function setWebhookEndpoint(c) {
    const input = c.req.valid('json');
    const target = webhookTarget(input.url, { allowLocal: devFlag(c.env, 'ALLOW_LOCAL_WEBHOOKS') });
    if (!target.ok) {
      throw new ProblemError(422, 'validation', 'The webhook endpoint cannot be used.', [
        { path: 'url', code: target.reason, message: REFUSALS[target.reason] },
      ]);
    }
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
      insertAudit(db, {
        siteId: staff.siteId,
        actor: staff.staffId,
        action: 'webhooks.set',
        target: null,
        before: current ? { url: current.url, events: current.events, enabled: current.enabled } : null,
        after: { url: input.url, events, enabled, secretRotated: fresh },
        createdAt: now,
      }),
    ]);
    const answer: WebhookEndpoint = { url: input.url, events, enabled, updatedAt: iso(now), ...(fresh ? { secret } : {}) };
    return c.json(answer, current ? 200 : 201);
  })
  .delete('/webhooks', async function removeWebhookEndpoint(c) {
    const staff = c.get('staff');
    const db = c.env.DB;
    const current = await readEndpoint(db, staff.siteId);
    if (!current) throw new ProblemError(404, 'not-found', 'No webhook endpoint is set.');
    await db.batch([
      deleteEndpoint(db, staff.siteId),
      insertAudit(db, {
        siteId: staff.siteId,
        actor: staff.staffId,
        action: 'webhooks.remove',
        target: null,
        before: { url: current.url, events: current.events, enabled: current.enabled },
        after: null,
        createdAt: c.get('now'),
      }),
    ]);
    return c.body(null, 204);
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
    const [rows, endpoint] = await Promise.all([
      listDeliveries(c.env.DB, staff.siteId, after, q.limit + 1),
      after ? Promise.resolve(undefined) : readEndpoint(c.env.DB, staff.siteId),
    ]);
    const page = rows.slice(0, q.limit);
    const last = page.at(-1);
    const answer: WebhookDeliveriesPage = {
      items: page.map(toDelivery),
      nextCursor: rows.length > q.limit && last ? await encodeCursor(site.signingKey, scope, [last.created_at, last.id]) : null,
      ...(endpoint === undefined ? {} : { endpoint: endpoint && toEndpoint(endpoint) }),
    };
    return c.json(answer);
  })
  .post('/webhooks/deliveries/:id/replay', async function replayWebhookDelivery(c) {
    const id = c.req.param('id');
    const staff = c.get('staff');
    const now = c.get('now');
    const db = c.env.DB;
    const delivery = /^msg_[A-Za-z0-9_-]{1,64}$/.test(id) ? await readDelivery(db, staff.siteId, id) : null;
    if (!delivery) throw new ProblemError(404, 'not-found', 'There is no delivery with this id on this site.');
    if (delivery.status !== 'failed' || delivery.last_error === 'erased') {
      throw new ProblemError(409, 'not-replayable', 'Only a failed delivery can be sent again (not one stopped by an erasure).');
    }
    const endpoint = await readEndpoint(db, staff.siteId);
    if (!endpoint || !endpoint.enabled) {
      throw new ProblemError(409, 'endpoint-disabled', 'Turn the webhook endpoint on (save it again) before sending deliveries again.');
    }
    const [replayed] = await db.batch([
      replayDelivery(db, staff.siteId, id, now),
      insertAudit(db, { siteId: staff.siteId, actor: staff.staffId, action: 'webhooks.replay', target: id, before: { status: 'failed' }, after: { status: 'pending' }, createdAt: now }),
    ]);
    if ((replayed?.meta.changes ?? 0) === 0) throw new ProblemError(409, 'not-replayable', 'This delivery changed meanwhile; reload the log.');
    try {
      await c.env.WEBHOOKS.send(webhookMessage({ id, siteId: staff.siteId }), { contentType: 'json' });
    } catch (err) {
      // The cron's sweep only re-announces never-attempted rows, so put this one back as it was.
      console.error('webhooks: replay send failed', id, err);
      await markDeliveryFailed(db, id, 'replay could not be queued', now);
      throw new ProblemError(503, 'queue-unavailable', 'The delivery could not be queued; try again.');
    }
    const fresh = await readDelivery(db, staff.siteId, id);
    return c.json(fresh ? toDelivery(fresh) : toDelivery({ ...delivery, status: 'pending', last_error: null, last_status: null, updated_at: now }), 202);
  });
