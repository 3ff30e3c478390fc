/**
 * Security headers on every kind of response the Worker sends: API answers and errors of every
 * status, CORS preflights, the moderation page, the widget bundle, the demo shop, redirects and
 * not-found pages.
 */
import { SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { BASE, createSite, freshWindow, login, ORIGIN, productionFetch, type TestSite } from '../worker/helpers.ts';
import { clientIp, idemKey, reviewBody } from './bodies.ts';

const REFERRER_POLICIES = ['no-referrer', 'strict-origin-when-cross-origin', 'same-origin', 'strict-origin'];

function directives(csp: string | null): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (csp ?? '').split(';')) {
    const [name, ...values] = part.trim().split(/\s+/);
    if (name) out.set(name.toLowerCase(), values.join(' '));
  }
  return out;
}

function expectBaseline(res: Response, label: string) {
  expect(res.headers.get('x-content-type-options'), `${label}: nosniff`).toBe('nosniff');
  expect(REFERRER_POLICIES, `${label}: Referrer-Policy`).toContain(res.headers.get('referrer-policy'));
}

let site: TestSite;
let cookie: string;
beforeAll(async () => {
  site = await createSite();
  cookie = await login(site);
});

describe('API responses', () => {
  const cases: [string, () => Request][] = [
    ['200 health', () => new Request(`${BASE}/v1/health`)],
    ['200 openapi', () => new Request(`${BASE}/v1/openapi.json`)],
    ['200 widget bootstrap', () => new Request(`${BASE}/v1/sites/${site.publicKey}/widget`, { headers: { origin: ORIGIN, 'cf-connecting-ip': clientIp() } })],
    ['201 submission', () => new Request(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
      method: 'POST', headers: { origin: ORIGIN, 'content-type': 'application/json', 'idempotency-key': idemKey(), 'cf-connecting-ip': clientIp() }, body: JSON.stringify(reviewBody()),
    })],
    ['204 preflight', () => new Request(`${BASE}/v1/sites/${site.publicKey}/submissions`, { method: 'OPTIONS', headers: { origin: ORIGIN, 'access-control-request-method': 'POST' } })],
    ['400 bad query', () => new Request(`${BASE}/v1/sites/${site.publicKey}/reviews?limit=-3`, { headers: { 'cf-connecting-ip': clientIp() } })],
    ['401 staff without session', () => new Request(`${BASE}/v1/admin/submissions`)],
    ['403 cross-site staff write', () => new Request(`${BASE}/v1/admin/session`, { method: 'POST', headers: { origin: 'https://evil.example', 'content-type': 'application/json' }, body: '{}' })],
    ['404 unknown endpoint', () => new Request(`${BASE}/v1/nope`)],
    ['404 unknown site', () => new Request(`${BASE}/v1/sites/pk_nobody/widget`)],
    ['413 oversized body', () => new Request(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idemKey(), 'cf-connecting-ip': clientIp() }, body: `{"body":"${'x'.repeat(70_000)}"}`,
    })],
    ['415 not JSON', () => new Request(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
      method: 'POST', headers: { 'content-type': 'text/plain', 'idempotency-key': idemKey(), 'cf-connecting-ip': clientIp() }, body: 'hi',
    })],
    ['422 invalid body', () => new Request(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
      method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idemKey(), 'cf-connecting-ip': clientIp() }, body: '{"kind":"review"}',
    })],
    ['200 staff list', () => new Request(`${BASE}/v1/admin/submissions`, { headers: { cookie } })],
    ['200 staff CSV export', () => new Request(`${BASE}/v1/admin/export?format=csv`, { headers: { cookie } })],
    ['GET with a body framing header (was a 500)', () => new Request(`${BASE}/v1/admin/audit`, { headers: { 'transfer-encoding': 'constructor' } })],
  ];

  it.each(cases)('%s: nosniff, Referrer-Policy and a CSP that allows nothing and no framing', async (label, make) => {
    const res = await SELF.fetch(make());
    expect(res.status, label).toBeLessThan(500);
    expectBaseline(res, label);
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('default-src'), `${label}: default-src`).toBe("'none'");
    expect(csp.get('frame-ancestors'), `${label}: frame-ancestors`).toBe("'none'");
  });

  it('answers a 429 with the same headers', { timeout: 30_000 }, async () => {
    await freshWindow();
    const ip = clientIp();
    let res: Response | null = null;
    for (let i = 0; i < 11; i++) {
      res = await SELF.fetch(new Request(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'idempotency-key': idemKey(), 'cf-connecting-ip': ip }, body: JSON.stringify(reviewBody()),
      }));
    }
    expect(res?.status).toBe(429);
    if (res) expectBaseline(res, '429');
    expect(directives(res?.headers.get('content-security-policy') ?? null).get('default-src')).toBe("'none'");
  });
});

