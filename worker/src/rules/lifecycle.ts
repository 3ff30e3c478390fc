/**
 * The life of a recovery case: new -> acknowledged -> in progress <-> awaiting customer ->
 * resolved -> recovered / not recovered, with "closed" (no contact, or nothing more to do)
 * reachable from every state that is still being worked. Skipping forward is allowed (a first
 * reply may already start the work), going back is not, except reopening a resolved case whose
 * fix did not hold.
 */
import { CASE_STATUSES, OPEN_CASE_STATUSES, ROOT_CAUSES, type CaseStatus, type RootCause } from '../../../shared/cases.ts';

export { CASE_STATUSES, OPEN_CASE_STATUSES, ROOT_CAUSES };
export type { CaseStatus, RootCause };

const NEXT: Readonly<Record<CaseStatus, readonly CaseStatus[]>> = {
  new: ['acknowledged', 'in_progress', 'awaiting_customer', 'resolved', 'closed'],
  acknowledged: ['in_progress', 'awaiting_customer', 'resolved', 'closed'],
  in_progress: ['awaiting_customer', 'resolved', 'closed'],
  awaiting_customer: ['in_progress', 'resolved', 'closed'],
  resolved: ['in_progress', 'recovered', 'not_recovered', 'closed'],
  recovered: [],
  not_recovered: [],
  closed: [],
};

/** The statuses a case may move to from `from`. */
export function nextStatuses(from: CaseStatus): readonly CaseStatus[] {
  return NEXT[from];
}

export function canTransition(from: CaseStatus, to: CaseStatus): boolean {
  return NEXT[from].includes(to);
}

/** True while the case is being worked: a new submission from the same customer joins it. */
export function isOpen(status: CaseStatus): boolean {
  return OPEN_CASE_STATUSES.some((s) => s === status);
}

export function isRootCause(value: unknown): value is RootCause {
  return ROOT_CAUSES.some((r) => r === value);
}

export interface Outcome {
  rootCause?: string | null | undefined;
  /** Was the customer's problem resolved? */
  resolved?: boolean | null | undefined;
}

/**
 * What is missing to enter `to`: resolving or closing asks for a root cause from the fixed list
 * and whether the problem was resolved, so root causes can be counted and closures are honest.
 * An empty list means the move may go ahead (check `canTransition` as well).
 */
export function missingForTransition(to: CaseStatus, outcome: Outcome): ('rootCause' | 'resolved')[] {
  if (to !== 'resolved' && to !== 'closed') return [];
  const missing: ('rootCause' | 'resolved')[] = [];
  if (!isRootCause(outcome.rootCause)) missing.push('rootCause');
  if (typeof outcome.resolved !== 'boolean') missing.push('resolved');
  return missing;
}
