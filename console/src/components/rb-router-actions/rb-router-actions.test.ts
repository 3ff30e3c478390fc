import { afterEach, describe, expect, it, vi } from 'vitest';
import type { AdminSubmission } from '../../../../shared/admin.ts';
import './rb-router-actions.ts';
import { correctionsFor, type RbRouterActions } from './rb-router-actions.ts';

function submission(overrides: Partial<AdminSubmission> = {}): AdminSubmission {
  return {
    id: 'sub_1',
    kind: 'story',
    status: 'pending',
    subject: 'sku-1',
    rating: null,
    title: null,
    body: "It's a bit pricey",
    category: null,
    expected: null,
    desiredOutcome: null,
    author: { name: 'Sam', email: null, phone: null },
    orderRef: null,
    verified: false,
    lang: 'en',
    flags: [],
    helpful: 0,
    createdAt: '2026-01-01T10:00:00.000Z',
    publishedAt: null,
    decidedAt: null,
    decisionReason: null,
    reply: null,
    caseRef: null,
    feeling: null,
    revisesId: null,
    needsLook: true,
    ...overrides,
  };
}

async function mount(item: AdminSubmission, lang: 'en' | 'fa' = 'en'): Promise<RbRouterActions> {
  const el = document.createElement('rb-router-actions');
  el.item = item;
  el.lang = lang;
  document.body.append(el);
  await el.updateComplete;
  return el;
}

afterEach(() => {
  document.body.replaceChildren();
  vi.unstubAllGlobals();
});

describe('correctionsFor', () => {
  it.each([
    ['an unsure story', {}, { openCase: true, notAProblem: true }],
    ['an unrouted review', { kind: 'review' as const, rating: 4, needsLook: false }, { openCase: true, notAProblem: false }],
    ['an item that already has a case', { caseRef: 'RB-1234' }, { openCase: false, notAProblem: false }],
    ['a complaint (always a case)', { kind: 'complaint' as const }, { openCase: false, notAProblem: false }],
  ])('%s', (_name, overrides, expected) => {
    expect(correctionsFor(submission(overrides))).toEqual(expected);
  });
});

describe('rb-router-actions', () => {
  it('offers both corrections on an unsure item, in the page language', async () => {
    const el = await mount(submission(), 'fa');
    const labels = [...el.renderRoot.querySelectorAll('button')].map((b) => b.textContent?.trim());
    expect(labels).toEqual(['باز کردن پرونده', 'مشکلی نیست']);
  });

  it('opens a case and says so with the case ref', async () => {
    const fetch = vi.fn(async () => new Response(JSON.stringify({ id: 'sub_1', caseRef: 'RB-7K2M' }), { status: 201, headers: { 'content-type': 'application/json' } }));
    vi.stubGlobal('fetch', fetch);
    const el = await mount(submission());
    const corrected = new Promise<CustomEvent>((resolve) => el.addEventListener('rb-router-corrected', (e) => resolve(e as CustomEvent)));
    el.renderRoot.querySelector('button')?.click();
    const event = await corrected;
    expect(fetch).toHaveBeenCalledWith('/v1/admin/submissions/sub_1/case', expect.objectContaining({ method: 'POST' }));
    expect(event.detail.message).toContain('RB-7K2M');
  });
});