describe('pages and assets', () => {
  it('serves the moderation page under a strict CSP that forbids framing', async () => {
    const res = await SELF.fetch(`${BASE}/admin/`);
    expect(res.status).toBe(200);
    expectBaseline(res, '/admin/');
    const csp = directives(res.headers.get('content-security-policy'));
    expect(csp.get('frame-ancestors')).toBe("'none'");
    expect(csp.get('default-src')).toBe("'none'");
    expect(csp.get('script-src')).toBe("'self'");
    expect(csp.get('object-src') ?? csp.get('default-src')).toBe("'none'");
    expect(csp.get('base-uri')).toBe("'none'");
    for (const [name, value] of csp) expect(`${name} ${value}`).not.toMatch(/unsafe-inline|unsafe-eval|\*|data:.*script/);
    expect(res.headers.get('x-frame-options')).toBe('DENY');
  });

  it.each([
    ['the widget bundle', '/widget.js'],
    ['the demo shop', '/demo/'],
    ['the root redirect', '/'],
    ['a missing asset', '/nothing-here.js'],
    ['a missing admin file', '/admin/nothing-here.js'],
  ])('%s carries nosniff and a Referrer-Policy', async (_label, path) => {
    const res = await SELF.fetch(`${BASE}${path}`, { redirect: 'manual' });
    expect(res.status).toBeLessThan(500);
    expectBaseline(res, path);
  });

  it.each(['POST', 'PUT', 'DELETE'])('a %s to a page address gets a problem with nosniff', async (method) => {
    const res = await SELF.fetch(new Request(`${BASE}/admin/`, { method }));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expectBaseline(res, `${method} /admin/`);
  });

  it('serves the widget bundle as JavaScript any merchant page may load', async () => {
    const res = await SELF.fetch(`${BASE}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/javascript/);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

/** Spellings of the console's path that a browser, proxy or asset server might treat as it. */
const ADMIN_SPELLINGS = [
  '/admin/',
  '/admin',
  '/admin/index.html',
  '/%61dmin/',
  '/%61%64%6d%69%6e/',
  '/%2561dmin/',
  '/admin%2F',
  '/admin%2findex.html',
  '//admin/',
  '///admin/',
  '/admin//',
  '/.//admin/',
  '/admin/./',
  '/admin/..;/',
  '/admin;/',
  '/admin;jsessionid=x/',
  '/admin./',
  '/admin../',
  '/admin/index.html.',
  '/ADMIN/',
  '/Admin/',
  '/aDmIn/index.html',
  '/admin%00/',
  '/admin%20/',
  '/admin\\',
  '/admin.html',
  '/admin/?x=/demo/',
  '/track/',
  '/TRACK/',
  '/%74rack/',
  '//track/',
  '/track./',
];

describe('every spelling of the console path', () => {
  it.each(ADMIN_SPELLINGS)('%s gets the console headers or no page at all', async (path) => {
    const res = await SELF.fetch(`${BASE}${path}`, { redirect: 'manual' });
    expect(res.status, path).toBeLessThan(500);
    expectBaseline(res, path);
    const csp = directives(res.headers.get('content-security-policy'));
    // Whatever answered, it is either the console under its CSP or something that cannot run script.
    expect(csp.get('frame-ancestors'), path).toBe("'none'");
    expect(csp.get('default-src'), path).toBe("'none'");
    const type = res.headers.get('content-type') ?? '';
    if (type.startsWith('text/html')) {
      expect(csp.get('script-src'), path).toBe("'self'");
      expect(csp.get('require-trusted-types-for'), path).toBe("'script'");
      expect(res.headers.get('x-frame-options'), path).toBe('DENY');
    }
    if (res.status >= 300 && res.status < 400) expect(res.headers.get('location') ?? '', path).not.toMatch(/demo/);
  });

  it('counts the spellings tried (for SECURITY.md)', () => {
    console.log(`HEADER FIGURES: ${ADMIN_SPELLINGS.length} spellings of /admin/ and /track/, each with the console CSP or no page`);
    expect(ADMIN_SPELLINGS.length).toBeGreaterThan(30);
  });
});

describe('the demo shop', () => {
  it.each(['/demo/', '/demo/fa', '/demo/index.html', '/demo/shop.css', '/%64emo/', '//demo/', '/DEMO/'])(
    '%s is absent outside development (no DEMO var)',
    async (path) => {
      const res = await productionFetch(new Request(`${BASE}${path}`, { redirect: 'manual' }));
      expect(res.status, path).toBe(404);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    },
  );

  it('sends the root of a production deployment to the console, not the demo', async () => {
    const res = await productionFetch(new Request(`${BASE}/`, { redirect: 'manual' }));
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe('/admin/');
  });

  it('is served in local development, under its own CSP', async () => {
    const res = await SELF.fetch(`${BASE}/demo/`);
    expect(res.status).toBe(200);
    expect(directives(res.headers.get('content-security-policy')).get('default-src')).toBe("'self'");
  });
});
