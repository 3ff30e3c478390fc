import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseLinks } from '../../../../shared/case-links.ts';
import './rb-case-links.ts';
import type { RbCaseLinks } from './rb-case-links.ts';

const LINKS: CaseLinks = {
  caseId: 'case_a',
  mergedInto: null,
  merged: [],
  links: [{ caseId: 'case_b', ref: 'RB-BBBBBBBB', status: 'new', priority: 'P2', reasons: ['email', 'order'], mergedInto: null, createdAt: '2026-01-01T10:00:00.000Z' }],
};

let calls: { method: string; url: string; body: unknown }[] = [];

beforeEach(() => {
  calls = [];
  // The staff API as the component sees it: what it asks and what it is answered.
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    calls.push({ method: init.method ?? 'GET', url, body: init.body ? JSON.parse(String(init.body)) : undefined });
    const json = (value: unknown, status = 200) => new Response(JSON.stringify(value), { status, headers: { 'content-type': 'application/json' } });
    if (url.endsWith('/track-link')) return json({ ref: 'RB-AAAAAAAA', trackUrl: 'https://rebound.test/track/?site=pk&ref=RB-AAAAAAAA&t=new.token' }, 201);
    return json(LINKS);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function mount(lang: 'en' | 'fa' = 'en'): Promise<{ el: RbCaseLinks; root: ShadowRoot }> {
  const el = document.createElement('rb-case-links');
  el.lang = lang;
  el.caseId = 'case_a';
  document.body.append(el);
  await vi.waitFor(() => expect(el.shadowRoot?.textContent).toContain('RB-BBBBBBBB'));
  return { el, root: el.shadowRoot as ShadowRoot };
}

function button(root: ShadowRoot, text: string): HTMLButtonElement {
  const found = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes(text));
  if (!found) throw new Error(`no button ${text}`);
  return found;
}

describe('rb-case-links', () => {
  it('shows each look-alike case with why it looks like the same customer', async () => {
    const { root } = await mount();
    expect(root.textContent).toContain('same email');
    expect(root.textContent).toContain('same order number');
    expect(calls[0]).toMatchObject({ method: 'GET', url: '/v1/admin/cases/case_a/links' });
  });

  it('speaks Persian', async () => {
    const { root } = await mount('fa');
    expect(root.textContent).toContain('ایمیل یکسان');
    expect(root.textContent).toContain('احتمالاً همان مشتری');
  });

  it('merges the other case into this one and tells the case page to reload', async () => {
    const { el, root } = await mount();
    const changed = vi.fn();
    el.addEventListener('rb-case-changed', changed);
    button(root, 'Merge into this case').click();
    await vi.waitFor(() => expect(changed).toHaveBeenCalledOnce());
    expect(calls).toContainEqual({ method: 'POST', url: '/v1/admin/cases/case_b/merge', body: { into: 'case_a' } });
  });

  it('makes a new tracking link, copies it and says so beside the button', async () => {
    const written: string[] = [];
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async (t: string) => void written.push(t) } });
    const { root } = await mount();
    expect(root.textContent).not.toContain('new.token');
    const create = button(root, 'Create and copy a new tracking link');
    create.click();
    await vi.waitFor(() => expect(root.textContent).toContain('t=new.token'));
    expect(written).toEqual(['https://rebound.test/track/?site=pk&ref=RB-AAAAAAAA&t=new.token']);
    const notice = create.nextElementSibling;
    expect(notice?.getAttribute('role')).toBe('status');
    expect(notice?.textContent).toContain('New link copied');
    expect(root.querySelector('a[target="_blank"]')?.getAttribute('href')).toContain('t=new.token');
    expect(calls).toContainEqual({ method: 'POST', url: '/v1/admin/cases/case_a/track-link', body: undefined });
  });

  it('still shows the new link when the clipboard refuses, and says to copy it by hand', async () => {
    Object.defineProperty(navigator, 'clipboard', { configurable: true, value: { writeText: async () => Promise.reject(new Error('denied')) } });
    const { root } = await mount('fa');
    button(root, 'ساختن و رونوشت').click();
    await vi.waitFor(() => expect(root.textContent).toContain('t=new.token'));
    expect(root.querySelector('[data-notice="track"]')?.textContent).toContain('رونوشت نشد');
  });
});
