/** `POST /v1/sites/{site}/orders`: purchases registered server-to-server for the follow-up. */
import * as z from 'zod/mini';
import { LIMITS } from './limits.ts';
import { text } from './text.ts';
import { Email, Lang, Subject } from './submission.ts';

const HttpsUrl = z.url({ protocol: /^https?$/ }).check(z.maxLength(2000));

export const OrderItem = z.strictObject({
  subject: Subject,
  name: text(1, LIMITS.title),
  /** The merchant's product page; the signed review link is this URL with `rb_order` added. */
  reviewUrl: z.optional(HttpsUrl),
});

export const OrderInput = z.strictObject({
  orderId: text(1, LIMITS.orderRef),
  customer: z.strictObject({ name: text(1, LIMITS.name), email: Email }),
  items: z.array(OrderItem).check(z.minLength(1), z.maxLength(50)),
  purchasedAt: z.iso.datetime({ offset: true }),
  /** When the order reached the customer; the review request counts from here when given. */
  deliveredAt: z.optional(z.iso.datetime({ offset: true })),
  /** The customer's language: the review request is written in it (default: the site's). */
  lang: z.optional(Lang),
});
export type OrderInput = z.infer<typeof OrderInput>;

export const OrderReviewLink = z.object({
  subject: z.string(),
  /** The `rb_order` token; the widget sends it as the review's `orderToken`. */
  token: z.string(),
  /** `reviewUrl?rb_order=TOKEN`, when the item named a review URL. */
  url: z.nullable(z.string()),
});

export const OrderRegistered = z.object({
  orderId: z.string(),
  /** False when this order id was registered before; the first registration stands. */
  created: z.boolean(),
  followupDueAt: z.string(),
  links: z.array(OrderReviewLink),
});
export type OrderRegistered = z.infer<typeof OrderRegistered>;

/**
 * What a verified-purchase review link carries: ids only. `link` is the order's opaque link id
 * (not the merchant's order number), `subject` the product; the buyer's details stay on the
 * server. The token sits in a page address, where analytics and other scripts may read it.
 */
export const OrderTokenData = z.object({ link: z.string().check(z.minLength(1), z.maxLength(64)), subject: z.string() });
export type OrderTokenData = z.infer<typeof OrderTokenData>;

/** Links signed before order links held ids only; still honoured, by order number, ignoring the email inside. */
export const LegacyOrderTokenData = z.object({ orderId: z.string(), subject: z.string() });
