import { afterEach, describe, expect, it } from 'vitest';
import { config } from '../../lib/config.ts';
import { RbFeedback } from './rb-feedback.ts';

if (!customElements.get('rb-feedback')) customElements.define('rb-feedback', RbFeedback);

afterEach(() => document.body.replaceChildren());

async function mount(attrs: Record<string, string>) {
  const el = new RbFeedback();
  for (const [k, v] of Object.entries(attrs)) el.setAttribute(k, v);
  document.body.append(el);
  await el.updateComplete;
  return el;
}

describe('rb-feedback', () => {
  describe('properties', () => {
    it('says it is loading, in the language of the nearest lang attribute, before data arrives', async () => {
      config.base = 'http://127.0.0.1:9';
      document.body.setAttribute('lang', 'fa');
      const el = await mount({ site: 'pk_x' });
      const base = el.shadowRoot?.querySelector('[part=base]');
      expect(base?.getAttribute('dir')).toBe('rtl');
      expect(el.shadowRoot?.querySelector('[role=status]')?.textContent).toBe('در حال بارگذاری نظرها…');
      document.body.removeAttribute('lang');
    });

    it('offers a retry when the reviews cannot be loaded', async () => {
      config.base = 'http://127.0.0.1:9';
      const el = await mount({ site: 'pk_x', lang: 'en' });
      await expect.poll(() => el.shadowRoot?.querySelector('[role=alert]')?.textContent ?? '', { timeout: 10_000 }).toContain('Reviews could not be loaded.');
      expect(el.shadowRoot?.querySelector('[role=alert] button')?.textContent).toBe('Try again');
    });

    it('fails visibly, without a request, when no site is named anywhere', async () => {
      config.site = '';
      const el = await mount({});
      expect(el.shadowRoot?.querySelector('[role=alert]')?.textContent).toContain('Reviews could not be loaded.');
    });
  });
});
