/**
 * What a moderation decision does to a submission: its new status, whether its rating enters
 * or leaves the public summary, and whether the public content changed. Pure, so the rule is
 * tested without a database; the clock comes in as `nowMs`.
 */
import * as z from 'zod/mini';
import type { Decision } from '../../../shared/admin.ts';
import { SubmissionStatus } from '../../../shared/submission.ts';

export const STATUS_AFTER: Record<Decision, SubmissionStatus> = {
  approve: 'published',
  reject: 'rejected',
  spam: 'spam',
  hide: 'hidden',
};

/** The columns a decision (or its undo) sets, as stored: epoch ms. */
export interface DecisionState {
  status: SubmissionStatus;
  publishedAt: number | null;
  decidedAt: number | null;
  decidedBy: string | null;
  decisionReason: string | null;
}

export interface DecisionEffect {
  /** +1: the rating enters the summary; -1: it leaves; 0: no change. */
  summaryDelta: 1 | -1 | 0;
  /** The public widget shows something different afterwards. */
  changesPublic: boolean;
}

/** The effect of moving from `from` to `to`; only ratings of published items are counted. */
export function decisionEffect(from: SubmissionStatus, to: SubmissionStatus, rating: number | null): DecisionEffect {
  const was = from === 'published';
  const will = to === 'published';
  if (was === will) return { summaryDelta: 0, changesPublic: false };
  return { summaryDelta: rating === null ? 0 : will ? 1 : -1, changesPublic: true };
}

/**
 * The state after `decision`. Publishing stamps `publishedAt` (the public "newest" order), and
 * an item that leaves publication keeps it, as a record of when it was public.
 */
export function decide(
  current: DecisionState,
  decision: Decision,
  staffId: string,
  reason: string | null,
  nowMs: number,
): DecisionState {
  const status = STATUS_AFTER[decision];
  const republished = status === 'published' && current.status !== 'published';
  return {
    status,
    publishedAt: republished ? nowMs : current.publishedAt,
    decidedAt: nowMs,
    decidedBy: staffId,
    decisionReason: reason,
  };
}

/** The decision state as the audit log stores it, read back when a decision is undone. */
export const StoredDecisionState = z.object({
  status: SubmissionStatus,
  publishedAt: z.nullable(z.number()),
  decidedAt: z.nullable(z.number()),
  decidedBy: z.nullable(z.string()),
  decisionReason: z.nullable(z.string()),
});
