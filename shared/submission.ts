/** Bodies and answers of `POST /v1/sites/{site}/submissions`. */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { MAX_PHOTOS, PhotoId } from './photos.ts';
import { text } from './text.ts';

export const LANGS = ['en', 'fa'] as const;
export const Lang = z.enum(LANGS);
export type Lang = z.infer<typeof Lang>;

export const KINDS = ['review', 'complaint', 'story'] as const;
export const Kind = z.enum(KINDS);
export type Kind = z.infer<typeof Kind>;

export const COMPLAINT_CATEGORIES = ['product', 'delivery', 'billing', 'service', 'other'] as const;
export const ComplaintCategory = z.enum(COMPLAINT_CATEGORIES);
export type ComplaintCategory = z.infer<typeof ComplaintCategory>;

/** A product or page id chosen by the merchant. '' means the whole site. */
export const Subject = z.string().check(
  z.maxLength(LIMITS.subject),
  z.regex(/^[\p{L}\p{N}._:/#@+-]*$/u, 'only letters, digits and . _ : / # @ + -'),
);

export const Email = z.email().check(z.maxLength(LIMITS.email));
/** International phone numbers: digits (Latin, Persian or Arabic), spaces and + ( ) - . */
export const Phone = z.string().check(
  z.trim(),
  z.maxLength(LIMITS.phone),
  z.regex(/^\+?[\d\u06F0-\u06F9\u0660-\u0669][\d\u06F0-\u06F9\u0660-\u0669 ()-.]{4,}$/, 'not a phone number'),
);

/** Anti-abuse signals the widget sends along; never shown to anyone. */
export const SubmissionMeta = z.strictObject({
  /** The honeypot field: people never fill it, naive bots do. */
  hp: z.optional(z.string().check(z.maxLength(200))),
  /** Milliseconds the form was open before sending. */
  elapsedMs: z.optional(z.int().check(z.gte(0))),
  /** A Cloudflare Turnstile token, where the site turned Turnstile on. */
  turnstile: z.optional(z.string().check(z.maxLength(2048))),
});

const common = {
  subject: z._default(Subject, ''),
  lang: z.optional(Lang),
  meta: z.optional(SubmissionMeta),
};

export const ReviewInput = z.strictObject({
  kind: z.literal('review'),
  rating: z.int().check(z.gte(1), z.lte(5)),
  title: z.optional(text(0, LIMITS.title)),
  body: text(1, LIMITS.body),
  expected: z.optional(text(0, LIMITS.expected)),
  author: z.strictObject({
    name: text(1, LIMITS.name),
    email: z.optional(Email),
  }),
  /** A signed token from a follow-up invitation: marks the review as a verified purchase. */
  orderToken: z.optional(z.string().check(z.maxLength(LIMITS.orderToken))),
  /** Email the author when the merchant replies, once the address is confirmed (double opt-in). */
  notifyReplies: z.optional(z.boolean()),
  /** Ids of this site's uploads (`POST /uploads`) that no other review has claimed. */
  photos: z.optional(
    z.array(PhotoId).check(
      z.maxLength(MAX_PHOTOS),
      z.refine((ids) => new Set(ids).size === ids.length, { message: 'a photo may be listed once' }),
    ),
  ),
  ...common,
});

export const ComplaintInput = z.strictObject({
  kind: z.literal('complaint'),
  category: ComplaintCategory,
  body: text(1, LIMITS.body),
  expected: z.optional(text(0, LIMITS.expected)),
  desiredOutcome: z.optional(text(0, LIMITS.expected)),
  author: z
    .strictObject({
      name: text(1, LIMITS.name),
      email: z.optional(Email),
      phone: z.optional(Phone),
    })
    .check(
      z.refine((a) => Boolean(a.email || a.phone), {
        message: 'an email or a phone number is required',
        path: ['email'],
        params: { reason: 'contact_required' },
      }),
    ),
  orderRef: z.optional(text(0, LIMITS.orderRef)),
  ...common,
});

export const StoryInput = z.strictObject({
  kind: z.literal('story'),
  /** How it went, 1 (very badly) .. 5 (very well); optional. A low feeling opens a case like a low rating. */
  feeling: z.optional(z.int().check(z.gte(1), z.lte(5))),
  title: z.optional(text(0, LIMITS.title)),
  body: text(1, LIMITS.body),
  author: z.strictObject({
    name: text(1, LIMITS.name),
    email: z.optional(Email),
  }),
  ...common,
});

export const SubmissionInput = z.discriminatedUnion('kind', [ReviewInput, ComplaintInput, StoryInput]);
export type SubmissionInput = z.infer<typeof SubmissionInput>;
export type ReviewInput = z.infer<typeof ReviewInput>;
export type ComplaintInput = z.infer<typeof ComplaintInput>;
export type StoryInput = z.infer<typeof StoryInput>;

export const IdempotencyKey = z.string().check(
  z.minLength(8),
  z.maxLength(LIMITS.idempotencyKey),
  z.regex(/^[A-Za-z0-9_-]+$/, 'letters, digits, _ and - only'),
);

export const SUBMISSION_STATUSES = ['pending', 'published', 'rejected', 'spam', 'hidden'] as const;
export const SubmissionStatus = z.enum(SUBMISSION_STATUSES);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;

/** What the shopper is told about the case their submission opened: always their own, never another's. */
export const CaseReceipt = z.object({
  ref: z.string(),
  trackUrl: z.string(),
  /** Present only when the merchant promised a response time. */
  firstResponseDue: z.optional(z.string()),
});
export type CaseReceipt = z.infer<typeof CaseReceipt>;

export const SubmissionCreated = z.object({
  id: z.string(),
  kind: Kind,
  status: SubmissionStatus,
  case: z.optional(CaseReceipt),
});
export type SubmissionCreated = z.infer<typeof SubmissionCreated>;
