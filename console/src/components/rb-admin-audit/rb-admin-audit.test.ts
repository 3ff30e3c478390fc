import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AuditPage } from '../../../../shared/admin.ts';
import { untranslatedWords } from '../../lib/untranslated.ts';
import './rb-admin-audit.ts';

const AT = Date.UTC(2026, 2, 21, 9, 30);
const PAGE: AuditPage = {
  items: [
    {
      id: 2, actor: 'st_mina0001', actorKind: 'staff', actorName: 'Mina', action: 'case.update', target: 'case_1',
      before: { status: 'new', assignee: null }, after: { status: 'acknowledged', assignee: 'Mina', firstResponseAt: AT }, createdAt: new Date(AT).toISOString(),
    },
    {
      id: 1, actor: 'st_mina0001', actorKind: 'staff', actorName: 'Mina', action: 'reply.create', target: 'sub_1',
      before: null, after: { body: '<script>alert(1)</script>' }, createdAt: new Date(AT).toISOString(),
    },
  ],
  nextCursor: null,
};

beforeEach(() => {
  vi.stubGlobal('fetch', async () => new Response(JSON.stringify(PAGE), { status: 200, headers: { 'content-type': 'application/json' } }));
});
afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function mount(lang: 'en' | 'fa'): Promise<ShadowRoot> {
  const el = document.createElement('rb-admin-audit');
  el.lang = lang;
  document.body.append(el);
  await vi.waitFor(() => expect(el.shadowRoot?.querySelector('tbody tr')).toBeTruthy());
  return el.shadowRoot as ShadowRoot;
}

describe('rb-admin-audit', () => {
  it('reads as who, what, when and field: old → new, with no JSON or epoch milliseconds', async () => {
    const root = await mount('en');
    const row = root.querySelector('tbody tr') as HTMLElement;
    const text = row.textContent ?? '';
    expect(text).toContain('Mina');
    expect(text).toContain('Updated a case');
    expect(text).toContain('Status:');
    expect(text).toMatch(/New\s*→\s*Acknowledged/);
    expect(text).not.toMatch(/[{}"]|\d{12}/);
    expect(row.querySelector('time')?.getAttribute('datetime')).toBe(new Date(AT).toISOString());
  });

  it('keeps markup in changed values as text', async () => {
    const root = await mount('en');
    expect(root.querySelector('script')).toBeNull();
    expect(root.textContent).toContain('<script>alert(1)</script>');
  });

  it('speaks Persian, with Persian calendar dates, and no English of its own', async () => {
    const root = await mount('fa');
    const text = root.textContent ?? '';
    expect(text).toContain('پرونده‌ای را به‌روز کرد');
    expect(text).toContain('۱۴۰۵');
    expect(untranslatedWords(root, ['JSON', 'CSV'])).toEqual([]);
  });
});
