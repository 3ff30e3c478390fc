/**
 * Placeholder routing interface; the recovery rules replace the body with the full
 * English/Persian sentiment and intent scoring. The signature is the contract.
 */
import type { SiteSettings } from '../../../shared/site.ts';
import type { Kind } from '../../../shared/submission.ts';

export type Priority = 'P1' | 'P2' | 'P3';

export interface RoutingInput {
  kind: Kind;
  rating?: number | undefined;
  title?: string | undefined;
  body: string;
  expected?: string | undefined;
  desiredOutcome?: string | undefined;
}

export interface RoutingContext {
  settings: SiteSettings;
  /** How many earlier cases this customer has had on this site (repeat complainers are P1). */
  priorCases: number;
}

export interface RoutingDecision {
  /** True when the submission must open or join a recovery case. */
  open: boolean;
  priority: Priority | null;
  /** Why, in words staff can read: "rating 1", "complaint", "negative story: refund". */
  reason: string;
  /** Sentiment score, negative is unhappy. */
  score: number;
  method: string;
}

export function decideRouting(input: RoutingInput, _ctx: RoutingContext): RoutingDecision {
  if (input.kind === 'complaint') return { open: true, priority: 'P2', reason: 'complaint', score: -1, method: 'kind' };
  if (input.kind === 'review' && input.rating !== undefined && input.rating <= 2) {
    return { open: true, priority: input.rating === 1 ? 'P1' : 'P2', reason: `rating ${input.rating}`, score: -1, method: 'rating' };
  }
  return { open: false, priority: null, reason: 'not unhappy', score: 0, method: 'rating' };
}
