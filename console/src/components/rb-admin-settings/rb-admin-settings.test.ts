import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminSettings } from '../../../../shared/admin.ts';
import { SiteSettings } from '../../../../shared/site.ts';
import { en } from '../../i18n/en.ts';
import { fa } from '../../i18n/fa.ts';
import './rb-admin-settings.ts';
import type { RbAdminSettings } from './rb-admin-settings.ts';

const CURRENT: AdminSettings = {
  site: { id: 'pk_x', name: 'Kettle shop' },
  origins: ['https://shop.example'],
  settings: SiteSettings.parse({ responseTimeHours: 24 }),
  turnstileSecretSet: false,
};

let puts: unknown[] = [];
let answer: (body: unknown) => Response;

const json = (value: unknown, status = 200) =>
  new Response(JSON.stringify(value), { status, headers: { 'content-type': status >= 400 ? 'application/problem+json' : 'application/json' } });

beforeEach(() => {
  puts = [];
  answer = (body) => json({ ...CURRENT, ...(body as object) });
  // The staff API as the page sees it: settings, and an empty webhook log.
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    if (url.startsWith('/v1/admin/webhooks/deliveries')) return json({ items: [], nextCursor: null, endpoint: null });
    if (init.method === 'PUT') {
      const body: unknown = JSON.parse(String(init.body));
      puts.push(body);
      return answer(body);
    }
    return json(CURRENT);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function mount(lang: 'en' | 'fa' = 'en'): Promise<ShadowRoot> {
  const el = document.createElement('rb-admin-settings') as RbAdminSettings;
  el.lang = lang;
  document.body.append(el);
  await vi.waitFor(() => expect(el.shadowRoot?.querySelector('form')).toBeTruthy());
  return el.shadowRoot as ShadowRoot;
}

function field<T extends HTMLElement = HTMLInputElement>(root: ShadowRoot, name: string): T {
  const el = root.querySelector<T>(`[name="${name}"]`);
  if (!el) throw new Error(`no field ${name}`);
  return el;
}

function save(root: ShadowRoot) {
  root.querySelector<HTMLFormElement>('form')?.requestSubmit();
}

describe('rb-admin-settings', () => {
  describe('accessibility', () => {
    it.each([['en', en], ['fa', fa]] as const)('gives every section a heading and every setting a one-line hint in %s', async (lang, m) => {
      const root = await mount(lang);
      const headings = [...root.querySelectorAll('section.group > h2')].map((h) => h.textContent);
      expect(headings).toEqual([m.settings.look, m.settings.text, m.settings.publishing, m.settings.times, m.settings.recovery, m.settings.bot, m.settings.where]);
      const fields = root.querySelectorAll<HTMLInputElement>('form input[type="text"]:not([name^="strings."]):not([name^="sla."]), form input[type="password"], form select, form textarea');
      expect(fields.length).toBeGreaterThanOrEqual(10);
      for (const input of fields) {
        const hints = (input.getAttribute('aria-describedby') ?? '').split(' ').filter((id) => id.endsWith('-hint'));
        expect(hints.length, input.name).toBe(1);
        expect(root.getElementById(hints[0] ?? '')?.textContent?.trim(), input.name).toBeTruthy();
      }
    });
  });

  describe('saving', () => {
    it('sends what the merchant changed and says "Saved." beside the button', async () => {
      const root = await mount();
      root.querySelector<HTMLInputElement>('input[name="theme"][value="dark"]')?.click();
      root.querySelector<HTMLInputElement>('input[name="kinds"][value="story"]')?.click();
      field(root, 'strings.en.heading').value = 'What buyers say';
      root.querySelector<HTMLInputElement>('input[name="moderation"][value="auto"]')?.click();
      save(root);
      await vi.waitFor(() => expect(root.querySelector('.actions [role="status"]')?.textContent).toBe(en.saved));
      expect(puts[0]).toMatchObject({
        settings: { theme: 'dark', kinds: ['review', 'complaint'], strings: { en: { heading: 'What buyers say' } }, moderation: 'auto', holdUnverified: false },
      });
    });

    it('shows a bad value at its field in Persian, focuses it and sends nothing', async () => {
      const root = await mount('fa');
      field(root, 'responseTimeHours').value = 'زود';
      save(root);
      await vi.waitFor(() => expect(root.getElementById('rt-error')?.textContent).toBe(fa.settings.fieldErrors.number));
      const input = field(root, 'responseTimeHours');
      expect(input.getAttribute('aria-invalid')).toBe('true');
      expect(input.getAttribute('aria-describedby')).toContain('rt-error');
      expect(root.activeElement).toBe(input);
      expect(root.querySelector('.actions [role="alert"]')?.textContent).toBe(fa.settings.fixFields);
      expect(puts).toEqual([]);
    });

    it("puts the server's refusal at the field it names", async () => {
      answer = () =>
        json(
          { type: 'about:blank', title: 'Invalid', status: 422, errors: [{ path: 'settings.turnstileSecretKey', code: 'turnstile_secret_required', message: 'a site key needs its secret key' }] },
          422,
        );
      const root = await mount();
      field<HTMLInputElement>(root, 'turnstileSiteKey').value = '0x4AAAAAAA';
      save(root);
      await vi.waitFor(() => expect(root.getElementById('set-secret-key-error')?.textContent).toBe(en.settings.fieldErrors.turnstileSecret));
      expect(root.querySelector('.actions [role="status"]')?.textContent).toBe('');
    });

    it('sends no origins: they are edited on the Install page, which it links to', async () => {
      const root = await mount();
      expect(root.querySelector('section[aria-labelledby="set-where"] a[href="#/install"]')).not.toBeNull();
      expect(root.querySelector('[name="origins"]')).toBeNull();
    });

    it('explains the Turnstile state honestly: off now, and a site key needs its secret', async () => {
      const root = await mount();
      expect(root.textContent).toContain(en.settings.botOff);
      field(root, 'turnstileSiteKey').value = '0x4AAAA';
      save(root);
      await vi.waitFor(() => expect(root.getElementById('set-secret-key-error')?.textContent).toBe(en.settings.fieldErrors.turnstileSecret));
      expect(puts).toEqual([]);
    });
  });
});
