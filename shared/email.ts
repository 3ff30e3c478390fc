/**
 * Outgoing email (Cloudflare Email Service): the kinds Rebound sends, the outbox states staff
 * see, the queue message that carries one email, and the templates merchants may adjust.
 */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { Lang } from './submission.ts';

export const EMAIL_KINDS = ['review.request', 'review.reminder', 'reply.published', 'case.message', 'case.rerate', 'confirm'] as const;
export const EmailKind = z.enum(EMAIL_KINDS);
export type EmailKind = z.infer<typeof EmailKind>;

/**
 * `scheduled` waits for its due time (or for a retry after a failed send); `queued` is on the
 * EMAIL queue; `sent` was accepted by Email Service; `failed` ran out of attempts; `suppressed`
 * was not sent because the address unsubscribed; `cancelled` was no longer wanted (the customer
 * already wrote, the site sends its own mail, the case is gone).
 */
export const EMAIL_STATES = ['scheduled', 'queued', 'sent', 'failed', 'suppressed', 'cancelled'] as const;
export const EmailState = z.enum(EMAIL_STATES);
export type EmailState = z.infer<typeof EmailState>;

/** Who sends the review requests: Rebound by email, the merchant (the `followup.due` webhook), or both. */
export const EMAIL_MODES = ['rebound', 'webhook', 'both'] as const;
export const EmailMode = z.enum(EMAIL_MODES);
export type EmailMode = z.infer<typeof EmailMode>;

/** What a merchant may change in a template: the subject and the opening paragraph, as plain text. */
export const TemplateText = z.strictObject({
  subject: z.optional(z.string().check(z.maxLength(200))),
  intro: z.optional(z.string().check(z.maxLength(1000))),
});
export type TemplateText = z.infer<typeof TemplateText>;

/** Overrides per kind and language; what is unset uses Rebound's wording. */
export const EmailTemplates = z.partialRecord(EmailKind, z.partialRecord(Lang, TemplateText));
export type EmailTemplates = z.infer<typeof EmailTemplates>;

/** One message on the EMAIL queue: the outbox row to send. */
export const SendEmailMessage = z.object({
  v: z.literal(1),
  type: z.literal('send-email'),
  id: z.string(),
  siteId: z.string(),
});
export type SendEmailMessage = z.infer<typeof SendEmailMessage>;

/** An email as staff see it (`GET /v1/admin/emails`). */
export const AdminEmail = z.object({
  id: z.string(),
  kind: EmailKind,
  state: EmailState,
  to: z.string(),
  lang: Lang,
  caseId: z.nullable(z.string()),
  orderId: z.nullable(z.string()),
  submissionId: z.nullable(z.string()),
  dueAt: z.string(),
  attempts: z.int(),
  /** Why it was cancelled, suppressed or failed. */
  reason: z.nullable(z.string()),
  sentAt: z.nullable(z.string()),
  /** Email Service's Message-ID of a sent email, for tracing it in the provider's logs. */
  messageId: z.nullable(z.string()),
  createdAt: z.string(),
});
export type AdminEmail = z.infer<typeof AdminEmail>;

export const AdminEmailsQuery = z.strictObject({
  case: z.optional(z.string().check(z.minLength(1), z.maxLength(64))),
  status: z.optional(EmailState),
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(LIMITS.pageSize)), 25),
});
export type AdminEmailsQuery = z.infer<typeof AdminEmailsQuery>;

export const AdminEmailsPage = z.object({ items: z.array(AdminEmail), nextCursor: z.nullable(z.string()) });
export type AdminEmailsPage = z.infer<typeof AdminEmailsPage>;

/** `POST /v1/admin/emails/preview`: one template rendered with sample data, as it would be sent. */
export const EmailPreviewInput = z.strictObject({
  kind: EmailKind,
  lang: Lang,
  /** Unsaved overrides to preview; without them the saved settings are used. */
  template: z.optional(TemplateText),
});
export type EmailPreviewInput = z.infer<typeof EmailPreviewInput>;

export const EmailPreview = z.object({
  from: z.string(),
  replyTo: z.nullable(z.string()),
  subject: z.string(),
  html: z.string(),
  text: z.string(),
  headers: z.record(z.string(), z.string()),
});
export type EmailPreview = z.infer<typeof EmailPreview>;

/** The `t` of the unsubscribe and confirmation links. */
export const EmailTokenQuery = z.strictObject({ t: z.string().check(z.minLength(10), z.maxLength(2048)) });

export const EmailActionResult = z.object({ ok: z.literal(true), state: z.enum(['unsubscribed', 'confirmed']) });
export type EmailActionResult = z.infer<typeof EmailActionResult>;
