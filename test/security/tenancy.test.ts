/**
 * Tenancy: site Alpha's staff, keys, tokens and origin are turned against site Bravo on every
 * route. Every answer Alpha gets is searched for anything of Bravo's (a leak), and Bravo's rows
 * are compared before and after (a cross-write).
 */
import { env, SELF } from 'cloudflare:test';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BASE, jsonRequest, staffRequest } from '../worker/helpers.ts';
import { clientIp, idemKey, reviewBody } from './bodies.ts';
import { seedSite, type SiteWorld } from './world.ts';

let a: SiteWorld;
let b: SiteWorld;
let tried = 0;
const leaks: string[] = [];

beforeAll(async () => {
  a = await seedSite('Alpha', 'https://alpha.example');
  b = await seedSite('Bravo', 'https://bravo.example');
});

afterAll(() => {
  console.log(`TENANCY FIGURES: ${tried} cross-site requests, ${leaks.length} leaks`);
});

/** Everything of Bravo's that must never appear in an answer to Alpha. */
function bravoSecrets(): string[] {
  return [b.publishedId, b.pendingId, b.complaintId, b.caseRef, b.caseId, b.site.publicKey, 'Bravo', 'bravo@example.com', b.site.staffId];
}

/** Bravo's rows in every table that holds site data, as one comparable string. */
async function bravoState(): Promise<string> {
  const id = b.site.publicKey;
  const queries = [
    ['sites', 'SELECT * FROM sites WHERE id = ?1'],
    ['submissions', 'SELECT * FROM submissions WHERE site_id = ?1 ORDER BY id'],
    ['replies', 'SELECT * FROM replies WHERE site_id = ?1 ORDER BY submission_id'],
    ['votes', 'SELECT v.* FROM helpful_votes v JOIN submissions s ON s.id = v.submission_id WHERE s.site_id = ?1 ORDER BY v.voter_hash'],
    ['cases', 'SELECT * FROM cases WHERE site_id = ?1 ORDER BY id'],
    ['events', 'SELECT e.* FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.site_id = ?1 ORDER BY e.id'],
    ['audit', 'SELECT * FROM audit_log WHERE site_id = ?1 ORDER BY id'],
    ['links', 'SELECT * FROM case_links WHERE site_id = ?1 ORDER BY case_id, other_case_id'],
    ['keys', 'SELECT * FROM idempotency_keys WHERE site_id = ?1 ORDER BY key'],
  ] as const;
  const parts: string[] = [];
  for (const [name, sql] of queries) parts.push(`${name}:${JSON.stringify((await env.DB.prepare(sql).bind(id).all()).results)}`);
  return parts.join('\n');
}

async function attempt(req: Request): Promise<Response> {
  tried += 1;
  // What Alpha itself sent (an id in a bulk request, say) may be echoed back; that is not a leak.
  const sent = decodeURIComponent(req.url) + (req.body ? await req.clone().text() : '');
  const res = await SELF.fetch(req);
  const text = await res.clone().text();
  for (const secret of bravoSecrets()) if (text.includes(secret) && !sent.includes(secret)) leaks.push(`${req.method} ${new URL(req.url).pathname} -> ${res.status} contains ${secret}`);
  expect(res.status, `${req.method} ${req.url}`).toBeLessThan(500);
  return res;
}

