/**
 * How long a customer's tracking link keeps working. A link opens its case while the case is
 * being worked, and for `TRACK_LINK_DAYS_AFTER_END` days after it ended (resolved, re-rated or
 * closed, whichever came last); after that it answers like an unknown ref. Reopening a case
 * opens its link again. Pure: the clock comes in as `nowMs`.
 */
import { OPEN_CASE_STATUSES, type CaseStatus } from '../../../shared/cases.ts';

/** Days a tracking link keeps working after its case ended. */
export const TRACK_LINK_DAYS_AFTER_END = 90;
const DAY_MS = 24 * 3_600_000;

export interface TrackedCase {
  status: CaseStatus;
  resolvedAt: number | null;
  reratedAt: number | null;
  closedAt: number | null;
  updatedAt: number;
}

/** When the case ended for its customer, or null while it is still being worked. */
export function caseEndedAt(c: TrackedCase): number | null {
  if ((OPEN_CASE_STATUSES as readonly string[]).includes(c.status)) return null;
  const ends = [c.resolvedAt, c.reratedAt, c.closedAt].filter((t): t is number => t !== null);
  return ends.length ? Math.max(...ends) : c.updatedAt;
}

export function trackLinkOpen(c: TrackedCase, nowMs: number): boolean {
  const ended = caseEndedAt(c);
  return ended === null || nowMs < ended + TRACK_LINK_DAYS_AFTER_END * DAY_MS;
}
