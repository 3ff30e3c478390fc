/**
 * Placeholder moderation-flag interface; the moderation rules replace the body with the full
 * en/fa abuse, spam, Finglish and duplicate detection. The signature is the contract.
 */
import type { Flag } from '../../../shared/site.ts';

export interface FlagInput {
  title?: string | undefined;
  body: string;
  expected?: string | undefined;
  desiredOutcome?: string | undefined;
  authorName: string;
}

export interface FlagContext {
  blockedWords: readonly string[];
  verified: boolean;
  kind: 'review' | 'complaint' | 'story';
  /** Bodies recently submitted on this site (normalised or raw), for duplicate detection. */
  recentBodies: readonly string[];
  honeypot?: string | undefined;
  elapsedMs?: number | undefined;
}

export function flagSubmission(input: FlagInput, ctx: FlagContext): Flag[] {
  const flags = new Set<Flag>();
  const all = [input.title, input.body, input.expected, input.desiredOutcome, input.authorName].filter(Boolean).join('\n');
  if (/https?:\/\/|www\./i.test(all)) flags.add('links');
  if (ctx.kind === 'review' && !ctx.verified) flags.add('unverified');
  if (ctx.honeypot) flags.add('honeypot');
  return [...flags];
}
