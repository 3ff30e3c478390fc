/**
 * What the customer is told about their case, decided once for the widget's receipt and the
 * tracking page: the merchant's promised response time (never the internal SLA targets), the
 * case's own language and the shop's name, and whether their re-rating may update their public
 * review. Also how such an update counts in the public average. Pure; times come in as epoch ms.
 */
import type { CaseStatus, PublicCase } from '../../../shared/cases.ts';
import type { Flag, SiteSettings } from '../../../shared/site.ts';
import { holdsForStaff } from './flags.ts';
import type { Kind, Lang, SubmissionStatus } from '../../../shared/submission.ts';

const HOUR_MS = 3_600_000;

/**
 * When the merchant promised a first response to a submission made at `submittedAt`: their
 * `responseTimeHours` after it, or null when they promised nothing.
 */
export function promisedResponseDue(submittedAt: number, responseTimeHours: number | undefined): number | null {
  return responseTimeHours === undefined ? null : submittedAt + responseTimeHours * HOUR_MS;
}

/** The submission that opened a case, as far as the customer's view needs it. */
export interface CaseOrigin {
  kind: Kind;
  status: SubmissionStatus;
  lang: Lang;
  hasContact: boolean;
  /** When the shopper submitted it: the promise runs from here, as the receipt's did. */
  createdAt: number;
}

/** Only a published review can be updated in public: complaints and stories are never shown that way. */
export function canUpdateReview(origin: Pick<CaseOrigin, 'kind' | 'status'> | null): boolean {
  return origin !== null && origin.kind === 'review' && origin.status === 'published';
}

export interface CaseFacts {
  ref: string;
  status: CaseStatus;
  createdAt: number;
  firstResponseAt: number | null;
  promisedAt: number | null;
  resolvedAt: number | null;
  rerating: number | null;
}

const isoOrNull = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function publicCaseView(
  c: CaseFacts,
  origin: CaseOrigin | null,
  site: { name: string; settings: Pick<SiteSettings, 'responseTimeHours' | 'defaultLang'> },
  timeline: PublicCase['timeline'],
): PublicCase {
  const canRate = c.status === 'resolved' && c.rerating === null;
  return {
    ref: c.ref,
    status: c.status,
    lang: origin?.lang ?? site.settings.defaultLang,
    siteName: site.name,
    openedAt: new Date(c.createdAt).toISOString(),
    firstResponseDue: c.firstResponseAt === null ? isoOrNull(promisedResponseDue(origin?.createdAt ?? c.createdAt, site.settings.responseTimeHours)) : null,
    promisedAt: isoOrNull(c.promisedAt),
    resolvedAt: isoOrNull(c.resolvedAt),
    canRate,
    rerating: c.rerating,
    canUpdateReview: canRate && canUpdateReview(origin),
    hasContact: origin?.hasContact ?? false,
    timeline,
  };
}

/** Whether a consented update publishes at once: as for any submission, by flags and moderation mode. */
export function updateStatus(flags: readonly Flag[], settings: Pick<SiteSettings, 'moderation' | 'holdFlags' | 'holdUnverified'>): 'published' | 'pending' {
  return settings.moderation === 'auto' && !holdsForStaff(flags, settings) ? 'published' : 'pending';
}

/**
 * How a review's public update moves the summary. The review counts once, at its effective
 * rating: the rating of its published update, else its own. So publishing an update of a
 * published review swaps the old rating for the new one; unpublishing swaps back; an update of
 * a review that is not published counts for nothing (it is not shown either).
 */
export function updateSummaryMoves(
  original: { status: SubmissionStatus; rating: number | null },
  update: { rating: number | null },
  publishing: boolean,
): { rating: number; delta: 1 | -1 }[] {
  if (original.status !== 'published' || original.rating === null || update.rating === null) return [];
  const [from, to] = publishing ? [original.rating, update.rating] : [update.rating, original.rating];
  if (from === to) return [];
  return [
    { rating: from, delta: -1 },
    { rating: to, delta: 1 },
  ];
}
