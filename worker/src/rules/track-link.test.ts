import { describe, expect, it } from 'vitest';
import { caseEndedAt, TRACK_LINK_DAYS_AFTER_END, trackLinkOpen, type TrackedCase } from './track-link.ts';

const DAY = 24 * 3_600_000;
const T = Date.UTC(2026, 0, 1);
const base: TrackedCase = { status: 'new', resolvedAt: null, reratedAt: null, closedAt: null, updatedAt: T };

describe('caseEndedAt', () => {
  it.each<[string, Partial<TrackedCase>, number | null]>([
    ['a new case has not ended', {}, null],
    ['a case awaiting the customer has not ended', { status: 'awaiting_customer', resolvedAt: T }, null],
    ['a resolved case ended when resolved', { status: 'resolved', resolvedAt: T + DAY }, T + DAY],
    ['a re-rated case ended at the re-rating', { status: 'recovered', resolvedAt: T + DAY, reratedAt: T + 3 * DAY }, T + 3 * DAY],
    ['a closed case ended when closed', { status: 'closed', closedAt: T + 2 * DAY }, T + 2 * DAY],
    ['an ended case without a stamp ended at its last change', { status: 'closed', updatedAt: T + 5 * DAY }, T + 5 * DAY],
  ])('%s', (_name, change, ended) => {
    expect(caseEndedAt({ ...base, ...change })).toBe(ended);
  });
});

describe('trackLinkOpen', () => {
  const closed = { ...base, status: 'closed' as const, closedAt: T };
  it.each<[string, TrackedCase, number, boolean]>([
    ['an open case, years later', base, T + 900 * DAY, true],
    ['a closed case, the day after', closed, T + DAY, true],
    ['a closed case, one ms before the end of the window', closed, T + TRACK_LINK_DAYS_AFTER_END * DAY - 1, true],
    ['a closed case, at the end of the window', closed, T + TRACK_LINK_DAYS_AFTER_END * DAY, false],
    ['a reopened case is open again', { ...closed, status: 'in_progress' }, T + 400 * DAY, true],
  ])('%s', (_name, c, now, open) => {
    expect(trackLinkOpen(c, now)).toBe(open);
  });
});
