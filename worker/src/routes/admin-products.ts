/**
 * `/v1/admin/products`: staff see and edit the catalogue from the console. The list pages by
 * subject (keyset); every change is audited in the same batch and bumps the content version.
 */
import { Hono } from 'hono';
import type { AppEnv } from '../types.ts';
import { ProductInput, ProductsQuery, ProductSubject, type ProductsPage } from '../../../shared/products.ts';
import { insertAudit } from '../db/audit.ts';
import { deleteProduct, listProducts, readProduct } from '../db/products.ts';
import { bumpContentVersion } from '../db/sites.ts';
import { ProblemError } from '../lib/problem.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';
import { saveProduct, subjectParam } from './products.ts';

export const adminProductRoutes = new Hono<AppEnv>()
  .use('/products', refuseCrossSite, requireStaff)
  .use('/products/*', refuseCrossSite, requireStaff)
  .get('/products', valid('query', ProductsQuery), async function listCatalogue(c) {
    const { cursor, limit, q } = c.req.valid('query');
    if (cursor !== undefined && !ProductSubject.safeParse(cursor).success) {
      throw new ProblemError(400, 'bad-cursor', 'The cursor is not one this API gave out.');
    }
    const rows = await listProducts(c.env.DB, c.get('staff').siteId, { after: cursor ?? null, prefix: q?.trim() || null, limit: limit + 1 });
    const items = rows.slice(0, limit);
    const page: ProductsPage = { items, nextCursor: rows.length > limit ? (items.at(-1)?.subject ?? null) : null };
    return c.json(page);
  })

  .get('/products/:subject', async function readCatalogueItem(c) {
    const product = await readProduct(c.env.DB, c.get('staff').siteId, subjectParam(c.req.param('subject')));
    if (!product) throw new ProblemError(404, 'product-not-found', 'This site has no product with that subject.');
    return c.json({ product });
  })

  .put('/products/:subject', requireJson, valid('json', ProductInput), async function editProduct(c) {
    const { siteId, staffId } = c.get('staff');
    const answer = await saveProduct(c.env.DB, siteId, staffId, subjectParam(c.req.param('subject')), c.req.valid('json'), c.get('now'));
    return c.json(answer, answer.created ? 201 : 200);
  })

  .delete('/products/:subject', async function removeProduct(c) {
    const { siteId, staffId } = c.get('staff');
    const subject = subjectParam(c.req.param('subject'));
    const now = c.get('now');
    const db = c.env.DB;
    const before = await readProduct(db, siteId, subject);
    if (!before) throw new ProblemError(404, 'product-not-found', 'This site has no product with that subject.');
    await db.batch([
      deleteProduct(db, siteId, subject),
      insertAudit(db, { siteId, actor: staffId, action: 'product.delete', target: subject, before, after: null, createdAt: now }),
      bumpContentVersion(db, siteId),
    ]);
    return c.json({ subject, deleted: true });
  });
