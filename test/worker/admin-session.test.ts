import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, createSite, jsonRequest, login, staffRequest } from './helpers.ts';
import { sha256Hex } from '../../worker/src/lib/crypto.ts';

async function sessionCount(): Promise<number> {
  const row = await env.DB.prepare('SELECT count(*) AS n FROM staff_sessions').first<{ n: number }>();
  return row?.n ?? 0;
}

describe('staff session', () => {
  it('logs in with a staff token and sets a __Host- cookie over https', async () => {
    const site = await createSite({ name: 'Session shop' });
    const res = await SELF.fetch(jsonRequest('POST', '/v1/admin/session', { token: site.staffToken }, { origin: BASE }));
    expect(res.status).toBe(201);
    const body = await res.json();
    expect(body).toMatchObject({ site: { id: site.publicKey, name: 'Session shop' }, staff: { id: site.staffId, name: 'Owner' } });
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-rb_session=[A-Za-z0-9_-]{40,};/);
    expect(cookie).toContain('HttpOnly');
    expect(cookie).toContain('Secure');
    expect(cookie).toContain('SameSite=Strict');
    expect(cookie).toContain('Path=/');
    expect(cookie).toContain('Max-Age=43200');
  });

  it('stores only a hash of the session id', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const id = cookie.split('=')[1] ?? '';
    const stored = await env.DB.prepare('SELECT id_hash FROM staff_sessions WHERE staff_id = ?1').bind(site.staffId).all<{ id_hash: string }>();
    expect(stored.results.map((r) => r.id_hash)).toEqual([await sha256Hex(id)]);
  });

  it('uses a plain rb_session cookie without Secure over http', async () => {
    const site = await createSite();
    const res = await SELF.fetch(
      new Request('http://localhost:8787/v1/admin/session', {
        method: 'POST',
        headers: { 'content-type': 'application/json', origin: 'http://localhost:8787' },
        body: JSON.stringify({ token: site.staffToken }),
      }),
    );
    expect(res.status).toBe(201);
    const cookie = res.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^rb_session=/);
    expect(cookie).not.toContain('Secure');
    const me = await SELF.fetch(new Request('http://localhost:8787/v1/admin/session', { headers: { cookie: cookie.split(';')[0] ?? '' } }));
    expect(me.status).toBe(200);
  });

  it('answers the current session to its cookie', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/session', cookie));
    expect(res.status).toBe(200);
    const body = await res.json<{ expiresAt: string; site: { id: string } }>();
    expect(body.site.id).toBe(site.publicKey);
    expect(Date.parse(body.expiresAt) - Date.now()).toBeGreaterThan(11 * 3600_000);
  });

  it('refuses a wrong token with the same 401 as a revoked one', async () => {
    const site = await createSite();
    await env.DB.prepare('UPDATE staff_tokens SET revoked_at = ?2 WHERE id = ?1').bind(site.staffId, Date.now()).run();
    const revoked = await SELF.fetch(jsonRequest('POST', '/v1/admin/session', { token: site.staffToken }, { origin: BASE }));
    const unknown = await SELF.fetch(jsonRequest('POST', '/v1/admin/session', { token: 'st_nothing' }, { origin: BASE }));
    expect(revoked.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect(revoked.headers.get('content-type')).toBe('application/problem+json');
    expect(revoked.headers.get('set-cookie')).toBeNull();
    expect(await revoked.json()).toEqual(await unknown.json());
  });

  it('ends a session when its token is revoked', async () => {
    const site = await createSite();
    const cookie = await login(site);
    await env.DB.prepare('UPDATE staff_tokens SET revoked_at = ?2 WHERE id = ?1').bind(site.staffId, Date.now()).run();
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/session', cookie))).status).toBe(401);
  });

  it('refuses an expired session', async () => {
    const site = await createSite();
    const cookie = await login(site);
    await env.DB.prepare('UPDATE staff_sessions SET expires_at = ?2 WHERE staff_id = ?1').bind(site.staffId, Date.now() - 1).run();
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/session', cookie));
    expect(res.status).toBe(401);
  });

  it('logs out: deletes the session and clears the cookie', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('DELETE', '/v1/admin/session', cookie));
    expect(res.status).toBe(204);
    expect(res.headers.get('set-cookie')).toMatch(/^__Host-rb_session=;.*Max-Age=0/);
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/session', cookie))).status).toBe(401);
    const left = await env.DB.prepare('SELECT count(*) AS n FROM staff_sessions WHERE staff_id = ?1').bind(site.staffId).first<{ n: number }>();
    expect(left?.n).toBe(0);
  });

  it('answers a forged cookie with 401', async () => {
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/session', '__Host-rb_session=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA'));
    expect(res.status).toBe(401);
  });
});

describe('cross-site requests', () => {
  const before = async () => sessionCount();

  it.each([
    ['a foreign Origin', { origin: 'https://evil.example' }],
    ['Sec-Fetch-Site: cross-site', { 'sec-fetch-site': 'cross-site' }],
    ['Sec-Fetch-Site: same-site', { 'sec-fetch-site': 'same-site', origin: 'https://sub.rebound.test' }],
    ['cross-site with a matching Origin', { 'sec-fetch-site': 'cross-site', origin: BASE }],
    ['neither Origin nor Sec-Fetch-Site', {}],
    ['Origin null', { origin: 'null' }],
  ])('refuses a login from %s and creates no session', async (_name, headers: Record<string, string>) => {
    const site = await createSite();
    const n = await before();
    const res = await SELF.fetch(
      new Request(`${BASE}/v1/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ token: site.staffToken }),
      }),
    );
    expect(res.status).toBe(403);
    expect(await res.json()).toMatchObject({ type: 'urn:rebound:problem:cross-site' });
    expect(await sessionCount()).toBe(n);
  });

  it('refuses a cross-site text/plain login (the simple-request CSRF) before anything else', async () => {
    const site = await createSite();
    const n = await before();
    const res = await SELF.fetch(
      new Request(`${BASE}/v1/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({ token: site.staffToken }),
      }),
    );
    expect(res.status).toBe(403);
    expect(await sessionCount()).toBe(n);
  });

  it('answers a same-origin text/plain login with 415 and creates no session', async () => {
    const site = await createSite();
    const n = await before();
    const res = await SELF.fetch(
      new Request(`${BASE}/v1/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', origin: BASE, 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ token: site.staffToken }),
      }),
    );
    expect(res.status).toBe(415);
    expect(await sessionCount()).toBe(n);
  });

  it('refuses a cross-site logout and keeps the session', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(
      new Request(`${BASE}/v1/admin/session`, { method: 'DELETE', headers: { cookie, 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' } }),
    );
    expect(res.status).toBe(403);
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/session', cookie))).status).toBe(200);
  });

  it('accepts Sec-Fetch-Site: same-origin without an Origin', async () => {
    const site = await createSite();
    const res = await SELF.fetch(
      new Request(`${BASE}/v1/admin/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'sec-fetch-site': 'same-origin' },
        body: JSON.stringify({ token: site.staffToken }),
      }),
    );
    expect(res.status).toBe(201);
  });
});
