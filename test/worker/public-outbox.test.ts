import { createExecutionContext, env, SELF, waitOnExecutionContext } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SubmissionCreated } from '../../shared/submission.ts';
import { buildApp } from '../../worker/src/app.ts';
import { BASE, createSite, jsonRequest } from './helpers.ts';

const complaint = {
  kind: 'complaint',
  category: 'product',
  body: 'It arrived broken.',
  author: { name: 'Reza', email: 'reza@example.com' },
};

async function until<T>(read: () => Promise<T | null>, timeoutMs = 10_000): Promise<T | null> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null || Date.now() > end) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

describe('submissions as the outbox of the recovery queue', () => {
  it('opens the case whose ref the shopper was given, through the real queue', async () => {
    const site = await createSite();
    const res = await SELF.fetch(
      jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, complaint, { 'idempotency-key': 'outbox-key-1' }),
    );
    const answer = SubmissionCreated.parse(await res.json());
    const ref = answer.case?.ref ?? '';
    const opened = await until(() =>
      env.DB.prepare('SELECT site_id, submission_id FROM cases WHERE ref = ?1').bind(ref).first<{ site_id: string; submission_id: string }>(),
    );
    expect(opened).toEqual({ site_id: site.publicKey, submission_id: answer.id });
  });

  it('still answers 201 and keeps the routed row for the sweep when the queue send fails', async () => {
    const site = await createSite();
    const failing: Queue = {
      metrics: async () => {
        throw new Error('queue unavailable');
      },
      send: async () => {
        throw new Error('queue unavailable');
      },
      sendBatch: async () => {
        throw new Error('queue unavailable');
      },
    };
    const ctx = createExecutionContext();
    const res = await buildApp().fetch(
      new Request(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'idempotency-key': 'outbox-key-2' },
        body: JSON.stringify(complaint),
      }),
      { ...env, RECOVERY: failing },
      ctx,
    );
    await waitOnExecutionContext(ctx);
    expect(res.status).toBe(201);
    const answer = SubmissionCreated.parse(await res.json());
    const row = await env.DB.prepare('SELECT case_ref, routing, routed_at FROM submissions WHERE id = ?1')
      .bind(answer.id)
      .first<{ case_ref: string; routing: string; routed_at: number | null }>();
    expect(row).toMatchObject({ case_ref: answer.case?.ref, routed_at: null });
    expect(JSON.parse(row?.routing ?? 'null')).toMatchObject({ open: true });
  });
});

describe('the submission.created webhook', () => {
  it('is written in the same batch for a site with an endpoint, without contact details', async () => {
    const site = await createSite();
    const now = Date.now();
    // `.invalid` never resolves: the delivery attempt fails fast, and only the written row matters here.
    await env.DB.prepare(
      `INSERT INTO webhook_endpoints (site_id, url, secret, events, enabled, created_at, updated_at)
       VALUES (?1, 'https://hooks.invalid/rebound', 'whsec_test', '["submission.created"]', 1, ?2, ?2)`,
    )
      .bind(site.publicKey, now)
      .run();
    const res = await SELF.fetch(
      jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, complaint, { 'idempotency-key': 'webhook-key-1' }),
    );
    const answer = SubmissionCreated.parse(await res.json());
    const delivery = await env.DB.prepare(`SELECT event, payload FROM webhook_deliveries WHERE site_id = ?1`)
      .bind(site.publicKey)
      .first<{ event: string; payload: string }>();
    expect(delivery?.event).toBe('submission.created');
    const payload = JSON.parse(delivery?.payload ?? '{}');
    expect(payload).toMatchObject({
      type: 'submission.created',
      data: { id: answer.id, kind: 'complaint', status: 'pending', body: 'It arrived broken.', caseRef: answer.case?.ref },
    });
    expect(delivery?.payload).not.toMatch(/reza@|email|phone/);
  });

  it('writes nothing for a site without an endpoint', async () => {
    const site = await createSite();
    await SELF.fetch(jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, complaint, { 'idempotency-key': 'webhook-key-2' }));
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM webhook_deliveries WHERE site_id = ?1').bind(site.publicKey).first<number>('n');
    expect(count).toBe(0);
  });
});
