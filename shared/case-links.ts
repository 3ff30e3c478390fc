/**
 * "Probably the same customer": cases whose typed contact details match, shown to staff only.
 * Typed details are unverified, so a match never joins cases by itself; staff merge (one case
 * carries the work) and split (undo). Each customer's tracking link still opens only their own
 * case. Also the staff's rotation of a tracking link.
 */
import * as z from 'zod/mini';
import { CaseStatus, Priority } from './cases.ts';

export const LINK_REASONS = ['email', 'phone', 'order'] as const;
export const LinkReason = z.enum(LINK_REASONS);
export type LinkReason = z.infer<typeof LinkReason>;

/** Another case that looks like the same customer, and why. */
export const LinkedCase = z.object({
  caseId: z.string(),
  ref: z.string(),
  status: CaseStatus,
  priority: Priority,
  /** What the two cases share: the same email, phone number or order number. */
  reasons: z.array(LinkReason),
  /** The case that carries this one's work, when staff merged it; null otherwise. */
  mergedInto: z.nullable(z.string()),
  createdAt: z.string(),
});
export type LinkedCase = z.infer<typeof LinkedCase>;

/** `GET /v1/admin/cases/{id}/links`. */
export const CaseLinks = z.object({
  caseId: z.string(),
  /** The case this one was merged into (its work happens there), or null. */
  mergedInto: z.nullable(z.string()),
  /** Cases merged into this one. */
  merged: z.array(z.object({ caseId: z.string(), ref: z.string() })),
  links: z.array(LinkedCase),
});
export type CaseLinks = z.infer<typeof CaseLinks>;

/** `POST /v1/admin/cases/{id}/merge`: the case `id` joins case `into` for staff's work. */
export const MergeInput = z.strictObject({ into: z.string().check(z.minLength(1), z.maxLength(64)) });
export type MergeInput = z.infer<typeof MergeInput>;

/** `POST /v1/admin/cases/{id}/track-link`: the new tracking link, shown to staff this once. */
export const TrackLinkRotated = z.object({ ref: z.string(), trackUrl: z.string() });
export type TrackLinkRotated = z.infer<typeof TrackLinkRotated>;