describe("Alpha's staff against Bravo's ids", () => {
  it('cannot read, decide, reply to, undo or bulk-decide Bravo submissions, and writes nothing of Bravo', async () => {
    const before = await bravoState();
    for (const id of [b.publishedId, b.pendingId, b.complaintId]) {
      expect((await attempt(staffRequest('GET', `/v1/admin/submissions/${id}`, a.cookie))).status).toBe(404);
      for (const decision of ['approve', 'reject', 'spam', 'hide']) {
        expect((await attempt(staffRequest('POST', `/v1/admin/submissions/${id}/decision`, a.cookie, { decision }))).status).toBe(404);
      }
      expect((await attempt(staffRequest('PUT', `/v1/admin/submissions/${id}/reply`, a.cookie, { body: 'hijacked' }))).status).toBe(404);
      expect((await attempt(staffRequest('DELETE', `/v1/admin/submissions/${id}/reply`, a.cookie))).status).toBe(404);
      expect([404, 409]).toContain((await attempt(staffRequest('POST', `/v1/admin/submissions/${id}/undo`, a.cookie))).status);
    }
    const bulk = await attempt(staffRequest('POST', '/v1/admin/submissions/decision', a.cookie, { ids: [b.pendingId, b.publishedId, a.pendingId], decision: 'spam' }));
    expect(bulk.status).toBeLessThan(300);
    const outcome = (await bulk.json()) as { notFound?: string[] };
    expect(outcome.notFound ?? []).toEqual(expect.arrayContaining([b.pendingId, b.publishedId]));
    expect(await bravoState()).toBe(before);
  });

  it('cannot read, change or annotate a Bravo case', async () => {
    const before = await bravoState();
    expect((await attempt(staffRequest('GET', `/v1/admin/cases/${b.caseId}`, a.cookie))).status).toBe(404);
    for (const patch of [{ status: 'acknowledged' }, { assignee: 'Mallory' }, { priority: 'P3' }, { publicMessage: 'hi' }, { status: 'closed', rootCause: 'other', resolved: true }]) {
      expect((await attempt(staffRequest('PATCH', `/v1/admin/cases/${b.caseId}`, a.cookie, patch))).status).toBe(404);
    }
    expect((await attempt(staffRequest('POST', `/v1/admin/cases/${b.caseId}/notes`, a.cookie, { body: 'note' }))).status).toBe(404);
    expect(await bravoState()).toBe(before);
  });

  it('cannot see the links of a Bravo case, merge across sites, split it, or rotate its tracking link', async () => {
    const before = await bravoState();
    expect((await attempt(staffRequest('GET', `/v1/admin/cases/${b.caseId}/links`, a.cookie))).status).toBe(404);
    expect((await attempt(staffRequest('POST', `/v1/admin/cases/${b.caseId}/merge`, a.cookie, { into: a.caseId }))).status).toBe(404);
    expect((await attempt(staffRequest('POST', `/v1/admin/cases/${a.caseId}/merge`, a.cookie, { into: b.caseId }))).status).toBe(404);
    expect((await attempt(staffRequest('POST', `/v1/admin/cases/${b.caseId}/split`, a.cookie))).status).toBe(404);
    expect((await attempt(staffRequest('POST', `/v1/admin/cases/${b.caseId}/track-link`, a.cookie))).status).toBe(404);
    expect(await bravoState()).toBe(before);
    // Bravo's customer's link still opens Bravo's case.
    const view = await SELF.fetch(new Request(`${BASE}/v1/sites/${b.site.publicKey}/cases/${b.caseRef}?t=${encodeURIComponent(b.trackToken)}`, { headers: { 'cf-connecting-ip': clientIp() } }));
    expect(view.status).toBe(200);
  });

  it("sees none of Bravo's data in lists, search, metrics, export and audit", async () => {
    const paths = [
      '/v1/admin/submissions?status=pending', '/v1/admin/submissions?status=published', '/v1/admin/submissions?q=Bravo',
      '/v1/admin/cases', '/v1/admin/cases?status=new', '/v1/admin/metrics', '/v1/admin/export?format=json', '/v1/admin/export?format=csv',
      '/v1/admin/audit', '/v1/admin/settings', '/v1/admin/session',
    ];
    for (const path of paths) await attempt(staffRequest('GET', path, a.cookie));
    expect(leaks).toEqual([]);
  });

  it("cannot erase a Bravo shopper's data", async () => {
    const before = await bravoState();
    await attempt(staffRequest('DELETE', '/v1/admin/people?email=bravo%40example.com', a.cookie));
    expect(await bravoState()).toBe(before);
  });

  it('cannot change Bravo settings through its own settings endpoint', async () => {
    const before = await bravoState();
    const res = await attempt(staffRequest('PUT', '/v1/admin/settings', a.cookie, { name: 'Alpha', origins: ['https://alpha.example'], settings: {} }));
    expect(res.status).toBeLessThan(500);
    expect(await bravoState()).toBe(before);
  });
});

