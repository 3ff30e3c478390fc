/**
 * Idempotency under concurrency: one Idempotency-Key sent 50 times at once stores one row and
 * gets one answer; the same key with another body is refused. Each request comes from its own
 * address so the per-client rate limit (tested in abuse.test.ts) does not hide the property.
 */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createSite, jsonRequest } from '../worker/helpers.ts';
import { clientIp, complaintBody, idemKey, reviewBody } from './bodies.ts';

function submit(siteId: string, key: string, body: unknown) {
  return SELF.fetch(jsonRequest('POST', `/v1/sites/${siteId}/submissions`, body, { 'idempotency-key': key, 'cf-connecting-ip': clientIp() }));
}

async function count(sql: string, ...params: string[]): Promise<number> {
  return (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())?.n ?? 0;
}

describe('idempotency', () => {
  it('stores one row and gives 50 concurrent requests with one key the same answer', async () => {
    const site = await createSite();
    const key = idemKey();
    const responses = await Promise.all(Array.from({ length: 50 }, () => submit(site.publicKey, key, complaintBody())));
    const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.text() })));
    console.log(`IDEMPOTENCY FIGURES: 50 concurrent, statuses ${[...new Set(answers.map((a) => a.status))].join(',')}, distinct bodies ${new Set(answers.map((a) => a.body)).size}`);
    expect(new Set(answers.map((a) => a.status))).toEqual(new Set([201]));
    expect(new Set(answers.map((a) => a.body)).size).toBe(1);
    expect(await count('SELECT count(*) AS n FROM submissions WHERE site_id = ?1', site.publicKey)).toBe(1);
    expect(await count('SELECT count(*) AS n FROM idempotency_keys WHERE site_id = ?1', site.publicKey)).toBe(1);
  });

  it('opens at most one case for 50 concurrent copies of one complaint', async () => {
    const site = await createSite();
    const key = idemKey();
    const responses = await Promise.all(Array.from({ length: 50 }, () => submit(site.publicKey, key, complaintBody())));
    const refs = new Set(await Promise.all(responses.map(async (r) => ((await r.json()) as { case?: { ref: string } }).case?.ref)));
    expect(refs.size).toBe(1);
    expect(await count("SELECT count(*) AS n FROM submissions WHERE site_id = ?1 AND case_ref IS NOT NULL", site.publicKey)).toBe(1);
  });

  it.each([
    ['another rating', reviewBody({ rating: 1 })],
    ['another text', reviewBody({ body: 'Changed my mind.' })],
    ['another kind', complaintBody()],
  ])('refuses the same key with %s (409 or 422) and keeps the first', async (_name, second) => {
    const site = await createSite();
    const key = idemKey();
    const first = await submit(site.publicKey, key, reviewBody());
    expect(first.status).toBe(201);
    const res = await submit(site.publicKey, key, second);
    expect([409, 422]).toContain(res.status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await count('SELECT count(*) AS n FROM submissions WHERE site_id = ?1', site.publicKey)).toBe(1);
  });

  it('under a race of two bodies on one key stores one, answers its senders alike and refuses the others', async () => {
    const site = await createSite();
    const key = idemKey();
    const bodies = Array.from({ length: 40 }, (_, i) => (i % 2 === 0 ? reviewBody({ rating: 5 }) : reviewBody({ rating: 2 })));
    const responses = await Promise.all(bodies.map((b) => submit(site.publicKey, key, b)));
    const answers = await Promise.all(responses.map(async (r) => ({ status: r.status, body: await r.text() })));
    const created = answers.filter((a) => a.status === 201);
    const refused = answers.filter((a) => a.status === 409 || a.status === 422);
    expect(created.length + refused.length).toBe(40);
    expect(new Set(created.map((a) => a.body)).size).toBe(1);
    expect(created.length).toBe(20);
    expect(await count('SELECT count(*) AS n FROM submissions WHERE site_id = ?1', site.publicKey)).toBe(1);
  });

  it('keeps keys apart per site: one key on two sites is two submissions', async () => {
    const a = await createSite();
    const b = await createSite();
    const key = idemKey();
    const ra = await submit(a.publicKey, key, reviewBody());
    const rb = await submit(b.publicKey, key, reviewBody());
    expect([ra.status, rb.status]).toEqual([201, 201]);
    expect(((await ra.json()) as { id: string }).id).not.toBe(((await rb.json()) as { id: string }).id);
  });
});
