/** Recovery cases: the shopper's tracking view and re-rating, and the staff's recovery queue. */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { text } from './text.ts';
import { AdminSubmission } from './admin.ts';
import { Email, Lang, Phone } from './submission.ts';

export const CASE_STATUSES = [
  'new',
  'acknowledged',
  'in_progress',
  'awaiting_customer',
  'resolved',
  'recovered',
  'not_recovered',
  'closed',
] as const;
export const CaseStatus = z.enum(CASE_STATUSES);
export type CaseStatus = z.infer<typeof CaseStatus>;

/** Statuses in which the case is still being worked: a new submission with the same contact is linked to it for staff. */
export const OPEN_CASE_STATUSES = ['new', 'acknowledged', 'in_progress', 'awaiting_customer'] as const;

export const PRIORITIES = ['P1', 'P2', 'P3'] as const;
export const Priority = z.enum(PRIORITIES);
export type Priority = z.infer<typeof Priority>;

/** The fixed list staff pick from when closing, so root causes can be counted. */
export const ROOT_CAUSES = [
  'product_defect',
  'wrong_item',
  'delivery_delay',
  'delivery_damage',
  'billing_error',
  'staff_behaviour',
  'expectation_gap',
  'policy',
  // The customer was not unhappy after all; on a case the text router opened, closing with it
  // teaches the site's router (worker/src/rules/learn.ts).
  'not_a_problem',
  'other',
] as const;
export const RootCause = z.enum(ROOT_CAUSES);
export type RootCause = z.infer<typeof RootCause>;

/**
 * What a signed tracking link carries: its ref, and after staff rotated the link a random `n`
 * so the new token differs from every earlier one. The case stores the token's hash: only the
 * newest link opens it.
 */
export const TrackTokenData = z.object({ ref: z.string(), n: z.optional(z.string()) });
/** What the one-time re-rating link sent at resolution carries. */
export const RerateTokenData = z.object({ ref: z.string(), caseId: z.string() });

export const TokenQuery = z.strictObject({ t: z.string().check(z.minLength(1), z.maxLength(4096)) });

export const PublicCaseEvent = z.object({
  type: z.string(),
  /** For status changes, the new status; for staff messages to the customer, the text. */
  body: z.nullable(z.string()),
  at: z.string(),
});

/** `GET /v1/sites/{site}/cases/{ref}`: the customer's own view; never notes, never contact details. */
export const PublicCase = z.object({
  ref: z.string(),
  status: CaseStatus,
  /** The language of the submission that opened the case: the page speaks it. */
  lang: Lang,
  /** The shop's name, so the customer knows who answers. */
  siteName: z.string(),
  openedAt: z.string(),
  /**
   * The merchant's promise (`responseTimeHours` after the submission), the same time the
   * widget's receipt showed; null when the merchant promised nothing or someone already answered.
   * Internal SLA targets never appear here.
   */
  firstResponseDue: z.nullable(z.string()),
  promisedAt: z.nullable(z.string()),
  resolvedAt: z.nullable(z.string()),
  /** True when the customer may still send their re-rating. */
  canRate: z.boolean(),
  rerating: z.nullable(z.int()),
  /** The re-rating may also update the customer's public review (the case began with a published review). */
  canUpdateReview: z.boolean(),
  /** The shop has a way to reach the customer (an email or phone on their submission). */
  hasContact: z.boolean(),
  timeline: z.array(PublicCaseEvent),
});
export type PublicCase = z.infer<typeof PublicCase>;

export const FeedbackInput = z.strictObject({
  rating: z.int().check(z.gte(1), z.lte(5)),
  comment: z.optional(text(0, LIMITS.body)),
  /**
   * The customer's choice to show this rating and comment publicly, as an update under their
   * review. Absent or false: nothing of the re-rating is ever published.
   */
  updateReview: z.optional(z.boolean()),
});
export type FeedbackInput = z.infer<typeof FeedbackInput>;

export const FeedbackResult = z.object({
  ref: z.string(),
  status: CaseStatus,
  rating: z.int(),
  /** The public update of their review, when they chose one; it is moderated like any review. */
  revisionId: z.nullable(z.string()),
});

/** `POST /v1/sites/{site}/cases/{ref}/contact`: a customer who left no contact adds one. */
export const ContactInput = z
  .strictObject({ email: z.optional(Email), phone: z.optional(Phone) })
  .check(z.refine((c) => Boolean(c.email || c.phone), { message: 'an email or a phone number is required', path: ['email'], params: { reason: 'contact_required' } }));
export type ContactInput = z.infer<typeof ContactInput>;

export const ContactAdded = z.object({ ref: z.string(), hasContact: z.boolean() });

