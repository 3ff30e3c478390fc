/**
 * SLA arithmetic for recovery cases, with the clock passed in.
 *
 * Targets come from the site's settings. Each priority has its own, so a P1 rises to the top of
 * the due-sorted queue: P2 follows the site's base targets (first response 24 h, a plan in 72 h
 * by default); P1 defaults to 4 h / 24 h and P3 to 48 h / 120 h, never looser than P2 (P1) nor
 * tighter (P3) when a merchant changes the base; `sla.byPriority` overrides any of them. The clock stops while the case waits for the customer: stored due
 * times are moved forward by each finished pause (and `pausedMs` sums them), and a pause still
 * running moves them further for as long as it lasts. An unanswered case escalates at half its
 * first-response window and is breached at the due time.
 */
import type { CaseStatus, Priority } from '../../../shared/cases.ts';
import type { SiteSettings } from '../../../shared/site.ts';
import { isOpen } from './lifecycle.ts';

export { canTransition, missingForTransition, nextStatuses, isOpen, CASE_STATUSES, ROOT_CAUSES } from './lifecycle.ts';

const HOUR = 3_600_000;

export type SlaSettings = SiteSettings['sla'];

export const DEFAULT_SLA: SlaSettings = { firstResponseHours: 24, planHours: 72, byPriority: {} };

/** Built-in targets of the urgent and the mild, in hours, before the base clamps them. */
export const PRIORITY_DEFAULTS = { P1: { firstResponseHours: 4, planHours: 24 }, P3: { firstResponseHours: 48, planHours: 120 } } as const;

/** The default of one target for a priority, from the base target that P2 uses. */
function byDefault(priority: Priority, target: 'firstResponseHours' | 'planHours', base: number): number {
  if (priority === 'P1') return Math.min(PRIORITY_DEFAULTS.P1[target], base);
  if (priority === 'P3') return Math.max(PRIORITY_DEFAULTS.P3[target], base);
  return base;
}

/** The first-response and plan windows, in ms, for a priority. */
export function slaTargets(sla: SlaSettings | undefined, priority: Priority): { firstResponseMs: number; planMs: number } {
  const base = sla ?? DEFAULT_SLA;
  const own = base.byPriority?.[priority];
  return {
    firstResponseMs: (own?.firstResponseHours ?? byDefault(priority, 'firstResponseHours', base.firstResponseHours)) * HOUR,
    planMs: (own?.planHours ?? byDefault(priority, 'planHours', base.planHours)) * HOUR,
  };
}

/** Due times for a case opened at `openedAt` (when the shopper submitted, not at delivery). */
export function dueTimes(
  openedAt: number,
  priority: Priority,
  sla?: SlaSettings,
): { firstResponseDue: number; planDue: number; escalateAt: number } {
  const t = slaTargets(sla, priority);
  return {
    firstResponseDue: openedAt + t.firstResponseMs,
    planDue: openedAt + t.planMs,
    escalateAt: openedAt + t.firstResponseMs / 2,
  };
}

/** The SLA columns of a case, as stored (epoch ms). */
export interface SlaCase {
  status: CaseStatus;
  createdAt: number;
  /** Already moved forward by every finished pause. */
  firstResponseDue: number | null;
  planDue?: number | null | undefined;
  firstResponseAt?: number | null | undefined;
  /** Start of the pause now running, if the case is awaiting the customer. */
  pausedAt?: number | null | undefined;
  /** Total of the finished pauses. */
  pausedMs?: number | undefined;
  escalatedAt?: number | null | undefined;
  breachedAt?: number | null | undefined;
}

export interface SlaState {
  /** Effective due time of the first response, the running pause included. */
  firstResponseDue: number | null;
  planDue: number | null;
  /** Half-way through the first-response window, pauses excluded from the window. */
  escalateAt: number | null;
  paused: boolean;
  responded: boolean;
  /** True when the cron should escalate now: unanswered, past `escalateAt`, not yet escalated. */
  escalate: boolean;
  /** The first response came (or is still missing) after its due time. */
  breached: boolean;
  /** Until the first response is due; negative once overdue; null after a response or with no due time. */
  remainingMs: number | null;
}

export function slaState(c: SlaCase, nowMs: number): SlaState {
  const pausedAt = c.status === 'awaiting_customer' ? (c.pausedAt ?? null) : null;
  const paused = pausedAt !== null;
  const running = pausedAt === null ? 0 : Math.max(0, nowMs - pausedAt);
  const due = c.firstResponseDue == null ? null : c.firstResponseDue + running;
  const planDue = c.planDue == null ? null : c.planDue + running;
  const respondedAt = c.firstResponseAt ?? null;
  const responded = respondedAt !== null;
  // The window is what the SLA allowed, without the pauses that moved the due time.
  const window = c.firstResponseDue == null ? null : c.firstResponseDue - (c.pausedMs ?? 0) - c.createdAt;
  const escalateAt = due == null || window == null ? null : due - window / 2;
  const open = isOpen(c.status);

  let breached = c.breachedAt != null;
  if (due != null) {
    if (respondedAt !== null) breached ||= respondedAt > due;
    else if (open && !paused) breached ||= nowMs >= due;
  }
  return {
    firstResponseDue: due,
    planDue,
    escalateAt,
    paused,
    responded,
    escalate: open && !paused && !responded && c.escalatedAt == null && escalateAt != null && nowMs >= escalateAt,
    breached,
    remainingMs: responded || due == null ? null : due - nowMs,
  };
}

/** The columns to set when a case starts waiting for the customer. */
export function startPause(nowMs: number): { pausedAt: number } {
  return { pausedAt: nowMs };
}

/** The columns to set when the wait ends: the due times move by the length of the pause. */
export function endPause(
  c: Pick<SlaCase, 'pausedAt' | 'pausedMs' | 'firstResponseDue' | 'planDue'>,
  nowMs: number,
): { pausedAt: null; pausedMs: number; firstResponseDue: number | null; planDue: number | null } {
  const d = c.pausedAt == null ? 0 : Math.max(0, nowMs - c.pausedAt);
  return {
    pausedAt: null,
    pausedMs: (c.pausedMs ?? 0) + d,
    firstResponseDue: c.firstResponseDue == null ? null : c.firstResponseDue + d,
    planDue: c.planDue == null ? null : c.planDue + d,
  };
}

/** How much of [from, to) fell inside the given pauses (an open pause runs until `to`). */
export function pausedWithin(pauses: readonly { start: number; end?: number | null | undefined }[], from: number, to: number): number {
  let total = 0;
  for (const p of pauses) {
    const start = Math.max(p.start, from);
    const end = Math.min(p.end ?? to, to);
    if (end > start) total += end - start;
  }
  return total;
}

/** Business time between two instants, minus the pauses: time to first response for metrics. */
export function elapsedExcludingPauses(
  from: number,
  to: number,
  pauses: readonly { start: number; end?: number | null | undefined }[],
): number {
  return Math.max(0, to - from - pausedWithin(pauses, from, to));
}
