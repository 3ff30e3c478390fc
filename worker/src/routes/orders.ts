/**
 * `POST /v1/sites/{site}/orders`: a merchant's server registers a purchase with the site's secret
 * key, so the cron sends a follow-up invitation after the site's delay. Server-to-server: the key
 * is checked against this site's stored hash before the body is read, and a key of any other
 * site is refused like a wrong one. Registering the same order id again changes nothing and
 * answers with the same links.
 */
import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../types.ts';
import { OrderInput, type OrderRegistered } from '../../../shared/orders.ts';
import { insertOrder, parseItems, readOrder } from '../db/orders.ts';
import { sha256Hex } from '../lib/crypto.ts';
import { ORDER_LINK_TTL_MS, orderReviewLinks } from '../lib/order-links.ts';
import { ProblemError } from '../lib/problem.ts';
import { iso } from '../lib/time.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { reviewEmails, sendSoon } from '../lib/email/outbox.ts';
import { reviewRequestDueAt } from '../rules/email.ts';

/** Accepts only `Authorization: Bearer sk_...` whose hash is the loaded site's own secret hash. */
export const requireSiteSecret = createMiddleware<AppEnv>(async function requireSiteSecret(c, next) {
  const header = c.req.header('authorization') ?? '';
  const match = /^Bearer (sk_[A-Za-z0-9_-]{8,128})$/.exec(header);
  const ok = match?.[1] !== undefined && (await sha256Hex(match[1])) === c.get('site').secretHash;
  if (!ok) {
    throw new ProblemError(401, 'invalid-secret', 'Send this site’s secret key as `Authorization: Bearer sk_...`.', undefined, {
      'www-authenticate': 'Bearer realm="rebound"',
    });
  }
  await next();
});

export const orderRoutes = new Hono<AppEnv>().post(
  '/orders',
  requireSiteSecret,
  requireJson,
  valid('json', OrderInput),
  async function registerOrder(c) {
    const input = c.req.valid('json');
    const site = c.get('site');
    const now = c.get('now');
    const purchasedAt = Date.parse(input.purchasedAt);
    const deliveredAt = input.deliveredAt === undefined ? null : Date.parse(input.deliveredAt);
    const order = { orderId: input.orderId, email: input.customer.email, name: input.customer.name, lang: input.lang ?? null, purchasedAt, deliveredAt };
    // The review request and its reminder are written with the order (a second registration of
    // the same order writes neither); whether each still goes out is decided when it is due.
    const emails = await reviewEmails(c.env.DB, site, order, new URL(c.req.url).origin, now);
    const [result] = await c.env.DB.batch([
      insertOrder(c.env.DB, {
        siteId: site.id,
        orderId: input.orderId,
        name: input.customer.name,
        email: input.customer.email,
        items: input.items,
        purchasedAt,
        deliveredAt,
        lang: input.lang,
        followupDueAt: reviewRequestDueAt({ purchasedAt, deliveredAt, delayDays: site.settings.followupDelayDays }),
        createdAt: now,
      }),
      ...emails.map((e) => e.statement),
    ]);
    if (result?.meta.changes) await sendSoon(c.env, emails, now);
    const stored = await readOrder(c.env.DB, site.id, input.orderId);
    if (!stored) throw new ProblemError(409, 'conflict', 'The order could not be stored; try again.');
    const links = await orderReviewLinks(site.signingKey, stored.link_id, parseItems(stored.items), stored.followup_due_at + ORDER_LINK_TTL_MS);
    const created = (result?.meta.changes ?? 0) > 0;
    const answer: OrderRegistered = { orderId: stored.order_id, created, followupDueAt: iso(stored.followup_due_at), links };
    return c.json(answer, created ? 201 : 200);
  },
);
