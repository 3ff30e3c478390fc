/** Public reading side: summaries and pages of published reviews. */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { PublicPhoto } from './photos.ts';
import { Lang, Subject } from './submission.ts';

export const SORTS = ['newest', 'oldest', 'highest', 'lowest', 'helpful'] as const;
export const Sort = z.enum(SORTS);
export type Sort = z.infer<typeof Sort>;

export const ReviewsQuery = z.strictObject({
  subject: z._default(Subject, ''),
  sort: z._default(Sort, 'newest'),
  stars: z.optional(z.coerce.number().check(z.int(), z.gte(1), z.lte(5))),
  cursor: z.optional(z.string().check(z.maxLength(512))),
  limit: z._default(z.coerce.number().check(z.int(), z.gte(1), z.lte(LIMITS.pageSize)), 10),
  lang: z.optional(Lang),
  /** `1`: only reviews that show at least one photo. */
  photos: z.optional(z.literal('1')),
});
export type ReviewsQuery = z.infer<typeof ReviewsQuery>;

export const Summary = z.object({
  count: z.int(),
  /** Mean rating rounded to one decimal; null while there are no ratings. */
  average: z.nullable(z.number()),
  /** Counts of 1, 2, 3, 4 and 5 stars, in that order. */
  distribution: z.tuple([z.int(), z.int(), z.int(), z.int(), z.int()]),
});
export type Summary = z.infer<typeof Summary>;

export const PublicReply = z.object({
  body: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
});

export const PublicReview = z.object({
  id: z.string(),
  rating: z.int(),
  title: z.nullable(z.string()),
  body: z.string(),
  author: z.object({ name: z.string() }),
  verified: z.boolean(),
  helpful: z.int(),
  lang: Lang,
  createdAt: z.string(),
  publishedAt: z.string(),
  reply: z.nullable(PublicReply),
  /**
   * The customer's own update after support, shown under the review ("updated after support:
   * 2★ → 4★"); only when they chose to make it, and only once moderated. The summary counts
   * the review at this rating; the list's star filter and order go by the review as written.
   */
  update: z.nullable(z.object({ from: z.int(), rating: z.int(), body: z.string(), publishedAt: z.string() })),
  /** Visible photos, in upload order (the API always sends the list, empty when there are none). */
  photos: z.optional(z.array(PublicPhoto)),
});
export type PublicReview = z.infer<typeof PublicReview>;

export const ReviewsPage = z.object({
  items: z.array(PublicReview),
  /** Opaque keyset cursor for the next page; null on the last page. */
  nextCursor: z.nullable(z.string()),
});
export type ReviewsPage = z.infer<typeof ReviewsPage>;

export const HelpfulVoted = z.object({ id: z.string(), helpful: z.int(), counted: z.boolean() });
export type HelpfulVoted = z.infer<typeof HelpfulVoted>;
