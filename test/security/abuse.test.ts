/**
 * Abuse controls through the wired app: per-site, per-client rate limits (the Workers Rate
 * Limiting binding, enforced by miniflare here) and Turnstile, failing closed.
 */
import { env, SELF } from 'cloudflare:test';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createSite, freshWindow, jsonRequest, ORIGIN } from '../worker/helpers.ts';
import { clientIp, idemKey, reviewBody } from './bodies.ts';
import { changed, rowCounts } from './rows.ts';
import { seedReview } from '../worker/public-fixtures.ts';
import { DUMMY_TOKEN, FAIL_SECRET, fakeSiteverify, PASS_SECRET, PASS_SITE_KEY, SPENT_SECRET } from './siteverify.ts';

function submit(siteId: string, body: unknown, headers: Record<string, string> = {}) {
  return SELF.fetch(jsonRequest('POST', `/v1/sites/${siteId}/submissions`, body, { 'idempotency-key': idemKey(), ...headers }));
}

describe('rate limits', { timeout: 30_000 }, () => {
  beforeEach(async () => {
    await freshWindow();
  }, 20_000);

  it('answers the 11th submission of one client within a minute with 429 problem+json and Retry-After', async () => {
    const site = await createSite();
    const ip = clientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 10; i++) statuses.push((await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': ip })).status);
    expect(statuses).not.toContain(429);
    const before = await rowCounts();
    const res = await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': ip });
    expect(res.status).toBe(429);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(res.headers.get('retry-after')).toBe('60');
    expect(await res.json()).toMatchObject({ status: 429, type: 'urn:rebound:problem:rate-limited' });
    expect(changed(before, await rowCounts())).toEqual({});
  });

  it('lets the merchant page read Retry-After from a 429 (CORS)', async () => {
    const site = await createSite();
    const ip = clientIp();
    for (let i = 0; i < 10; i++) await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': ip });
    const res = await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': ip });
    expect(res.status).toBe(429);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-expose-headers') ?? '').toMatch(/retry-after/i);
  });

  it('counts clients apart: another address, or another IPv6 /64, has its own allowance', async () => {
    const site = await createSite();
    const ip = clientIp();
    for (let i = 0; i < 11; i++) await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': ip });
    expect((await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': clientIp() })).status).not.toBe(429);

    const v6 = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:1`;
    for (let i = 0; i < 10; i++) await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': `${v6}::${i + 1}` });
    // Same /64, new interface id: the same client.
    expect((await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': `${v6}::ffff` })).status).toBe(429);
    expect((await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': `${v6.replace(/:1$/, ':2')}::1` })).status).not.toBe(429);
  });

  it('holds the limit for one network rotating its User-Agent: 20 User-Agents, at most 10 accepted', async () => {
    const site = await createSite();
    const ip = clientIp();
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      statuses.push((await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': ip, 'user-agent': `Mozilla/5.0 (rotation ${i})` })).status);
    }
    const accepted = statuses.filter((s) => s !== 429).length;
    expect(accepted).toBeLessThanOrEqual(10);
    expect(statuses.slice(10)).toEqual(Array(10).fill(429));
    // The same for an IPv6 client rotating both its interface id and its User-Agent within a /64.
    const v6 = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:7`;
    const v6Statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      v6Statuses.push((await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': `${v6}::${i + 1}`, 'user-agent': `UA ${i}` })).status);
    }
    expect(v6Statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(10);
    console.log(`ABUSE FIGURES: one IPv4 network with 20 User-Agents: ${accepted} of 20 accepted (limit 10); one IPv6 /64 with 20 addresses and User-Agents: ${v6Statuses.filter((s) => s !== 429).length} of 20 accepted`);
  });

  it('serves many networks behind one limit, each its own allowance', async () => {
    const site = await createSite();
    const statuses: number[] = [];
    for (let i = 0; i < 30; i++) statuses.push((await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': clientIp(), 'user-agent': 'Same browser' })).status);
    expect(statuses.filter((s) => s === 429)).toEqual([]);
    console.log(`ABUSE FIGURES: 30 networks behind one limit, one submission each: ${statuses.filter((s) => s !== 429).length} served`);
  });

  it('counts helpful votes from one network once, whatever User-Agents it sends', async () => {
    const site = await createSite();
    const id = await seedReview(site.publicKey, {});
    const ip = clientIp();
    const votes = [];
    for (let i = 0; i < 8; i++) {
      const res = await SELF.fetch(jsonRequest('POST', `/v1/sites/${site.publicKey}/reviews/${id}/helpful`, undefined, { 'cf-connecting-ip': ip, 'user-agent': `UA ${i}` }));
      votes.push(res.status === 200 ? ((await res.json()) as { counted: boolean }).counted : res.status);
    }
    expect(votes.filter((v) => v === true)).toHaveLength(1);
    console.log(`ABUSE FIGURES: helpful votes from one network with 8 User-Agents: ${votes.filter((v) => v === true).length} counted`);
    const row = await env.DB.prepare('SELECT helpful_count FROM submissions WHERE id = ?1').bind(id).first<{ helpful_count: number }>();
    expect(row?.helpful_count).toBe(1);
    // Another network's vote still counts.
    const other = await SELF.fetch(jsonRequest('POST', `/v1/sites/${site.publicKey}/reviews/${id}/helpful`, undefined, { 'cf-connecting-ip': clientIp() }));
    expect(((await other.json()) as { counted: boolean }).counted).toBe(true);
  });

  it('counts sites apart: one client limited on one site still submits on another', async () => {
    const a = await createSite();
    const b = await createSite();
    const ip = clientIp();
    for (let i = 0; i < 11; i++) await submit(a.publicKey, reviewBody(), { 'cf-connecting-ip': ip });
    expect((await submit(a.publicKey, reviewBody(), { 'cf-connecting-ip': ip })).status).toBe(429);
    expect((await submit(b.publicKey, reviewBody(), { 'cf-connecting-ip': ip })).status).not.toBe(429);
  });

  it('never limits CORS preflights', async () => {
    const site = await createSite();
    const ip = clientIp();
    for (let i = 0; i < 11; i++) await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': ip });
    const res = await SELF.fetch(
      new Request(`https://rebound.test/v1/sites/${site.publicKey}/submissions`, {
        method: 'OPTIONS',
        headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'cf-connecting-ip': ip },
      }),
    );
    expect(res.status).toBe(204);
  });

  it('limits reads separately from writes, at 300 a minute', async () => {
    const site = await createSite();
    const ip = clientIp();
    const read = () =>
      SELF.fetch(new Request(`https://rebound.test/v1/sites/${site.publicKey}/reviews`, { headers: { origin: ORIGIN, 'cf-connecting-ip': ip } }));
    for (let i = 0; i < 11; i++) await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': ip });
    const statuses = await Promise.all(Array.from({ length: 300 }, read));
    expect(statuses.map((r) => r.status)).not.toContain(429);
    const over = await read();
    expect(over.status).toBe(429);
    expect(over.headers.get('retry-after')).toBe('60');
  });
});

describe('turnstile', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  /** Routes the worker's fetch to the in-process siteverify; any other address throws. */
  function answerSiteverify() {
    const fake = fakeSiteverify();
    vi.spyOn(globalThis, 'fetch').mockImplementation((input, init) => fake.fetch(input instanceof Request ? input.url : input, init));
    return fake;
  }

  async function turnstileSite(secret: string | undefined) {
    return createSite({ settings: { turnstileSiteKey: PASS_SITE_KEY, ...(secret ? { turnstileSecretKey: secret } : {}) } });
  }

  async function submissionsOf(siteId: string): Promise<number> {
    const row = await env.DB.prepare('SELECT count(*) AS n FROM submissions WHERE site_id = ?1').bind(siteId).first<{ n: number }>();
    return row?.n ?? 0;
  }

  it.each([
    ['no token', PASS_SECRET, undefined, 'turnstile-required'],
    ['an empty token', PASS_SECRET, '', 'turnstile-required'],
    ['a token the always-fail secret rejects', FAIL_SECRET, DUMMY_TOKEN, 'turnstile-failed'],
    ['a token already spent', SPENT_SECRET, DUMMY_TOKEN, 'turnstile-failed'],
    ['a site key whose secret is missing', undefined, DUMMY_TOKEN, 'turnstile-failed'],
  ])('refuses a submission with %s: 403, nothing written', async (_name, secret, token, slug) => {
    const fake = answerSiteverify();
    const site = await turnstileSite(secret);
    const before = await rowCounts();
    const res = await submit(site.publicKey, reviewBody(token === undefined ? {} : { meta: { turnstile: token } }), { 'cf-connecting-ip': clientIp() });
    expect(res.status).toBe(403);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ type: `urn:rebound:problem:${slug}` });
    expect(changed(before, await rowCounts())).toEqual({});
    if (token === undefined || token === '' || secret === undefined) expect(fake.calls).toHaveLength(0);
  });

  it('fails closed when siteverify cannot be reached', async () => {
    vi.spyOn(globalThis, 'fetch').mockRejectedValue(new TypeError('network down'));
    const site = await turnstileSite(PASS_SECRET);
    const res = await submit(site.publicKey, reviewBody({ meta: { turnstile: DUMMY_TOKEN } }), { 'cf-connecting-ip': clientIp() });
    expect(res.status).toBe(403);
    expect(await submissionsOf(site.publicKey)).toBe(0);
  });

  it.each([
    ['a 500 answer', () => new Response('oops', { status: 500 })],
    ['an HTML answer', () => new Response('<html>', { status: 200, headers: { 'content-type': 'text/html' } })],
    ['JSON without success', () => Response.json({ 'error-codes': [] })],
    ['success as a string', () => Response.json({ success: 'true' })],
  ])('fails closed on %s from siteverify', async (_name, answer) => {
    vi.spyOn(globalThis, 'fetch').mockImplementation(async () => answer());
    const site = await turnstileSite(PASS_SECRET);
    const res = await submit(site.publicKey, reviewBody({ meta: { turnstile: DUMMY_TOKEN } }), { 'cf-connecting-ip': clientIp() });
    expect(res.status).toBe(403);
    expect(await submissionsOf(site.publicKey)).toBe(0);
  });

  it('lets a submission verified by the always-pass secret through to the route, with the secret, token and address sent', async () => {
    const fake = answerSiteverify();
    const site = await turnstileSite(PASS_SECRET);
    const ip = clientIp();
    const res = await submit(site.publicKey, reviewBody({ meta: { turnstile: DUMMY_TOKEN } }), { 'cf-connecting-ip': ip });
    expect(res.status).not.toBe(403);
    expect(fake.calls).toEqual([{ secret: PASS_SECRET, response: DUMMY_TOKEN, remoteip: ip, idempotencyKey: expect.stringMatching(/^[0-9a-f-]{36}$/) }]);
  });

  it('sends one siteverify idempotency key per Idempotency-Key, so a retried submission verifies alike', async () => {
    const fake = answerSiteverify();
    const site = await turnstileSite(PASS_SECRET);
    const key = idemKey();
    const ip = clientIp();
    const body = reviewBody({ meta: { turnstile: DUMMY_TOKEN } });
    await submit(site.publicKey, body, { 'idempotency-key': key, 'cf-connecting-ip': ip });
    await submit(site.publicKey, body, { 'idempotency-key': key, 'cf-connecting-ip': ip });
    await submit(site.publicKey, body, { 'idempotency-key': idemKey(), 'cf-connecting-ip': ip });
    const keys = fake.calls.map((c) => c.idempotencyKey);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it('leaves sites without a site key alone and never calls siteverify for them', async () => {
    const fake = answerSiteverify();
    const site = await createSite();
    const res = await submit(site.publicKey, reviewBody(), { 'cf-connecting-ip': clientIp() });
    expect(res.status).not.toBe(403);
    expect(fake.calls).toHaveLength(0);
  });

  it('never shows the secret key in the public bootstrap', async () => {
    answerSiteverify();
    const site = await turnstileSite(PASS_SECRET);
    const res = await SELF.fetch(new Request(`https://rebound.test/v1/sites/${site.publicKey}/widget`, { headers: { origin: ORIGIN, 'cf-connecting-ip': clientIp() } }));
    const text = await res.text();
    expect(text).not.toContain(PASS_SECRET);
    if (res.status === 200) expect(text).toContain(PASS_SITE_KEY);
  });
});
