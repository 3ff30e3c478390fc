/** A site's settings (stored as JSON on the site) and the public bootstrap the widget renders from. */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { Kind, KINDS, Lang, Subject } from './submission.ts';
import { ReviewsPage, Summary } from './review.ts';
import { EmailMode, EmailTemplates } from './email.ts';
import { PublicProduct } from './products.ts';

export const THEMES = ['auto', 'light', 'dark'] as const;
export const Theme = z.enum(THEMES);
export type Theme = z.infer<typeof Theme>;

export const FLAGS = [
  'links',
  'spam',
  'repetition',
  'abuse',
  'blocked_word',
  'finglish',
  'bidi',
  'duplicate',
  'unverified',
  'honeypot',
  'too_fast',
] as const;
export const Flag = z.enum(FLAGS);
export type Flag = z.infer<typeof Flag>;

const hours = z.number().check(z.gt(0), z.lte(24 * 365));
const slaTargets = z.object({ firstResponseHours: z.optional(hours), planHours: z.optional(hours) });
/** A sentiment score threshold (rules/sentiment.ts: negative is unhappy). */
const score = z.number().check(z.gte(-50), z.lte(0));

export const SiteSettings = z.object({
  locales: z._default(z.array(Lang).check(z.minLength(1)), ['en', 'fa']),
  defaultLang: z._default(Lang, 'en'),
  theme: z._default(Theme, 'auto'),
  kinds: z._default(z.array(Kind).check(z.minLength(1)), [...KINDS]),
  brandColor: z._default(z.string().check(z.regex(/^#[0-9a-fA-F]{6}$/)), '#4f46e5'),
  /** The response time the merchant promises shoppers, in hours. Unset: no promise is shown. */
  responseTimeHours: z.optional(hours),
  /** `pre`: every item waits for staff; `auto`: items with no holding flag publish at once. */
  moderation: z._default(z.enum(['pre', 'auto']), 'pre'),
  blockedWords: z._default(z.array(z.string().check(z.maxLength(80))).check(z.maxLength(500)), []),
  /**
   * Flags that hold an item for staff under `auto` moderation. `unverified` is not decided here
   * but by `holdUnverified`, so a list saved before that setting existed holds no clean review.
   */
  holdFlags: z._default(z.array(Flag), FLAGS.filter((f) => f !== 'unverified')),
  /**
   * Under `auto` moderation, hold reviews from shoppers without an order link (the `unverified`
   * flag) for staff. Off: a clean review publishes whether or not it came through an invitation.
   */
  holdUnverified: z._default(z.boolean(), false),
  /** Strings merchants override, per language, keyed like the widget's locale files. */
  strings: z._default(z.record(z.string(), z.record(z.string(), z.string().check(z.maxLength(500)))), {}),
  sla: z._default(
    z.object({
      firstResponseHours: z._default(hours, 24),
      planHours: z._default(hours, 72),
      /**
       * Targets for one priority. Unset, P2 uses the two above, P1 defaults to 4 h / 24 h and P3
       * to 48 h / 120 h (never looser than P2, resp. tighter), so P1 rises to the top of the queue.
       */
      byPriority: z._default(z.object({ P1: z.optional(slaTargets), P2: z.optional(slaTargets), P3: z.optional(slaTargets) }), {}),
    }),
    { firstResponseHours: 24, planHours: 72, byPriority: {} },
  ),
  /** When a submission opens a recovery case (see worker/src/rules/routing.ts). */
  recovery: z._default(
    z.object({
      /** Ratings at or below this always open a case. */
      lowRating: z._default(z.int().check(z.gte(0), z.lte(5)), 2),
      /** A text scoring at or below this is negative: opens a case for a rating of 3 or a story. */
      negativeScore: z._default(score, -1),
      /** At or below this the text is clearly negative: P2, and a case even under a high rating. */
      clearlyNegativeScore: z._default(score, -3),
      /** Customers with at least this many earlier cases are repeat complainers: P1. */
      repeatCases: z._default(z.int().check(z.gte(1), z.lte(100)), 1),
      /** Whether complaint phrases (refund, never again, مرجوع ...) open a case on their own. */
      intents: z._default(z.boolean(), true),
    }),
    { lowRating: 2, negativeScore: -1, clearlyNegativeScore: -3, repeatCases: 1, intents: true },
  ),
  /** Follow-up invitation delay after a registered purchase, in days. */
  followupDelayDays: z._default(z.number().check(z.gte(0), z.lte(365)), 30),
  quietPeriodDays: z._default(z.number().check(z.gte(0), z.lte(365)), 90),
  /** Who sends review requests: Rebound by email, the merchant from the `followup.due` webhook, or both. */
  emailMode: z._default(EmailMode, 'both'),
  /** The sender address, on a domain onboarded to Email Service; unset: the deployment's `EMAIL_FROM`. */
  emailFrom: z.optional(z.email().check(z.maxLength(LIMITS.email))),
  /** The merchant's support address: customers' replies go there. */
  emailReplyTo: z.optional(z.email().check(z.maxLength(LIMITS.email))),
  /** Days after the review request that one reminder follows, if nothing was written; 0: none. */
  reviewReminderDays: z._default(z.int().check(z.gte(0), z.lte(60)), 7),
  /** The merchant's subject and opening line per email kind and language (plain text). */
  emailTemplates: z._default(EmailTemplates, {}),
  escalationOwner: z.optional(z.string().check(z.maxLength(LIMITS.name))),
  turnstileSiteKey: z.optional(z.string().check(z.maxLength(200))),
  /** The secret paired with `turnstileSiteKey`, for server-side verification. Never sent to a browser. */
  turnstileSecretKey: z.optional(z.string().check(z.maxLength(200))),
});
export type SiteSettings = z.infer<typeof SiteSettings>;

/** The part of the settings that any visitor may see. */
export const PublicSite = z.object({
  id: z.string(),
  name: z.string(),
  locales: z.array(Lang),
  defaultLang: Lang,
  theme: Theme,
  kinds: z.array(Kind),
  brandColor: z.string(),
  responseTimeHours: z.nullable(z.number()),
  strings: z.record(z.string(), z.record(z.string(), z.string())),
  turnstileSiteKey: z.nullable(z.string()),
});
export type PublicSite = z.infer<typeof PublicSite>;

export const WidgetQuery = z.strictObject({
  subject: z._default(Subject, ''),
  lang: z.optional(Lang),
});

/** `GET /v1/sites/{site}/widget`: everything for first render in one response. */
export const WidgetBootstrap = z.object({
  site: PublicSite,
  subject: z.string(),
  summary: Summary,
  reviews: ReviewsPage,
  /** The catalogue's product behind the subject, when there is one (JSON-LD reads it). */
  product: z.optional(z.nullable(PublicProduct)),
});
export type WidgetBootstrap = z.infer<typeof WidgetBootstrap>;

export const Health = z.object({ ok: z.boolean(), version: z.string(), time: z.string() });
