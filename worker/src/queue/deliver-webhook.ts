/**
 * Consumer of `deliver-webhook`: POSTs a stored event to the merchant's configured endpoint,
 * signed per Standard Webhooks (`webhook-id`, `webhook-timestamp`, `webhook-signature`). Only
 * that endpoint is ever fetched: no URL from a shopper reaches here, and the endpoint is judged
 * again before each attempt (rules/webhook-target.ts), so one saved before the rule, or by a
 * hand-edited row, is refused and recorded without a request. What an answer means is
 * rules/webhook-response.ts: 410 disables the endpoint, 429/502/503/504 wait for `Retry-After`,
 * other failures back off; the last attempt marks the delivery failed in the log staff read.
 */
import { WebhookMessage } from '../../../shared/webhooks.ts';
import { attemptStatement, disableEndpoint, markDeliveryFailed, readDelivery, readEndpoint } from '../db/webhooks.ts';
import { devFlag } from '../lib/dev.ts';
import { backoffSeconds, decideAttempt } from '../rules/webhook-response.ts';
import { webhookTarget } from '../rules/webhook-target.ts';
import { recordDeadLetter } from './dead-letter.ts';

/** Matches `max_retries` of the webhooks consumer in wrangler.toml. */
export const WEBHOOK_MAX_ATTEMPTS = 9;
const TIMEOUT_MS = 10_000;

export type Fetcher = (request: Request) => Promise<Response>;

const encoder = new TextEncoder();

function base64(bytes: ArrayBuffer | Uint8Array): string {
  let binary = '';
  for (const b of new Uint8Array(bytes)) binary += String.fromCharCode(b);
  return btoa(binary);
}

/** A new signing secret in the Standard Webhooks form: `whsec_` and 24 random bytes in base64. */
export function newWebhookSecret(): string {
  return `whsec_${base64(crypto.getRandomValues(new Uint8Array(24)))}`;
}

/** `v1,<base64 HMAC-SHA256 of "id.timestamp.body">`, keyed with the secret's decoded bytes. */
export async function signWebhook(secret: string, id: string, timestampSeconds: number, body: string): Promise<string> {
  const raw = Uint8Array.from(atob(secret.replace(/^whsec_/, '')), (c) => c.charCodeAt(0));
  const key = await crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
  const mac = await crypto.subtle.sign('HMAC', key, encoder.encode(`${id}.${timestampSeconds}.${body}`));
  return `v1,${base64(mac)}`;
}

export type DeliveryOutcome = 'delivered' | 'retry' | 'failed' | 'disabled' | 'refused' | 'skipped';

export interface DeliveryResult {
  outcome: DeliveryOutcome;
  /** For `retry`: how long the queue should wait before the next attempt. */
  delaySeconds?: number;
}

/** One attempt at one delivery. `attempt` is 1 for the first. */
export async function processJob(env: Env, job: WebhookMessage, attempt: number, nowMs: number, fetcher: Fetcher = fetch): Promise<DeliveryResult> {
  const delivery = await readDelivery(env.DB, job.siteId, job.deliveryId);
  if (!delivery || delivery.status !== 'pending') return { outcome: 'skipped' };
  const endpoint = await readEndpoint(env.DB, job.siteId);
  if (!endpoint || !endpoint.enabled) {
    await markDeliveryFailed(env.DB, delivery.id, 'no enabled endpoint', nowMs);
    return { outcome: 'failed' };
  }
  const target = webhookTarget(endpoint.url, { allowLocal: devFlag(env, 'ALLOW_LOCAL_WEBHOOKS') });
  if (!target.ok) {
    await markDeliveryFailed(env.DB, delivery.id, `refused: ${target.reason}`, nowMs);
    return { outcome: 'refused' };
  }
  const timestamp = Math.floor(nowMs / 1000);
  const body = delivery.payload;
  let httpStatus: number | null = null;
  let retryAfter: string | null = null;
  let error: string | null = null;
  try {
    const res = await fetcher(
      new Request(endpoint.url, {
        method: 'POST',
        // A redirect could lead anywhere; the merchant configures the final URL.
        redirect: 'manual',
        signal: AbortSignal.timeout(TIMEOUT_MS),
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Rebound-Webhooks/1',
          'webhook-id': delivery.id,
          'webhook-timestamp': String(timestamp),
          'webhook-signature': await signWebhook(endpoint.secret, delivery.id, timestamp, body),
        },
        body,
      }),
    );
    httpStatus = res.status;
    retryAfter = res.headers.get('retry-after');
    await res.body?.cancel();
    if (res.status < 200 || res.status >= 300) error = `HTTP ${res.status}`;
  } catch (err) {
    error = err instanceof Error ? err.message.slice(0, 200) : 'fetch failed';
  }
  const decision = decideAttempt({ status: httpStatus, retryAfter, attempt, maxAttempts: WEBHOOK_MAX_ATTEMPTS, nowMs });
  switch (decision.kind) {
    case 'delivered':
      await attemptStatement(env.DB, delivery.id, { status: 'delivered', httpStatus, error: null, at: nowMs }).run();
      return { outcome: 'delivered' };
    case 'disable':
      // 410 Gone: the receiver asks never to be called again (Standard Webhooks).
      await env.DB.batch([
        attemptStatement(env.DB, delivery.id, { status: 'failed', httpStatus, error: 'endpoint gone (410): disabled', at: nowMs }),
        disableEndpoint(env.DB, job.siteId, nowMs),
      ]);
      return { outcome: 'disabled' };
    case 'failed':
      await attemptStatement(env.DB, delivery.id, { status: 'failed', httpStatus, error, at: nowMs }).run();
      return { outcome: 'failed' };
    case 'retry':
      await attemptStatement(env.DB, delivery.id, { status: 'pending', httpStatus, error, at: nowMs }).run();
      return { outcome: 'retry', delaySeconds: decision.delaySeconds };
  }
}

export async function handleWebhookBatch(batch: MessageBatch<unknown>, env: Env, nowMs: number, fetcher: Fetcher = fetch): Promise<void> {
  for (const message of batch.messages) {
    const parsed = WebhookMessage.safeParse(message.body);
    if (!parsed.success) {
      await recordDeadLetter(env.DB, batch.queue, message, nowMs);
      message.ack();
      continue;
    }
    try {
      const result = await processJob(env, parsed.data, message.attempts, nowMs, fetcher);
      if (result.outcome === 'retry') message.retry({ delaySeconds: result.delaySeconds ?? backoffSeconds(message.attempts) });
      else message.ack();
    } catch (err) {
      console.error('webhooks: will retry', message.id, err);
      message.retry({ delaySeconds: backoffSeconds(message.attempts) });
    }
  }
}
