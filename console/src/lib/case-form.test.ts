import { describe, expect, it } from 'vitest';
import type { AdminCase } from '../../../shared/cases.ts';
import type { AdminSubmission } from '../../../shared/admin.ts';
import { casePatchFromForm, contactOf, newMessageKey } from './case-form.ts';

const current: AdminCase = {
  id: 'case_1',
  ref: 'RB-1',
  status: 'new',
  priority: 'P2',
  reason: 'complaint',
  score: null,
  method: null,
  assignee: null,
  contactKey: 'k',
  orderRef: null,
  submissionId: 'sub_1',
  dueAt: null,
  overdue: false,
  firstResponseDue: null,
  planDue: null,
  firstResponseAt: null,
  pausedAt: null,
  pausedMs: 0,
  promisedAt: null,
  escalatedAt: null,
  breachedAt: null,
  rootCause: null,
  resolution: null,
  resolvedOk: null,
  resolvedAt: null,
  originalRating: null,
  rerating: null,
  closedAt: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

function form(entries: Record<string, string>): FormData {
  const data = new FormData();
  const all = { status: 'new', priority: 'P2', assignee: '', promisedAt: '', rootCause: '', resolved: '', resolution: '', publicMessage: '', ...entries };
  for (const [k, v] of Object.entries(all)) data.append(k, v);
  return data;
}

describe('casePatchFromForm', () => {
  it('sends nothing for an untouched form', () => {
    expect(casePatchFromForm(form({}), current)).toEqual({ ok: true, value: null });
  });

  it('sends only the fields that changed', () => {
    expect(casePatchFromForm(form({ status: 'in_progress', rootCause: 'delivery_delay' }), current)).toEqual({
      ok: true,
      value: { status: 'in_progress', rootCause: 'delivery_delay' },
    });
  });

  it('clears the assignee with null when the field is emptied', () => {
    expect(casePatchFromForm(form({ assignee: '' }), { ...current, assignee: 'Ana' })).toEqual({ ok: true, value: { assignee: null } });
  });

  it('sends the promised date as an ISO instant and leaves an unchanged one alone', () => {
    const patch = casePatchFromForm(form({ promisedAt: '2026-02-01T10:30' }), current);
    expect(patch.ok && patch.value?.promisedAt).toBe(new Date('2026-02-01T10:30').toISOString());
    const same = { ...current, promisedAt: new Date('2026-02-01T10:30').toISOString() };
    expect(casePatchFromForm(form({ promisedAt: '2026-02-01T10:30' }), same)).toEqual({ ok: true, value: null });
  });

  it('reads "was it resolved" as a boolean and a public message as is', () => {
    expect(casePatchFromForm(form({ resolved: 'no', publicMessage: 'On its way' }), current)).toEqual({
      ok: true,
      value: { resolved: false, publicMessage: 'On its way' },
    });
  });

  it('reports a value the contract refuses as a field error instead of sending it', () => {
    const out = casePatchFromForm(form({ assignee: 'x'.repeat(200) }), current);
    expect(out.ok).toBe(false);
    if (!out.ok) expect(out.errors[0]?.path).toBe('assignee');
  });
});

describe('contactOf', () => {
  it('takes the first email or phone among the case submissions', () => {
    const sub = (email: string | null, phone: string | null): AdminSubmission => ({ ...fake, author: { name: 'x', email, phone } });
    expect(contactOf([sub(null, null), sub(null, '+98 912'), sub('a@b.c', null)])).toBe('+98 912');
    expect(contactOf([])).toBeNull();
  });
});

const fake: AdminSubmission = {
  id: 's',
  kind: 'complaint',
  status: 'pending',
  subject: '',
  rating: null,
  title: null,
  body: 'b',
  category: 'other',
  expected: null,
  desiredOutcome: null,
  author: { name: 'x', email: null, phone: null },
  orderRef: null,
  verified: false,
  lang: 'en',
  flags: [],
  helpful: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  publishedAt: null,
  decidedAt: null,
  decisionReason: null,
  reply: null,
  caseRef: null,
  feeling: null,
  revisesId: null,
};

describe('the message to the customer', () => {
  it('carries the key of the message typed, and no key without a message', () => {
    expect(casePatchFromForm(form({ publicMessage: 'On its way' }), current, 'msg-abcdefgh')).toEqual({ ok: true, value: { publicMessage: 'On its way', messageKey: 'msg-abcdefgh' } });
    expect(casePatchFromForm(form({ assignee: 'Sam' }), current, 'msg-abcdefgh')).toEqual({ ok: true, value: { assignee: 'Sam' } });
  });

  it('makes keys the server accepts', () => {
    const key = newMessageKey((b) => b.map((_, i) => i * 7));
    expect(key).toMatch(/^[A-Za-z0-9_-]{8,64}$/);
    expect(newMessageKey((b) => b.fill(1))).not.toBe(key);
  });
});
