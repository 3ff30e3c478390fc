import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, createSite, login, staffRequest } from './helpers.ts';
import { contentVersion } from './admin-fixtures.ts';

describe('site settings', () => {
  it('reads the site name, origins and settings with their defaults', async () => {
    const site = await createSite({ name: 'Settings shop', origins: ['https://shop.example'] });
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/settings', cookie));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({
      site: { id: site.publicKey, name: 'Settings shop' },
      origins: ['https://shop.example'],
      settings: { moderation: 'pre', defaultLang: 'en', sla: { firstResponseHours: 24, planHours: 72 } },
    });
  });

  it('writes settings and normalised origins, audited with before and after, and bumps the content version', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const v0 = await contentVersion(site.publicKey);
    const res = await SELF.fetch(
      staffRequest('PUT', '/v1/admin/settings', cookie, {
        name: 'Renamed',
        origins: ['https://Shop.Example:443/', 'https://shop.example', 'http://localhost:3000'],
        settings: { moderation: 'auto', brandColor: '#112233', responseTimeHours: 48, defaultLang: 'fa' },
      }),
    );
    expect(res.status).toBe(200);
    const body = await res.json<{ origins: string[]; settings: Record<string, unknown>; site: { name: string } }>();
    expect(body.origins).toEqual(['https://shop.example', 'http://localhost:3000']);
    expect(body.site.name).toBe('Renamed');
    expect(body.settings).toMatchObject({ moderation: 'auto', brandColor: '#112233', responseTimeHours: 48, theme: 'auto' });
    const stored = await env.DB.prepare('SELECT name, origins, settings FROM sites WHERE id = ?1').bind(site.publicKey).first<Record<string, string>>();
    expect(stored?.name).toBe('Renamed');
    expect(JSON.parse(stored?.origins ?? '')).toEqual(['https://shop.example', 'http://localhost:3000']);
    expect(JSON.parse(stored?.settings ?? '')).toMatchObject({ moderation: 'auto', defaultLang: 'fa' });
    expect(await contentVersion(site.publicKey)).toBe(v0 + 1);
    const audit = await env.DB.prepare("SELECT actor, before, after FROM audit_log WHERE site_id = ?1 AND action = 'settings.update'")
      .bind(site.publicKey)
      .first<Record<string, string>>();
    expect(audit?.actor).toBe(site.staffId);
    expect(JSON.parse(audit?.before ?? '')).toMatchObject({ settings: { moderation: 'pre' } });
    expect(JSON.parse(audit?.after ?? '')).toMatchObject({ name: 'Renamed', settings: { moderation: 'auto' } });
  });

  it.each([
    ['an origin with a path', { origins: ['https://shop.example/shop'], settings: {} }, 'origins.0'],
    ['a javascript: origin', { origins: ['javascript:alert(1)'], settings: {} }, 'origins.0'],
    ['a bad brand colour', { origins: [], settings: { brandColor: 'red' } }, 'settings.brandColor'],
    ['an unknown moderation mode', { origins: [], settings: { moderation: 'none' } }, 'settings.moderation'],
    ['an unknown top-level field', { origins: [], settings: {}, secret: 'x' }, ''],
  ])('rejects %s with 422 and changes nothing', async (_name, body, path) => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('PUT', '/v1/admin/settings', cookie, body));
    expect(res.status).toBe(422);
    const problem = await res.json<{ errors: { path: string }[] }>();
    expect(problem.errors.map((e) => e.path)).toContain(path);
    const stored = await env.DB.prepare('SELECT origins FROM sites WHERE id = ?1').bind(site.publicKey).first<{ origins: string }>();
    expect(JSON.parse(stored?.origins ?? '')).toEqual([site.origin]);
  });

  it("changes only the staff member's own site", async () => {
    const a = await createSite({ name: 'A' });
    const b = await createSite({ name: 'B' });
    const cookie = await login(b);
    await SELF.fetch(staffRequest('PUT', '/v1/admin/settings', cookie, { origins: ['https://b.example'], settings: { moderation: 'auto' } }));
    const stored = await env.DB.prepare('SELECT name, origins, settings FROM sites WHERE id = ?1').bind(a.publicKey).first<Record<string, string>>();
    expect(stored).toMatchObject({ name: 'A', origins: JSON.stringify([a.origin]), settings: '{}' });
    const read = await (await SELF.fetch(staffRequest('GET', '/v1/admin/settings', cookie))).json<{ site: { id: string } }>();
    expect(read.site.id).toBe(b.publicKey);
  });

  it('refuses a cross-site settings change', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(
      new Request(`${BASE}/v1/admin/settings`, {
        method: 'PUT',
        headers: { cookie, 'content-type': 'application/json', origin: 'https://evil.example' },
        body: JSON.stringify({ origins: ['https://evil.example'], settings: {} }),
      }),
    );
    expect(res.status).toBe(403);
    const stored = await env.DB.prepare('SELECT origins FROM sites WHERE id = ?1').bind(site.publicKey).first<{ origins: string }>();
    expect(JSON.parse(stored?.origins ?? '')).toEqual([site.origin]);
  });
});

