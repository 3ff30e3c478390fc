/**
 * Verified-purchase review links: one signed `order` token per item, appended as `rb_order` to
 * the merchant's product URL. The widget sends the token back as the review's `orderToken` and
 * removes it from the address bar. The token holds the order's opaque link id and the product,
 * nothing about the buyer: the server looks the order up.
 */
import type { OrderTokenData } from '../../../shared/orders.ts';
import { signToken } from './signed.ts';

/**
 * Links stay valid for 90 days after the follow-up is due (about four months after delivery
 * with the default 30-day delay): time to get round to it, not a year of a reusable credential.
 * Each link counts for one verified review per product in any case.
 */
export const ORDER_LINK_TTL_MS = 90 * 24 * 3_600_000;

export interface LinkItem {
  subject: string;
  reviewUrl?: string | undefined;
}

export async function orderReviewLinks(
  signingKey: string,
  linkId: string,
  items: readonly LinkItem[],
  expiresAtMs: number,
): Promise<{ subject: string; token: string; url: string | null }[]> {
  return Promise.all(
    items.map(async (item) => {
      const data: OrderTokenData = { link: linkId, subject: item.subject };
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
