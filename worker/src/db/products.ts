/**
 * The product catalogue: one row per site and subject. Writes are statements to batch with
 * their audit entry and the content-version bump (feeds and JSON-LD read products).
 */
import type { Product, ProductInput } from '../../../shared/products.ts';
import { iso } from '../lib/time.ts';

interface ProductRecord {
  subject: string;
  name: string;
  url: string;
  image_url: string | null;
  gtin: string | null;
  mpn: string | null;
  sku: string | null;
  brand: string | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS = 'subject, name, url, image_url, gtin, mpn, sku, brand, created_at, updated_at';

export function toProduct(row: ProductRecord): Product {
  return {
    subject: row.subject,
    name: row.name,
    url: row.url,
    imageUrl: row.image_url,
    gtin: row.gtin,
    mpn: row.mpn,
    sku: row.sku,
    brand: row.brand,
    createdAt: iso(row.created_at),
    updatedAt: iso(row.updated_at),
  };
}

/** Creates or replaces the product behind `subject`; fields left out become empty. */
export function upsertProduct(db: D1Database, siteId: string, subject: string, p: ProductInput, nowMs: number): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO products (site_id, subject, name, url, image_url, gtin, mpn, sku, brand, created_at, updated_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?10)
       ON CONFLICT (site_id, subject) DO UPDATE SET
         name = ?3, url = ?4, image_url = ?5, gtin = ?6, mpn = ?7, sku = ?8, brand = ?9, updated_at = ?10`,
    )
    .bind(siteId, subject, p.name, p.url, p.imageUrl ?? null, p.gtin ?? null, p.mpn ?? null, p.sku ?? null, p.brand ?? null, nowMs);
}

export async function readProduct(db: D1Database, siteId: string, subject: string): Promise<Product | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM products WHERE site_id = ?1 AND subject = ?2`)
    .bind(siteId, subject)
    .first<ProductRecord>();
  return row ? toProduct(row) : null;
}

/**
 * Creates or replaces many products in one statement: the rows travel as one JSON parameter,
 * so a whole CSV file is one query instead of one per row (D1 counts queries per request).
 */
export function upsertProducts(db: D1Database, siteId: string, products: readonly { subject: string; input: ProductInput }[], nowMs: number): D1PreparedStatement {
  const rows = products.map(({ subject, input: p }) => ({
    subject,
    name: p.name,
    url: p.url,
    image_url: p.imageUrl ?? null,
    gtin: p.gtin ?? null,
    mpn: p.mpn ?? null,
    sku: p.sku ?? null,
    brand: p.brand ?? null,
  }));
  return db
    .prepare(
      `INSERT INTO products (site_id, subject, name, url, image_url, gtin, mpn, sku, brand, created_at, updated_at)
       SELECT ?1, j.value ->> 'subject', j.value ->> 'name', j.value ->> 'url', j.value ->> 'image_url', j.value ->> 'gtin',
              j.value ->> 'mpn', j.value ->> 'sku', j.value ->> 'brand', ?3, ?3
       FROM json_each(?2) AS j WHERE true
       ON CONFLICT (site_id, subject) DO UPDATE SET
         name = excluded.name, url = excluded.url, image_url = excluded.image_url, gtin = excluded.gtin,
         mpn = excluded.mpn, sku = excluded.sku, brand = excluded.brand, updated_at = excluded.updated_at`,
    )
    .bind(siteId, JSON.stringify(rows), nowMs);
}

/** Which of `subjects` already have a product row (for the CSV form's created/updated counts). */
export async function existingSubjects(db: D1Database, siteId: string, subjects: readonly string[]): Promise<Set<string>> {
  const { results } = await db
    .prepare('SELECT subject FROM products WHERE site_id = ?1 AND subject IN (SELECT value FROM json_each(?2))')
    .bind(siteId, JSON.stringify(subjects))
    .all<{ subject: string }>();
  return new Set(results.map((r) => r.subject));
}

/** One keyset page by subject, optionally only subjects starting with `prefix`. */
export async function listProducts(
  db: D1Database,
  siteId: string,
  q: { after: string | null; prefix: string | null; limit: number },
): Promise<Product[]> {
  // A prefix match as a range keeps the primary-key index in use (LIKE would need a collation).
  const low = q.after ?? q.prefix ?? '';
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM products
       WHERE site_id = ?1 AND subject ${q.after === null ? '>=' : '>'} ?2 AND (?3 IS NULL OR subject < ?3 || char(1114111))
         AND (?3 IS NULL OR subject >= ?3)
       ORDER BY subject LIMIT ?4`,
    )
    .bind(siteId, low, q.prefix, q.limit)
    .all<ProductRecord>();
  return results.map(toProduct);
}

export function deleteProduct(db: D1Database, siteId: string, subject: string): D1PreparedStatement {
  return db.prepare('DELETE FROM products WHERE site_id = ?1 AND subject = ?2').bind(siteId, subject);
}
