/**
 * Webhook endpoints and deliveries. An event is written as a `webhook_deliveries` row in the
 * same batch as the change that caused it (only when the site has an enabled endpoint that wants
 * the event), then announced on the WEBHOOKS queue; the cron re-announces rows whose send was
 * lost, so an event is never dropped between D1 and the queue.
 */
import { WebhookEvent, type WebhookMessage, type WebhookPayload } from '../../../shared/webhooks.ts';
import { iso } from '../lib/time.ts';
import { newId } from '../lib/crypto.ts';

export interface EndpointRecord {
  site_id: string;
  url: string;
  secret: string;
  events: string;
  enabled: number;
  created_at: number;
  updated_at: number;
}

export interface Endpoint {
  siteId: string;
  url: string;
  secret: string;
  events: WebhookEvent[];
  enabled: boolean;
  updatedAt: number;
}

export interface DeliveryRecord {
  id: string;
  site_id: string;
  event: string;
  payload: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  last_status: number | null;
  last_error: string | null;
  created_at: number;
  updated_at: number;
}

function toEndpoint(row: EndpointRecord): Endpoint {
  let events: unknown;
  try {
    events = JSON.parse(row.events);
  } catch {
    events = [];
  }
  return {
    siteId: row.site_id,
    url: row.url,
    secret: row.secret,
    events: Array.isArray(events) ? events.flatMap((e) => { const parsed = WebhookEvent.safeParse(e); return parsed.success ? [parsed.data] : []; }) : [],
    enabled: row.enabled === 1,
    updatedAt: row.updated_at,
  };
}

export async function readEndpoint(db: D1Database, siteId: string): Promise<Endpoint | null> {
  const row = await db.prepare('SELECT * FROM webhook_endpoints WHERE site_id = ?1').bind(siteId).first<EndpointRecord>();
  return row ? toEndpoint(row) : null;
}

