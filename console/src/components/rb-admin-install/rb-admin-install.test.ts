import { afterEach, describe, expect, it, vi } from 'vitest';
import { embedSnippet } from '../../../../shared/embed.ts';
import type { SiteOrigins } from '../../../../shared/origins.ts';
import './rb-admin-install.ts';
import type { RbAdminInstall } from './rb-admin-install.ts';

const STATE: SiteOrigins = {
  site: 'pk_shop',
  allowed: ['https://shop.example'],
  seen: [{ origin: 'https://shop.example', firstSeen: '2026-03-01T10:00:00.000Z', lastSeen: '2026-03-21T09:30:00.000Z' }],
  refused: [{ origin: 'https://www.shop.example', firstSeen: '2026-03-20T10:00:00.000Z', lastSeen: '2026-03-21T12:00:00.000Z', count: 12 }],
};

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': status < 400 ? 'application/json' : 'application/problem+json' } });
}

/** A fetch that answers the origins once, then each later request with `then` (or the same state). */
function serve(then: (url: string, init: RequestInit) => Response = () => json(STATE)) {
  const fetch = vi.fn(async (url: string, init: RequestInit = {}) => ((init.method ?? 'GET') === 'GET' ? json(STATE) : then(url, init)));
  vi.stubGlobal('fetch', fetch);
  return fetch;
}

async function mount(lang: 'en' | 'fa' = 'en'): Promise<RbAdminInstall> {
  const el = document.createElement('rb-admin-install');
  el.lang = lang;
  document.body.append(el);
  await vi.waitFor(() => expect(el.renderRoot.querySelector('#snippet')).not.toBeNull());
  return el;
}

const text = (el: RbAdminInstall, selector: string) => el.renderRoot.querySelector(selector)?.textContent?.replace(/\s+/g, ' ').trim() ?? '';

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

describe('rb-admin-install', () => {
  it('shows the snippet for this host and this site, and copies it with a visible notice', async () => {
    serve();
    const writeText = vi.fn(async () => undefined);
    vi.stubGlobal('navigator', { ...navigator, clipboard: { writeText } });
    const el = await mount();
    const area = el.renderRoot.querySelector<HTMLTextAreaElement>('#snippet');
    expect(area?.value).toBe(embedSnippet(location.origin, 'pk_shop'));
    expect(text(el, '[data-host]')).toBe(location.origin);
    expect(text(el, 'section[aria-labelledby="refused-title"] li')).toContain('Refused 12 times, last March 21, 2026');
    expect(text(el, 'section[aria-labelledby="allowed-title"] li')).toContain('Widget last loaded here March 21, 2026');
    el.renderRoot.querySelector<HTMLButtonElement>('button.primary')?.click();
    await vi.waitFor(() => expect(text(el, '[data-said="snippet"]')).toBe('Copied.'));
    expect(writeText).toHaveBeenCalledWith(embedSnippet(location.origin, 'pk_shop'));
  });

  it('offers a refused origin with its count and date in Persian digits and calendar', async () => {
    serve();
    const el = await mount('fa');
    const row = text(el, 'section[aria-labelledby="refused-title"] li');
    expect(row).toContain('https://www.shop.example خواست ابزارک را بارگذاری کند');
    expect(row).toContain('۱۲ بار رد شد');
    expect(row).toContain('۱۴۰۵');
    expect(row).not.toMatch(/[0-9]{2} بار/);
  });

  it('allows a refused origin: it is posted, moves to the allowed list, and the section says so', async () => {
    const after: SiteOrigins = { site: 'pk_shop', allowed: ['https://shop.example', 'https://www.shop.example'], seen: [], refused: [] };
    const fetch = serve(() => json(after));
    const el = await mount();
    el.renderRoot.querySelector<HTMLButtonElement>('button[aria-label="Allow https://www.shop.example"]')?.click();
    await vi.waitFor(() => expect(text(el, '[data-said="refused"]')).toBe('https://www.shop.example is allowed now. Reload that page to see the reviews.'));
    expect(fetch).toHaveBeenCalledWith('/v1/admin/origins', expect.objectContaining({ method: 'POST', body: JSON.stringify({ origin: 'https://www.shop.example' }) }));
    expect([...el.renderRoot.querySelectorAll('section[aria-labelledby="allowed-title"] li')].map((li) => li.getAttribute('data-origin'))).toEqual(after.allowed);
    expect(el.renderRoot.querySelector('[data-none]')).not.toBeNull();
  });

  it.each([
    ['en', 'https://shop.example/products', 'Only the origin, please'],
    ['en', 'http://shop.example', 'Use https://'],
    ['fa', 'shop', 'این نشانی وب نیست'],
  ] as const)('in %s, explains why %s cannot be added, and sends nothing', async (lang, value, message) => {
    const fetch = serve();
    const el = await mount(lang);
    const input = el.renderRoot.querySelector<HTMLInputElement>('#new-origin');
    if (!input) throw new Error('no field');
    input.value = value;
    el.renderRoot.querySelector<HTMLFormElement>('form.add')?.requestSubmit();
    await vi.waitFor(() => expect(text(el, '#new-origin-error')).toContain(message));
    expect(input.getAttribute('aria-invalid')).toBe('true');
    expect(fetch).toHaveBeenCalledTimes(1);
  });

  it("shows the worker's refusal of a removal in the page's language", async () => {
    const two: SiteOrigins = { ...STATE, allowed: ['https://shop.example', 'https://b.example'] };
    vi.stubGlobal(
      'fetch',
      vi.fn(async (_url: string, init: RequestInit = {}) =>
        (init.method ?? 'GET') === 'GET' ? json(two) : json({ type: 'urn:rebound:problem:last-origin', title: 'Conflict', status: 409, detail: 'A site needs…' }, 409),
      ),
    );
    const el = await mount('fa');
    el.renderRoot.querySelector<HTMLButtonElement>('button[aria-label="حذف https://b.example"]')?.click();
    await vi.waitFor(() => expect(text(el, '[data-said="allowed"]')).toContain('هر سایت دست‌کم یک مبدای مجاز لازم دارد'));
  });

  it('does not offer to remove the only allowed origin', async () => {
    serve();
    const el = await mount();
    expect(el.renderRoot.querySelector<HTMLButtonElement>('button[aria-label="Remove https://shop.example"]')?.disabled).toBe(true);
  });
});
