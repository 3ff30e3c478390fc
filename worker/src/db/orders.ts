/**
 * Orders merchants registered for the proactive follow-up, and the per-customer record that keeps
 * follow-ups apart by the site's quiet period. Customer emails are stored lower-cased and trimmed
 * so one customer is one row however the merchant's systems spell their address.
 */
import * as z from 'zod/mini';
import { OrderItem } from '../../../shared/orders.ts';

export interface OrderRecord {
  site_id: string;
  order_id: string;
  customer_name: string;
  customer_email: string;
  items: string;
  purchased_at: number;
  followup_due_at: number;
  followup_at: number | null;
  followup_outcome: string | null;
  created_at: number;
  /** The opaque id review links carry instead of the order number and email. */
  link_id: string;
  delivered_at: number | null;
  lang: string | null;
}

export type StoredItem = z.infer<typeof OrderItem>;

export function parseItems(value: string): StoredItem[] {
  try {
    const parsed = z.array(OrderItem).safeParse(JSON.parse(value));
    return parsed.success ? parsed.data : [];
  } catch {
    return [];
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

export async function readOrder(db: D1Database, siteId: string, orderId: string): Promise<OrderRecord | null> {
  return db.prepare('SELECT * FROM orders WHERE site_id = ?1 AND order_id = ?2').bind(siteId, orderId).first<OrderRecord>();
}

/** The order a review link names by its link id. */
export async function readOrderByLink(db: D1Database, siteId: string, linkId: string): Promise<OrderRecord | null> {
  return db.prepare('SELECT * FROM orders WHERE site_id = ?1 AND link_id = ?2').bind(siteId, linkId).first<OrderRecord>();
}

/** A new order's link id: random, so a link tells nothing about the order or its buyer. */
export function newLinkId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(12));
  return [...bytes].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/** Inserts the order unless this id was registered before; the first registration stands. */
export function insertOrder(
  db: D1Database,
  o: {
    siteId: string;
    orderId: string;
    name: string;
    email: string;
    items: StoredItem[];
    purchasedAt: number;
    followupDueAt: number;
    createdAt: number;
    deliveredAt?: number | null | undefined;
    lang?: string | null | undefined;
  },
): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO orders (site_id, order_id, customer_name, customer_email, items, purchased_at, followup_due_at, created_at, link_id, delivered_at, lang)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11) ON CONFLICT (site_id, order_id) DO NOTHING`,
    )
    .bind(o.siteId, o.orderId, o.name, normaliseEmail(o.email), JSON.stringify(o.items), o.purchasedAt, o.followupDueAt, o.createdAt, newLinkId(), o.deliveredAt ?? null, o.lang ?? null);
}

/** Whether this order's link already made a verified review of this product. */
export async function verifiedReviewExists(db: D1Database, siteId: string, linkId: string, subject: string): Promise<boolean> {
  const row = await db
    .prepare('SELECT 1 AS found FROM submissions WHERE site_id = ?1 AND order_link = ?2 AND subject = ?3 LIMIT 1')
    .bind(siteId, linkId, subject)
    .first<{ found: number }>();
  return row !== null;
}

/**
 * Marks a new review as the verified one of its order and product. The unique index
 * `submissions_one_verified` refuses a second, so the batch it is in fails as a whole.
 */
export function claimVerifiedReview(db: D1Database, submissionId: string, linkId: string): D1PreparedStatement {
  return db.prepare('UPDATE submissions SET order_link = ?2 WHERE id = ?1').bind(submissionId, linkId);
}

/** Whether a D1 error is the one-verified-review index refusing a second claim. */
export function isVerifiedClaimTaken(err: unknown): boolean {
  return String(err instanceof Error ? err.message : err).includes('submissions.order_link');
}

export async function listDueFollowups(db: D1Database, nowMs: number, limit: number): Promise<OrderRecord[]> {
  const { results } = await db
    .prepare('SELECT * FROM orders WHERE followup_at IS NULL AND followup_due_at <= ?1 ORDER BY followup_due_at LIMIT ?2')
    .bind(nowMs, limit)
    .all<OrderRecord>();
  return results;
}

export async function lastFollowupAt(db: D1Database, siteId: string, email: string): Promise<number | null> {
  const row = await db
    .prepare('SELECT last_followup_at FROM followup_contacts WHERE site_id = ?1 AND email = ?2')
    .bind(siteId, email)
    .first<{ last_followup_at: number }>();
  return row?.last_followup_at ?? null;
}

/** Marks the order's follow-up done ('sent' or 'quiet'); only the first marking counts. */
export function markFollowup(db: D1Database, o: OrderRecord, outcome: 'sent' | 'quiet', nowMs: number): D1PreparedStatement {
  return db
    .prepare(`UPDATE orders SET followup_at = ?3, followup_outcome = ?4 WHERE site_id = ?1 AND order_id = ?2 AND followup_at IS NULL`)
    .bind(o.site_id, o.order_id, nowMs, outcome);
}

export function touchFollowupContact(db: D1Database, siteId: string, email: string, nowMs: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO followup_contacts (site_id, email, last_followup_at) VALUES (?1, ?2, ?3)
       ON CONFLICT (site_id, email) DO UPDATE SET last_followup_at = ?3`,
    )
    .bind(siteId, email, nowMs);
}