export function upsertEndpoint(
  db: D1Database,
  e: { siteId: string; url: string; secret: string; events: WebhookEvent[]; enabled: boolean; at: number },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO webhook_endpoints (site_id, url, secret, events, enabled, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6)
       ON CONFLICT (site_id) DO UPDATE SET url = ?2, secret = ?3, events = ?4, enabled = ?5, updated_at = ?6`,
    )
    .bind(e.siteId, e.url, e.secret, JSON.stringify(e.events), e.enabled ? 1 : 0, e.at);
}

/** Removes the site's endpoint: nothing more is queued for it, and pending deliveries fail. */
export function deleteEndpoint(db: D1Database, siteId: string): D1PreparedStatement {
  return db.prepare('DELETE FROM webhook_endpoints WHERE site_id = ?1').bind(siteId);
}

export interface PendingWebhook {
  id: string;
  siteId: string;
  statement: D1PreparedStatement;
}

/**
 * The insert of one event for the site's endpoint; it inserts nothing when the site has no
 * enabled endpoint or the endpoint chose other events.
 */
export function webhookEvent(
  db: D1Database,
  siteId: string,
  event: WebhookEvent,
  data: Record<string, unknown>,
  nowMs: number,
): PendingWebhook {
  const id = `msg_${newId(nowMs)}`;
  const payload: WebhookPayload = { type: event, timestamp: iso(nowMs), data };
  const statement = db
    .prepare(
      `INSERT INTO webhook_deliveries (id, site_id, event, payload, created_at, updated_at)
       SELECT ?1, ?2, ?3, ?4, ?5, ?5 FROM webhook_endpoints
       WHERE site_id = ?2 AND enabled = 1
         AND (events = '[]' OR EXISTS (SELECT 1 FROM json_each(events) WHERE value = ?3))`,
    )
    .bind(id, siteId, event, JSON.stringify(payload), nowMs);
  return { id, siteId, statement };
}

export function webhookMessage(w: { id: string; siteId: string }): WebhookMessage {
  return { v: 1, type: 'deliver-webhook', deliveryId: w.id, siteId: w.siteId };
}

/**
 * Runs `statements` and the webhook inserts in one batch, then queues the deliveries that were
 * written. A failed send leaves the row pending for the cron's sweep, so it is logged, not thrown.
 */
export async function batchWithWebhooks(
  env: Env,
  statements: D1PreparedStatement[],
  webhooks: PendingWebhook[],
): Promise<D1Result[]> {
  const results = await env.DB.batch([...statements, ...webhooks.map((w) => w.statement)]);
  const written = webhooks.filter((_, i) => (results[statements.length + i]?.meta.changes ?? 0) > 0);
  if (written.length > 0) {
    try {
      await env.WEBHOOKS.sendBatch(written.map((w) => ({ body: webhookMessage(w), contentType: 'json' as const })));
    } catch (err) {
      console.error('webhook send failed; the cron will resend', err);
    }
  }
  return results.slice(0, statements.length);
}

export async function readDelivery(db: D1Database, siteId: string, id: string): Promise<DeliveryRecord | null> {
  return db.prepare('SELECT * FROM webhook_deliveries WHERE id = ?1 AND site_id = ?2').bind(id, siteId).first<DeliveryRecord>();
}

export async function recordAttempt(
  db: D1Database,
  id: string,
  outcome: { status: 'pending' | 'delivered' | 'failed'; httpStatus: number | null; error: string | null; at: number },
): Promise<void> {
  await attemptStatement(db, id, outcome).run();
}

export async function markDeliveryFailed(db: D1Database, id: string, error: string, nowMs: number): Promise<void> {
  await db
    .prepare(`UPDATE webhook_deliveries SET status = 'failed', last_error = ?2, updated_at = ?3 WHERE id = ?1 AND status = 'pending'`)
    .bind(id, error, nowMs)
    .run();
}

/** Newest first, keyset over (created_at, id). */
export async function listDeliveries(
  db: D1Database,
  siteId: string,
  after: { createdAt: number; id: string } | undefined,
  limit: number,
): Promise<DeliveryRecord[]> {
  const stmt = after
    ? db
        .prepare(
          `SELECT * FROM webhook_deliveries WHERE site_id = ?1 AND (created_at < ?2 OR (created_at = ?2 AND id < ?3))
           ORDER BY created_at DESC, id DESC LIMIT ?4`,
        )
        .bind(siteId, after.createdAt, after.id, limit)
    : db.prepare('SELECT * FROM webhook_deliveries WHERE site_id = ?1 ORDER BY created_at DESC, id DESC LIMIT ?2').bind(siteId, limit);
  return (await stmt.all<DeliveryRecord>()).results;
}

/** Pending deliveries never attempted for a while: their queue send was lost. */
export async function listStalledDeliveries(db: D1Database, olderThan: number, limit: number): Promise<DeliveryRecord[]> {
  const { results } = await db
    .prepare(`SELECT * FROM webhook_deliveries WHERE status = 'pending' AND attempts = 0 AND created_at < ?1 ORDER BY created_at LIMIT ?2`)
    .bind(olderThan, limit)
    .all<DeliveryRecord>();
  return results;
}

/** Turns the site's endpoint off (it answered 410 Gone); staff turn it on again by saving it. */
export function disableEndpoint(db: D1Database, siteId: string, nowMs: number): D1PreparedStatement {
  return db.prepare('UPDATE webhook_endpoints SET enabled = 0, updated_at = ?2 WHERE site_id = ?1 AND enabled = 1').bind(siteId, nowMs);
}

/** One attempt's outcome as a statement, for batching with other effects of the same attempt. */
export function attemptStatement(
  db: D1Database,
  id: string,
  outcome: { status: 'pending' | 'delivered' | 'failed'; httpStatus: number | null; error: string | null; at: number },
): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET status = ?2, attempts = attempts + 1, last_status = ?3, last_error = ?4, updated_at = ?5
       WHERE id = ?1 AND status = 'pending'`,
    )
    .bind(id, outcome.status, outcome.httpStatus, outcome.error, outcome.at);
}

/**
 * Puts a failed delivery of the site back to pending so it is sent again. Deliveries whose
 * contact was erased stay failed: they were stopped on purpose. `attempts` keeps counting, so
 * the cron's sweep of never-attempted rows does not announce it a second time.
 */
export function replayDelivery(db: D1Database, siteId: string, id: string, nowMs: number): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE webhook_deliveries SET status = 'pending', last_error = NULL, last_status = NULL, updated_at = ?3
       WHERE id = ?1 AND site_id = ?2 AND status = 'failed' AND coalesce(last_error, '') <> 'erased'`,
    )
    .bind(id, siteId, nowMs);
}
