/** Staff API: session, moderation queue, decisions and replies. */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { text } from './text.ts';
import { ComplaintCategory, Email, Kind, Lang, Phone, SubmissionStatus } from './submission.ts';
import { Flag, SiteSettings } from './site.ts';

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
  /** `needs-look`: the items the text router was unsure about, whatever their status. */
  lane: z.optional(z.enum(['needs-look'])),
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
  /** A story's "how did it go?" (1..5), when the shopper answered. */
  feeling: z.nullable(z.int()),
  /** Set on a customer's public update of their review after support: the review it updates. */
  revisesId: z.nullable(z.string()),
  /** The text router was unsure: the item is in the "needs a look" lane. */
  needsLook: z.optional(z.boolean()),
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
export type DecisionResult = z.infer<typeof DecisionResult>;
/** Bulk decisions apply per item; unknown ids (or another site's) and lost races are listed apart. */
export const BulkDecisionResult = z.object({
  results: z.array(DecisionResult),
  notFound: z.array(z.string()),
  conflicts: z.array(z.string()),
});
export type BulkDecisionResult = z.infer<typeof BulkDecisionResult>;

export const ReplyInput = z.strictObject({ body: text(1, LIMITS.reply) });
export type ReplyInput = z.infer<typeof ReplyInput>;
export type AdminReply = z.infer<typeof AdminReply>;

export const SubmissionId = z.strictObject({ id: z.string().check(z.minLength(1), z.maxLength(64)) });

/** `GET /v1/admin/settings` and the answer to its PUT. */
export const AdminSettings = z.object({
  site: z.object({ id: z.string(), name: z.string() }),
  origins: z.array(z.string()),
  /** The settings without `turnstileSecretKey`: a secret is write-only, even for staff. */
  settings: SiteSettings,
  /** Whether a Turnstile secret is stored. */
  turnstileSecretSet: z.boolean(),
});
export type AdminSettings = z.infer<typeof AdminSettings>;

/**
 * `PUT /v1/admin/settings`: replaces the settings (omitted ones take their defaults) and, when
 * given, the origins (omitted: kept, so a settings page need not echo a list another page edits).
 * `settings.turnstileSecretKey` omitted keeps the stored secret while Turnstile stays on (staff
 * never see it, so they cannot send it back); turning Turnstile off clears it. A site key with no
 * secret given or stored is refused (422 at `settings.turnstileSecretKey`): every submission
 * would fail the check.
 */
export const SettingsInput = z.strictObject({
  name: z.optional(text(1, LIMITS.siteName)),
  origins: z.optional(z.array(z.string().check(z.maxLength(LIMITS.origin))).check(z.maxLength(50))),
  settings: SiteSettings,
});
export type SettingsInput = z.infer<typeof SettingsInput>;

export const AuditQuery = z.strictObject({
  cursor: z.optional(z.string().check(z.maxLength(32))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(LIMITS.pageSize)), 50),
});
export type AuditQuery = z.infer<typeof AuditQuery>;

/**
 * Every action the audit log records. The worker's `insertAudit` takes only these, and the
 * console has an en and fa label for each: a new action fails typecheck until it is listed
 * here, and the console's translation test until it is named in both languages.
 */
export const AUDIT_ACTIONS = [
  'submission.decision',
  'submission.undo',
  'submission.open-case',
  'submission.not-a-problem',
  'reply.create',
  'reply.edit',
  'reply.delete',
  'photo.hide',
  'photo.show',
  'case.update',
  'case.note',
  'case.merge',
  'case.split',
  'case.track_link',
  'case.contact_added',
  'settings.update',
  'webhooks.set',
  'webhooks.replay',
  'webhooks.remove',
  'origins.add',
  'origins.remove',
  'person.erase',
  'product.put',
  'product.delete',
  'product.import',
  'feed.rotate',
  'import.start',
  'import.done',
  // Written by `npm start`'s demo seed, not by the worker.
  'demo.seeded',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const AuditEntry = z.object({
  id: z.int(),
  /** The staff id that acted, or `customer`, `secret-key` (the merchant's server) or `system`. */
  actor: z.string(),
  /** Who that is, for the reader: a staff member (named by `actorName`), the customer, the shop's server, the system. */
  actorKind: z.enum(['staff', 'customer', 'server', 'system']),
  /** A staff member's display name (their token's name); null when not known. */
  actorName: z.nullable(z.string()),
  action: z.string(),
  target: z.nullable(z.string()),
  before: z.unknown(),
  after: z.unknown(),
  createdAt: z.string(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export const AuditPage = z.object({ items: z.array(AuditEntry), nextCursor: z.nullable(z.string()) });
export type AuditPage = z.infer<typeof AuditPage>;

export const ExportQuery = z.strictObject({ format: z._default(z.enum(['json', 'csv']), 'json') });
export type ExportQuery = z.infer<typeof ExportQuery>;

/**
 * `POST /v1/admin/people/erase`: one shopper, by any contact they gave. At least one field;
 * several narrow nothing, they widen: everything matching any of them is erased. Contacts
 * travel in the body, never in the query string (which ends up in logs).
 */
export const EraseInput = z
  .strictObject({
    email: z.optional(Email),
    phone: z.optional(Phone),
    orderRef: z.optional(text(1, LIMITS.orderRef)),
  })
  .check(
    z.refine((v) => v.email !== undefined || v.phone !== undefined || v.orderRef !== undefined, {
      message: 'give at least one of email, phone, orderRef',
      params: { reason: 'contact_required' },
    }),
  );
export type EraseInput = z.infer<typeof EraseInput>;

/**
 * What an erasure changed; no contact is echoed back or kept. `changed` counts rows per area
 * (submissions, cases, case events, orders, deliveries, dead letters, audit, ...).
 */
export const Erased = z.object({
  submissions: z.int(),
  cases: z.int(),
  orders: z.int(),
  changed: z.record(z.string(), z.int()),
});
export type Erased = z.infer<typeof Erased>;
