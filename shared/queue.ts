/** Messages on the RECOVERY queue. Each is keyed by the submission it is about. */
import * as z from 'zod/mini';

export const RouteSubmissionMessage = z.object({
  v: z.literal(1),
  type: z.literal('route-submission'),
  siteId: z.string(),
  submissionId: z.string(),
  /** The case reference the shopper was already given; used when this opens a new case. */
  caseRef: z.string(),
  /** When the submission was received, epoch ms: the SLA clock starts here, not at delivery. */
  receivedAt: z.number(),
});
export type RouteSubmissionMessage = z.infer<typeof RouteSubmissionMessage>;

export const RecoveryMessage = z.discriminatedUnion('type', [RouteSubmissionMessage]);
export type RecoveryMessage = z.infer<typeof RecoveryMessage>;
