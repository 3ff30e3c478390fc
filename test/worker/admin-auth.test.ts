import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, createSite, login, staffRequest } from './helpers.ts';
import { insertSubmission } from './admin-fixtures.ts';

/** Every staff route this suite guards, with a body where the route takes one. */
const ROUTES: [method: string, path: string, body?: unknown][] = [
  ['GET', '/v1/admin/session'],
  ['DELETE', '/v1/admin/session'],
  ['GET', '/v1/admin/submissions'],
  ['GET', '/v1/admin/submissions/ID'],
  ['POST', '/v1/admin/submissions/ID/decision', { decision: 'approve' }],
  ['POST', '/v1/admin/submissions/decision', { ids: ['ID'], decision: 'approve' }],
  ['POST', '/v1/admin/submissions/ID/undo'],
  ['PUT', '/v1/admin/submissions/ID/reply', { body: 'Thanks' }],
  ['DELETE', '/v1/admin/submissions/ID/reply'],
  ['GET', '/v1/admin/settings'],
  ['PUT', '/v1/admin/settings', { origins: [], settings: {} }],
  ['GET', '/v1/admin/audit'],
  ['GET', '/v1/admin/audit/export?format=csv'],
  ['GET', '/v1/admin/export?format=json'],
  ['DELETE', '/v1/admin/people?email=a%40example.com'],
];

const MUTATIONS = ROUTES.filter(([method]) => method !== 'GET');

async function fixture() {
  const site = await createSite();
  const id = await insertSubmission(site, { rating: 5 });
  return { site, id, path: (p: string) => p.replace('ID', id) };
}

async function unchanged(id: string) {
  const row = await env.DB.prepare('SELECT status, version, author_email FROM submissions WHERE id = ?1').bind(id).first();
  expect(row).toEqual({ status: 'pending', version: 0, author_email: 'sara@example.com' });
  const audit = await env.DB.prepare('SELECT count(*) AS n FROM audit_log a JOIN submissions s ON s.site_id = a.site_id WHERE s.id = ?1')
    .bind(id)
    .first<{ n: number }>();
  expect(audit?.n).toBe(0);
}

describe('authorisation', () => {
  it.each(ROUTES)('%s %s without a session answers 401 and changes nothing', async (method, path, body) => {
    const { id, path: at } = await fixture();
    const res = await SELF.fetch(staffRequest(method, at(path), '', body));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    await unchanged(id);
  });

  it.each(ROUTES)('%s %s with an expired session answers 401', async (method, path, body) => {
    const { site, id, path: at } = await fixture();
    const cookie = await login(site);
    await env.DB.prepare('UPDATE staff_sessions SET expires_at = ?2 WHERE staff_id = ?1').bind(site.staffId, Date.now() - 1).run();
    expect((await SELF.fetch(staffRequest(method, at(path), cookie, body))).status).toBe(401);
    await unchanged(id);
  });

  it.each(MUTATIONS)('%s %s from another site answers 403 and changes nothing', async (method, path, body) => {
    const { site, id, path: at } = await fixture();
    const cookie = await login(site);
    const res = await SELF.fetch(
      new Request(`${BASE}${at(path)}`, {
        method,
        headers: { cookie, origin: 'https://evil.example', 'sec-fetch-site': 'cross-site', 'content-type': 'text/plain' },
        body: body === undefined ? null : JSON.stringify(body),
      }),
    );
    expect(res.status).toBe(403);
    await unchanged(id);
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/session', cookie))).status).toBe(200);
  });

  it.each(MUTATIONS.filter(([, , body]) => body !== undefined))('%s %s with a text/plain body answers 415 and changes nothing', async (method, path, body) => {
    const { site, id, path: at } = await fixture();
    const cookie = await login(site);
    const res = await SELF.fetch(
      new Request(`${BASE}${at(path)}`, {
        method,
        headers: { cookie, origin: BASE, 'sec-fetch-site': 'same-origin', 'content-type': 'text/plain' },
        body: JSON.stringify(body),
      }),
    );
    expect(res.status).toBe(415);
    await unchanged(id);
  });
});

describe('cross-tenant access', () => {
  const WITH_ID = ROUTES.filter(([, path]) => path.includes('/ID'));

  it.each(WITH_ID)("%s %s with another site's id answers 404 and changes nothing", async (method, path, body) => {
    const { id, path: at } = await fixture();
    const intruder = await createSite();
    const cookie = await login(intruder);
    const res = await SELF.fetch(staffRequest(method, at(path), cookie, body));
    expect(res.status).toBe(404);
    await unchanged(id);
  });

  it("lists none of another site's submissions in a bulk decision", async () => {
    const { id } = await fixture();
    const cookie = await login(await createSite());
    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/submissions/decision', cookie, { ids: [id], decision: 'approve' }));
    expect(await res.json()).toEqual({ results: [], notFound: [id], conflicts: [] });
    await unchanged(id);
  });

  it.each([
    ['/v1/admin/submissions', (b: string) => JSON.parse(b).items],
    ['/v1/admin/audit', (b: string) => JSON.parse(b).items],
    ['/v1/admin/export?format=json', (b: string) => JSON.parse(b)],
  ] as const)("%s shows none of another site's rows", async (path, items) => {
    const { site, id } = await fixture();
    const owner = await login(site);
    await SELF.fetch(staffRequest('PUT', `/v1/admin/submissions/${id}/reply`, owner, { body: 'An audited reply' }));
    const intruder = await login(await createSite());
    const res = await SELF.fetch(staffRequest('GET', path, intruder));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(items(text)).toEqual([]);
    expect(text).not.toContain(id);
  });
});
