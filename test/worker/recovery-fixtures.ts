/** Fixtures for the recovery suites: submissions stored as the public route stores them. */
import { createExecutionContext, createScheduledController, env } from 'cloudflare:test';
import worker from '../../worker/src/index.ts';
import { CRON_BATCH, runCron } from '../../worker/src/cron.ts';
import type { RouteSubmissionMessage } from '../../shared/queue.ts';
import { newCaseRef } from '../../worker/src/lib/case-ref.ts';
import { BASE, type TestSite } from './helpers.ts';

let n = 0;

export interface StoredSubmission {
  id: string;
  ref: string;
  message: RouteSubmissionMessage;
}

/** Inserts a routed submission (case_ref + routing set, routed_at empty) and its queue message. */
export async function storeRoutedSubmission(
  siteId: string,
  options: {
    kind?: 'review' | 'complaint' | 'story';
    rating?: number | null;
    email?: string | null;
    phone?: string | null;
    orderRef?: string | null;
    priority?: 'P1' | 'P2' | 'P3';
    open?: boolean;
    createdAt?: number;
    status?: string;
    subject?: string;
  } = {},
): Promise<StoredSubmission> {
  n += 1;
  const id = `sub_${Date.now().toString(36)}_${n}`;
  const ref = newCaseRef();
  const createdAt = options.createdAt ?? Date.now();
  const open = options.open ?? true;
  await env.DB.prepare(
    `INSERT INTO submissions (id, site_id, kind, status, subject, rating, body, author_name, author_email, author_phone,
       order_ref, case_ref, routing, created_at)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'It broke after a day.', 'Sam', ?7, ?8, ?9, ?10, ?11, ?12)`,
  )
    .bind(
      id,
      siteId,
      options.kind ?? 'complaint',
      options.status ?? 'pending',
      options.subject ?? 'sku-1',
      options.rating === undefined ? null : options.rating,
      options.email === undefined ? 'sam@example.com' : options.email,
      options.phone ?? null,
      options.orderRef ?? null,
      open ? ref : null,
      JSON.stringify({ open, priority: open ? (options.priority ?? 'P2') : null, reason: 'complaint', score: -1, method: 'kind' }),
      createdAt,
    )
    .run();
  return { id, ref, message: { v: 1, type: 'route-submission', siteId, submissionId: id, caseRef: ref, receivedAt: createdAt } };
}

export async function casesOf(siteId: string) {
  const { results } = await env.DB.prepare('SELECT * FROM cases WHERE site_id = ?1 ORDER BY created_at, id').bind(siteId).all<Record<string, unknown>>();
  return results;
}

/**
 * One scheduled run at `scheduledTime` through the worker's handler, then more runs at the same
 * instant while a step was full: other suites' rows share this D1, and each run handles at most
 * CRON_BATCH per step.
 */
export async function runCronAt(scheduledTime: number): Promise<void> {
  await worker.scheduled(createScheduledController({ scheduledTime, cron: '*/5 * * * *' }), env, createExecutionContext());
  for (let i = 0; i < 20; i++) {
    const report = await runCron(env, scheduledTime);
    if (Object.values(report).every((n) => n < CRON_BATCH)) break;
  }
}

/** `POST /orders` as the merchant's server sends it (`secret`: its key, or none). */
export function orderRequest(site: TestSite, secret: string | null, body: unknown) {
  return new Request(`${BASE}/v1/sites/${site.publicKey}/orders`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(secret ? { authorization: `Bearer ${secret}` } : {}) },
    body: JSON.stringify(body),
  });
}

/** An order with two items, the first with a review link (its own query string kept). */
export function order(orderId: string, email: string, purchasedAt: number) {
  return {
    orderId,
    customer: { name: 'Reza', email },
    items: [
      { subject: 'sku-1', name: 'Kettle', reviewUrl: 'https://shop.example/p/kettle?color=red' },
      { subject: 'sku-2', name: 'Mug' },
    ],
    purchasedAt: new Date(purchasedAt).toISOString(),
  };
}
