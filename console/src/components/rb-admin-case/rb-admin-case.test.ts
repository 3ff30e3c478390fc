import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AdminCaseDetail } from '../../../../shared/cases.ts';
import type { AdminSubmission } from '../../../../shared/admin.ts';
import { untranslatedWords } from '../../lib/untranslated.ts';
import './rb-admin-case.ts';
import type { RbAdminCase } from './rb-admin-case.ts';

const SUB: AdminSubmission = {
  id: 'sub_1', kind: 'review', status: 'published', subject: 'kettle-1', rating: 1, title: null, body: 'The kettle leaked <b>twice</b>',
  category: null, expected: null, desiredOutcome: null, author: { name: 'Sam', email: 'sam@example.com', phone: null }, orderRef: null,
  verified: false, lang: 'en', flags: [], helpful: 0, createdAt: '2026-03-20T08:00:00.000Z', publishedAt: null, decidedAt: null,
  decisionReason: null, reply: null, caseRef: 'RB-ABCD2345', feeling: null, revisesId: null,
};

const DETAIL: AdminCaseDetail = {
  case: {
    id: 'case_1', ref: 'RB-ABCD2345', status: 'acknowledged', priority: 'P1', reason: 'rating 1: leaked; repeat customer (1 earlier case)', score: -2,
    method: 'lexicon', assignee: 'Mina', contactKey: 'email:sam@example.com', orderRef: null, submissionId: 'sub_1', dueAt: '2026-03-22T08:00:00.000Z',
    overdue: false, firstResponseDue: null, planDue: null, firstResponseAt: null, pausedAt: null, pausedMs: 0, promisedAt: null, escalatedAt: null,
    breachedAt: null, rootCause: null, resolution: null, resolvedOk: null, resolvedAt: null, originalRating: 1, rerating: null, closedAt: null,
    createdAt: '2026-03-20T08:00:00.000Z', updatedAt: '2026-03-20T09:00:00.000Z',
  },
  refs: ['RB-ABCD2345'],
  submissions: [SUB],
  timeline: [
    { id: 1, type: 'opened', public: true, body: null, actor: null, actorKind: 'system', actorName: null, submissionId: null, at: '2026-03-20T08:00:00.000Z' },
    { id: 2, type: 'submission', public: false, body: 'rating 1: leaked', actor: null, actorKind: 'system', actorName: null, submissionId: 'sub_1', at: '2026-03-20T08:00:01.000Z' },
    { id: 3, type: 'status', public: true, body: 'acknowledged', actor: 'st_mina0001', actorKind: 'staff', actorName: 'Mina', submissionId: null, at: '2026-03-20T09:00:00.000Z' },
    { id: 4, type: 'escalated', public: false, body: 'no response at half the SLA', actor: 'system', actorKind: 'system', actorName: null, submissionId: null, at: '2026-03-20T10:00:00.000Z' },
    { id: 5, type: 'note', public: false, body: 'called <i>twice</i>', actor: 'st_gone0042', actorKind: 'staff', actorName: null, submissionId: null, at: '2026-03-20T11:00:00.000Z' },
  ],
};

let calls: { method: string; url: string }[] = [];

beforeEach(() => {
  calls = [];
  vi.stubGlobal('fetch', async (url: string, init: RequestInit = {}) => {
    calls.push({ method: init.method ?? 'GET', url });
    const json = (value: unknown) => new Response(JSON.stringify(value), { status: 200, headers: { 'content-type': 'application/json' } });
    if (url.includes('/links')) return json({ caseId: 'case_1', mergedInto: null, merged: [], links: [] });
    if (url.startsWith('/v1/admin/emails')) return json({ items: [], nextCursor: null });
    if (init.method === 'PATCH' || init.method === 'POST') return json({ case: DETAIL.case, ok: true });
    return json(DETAIL);
  });
});

afterEach(() => {
  vi.unstubAllGlobals();
  document.body.replaceChildren();
});

async function mount(lang: 'en' | 'fa'): Promise<{ el: RbAdminCase; root: ShadowRoot }> {
  const el = document.createElement('rb-admin-case');
  el.lang = lang;
  el.staff = { id: 'st_mina0001', name: 'Mina' };
  el.caseId = 'case_1';
  document.body.append(el);
  await vi.waitFor(() => expect(el.shadowRoot?.querySelector('ol.timeline li')).toBeTruthy());
  await vi.waitFor(() => expect(calls.some((c) => c.url.startsWith('/v1/admin/emails'))).toBe(true));
  await new Promise((r) => setTimeout(r, 0));
  return { el, root: el.shadowRoot as ShadowRoot };
}

describe('rb-admin-case', () => {
  it('names people in the timeline, never their ids', async () => {
    const { root } = await mount('en');
    const text = root.querySelector('ol.timeline')?.textContent ?? '';
    expect(text).toContain('Mina');
    expect(text).toContain('Rebound (automatic)');
    expect(text).toContain('Staff member 0042');
    expect(text).not.toContain('st_mina0001');
    expect(text).not.toContain('acknowledged');
    expect(text).toContain('Acknowledged');
  });

  it('shows the timeline in Persian: events, statuses, reasons, roles and dates', async () => {
    const { root } = await mount('fa');
    const timeline = root.querySelector('ol.timeline') as HTMLElement;
    expect(timeline.textContent).toContain('وضعیت تغییر کرد');
    expect(timeline.textContent).toContain('ریباند (خودکار)');
    expect(timeline.textContent).toContain('امتیاز ۱ از ۵');
    expect(timeline.querySelector('time')?.textContent).toContain('۱۴۰۴');
    expect(root.querySelector('.reason')?.textContent).toContain('مشتری تکراری');
  });

  it('renders no English of its own on the Persian page', async () => {
    const { root } = await mount('fa');
    // Shopper and staff text sit in <bdi>; the contact address and key caps are data, too.
    expect(untranslatedWords(root)).toEqual([]);
  });

  it('keeps markup in notes as text', async () => {
    const { root } = await mount('en');
    expect(root.querySelector('ol.timeline i')).toBeNull();
    expect(root.querySelector('ol.timeline')?.textContent).toContain('called <i>twice</i>');
  });

  it('shows "Saved." beside the button that saved', async () => {
    const { el, root } = await mount('en');
    const button = [...root.querySelectorAll('button')].find((b) => b.textContent?.includes('Mark contacted')) as HTMLButtonElement;
    button.click();
    await vi.waitFor(() => expect(button.nextElementSibling?.textContent).toBe('Saved.'));
    expect(button.nextElementSibling?.getAttribute('role')).toBe('status');
    expect(root.querySelector('[data-notice="save"]')?.textContent).toBe('');
    expect(el.noticeAt).toBe('contacted');
  });
});
