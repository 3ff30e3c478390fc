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
      `INSERT INTO orders (site_id, order_id, customer_name, customer_email, items, purchased_at, followup_due_at, created_at, delivered_at, lang)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10) ON CONFLICT (site_id, order_id) DO NOTHING`,
    )
    .bind(o.siteId, o.orderId, o.name, normaliseEmail(o.email), JSON.stringify(o.items), o.purchasedAt, o.followupDueAt, o.createdAt, o.deliveredAt ?? null, o.lang ?? null);
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
