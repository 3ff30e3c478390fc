import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { WebhookEndpoint } from '../../../../shared/webhooks.ts';
import { en } from '../../i18n/en.ts';
import { fa } from '../../i18n/fa.ts';
import './rb-admin-webhooks.ts';

let calls: { method: string; url: string; body: unknown }[] = [];
let endpoint: WebhookEndpoint | null = null;

const json = (value: unknown, status = 200) =>
  new Response(value === null ? null : JSON.stringify(value), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

beforeEach(() => {
  calls = [];
  endpoint = null;
  // The staff API as the component sees it: the log (with its endpoint), PUT and DELETE.
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    const method = init.method ?? 'GET';
    const body: unknown = init.body ? JSON.parse(String(init.body)) : undefined;
    calls.push({ method, url, body });
    if (method === 'GET') return json({ items: [], nextCursor: null, endpoint });
    if (method === 'DELETE') return json(null, 204);
    const input = body as { url: string; events: WebhookEndpoint['events']; enabled: boolean };
    if (input.url.includes('127.0.0.1')) {
      return json({ type: 'about:blank', title: 'Invalid', status: 422, errors: [{ path: 'url', code: 'private_address', message: 'must be a public address' }] }, 422);
    }
    const fresh = endpoint === null;
    endpoint = { url: input.url, events: input.events, enabled: input.enabled, updatedAt: '2026-12-01T00:00:00.000Z' };
    return json({ ...endpoint, ...(fresh ? { secret: 'whsec_c2VjcmV0' } : {}) }, fresh ? 201 : 200);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function mount(lang: 'en' | 'fa' = 'en'): Promise<ShadowRoot> {
  const el = document.createElement('rb-admin-webhooks');
  el.lang = lang;
  document.body.append(el);
  await vi.waitFor(() => expect(el.shadowRoot?.querySelector('form')).toBeTruthy());
  return el.shadowRoot as ShadowRoot;
}

function button(root: ShadowRoot, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.trim() === text);
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

function url(root: ShadowRoot): HTMLInputElement {
  return root.querySelector<HTMLInputElement>('input[name="url"]') as HTMLInputElement;
}

describe('rb-admin-webhooks', () => {
  it('adds an endpoint with chosen events, shows the signing secret once and says so beside the button', async () => {
    const root = await mount();
    expect(root.textContent).toContain(en.webhooks.none);
    url(root).value = 'https://shop.example/hooks';
    root.querySelector<HTMLInputElement>('input[name="events"][value="case.opened"]')?.click();
    button(root, en.webhooks.add).click();
    await vi.waitFor(() => expect(root.querySelector('.actions [role="status"]')?.textContent).toBe(en.webhooks.added));
    expect(calls.at(-1)).toMatchObject({ method: 'PUT', body: { url: 'https://shop.example/hooks', events: ['case.opened'], enabled: true } });
    expect(root.querySelector('.secret code')?.textContent).toBe('whsec_c2VjcmV0');
    // The button now updates the endpoint; the secret is not shown again after an update.
    button(root, en.webhooks.update).click();
    await vi.waitFor(() => expect(root.querySelector('.actions [role="status"]')?.textContent).toBe(en.webhooks.updated));
    expect(root.querySelector('.secret')).toBeNull();
  });

  it("shows the worker's refusal of a private address at the field, in Persian", async () => {
    const root = await mount('fa');
    url(root).value = 'https://127.0.0.1/hooks';
    button(root, fa.webhooks.add).click();
    await vi.waitFor(() => expect(root.getElementById('hook-url-error')?.textContent).toBe(fa.settings.fieldErrors.privateAddress));
    expect(url(root).getAttribute('aria-invalid')).toBe('true');
    expect(root.activeElement).toBe(url(root));
  });

  it('catches a malformed address before sending it', async () => {
    const root = await mount();
    url(root).value = 'shop hooks';
    button(root, en.webhooks.add).click();
    await vi.waitFor(() => expect(root.getElementById('hook-url-error')?.textContent).toBe(en.settings.fieldErrors.url));
    expect(calls.filter((c) => c.method === 'PUT')).toEqual([]);
  });

  it('removes the endpoint only after a confirmation', async () => {
    endpoint = { url: 'https://shop.example/hooks', events: [], enabled: true, updatedAt: '2026-12-01T00:00:00.000Z' };
    const root = await mount();
    expect(url(root).value).toBe('https://shop.example/hooks');
    button(root, en.webhooks.remove).click();
    await vi.waitFor(() => expect(root.querySelector('[role="alertdialog"]')?.textContent).toContain(en.webhooks.removeAsk));
    expect(calls.some((c) => c.method === 'DELETE')).toBe(false);
    button(root, en.webhooks.removeYes).click();
    await vi.waitFor(() => expect(root.querySelector('.actions [role="status"]')?.textContent).toBe(en.webhooks.removed));
    expect(calls.at(-1)).toMatchObject({ method: 'DELETE', url: '/v1/admin/webhooks' });
    expect(root.textContent).toContain(en.webhooks.none);
  });
});
