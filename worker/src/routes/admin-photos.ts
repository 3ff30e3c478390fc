/**
 * Staff side of review photos: the photos of any submission (pending ones included, hidden ones
 * marked), their bytes (never cached: a pending review's photo is not public), and hiding one
 * photo without touching its review. Every hide and unhide is audited.
 */
import { Hono } from 'hono';
import * as z from 'zod/mini';
import { PhotoHiddenInput, PhotoId, PhotoQuery, type AdminPhotos } from '../../../shared/photos.ts';
import type { AppEnv } from '../types.ts';
import { insertAudit } from '../db/audit.ts';
import { readPhoto, readPhotosOf, setPhotoHidden } from '../db/photos.ts';
import { bumpContentVersion } from '../db/sites.ts';
import { staffPhoto } from '../lib/photo-urls.ts';
import { ProblemError } from '../lib/problem.ts';
import { requireJson, valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';
import { servePhoto } from './photos.ts';

const Param = z.object({ id: PhotoId });
const ListQuery = z.strictObject({ submission: z.string().check(z.regex(/^[A-Za-z0-9_-]{1,64}$/)) });

const notFound = () => new ProblemError(404, 'photo-not-found', 'There is no photo with this id on this site.');

export const adminPhotoRoutes = new Hono<AppEnv>()
  .use('/photos', refuseCrossSite, requireStaff)
  .use('/photos/*', refuseCrossSite, requireStaff)
  .get('/photos', valid('query', ListQuery), async function listPhotos(c) {
    const { siteId } = c.get('staff');
    const submission = c.req.valid('query').submission;
    const photos = (await readPhotosOf(c.env.DB, siteId, [submission], { includeHidden: true })).get(submission) ?? [];
    const answer: AdminPhotos = { items: photos.map((p) => staffPhoto(c.req.url, p)) };
    return c.json(answer, 200, { 'cache-control': 'no-store' });
  })
  .get('/photos/:id', valid('param', Param), valid('query', PhotoQuery), async function readStaffPhoto(c) {
    const row = await readPhoto(c.env.DB, c.get('staff').siteId, c.req.valid('param').id);
    if (!row) throw notFound();
    const { size, v } = c.req.valid('query');
    return servePhoto(c, row, size, v, 'private, no-store');
  })
  .post('/photos/:id/hidden', valid('param', Param), requireJson, valid('json', PhotoHiddenInput), async function hidePhoto(c) {
    const staff = c.get('staff');
    const db = c.env.DB;
    const row = await readPhoto(db, staff.siteId, c.req.valid('param').id);
    if (!row) throw notFound();
    const { hidden } = c.req.valid('json');
    if (row.hidden !== hidden) {
      await db.batch([
        setPhotoHidden(db, staff.siteId, row.id, hidden),
        insertAudit(db, {
          siteId: staff.siteId,
          actor: staff.staffId,
          action: hidden ? 'photo.hide' : 'photo.show',
          target: row.submissionId,
          before: { photo: row.id, hidden: row.hidden },
          after: { photo: row.id, hidden },
          createdAt: c.get('now'),
        }),
        // Public pages are cached under the content version: the change must reach them.
        bumpContentVersion(db, staff.siteId),
      ]);
    }
    return c.json(staffPhoto(c.req.url, { ...row, hidden }));
  });
