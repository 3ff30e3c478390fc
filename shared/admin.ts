/** Staff API: session, moderation queue, decisions and replies. */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { text } from './text.ts';
import { ComplaintCategory, Kind, Lang, SubmissionStatus } from './submission.ts';
import { Flag } from './site.ts';

export const LoginInput = z.strictObject({
  token: z.string().check(z.minLength(1), z.maxLength(200)),
});

export const StaffSession = z.object({
  site: z.object({ id: z.string(), name: z.string() }),
  staff: z.object({ id: z.string(), name: z.string() }),
  expiresAt: z.string(),
});
export type StaffSession = z.infer<typeof StaffSession>;

export const SubmissionsQuery = z.strictObject({
  status: z._default(SubmissionStatus, 'pending'),
  kind: z.optional(Kind),
  stars: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(5))),
  flag: z.optional(Flag),
  lang: z.optional(Lang),
  q: z.optional(z.string().check(z.maxLength(LIMITS.query))),
  order: z._default(z.enum(['newest', 'oldest']), 'newest'),
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(LIMITS.pageSize)), 25),
});
export type SubmissionsQuery = z.infer<typeof SubmissionsQuery>;

export const AdminReply = z.object({
  body: z.string(),
  staffId: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

/** A submission as staff see it: private contact details included. */
export const AdminSubmission = z.object({
  id: z.string(),
  kind: Kind,
  status: SubmissionStatus,
  subject: z.string(),
  rating: z.nullable(z.int()),
  title: z.nullable(z.string()),
  body: z.string(),
  category: z.nullable(ComplaintCategory),
  expected: z.nullable(z.string()),
  desiredOutcome: z.nullable(z.string()),
  author: z.object({
    name: z.string(),
    email: z.nullable(z.string()),
    phone: z.nullable(z.string()),
  }),
  orderRef: z.nullable(z.string()),
  verified: z.boolean(),
  lang: Lang,
  flags: z.array(Flag),
  helpful: z.int(),
  createdAt: z.string(),
  publishedAt: z.nullable(z.string()),
  decidedAt: z.nullable(z.string()),
  decisionReason: z.nullable(z.string()),
  reply: z.nullable(AdminReply),
  caseRef: z.nullable(z.string()),
});
export type AdminSubmission = z.infer<typeof AdminSubmission>;

export const AdminSubmissionsPage = z.object({
  items: z.array(AdminSubmission),
  nextCursor: z.nullable(z.string()),
});
export type AdminSubmissionsPage = z.infer<typeof AdminSubmissionsPage>;

export const DECISIONS = ['approve', 'reject', 'spam', 'hide'] as const;
export const Decision = z.enum(DECISIONS);
export type Decision = z.infer<typeof Decision>;

export const DecisionInput = z.strictObject({
  decision: Decision,
  reason: z.optional(text(0, LIMITS.reason)),
});
export type DecisionInput = z.infer<typeof DecisionInput>;

export const BulkDecisionInput = z.strictObject({
  ids: z.array(z.string().check(z.maxLength(64))).check(z.minLength(1), z.maxLength(100)),
  decision: Decision,
  reason: z.optional(text(0, LIMITS.reason)),
});
export type BulkDecisionInput = z.infer<typeof BulkDecisionInput>;

export const DecisionResult = z.object({
  id: z.string(),
  status: SubmissionStatus,
  previousStatus: SubmissionStatus,
});
export const BulkDecisionResult = z.object({ results: z.array(DecisionResult) });

export const ReplyInput = z.strictObject({ body: text(1, LIMITS.reply) });
export type ReplyInput = z.infer<typeof ReplyInput>;
