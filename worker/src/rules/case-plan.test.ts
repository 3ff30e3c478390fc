import { describe, expect, it } from 'vitest';
import type { CasePatch } from '../../../shared/cases.ts';
import { alreadySent, nextDue, planCaseChange, type CaseState, type SentMessage } from './case-plan.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);

const fresh = (over: Partial<CaseState> = {}): CaseState => ({
  status: 'new',
  priority: 'P2',
  assignee: null,
  promisedAt: null,
  rootCause: null,
  resolution: null,
  resolvedOk: null,
  firstResponseAt: null,
  firstResponseDue: T0 + 24 * H,
  planDue: T0 + 72 * H,
  planAt: null,
  pausedAt: null,
  pausedMs: 0,
  dueAt: T0 + 24 * H,
  updatedAt: T0,
  ...over,
});

function plan(current: CaseState, patch: CasePatch, nowMs = T0 + H, messages: SentMessage[] = []) {
  return planCaseChange({ current, patch, actor: 'stf_1', nowMs, messages });
}

function applied(current: CaseState, patch: CasePatch, nowMs = T0 + H, messages: SentMessage[] = []) {
  const p = plan(current, patch, nowMs, messages);
  if (!p.ok) throw new Error(`refused: ${p.code}`);
  return p;
}

describe('planCaseChange: status moves', () => {
  it.each<[string, CaseState, CasePatch, { status: number; code: string }]>([
    ['refuses going back to new', fresh({ status: 'in_progress' }), { status: 'new' }, { status: 409, code: 'invalid-transition' }],
    ['refuses leaving a final status', fresh({ status: 'recovered' }), { status: 'in_progress' }, { status: 409, code: 'invalid-transition' }],
    ['closing asks for a root cause and the outcome', fresh(), { status: 'closed' }, { status: 422, code: 'validation' }],
    ['resolving asks for a root cause', fresh(), { status: 'resolved' }, { status: 422, code: 'validation' }],
  ])('%s', (_name, current, patch, refusal) => {
    const p = plan(current, patch);
    expect(p.ok).toBe(false);
    if (!p.ok) expect({ status: p.status, code: p.code }).toEqual(refusal);
  });

  it('names the missing fields of a close', () => {
    const p = plan(fresh(), { status: 'closed' });
    expect(p.ok ? [] : p.errors?.map((e) => e.path)).toEqual(['rootCause', 'resolved']);
  });

  it.each<[string, CaseState, CasePatch, Record<string, unknown>, string[]]>([
    ['acknowledging is the first response', fresh(), { status: 'acknowledged' }, { status: 'acknowledged', firstResponseAt: T0 + H, dueAt: T0 + 72 * H }, ['status']],
    ['starting work stamps the plan', fresh({ status: 'acknowledged', firstResponseAt: T0 }), { status: 'in_progress' }, { status: 'in_progress', planAt: T0 + H, dueAt: null }, ['status']],
    [
      'resolving says it was resolved unless told',
      fresh({ status: 'in_progress', firstResponseAt: T0, planAt: T0, dueAt: null }),
      { status: 'resolved', rootCause: 'product_defect' },
      { status: 'resolved', rootCause: 'product_defect', resolvedOk: true, resolvedAt: T0 + H },
      ['status'],
    ],
    [
      'closing records the outcome and the time',
      fresh({ status: 'in_progress', firstResponseAt: T0, planAt: T0, dueAt: null }),
      { status: 'closed', rootCause: 'other', resolved: false },
      { status: 'closed', rootCause: 'other', resolvedOk: false, closedAt: T0 + H },
      ['status'],
    ],
  ])('%s', (_name, current, patch, set, eventTypes) => {
    const p = applied(current, patch);
    expect(p.set).toEqual(set);
    expect(p.events.map((e) => e.type)).toEqual(eventTypes);
    expect(p.events.every((e) => e.public)).toBe(true);
  });

  it('announces a resolution with the case.resolved webhook, and nothing else does', () => {
    expect(applied(fresh({ status: 'in_progress' }), { status: 'resolved', rootCause: 'policy' }).webhook).toBe('case.resolved');
    expect(applied(fresh(), { status: 'acknowledged' }).webhook).toBeNull();
  });
});

