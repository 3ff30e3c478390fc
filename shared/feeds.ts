/** The site's secret feed URLs (`GET /v1/admin/feeds`, rotated by `POST /v1/admin/feeds/rotate`). */
import * as z from 'zod/mini';

export const FeedLink = z.object({
  /** Which feed: today only Google's Product Reviews feed (schema 2.4). */
  kind: z.literal('google-product-reviews'),
  url: z.string(),
});

export const FeedsList = z.object({ feeds: z.array(FeedLink), rotatedAt: z.string() });
export type FeedsList = z.infer<typeof FeedsList>;