describe('the Turnstile secret', () => {
  const put = (cookie: string, settings: Record<string, unknown>) =>
    SELF.fetch(staffRequest('PUT', '/v1/admin/settings', cookie, { origins: ['https://shop.example'], settings }));

  it('is write-only: stored for verification, never answered, and not in the audit log', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const secret = '1x0000000000000000000000000000000AA';
    const res = await put(cookie, { turnstileSiteKey: '1x00000000000000000000AA', turnstileSecretKey: secret });
    expect(res.status).toBe(200);
    const written = await res.text();
    expect(written).not.toContain(secret);
    expect(JSON.parse(written)).toMatchObject({ turnstileSecretSet: true, settings: { turnstileSiteKey: '1x00000000000000000000AA' } });

    const read = await (await SELF.fetch(staffRequest('GET', '/v1/admin/settings', cookie))).text();
    expect(read).not.toContain(secret);
    expect(JSON.parse(read)).toMatchObject({ turnstileSecretSet: true });

    const stored = await env.DB.prepare('SELECT settings FROM sites WHERE id = ?1').bind(site.publicKey).first<{ settings: string }>();
    expect(JSON.parse(stored?.settings ?? '{}')).toMatchObject({ turnstileSecretKey: secret });
    const audit = await env.DB.prepare("SELECT before, after FROM audit_log WHERE site_id = ?1 AND action = 'settings.update'")
      .bind(site.publicKey)
      .all<{ before: string; after: string }>();
    expect(audit.results.length).toBeGreaterThan(0);
    for (const row of audit.results) expect(`${row.before}${row.after}`).not.toContain(secret);
    expect(JSON.parse(audit.results.at(-1)?.after ?? '{}')).toMatchObject({ turnstileSecretSet: true });
  });

  it('is kept when staff save other settings without it, and cleared when Turnstile is turned off', async () => {
    const site = await createSite();
    const cookie = await login(site);
    await put(cookie, { turnstileSiteKey: 'site-key', turnstileSecretKey: 'the-secret' });
    const secretOf = async () =>
      (JSON.parse((await env.DB.prepare('SELECT settings FROM sites WHERE id = ?1').bind(site.publicKey).first<{ settings: string }>())?.settings ?? '{}') as {
        turnstileSecretKey?: string;
      }).turnstileSecretKey;

    // The moderation page sends back what it read, which has no secret.
    expect((await put(cookie, { turnstileSiteKey: 'site-key', brandColor: '#112233' })).status).toBe(200);
    expect(await secretOf()).toBe('the-secret');

    expect((await put(cookie, { brandColor: '#112233' })).status).toBe(200);
    expect(await secretOf()).toBeUndefined();
  });

  it('is required with a site key: a site key alone is refused at the secret field and changes nothing', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await put(cookie, { turnstileSiteKey: 'site-key', brandColor: '#112233' });
    expect(res.status).toBe(422);
    const problem = await res.json<{ errors: { path: string; code: string }[] }>();
    expect(problem.errors).toContainEqual(expect.objectContaining({ path: 'settings.turnstileSecretKey', code: 'turnstile_secret_required' }));
    const stored = await env.DB.prepare('SELECT settings FROM sites WHERE id = ?1').bind(site.publicKey).first<{ settings: string }>();
    expect(JSON.parse(stored?.settings ?? '{}')).not.toHaveProperty('turnstileSiteKey');
  });
});

describe('settings without origins', () => {
  it('keeps the stored origins when a save leaves them out', async () => {
    const site = await createSite({ origins: ['https://kept.example'] });
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('PUT', '/v1/admin/settings', cookie, { settings: { theme: 'dark' } }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ origins: ['https://kept.example'], settings: { theme: 'dark', holdUnverified: false } });
  });
});