export const AdminCasesQuery = z.strictObject({
  /** Absent: every open case. */
  status: z.optional(CaseStatus),
  priority: z.optional(Priority),
  assignee: z.optional(z.string().check(z.maxLength(LIMITS.name))),
  /**
   * A case ref (with or without `RB-`, any case; aliases count), or the customer's email, phone
   * number or order number. Combines with the other filters.
   */
  q: z.optional(z.string().check(z.maxLength(LIMITS.query))),
  sort: z._default(z.enum(['due']), 'due'),
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(LIMITS.pageSize)), 25),
});
export type AdminCasesQuery = z.infer<typeof AdminCasesQuery>;

export const AdminCase = z.object({
  id: z.string(),
  ref: z.string(),
  status: CaseStatus,
  priority: Priority,
  reason: z.string(),
  score: z.nullable(z.number()),
  method: z.nullable(z.string()),
  assignee: z.nullable(z.string()),
  contactKey: z.string(),
  orderRef: z.nullable(z.string()),
  submissionId: z.string(),
  dueAt: z.nullable(z.string()),
  overdue: z.boolean(),
  firstResponseDue: z.nullable(z.string()),
  planDue: z.nullable(z.string()),
  firstResponseAt: z.nullable(z.string()),
  pausedAt: z.nullable(z.string()),
  pausedMs: z.int(),
  promisedAt: z.nullable(z.string()),
  escalatedAt: z.nullable(z.string()),
  breachedAt: z.nullable(z.string()),
  rootCause: z.nullable(RootCause),
  resolution: z.nullable(z.string()),
  resolvedOk: z.nullable(z.boolean()),
  resolvedAt: z.nullable(z.string()),
  originalRating: z.nullable(z.int()),
  rerating: z.nullable(z.int()),
  closedAt: z.nullable(z.string()),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type AdminCase = z.infer<typeof AdminCase>;

export const AdminCasesPage = z.object({ items: z.array(AdminCase), nextCursor: z.nullable(z.string()) });
export type AdminCasesPage = z.infer<typeof AdminCasesPage>;

/**
 * Every kind of timeline entry the worker writes; the worker's writers are typed with it and the
 * console has an en and fa label for each (a new one fails the console's translation test).
 * `type` in the answers stays a string so an older console still reads a newer worker.
 */
export const CASE_EVENT_TYPES = [
  'opened',
  'submission',
  'status',
  'message',
  'note',
  'assigned',
  'priority',
  'promised',
  'rerated',
  'rerate_comment',
  'contact_added',
  'escalated',
  'breached',
  'promise_reminder',
] as const;
export type CaseEventType = (typeof CASE_EVENT_TYPES)[number];

/** Who wrote a timeline entry: a staff member (by token id), the customer, or the system (router, cron). */
export const CASE_ACTORS = ['staff', 'customer', 'system'] as const;
export type CaseActor = (typeof CASE_ACTORS)[number];

export const CaseEvent = z.object({
  id: z.int(),
  type: z.string(),
  public: z.boolean(),
  body: z.nullable(z.string()),
  /** A staff token id, `customer`, `system`, or null (the router). */
  actor: z.nullable(z.string()),
  /** Who, as staff read it: `staff` with `actorName`, the customer, or the system. */
  actorKind: z.enum(CASE_ACTORS),
  /** The staff member's display name (their token's name); null when it is not known. */
  actorName: z.nullable(z.string()),
  submissionId: z.nullable(z.string()),
  at: z.string(),
});

export type CaseEvent = z.infer<typeof CaseEvent>;

export const AdminCaseDetail = z.object({
  case: AdminCase,
  refs: z.array(z.string()),
  submissions: z.array(AdminSubmission),
  timeline: z.array(CaseEvent),
});
export type AdminCaseDetail = z.infer<typeof AdminCaseDetail>;

export const CasePatch = z
  .strictObject({
    status: z.optional(CaseStatus),
    assignee: z.optional(z.nullable(text(1, LIMITS.name))),
    priority: z.optional(Priority),
    promisedAt: z.optional(z.nullable(z.iso.datetime())),
    rootCause: z.optional(RootCause),
    resolution: z.optional(text(0, LIMITS.note)),
    /** Closing asks: was the customer's problem resolved? */
    resolved: z.optional(z.boolean()),
    /** A message to the customer, shown on their tracking page; counts as a staff response. */
    publicMessage: z.optional(text(1, LIMITS.reply)),
    /**
     * Names this message once (the console makes one per message typed): a retried request
     * with the same key adds nothing. The same text as the case's last message is not sent twice either.
     */
    messageKey: z.optional(z.string().check(z.minLength(8), z.maxLength(64), z.regex(/^[A-Za-z0-9_-]+$/))),
  })
  .check(z.refine((p) => Object.keys(p).length > 0, { message: 'nothing to change' }));
export type CasePatch = z.infer<typeof CasePatch>;

/** `PATCH /v1/admin/cases/{id}` answers with the case as it now is. */
export const CaseChanged = z.object({ case: AdminCase });
export type CaseChanged = z.infer<typeof CaseChanged>;

export const NoteAdded = z.object({ ok: z.boolean() });

export const NoteInput = z.strictObject({ body: text(1, LIMITS.note) });
export type NoteInput = z.infer<typeof NoteInput>;