describe("Alpha's public keys, tokens and origin against Bravo", () => {
  it("cannot track or rate Bravo's case through Alpha's site, or Alpha's case with Bravo's token", async () => {
    const before = await bravoState();
    const probes: [string, string, string][] = [
      [a.site.publicKey, b.caseRef, b.trackToken],
      [a.site.publicKey, a.caseRef, b.trackToken],
      [b.site.publicKey, b.caseRef, a.trackToken],
      [b.site.publicKey, a.caseRef, a.trackToken],
    ];
    for (const [siteId, ref, token] of probes) {
      const t = encodeURIComponent(token);
      const origin = siteId === a.site.publicKey ? 'https://alpha.example' : 'https://bravo.example';
      const view = await attempt(new Request(`${BASE}/v1/sites/${siteId}/cases/${ref}?t=${t}`, { headers: { origin, 'cf-connecting-ip': clientIp() } }));
      expect(view.status).toBe(404);
      const rate = await attempt(jsonRequest('POST', `/v1/sites/${siteId}/cases/${ref}/feedback?t=${t}`, { rating: 5 }, { origin, 'cf-connecting-ip': clientIp() }));
      expect(rate.status).toBeGreaterThanOrEqual(400);
    }
    expect(await bravoState()).toBe(before);
  });

  it("cannot vote Bravo's review helpful through Alpha's site", async () => {
    const before = await bravoState();
    const res = await attempt(jsonRequest('POST', `/v1/sites/${a.site.publicKey}/reviews/${b.publishedId}/helpful`, undefined, { origin: 'https://alpha.example', 'cf-connecting-ip': clientIp() }));
    expect(res.status).toBe(404);
    expect(await bravoState()).toBe(before);
  });

  it("never lists Bravo's reviews on Alpha's widget or review pages", async () => {
    for (const sort of ['newest', 'oldest', 'highest', 'lowest', 'helpful']) {
      await attempt(new Request(`${BASE}/v1/sites/${a.site.publicKey}/reviews?sort=${sort}&subject=sku-1`, { headers: { 'cf-connecting-ip': clientIp() } }));
    }
    await attempt(new Request(`${BASE}/v1/sites/${a.site.publicKey}/widget?subject=sku-1`, { headers: { 'cf-connecting-ip': clientIp() } }));
    await attempt(new Request(`${BASE}/v1/sites/${a.site.publicKey}/widget`, { headers: { 'cf-connecting-ip': clientIp() } }));
    expect(leaks).toEqual([]);
  });

  it("refuses a cursor minted for Bravo's list on Alpha's", async () => {
    const page = await SELF.fetch(new Request(`${BASE}/v1/sites/${b.site.publicKey}/reviews?limit=1&subject=sku-1`, { headers: { 'cf-connecting-ip': clientIp() } }));
    const { nextCursor } = (await page.json()) as { nextCursor: string | null };
    const cursor = nextCursor ?? 'eyJ4IjoxfQ';
    const res = await attempt(new Request(`${BASE}/v1/sites/${a.site.publicKey}/reviews?limit=1&subject=sku-1&cursor=${encodeURIComponent(cursor)}`, { headers: { 'cf-connecting-ip': clientIp() } }));
    expect(res.status).toBe(400);
  });

  it("does not grant Bravo's origin CORS on Alpha's API, for requests or preflights", async () => {
    // Bravo's page may read only that it was refused (no Alpha data), so a widget can say why.
    const get = await attempt(new Request(`${BASE}/v1/sites/${a.site.publicKey}/widget`, { headers: { origin: 'https://bravo.example', 'cf-connecting-ip': clientIp() } }));
    expect(get.status).toBe(403);
    const refusal = await get.clone().text();
    expect(JSON.parse(refusal)).toMatchObject({ type: 'urn:rebound:problem:origin-not-allowed' });
    expect(refusal).not.toMatch(/Alpha|published|reviews|summary/);
    const list = await attempt(new Request(`${BASE}/v1/sites/${a.site.publicKey}/reviews`, { headers: { origin: 'https://bravo.example', 'cf-connecting-ip': clientIp() } }));
    expect(list.headers.get('access-control-allow-origin')).toBeNull();
    const pre = await attempt(new Request(`${BASE}/v1/sites/${a.site.publicKey}/submissions`, { method: 'OPTIONS', headers: { origin: 'https://bravo.example', 'access-control-request-method': 'POST' } }));
    expect(pre.headers.get('access-control-allow-origin')).toBeNull();
    const own = await SELF.fetch(new Request(`${BASE}/v1/sites/${a.site.publicKey}/widget`, { headers: { origin: 'https://alpha.example', 'cf-connecting-ip': clientIp() } }));
    expect(own.headers.get('access-control-allow-origin')).toBe('https://alpha.example');
  });

  it("cannot register orders on Alpha with Bravo's secret key (or none)", async () => {
    const order = { orderId: 'X-1', customer: { name: 'Eve', email: 'eve@example.com' }, items: [{ subject: 'sku-1', name: 'Kettle' }], purchasedAt: '2026-01-01T00:00:00Z' };
    for (const auth of [`Bearer ${b.site.secretKey}`, `Bearer ${a.site.staffToken}`, 'Bearer ', undefined]) {
      const res = await attempt(jsonRequest('POST', `/v1/sites/${a.site.publicKey}/orders`, order, auth ? { authorization: auth } : {}));
      expect([401, 403, 404]).toContain(res.status);
    }
    const rows = await env.DB.prepare('SELECT count(*) AS n FROM orders WHERE site_id = ?1').bind(a.site.publicKey).first<{ n: number }>();
    expect(rows?.n ?? 0).toBe(0);
  });

  it("does not let a submission on Alpha join Bravo's case or claim Bravo's order token", async () => {
    const before = await bravoState();
    const res = await attempt(
      jsonRequest('POST', `/v1/sites/${a.site.publicKey}/submissions`, reviewBody({ orderToken: b.trackToken, author: { name: 'Bravo shopper', email: 'bravo@example.com' } }), {
        origin: 'https://alpha.example', 'idempotency-key': idemKey(), 'cf-connecting-ip': clientIp(),
      }),
    );
    expect(res.status).toBeLessThan(500);
    expect(await bravoState()).toBe(before);
  });
});

describe("Bravo's session cookie on Alpha", () => {
  it("acts only on Bravo: Alpha's ids are not found with it", async () => {
    const before = await env.DB.prepare('SELECT status, version FROM submissions WHERE id = ?1').bind(a.pendingId).first();
    expect((await attempt(staffRequest('GET', `/v1/admin/submissions/${a.pendingId}`, b.cookie))).status).toBe(404);
    expect((await attempt(staffRequest('POST', `/v1/admin/submissions/${a.pendingId}/decision`, b.cookie, { decision: 'spam' }))).status).toBe(404);
    expect(await env.DB.prepare('SELECT status, version FROM submissions WHERE id = ?1').bind(a.pendingId).first()).toEqual(before);
  });
});
