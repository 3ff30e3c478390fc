/**
 * The product catalogue, server-to-server with the site's secret key: `PUT /products/{subject}`
 * for one product (JSON), `PUT /products` for many (text/csv, every row checked before any is
 * written). Feeds and JSON-LD read what is stored here, so each change bumps the content version.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { PRODUCT_LIMITS, ProductInput, ProductSubject, type ProductSaved, type ProductsImported } from '../../../shared/products.ts';
import { insertAudit } from '../db/audit.ts';
import { existingSubjects, readProduct, upsertProduct, upsertProducts } from '../db/products.ts';
import { bumpContentVersion } from '../db/sites.ts';
import { readCsvBody } from '../lib/csv-body.ts';
import { ProblemError } from '../lib/problem.ts';
import { parseProductsCsv } from '../lib/product-csv.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { requireSiteSecret } from './orders.ts';

/** The audit actor for changes made with the site's secret key. */
export const SECRET_KEY_ACTOR = 'secret-key';

/** The subject in the path, or a 400 problem. */
export function subjectParam(raw: string): string {
  const parsed = ProductSubject.safeParse(raw);
  if (!parsed.success) {
    throw new ProblemError(400, 'invalid-subject', 'The subject must be 1-200 letters, digits or . _ : / # @ + - (percent-encode a /).', [
      { path: 'subject', code: 'invalid_subject', message: 'is not a subject' },
    ]);
  }
  return parsed.data;
}

/**
 * Creates or replaces one product, audited as `actor`, and bumps the content version (the feed,
 * JSON-LD and the bootstrap show products) in one batch. Both the secret-key and the staff
 * routes save through here.
 */
export async function saveProduct(db: D1Database, siteId: string, actor: string, subject: string, input: ProductInput, nowMs: number): Promise<ProductSaved> {
  const before = await readProduct(db, siteId, subject);
  await db.batch([
    upsertProduct(db, siteId, subject, input, nowMs),
    insertAudit(db, { siteId, actor, action: 'product.put', target: subject, before, after: input, createdAt: nowMs }),
    bumpContentVersion(db, siteId),
  ]);
  const product = await readProduct(db, siteId, subject);
  if (!product) throw new ProblemError(409, 'conflict', 'The product could not be stored; try again.');
  return { product, created: before === null };
}

export const productRoutes = new Hono<AppEnv>()
  .put('/products/:subject', requireSiteSecret, requireJson, valid('json', ProductInput), async function putProduct(c) {
    const site = c.get('site');
    const answer = await saveProduct(c.env.DB, site.id, SECRET_KEY_ACTOR, subjectParam(c.req.param('subject')), c.req.valid('json'), c.get('now'));
    return c.json(answer, answer.created ? 201 : 200);
  })

  .put('/products', requireSiteSecret, async function putProductsCsv(c) {
    const site = c.get('site');
    const text = await readCsvBody(c);
    const { products, errors } = parseProductsCsv(text, PRODUCT_LIMITS.csvRows);
    if (errors.length > 0) throw new ProblemError(422, 'invalid-rows', `${errors.length} problem(s) in the file; nothing was saved.`, errors.slice(0, 100));
    const db = c.env.DB;
    const now = c.get('now');
    const existing = await existingSubjects(db, site.id, products.map((p) => p.subject));
    if (products.length > 0) {
      await db.batch([
        upsertProducts(db, site.id, products, now),
        insertAudit(db, { siteId: site.id, actor: SECRET_KEY_ACTOR, action: 'product.import', target: null, before: null, after: { rows: products.length }, createdAt: now }),
        bumpContentVersion(db, site.id),
      ]);
    }
    const answer: ProductsImported = { rows: products.length, created: products.length - existing.size, updated: existing.size };
    return c.json(answer);
  });