describe('planCaseChange: the SLA clock', () => {
  it('pauses while awaiting the customer and keeps the due time', () => {
    const p = applied(fresh({ status: 'acknowledged', firstResponseAt: T0 }), { status: 'awaiting_customer' }, T0 + 5 * H);
    expect(p.set.pausedAt).toBe(T0 + 5 * H);
    expect(p.set.dueAt).toBeUndefined();
  });

  it('resuming moves both deadlines by the pause and sums it', () => {
    const current = fresh({ status: 'awaiting_customer', firstResponseAt: T0, pausedAt: T0 + 5 * H, pausedMs: 2 * H });
    const p = applied(current, { status: 'in_progress' }, T0 + 15 * H);
    expect(p.set).toMatchObject({
      pausedAt: null,
      pausedMs: 12 * H,
      firstResponseDue: T0 + 34 * H,
      planDue: T0 + 82 * H,
      planAt: T0 + 15 * H,
    });
  });

  it('a promised date becomes the deadline once the plan is made', () => {
    const p = applied(fresh({ status: 'in_progress', firstResponseAt: T0, planAt: T0, dueAt: null }), { promisedAt: new Date(T0 + 50 * H).toISOString() });
    expect(p.set).toEqual({ promisedAt: T0 + 50 * H, dueAt: T0 + 50 * H });
    expect(p.events).toEqual([{ type: 'promised', public: true, body: new Date(T0 + 50 * H).toISOString() }]);
  });

  it('nextDue walks first response, plan, promise', () => {
    const base = { firstResponseDue: 1, planDue: 2, promisedAt: 3 };
    expect(nextDue({ ...base, firstResponseAt: null, planAt: null })).toBe(1);
    expect(nextDue({ ...base, firstResponseAt: 0, planAt: null })).toBe(2);
    expect(nextDue({ ...base, firstResponseAt: 0, planAt: 0 })).toBe(3);
  });
});

describe('planCaseChange: messages are sent once', () => {
  it('a new message is a public event and the first response', () => {
    const p = applied(fresh(), { publicMessage: 'We are sending a new one.', messageKey: 'msg_00000001' });
    expect(p.events).toEqual([{ type: 'message', public: true, body: 'We are sending a new one.', messageKey: 'msg_00000001' }]);
    expect(p.set.firstResponseAt).toBe(T0 + H);
  });

  it.each<[string, CasePatch, SentMessage[]]>([
    ['the same text saved again', { publicMessage: 'Sorry!' }, [{ body: 'Sorry!', key: null }]],
    ['a retried request with the same key', { publicMessage: 'Sorry!', messageKey: 'msg_00000001' }, [{ body: 'Sorry!', key: 'msg_00000001' }, { body: 'Later', key: null }]],
  ])('sends nothing for %s', (_name, patch, messages) => {
    const p = applied(fresh({ firstResponseAt: T0, dueAt: T0 + 72 * H }), patch, T0 + H, messages);
    expect(p.events).toEqual([]);
    expect(p.noop).toBe(true);
  });

  it('a later save with other changes carries no message', () => {
    const p = applied(fresh({ firstResponseAt: T0 }), { publicMessage: 'Sorry!', assignee: 'Sam' }, T0 + H, [{ body: 'Sorry!', key: 'k_0000001' }]);
    expect(p.events.map((e) => e.type)).toEqual(['assigned']);
  });

  it('an earlier text may be sent again once something else was said in between', () => {
    expect(alreadySent([{ body: 'Thanks', key: null }, { body: 'Any news?', key: null }], 'Thanks', undefined)).toBe(false);
  });
});

describe('planCaseChange: fields, audit and stamp', () => {
  it('assignment and priority are private events', () => {
    const p = applied(fresh(), { assignee: 'Sam', priority: 'P1' });
    expect(p.events).toEqual([
      { type: 'assigned', public: false, body: 'Sam' },
      { type: 'priority', public: false, body: 'P1' },
    ]);
  });

  it('an unchanged form is a no-op', () => {
    const p = applied(fresh({ assignee: 'Sam', resolution: 'x' }), { assignee: 'Sam', priority: 'P2', resolution: 'x' });
    expect(p.noop).toBe(true);
  });

  it('the audit entry holds what changed, before and after', () => {
    const p = applied(fresh({ assignee: 'Ana' }), { assignee: 'Sam' });
    expect(p.audit).toEqual({ action: 'case.update', before: { assignee: 'Ana' }, after: { assignee: 'Sam' } });
  });

  it('the stamp is strictly newer than the one read, even with a slow clock', () => {
    expect(applied(fresh({ updatedAt: T0 + 10 * H }), { assignee: 'Sam' }, T0 + H).stamp).toBe(T0 + 10 * H + 1);
    expect(applied(fresh(), { assignee: 'Sam' }, T0 + H).stamp).toBe(T0 + H);
  });
});
