import { describe, expect, it } from 'vitest';
import { SiteSettings } from '../../../shared/site.ts';
import { dueTimes, elapsedExcludingPauses, endPause, pausedWithin, slaState, slaTargets, type SlaCase } from './sla.ts';

const H = 3_600_000;
const T0 = Date.UTC(2026, 0, 1);
const defaults = SiteSettings.parse({}).sla;

describe('slaTargets and dueTimes', () => {
  it.each([
    ['P2 follows the base targets', {}, 'P2', 24, 72],
    ['P1 is shorter by default', {}, 'P1', 4, 24],
    ['P3 is longer by default', {}, 'P3', 48, 120],
    ['a P1 override wins for that target only', { byPriority: { P1: { firstResponseHours: 2 } } }, 'P1', 2, 24],
    ['a tighter base tightens P1 too', { firstResponseHours: 2, planHours: 12 }, 'P1', 2, 12],
    ['a looser base loosens P3 too', { firstResponseHours: 72, planHours: 200 }, 'P3', 72, 200],
    ['P2 takes a changed base', { firstResponseHours: 12, byPriority: { P1: { firstResponseHours: 4 } } }, 'P2', 12, 72],
    ['a plan override alone', { byPriority: { P3: { planHours: 96 } } }, 'P3', 48, 96],
  ] as const)('%s', (_name, sla, priority, first, plan) => {
    const settings = SiteSettings.parse({ sla }).sla;
    expect(slaTargets(settings, priority)).toEqual({ firstResponseMs: first * H, planMs: plan * H });
    expect(dueTimes(T0, priority, settings)).toEqual({
      firstResponseDue: T0 + first * H,
      planDue: T0 + plan * H,
      escalateAt: T0 + (first * H) / 2,
    });
  });

  it('falls back to the built-in targets without settings', () => {
    expect(dueTimes(T0, 'P2').firstResponseDue).toBe(T0 + 24 * H);
    expect(dueTimes(T0, 'P1').firstResponseDue).toBe(T0 + 4 * H);
  });

  it('orders every default P1 before P2 before P3, first response and plan', () => {
    for (const base of [{}, { firstResponseHours: 1, planHours: 2 }, { firstResponseHours: 500, planHours: 900 }]) {
      const sla = SiteSettings.parse({ sla: base }).sla;
      const [p1, p2, p3] = (['P1', 'P2', 'P3'] as const).map((p) => slaTargets(sla, p));
      expect(p1!.firstResponseMs).toBeLessThanOrEqual(p2!.firstResponseMs);
      expect(p2!.firstResponseMs).toBeLessThanOrEqual(p3!.firstResponseMs);
      expect(p1!.planMs).toBeLessThanOrEqual(p2!.planMs);
      expect(p2!.planMs).toBeLessThanOrEqual(p3!.planMs);
    }
  });
});

const fresh = (over: Partial<SlaCase> = {}): SlaCase => ({
  status: 'new',
  createdAt: T0,
  firstResponseDue: T0 + 24 * H,
  planDue: T0 + 72 * H,
  pausedMs: 0,
  ...over,
});

describe('slaState', () => {
  it.each<[string, Partial<SlaCase>, number, { escalate: boolean; breached: boolean; remainingMs: number | null }]>([
    ['just opened', {}, T0 + 1 * H, { escalate: false, breached: false, remainingMs: 23 * H }],
    ['unanswered at half the SLA escalates', {}, T0 + 12 * H, { escalate: true, breached: false, remainingMs: 12 * H }],
    ['escalates only once', { escalatedAt: T0 + 12 * H }, T0 + 13 * H, { escalate: false, breached: false, remainingMs: 11 * H }],
    ['answered cases do not escalate', { firstResponseAt: T0 + 2 * H, status: 'acknowledged' }, T0 + 13 * H, { escalate: false, breached: false, remainingMs: null }],
    ['breached at the due time', { escalatedAt: T0 + 12 * H }, T0 + 24 * H, { escalate: false, breached: true, remainingMs: 0 }],
    ['overdue shows negative time left', { escalatedAt: T0 + 12 * H }, T0 + 30 * H, { escalate: false, breached: true, remainingMs: -6 * H }],
    ['a late answer stays breached', { firstResponseAt: T0 + 25 * H, status: 'in_progress' }, T0 + 40 * H, { escalate: false, breached: true, remainingMs: null }],
    ['a running pause stops the clock', { status: 'awaiting_customer', pausedAt: T0 + 10 * H }, T0 + 40 * H, { escalate: false, breached: false, remainingMs: 14 * H }],
    [
      'a finished pause moved the due time and widens nothing',
      { firstResponseDue: T0 + 34 * H, pausedMs: 10 * H, status: 'in_progress' },
      T0 + 20 * H,
      { escalate: false, breached: false, remainingMs: 14 * H },
    ],
    [
      'escalation waits for half the window net of pauses',
      { firstResponseDue: T0 + 34 * H, pausedMs: 10 * H, status: 'in_progress' },
      T0 + 22 * H,
      { escalate: true, breached: false, remainingMs: 12 * H },
    ],
    ['a closed case never escalates', { status: 'closed' }, T0 + 30 * H, { escalate: false, breached: false, remainingMs: -6 * H }],
  ])('%s', (_name, over, now, expected) => {
    expect(slaState(fresh(over), now)).toMatchObject(expected);
  });

  it('reports the effective due times during a pause', () => {
    const s = slaState(fresh({ status: 'awaiting_customer', pausedAt: T0 + 5 * H }), T0 + 8 * H);
    expect(s).toMatchObject({ paused: true, firstResponseDue: T0 + 27 * H, planDue: T0 + 75 * H, escalateAt: T0 + 15 * H });
  });

  it('has no due time when none was set', () => {
    expect(slaState(fresh({ firstResponseDue: null }), T0)).toMatchObject({ firstResponseDue: null, escalateAt: null, remainingMs: null, breached: false });
  });
});

describe('pauses', () => {
  it('endPause moves the due times by the pause and adds it up', () => {
    const c = fresh({ status: 'awaiting_customer', pausedAt: T0 + 2 * H, pausedMs: 1 * H });
    expect(endPause(c, T0 + 5 * H)).toEqual({
      pausedAt: null,
      pausedMs: 4 * H,
      firstResponseDue: T0 + 27 * H,
      planDue: T0 + 75 * H,
    });
  });

  it.each([
    ['no pauses', [], 0],
    ['one inside', [{ start: T0 + 1 * H, end: T0 + 3 * H }], 2 * H],
    ['clipped at both ends', [{ start: T0 - 5 * H, end: T0 + 1 * H }, { start: T0 + 9 * H, end: T0 + 20 * H }], 2 * H],
    ['an open pause runs to the end', [{ start: T0 + 8 * H }], 2 * H],
  ])('pausedWithin: %s', (_name, pauses, expected) => {
    expect(pausedWithin(pauses, T0, T0 + 10 * H)).toBe(expected);
  });

  it('elapsedExcludingPauses takes the pauses out of a response time', () => {
    expect(elapsedExcludingPauses(T0, T0 + 10 * H, [{ start: T0 + 2 * H, end: T0 + 6 * H }])).toBe(6 * H);
  });
});

it('uses the parsed site defaults', () => {
  expect(defaults).toEqual({ firstResponseHours: 24, planHours: 72, byPriority: {} });
});
