/**
 * Whether staff may merge one case into another, and the deadline a case has again when split
 * off. Pure: the route reads both cases, asks here, then commits.
 */
import { OPEN_CASE_STATUSES, type CaseStatus } from '../../../shared/cases.ts';

export interface MergeSide {
  id: string;
  status: CaseStatus;
  mergedInto: string | null;
  /** How many cases are merged into this one. */
  mergedChildren: number;
}

export type MergeRefusal =
  | { status: 422; type: 'same-case'; detail: string }
  | { status: 409; type: 'already-merged' | 'merge-chain' | 'case-not-open'; detail: string };

/** Null when `from` may join `into`; merges never chain, and the case that carries the work is open. */
export function refuseMerge(from: MergeSide, into: MergeSide): MergeRefusal | null {
  if (from.id === into.id) return { status: 422, type: 'same-case', detail: 'A case cannot be merged into itself.' };
  if (from.mergedInto !== null) return { status: 409, type: 'already-merged', detail: 'This case is already merged; split it first.' };
  if (from.mergedChildren > 0) return { status: 409, type: 'merge-chain', detail: 'Other cases are merged into this one; merge the other way round.' };
  if (into.mergedInto !== null) return { status: 409, type: 'merge-chain', detail: 'That case is itself merged into another; merge into that one.' };
  if (!(OPEN_CASE_STATUSES as readonly string[]).includes(into.status)) {
    return { status: 409, type: 'case-not-open', detail: 'A case can only be merged into one that is still open.' };
  }
  return null;
}

/** A split case's next deadline: first response until answered, then the plan, then the promise. */
export function dueAfterSplit(c: {
  status: CaseStatus;
  firstResponseAt: number | null;
  firstResponseDue: number | null;
  planAt: number | null;
  planDue: number | null;
  promisedAt: number | null;
}): number | null {
  if (!(OPEN_CASE_STATUSES as readonly string[]).includes(c.status)) return null;
  if (c.firstResponseAt === null) return c.firstResponseDue;
  if (c.planAt === null) return c.planDue;
  return c.promisedAt;
}
