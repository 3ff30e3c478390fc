/**
 * Verified-purchase review links: one signed `order` token per item, appended as `rb_order` to
 * the merchant's product URL. The widget sends the token back as the review's `orderToken`.
 */
import type { OrderTokenData } from '../../../shared/orders.ts';
import { signToken } from './signed.ts';

/** Links stay valid long after the follow-up: people review when they get round to it. */
export const ORDER_LINK_TTL_MS = 365 * 24 * 3_600_000;

export interface LinkItem {
  subject: string;
  reviewUrl?: string | undefined;
}

export async function orderReviewLinks(
  signingKey: string,
  orderId: string,
  email: string,
  items: readonly LinkItem[],
  expiresAtMs: number,
): Promise<{ subject: string; token: string; url: string | null }[]> {
  return Promise.all(
    items.map(async (item) => {
      const data: OrderTokenData = { orderId, subject: item.subject, email };
      const token = await signToken(signingKey, 'order', data, expiresAtMs);
      let url: string | null = null;
      if (item.reviewUrl) {
        const u = new URL(item.reviewUrl);
        u.searchParams.set('rb_order', token);
        url = u.toString();
      }
      return { subject: item.subject, token, url };
    }),
  );
}
