/**
 * `POST /v1/sites/{site}/uploads` and `GET /v1/sites/{site}/photos/{id}`: review photos.
 *
 * An upload is one image as the raw body. Its type is decided by its bytes (lib/image), never by
 * the declared Content-Type or a file name; it is refused (415, 413 or 422, nothing stored)
 * unless it is a well-formed JPEG, PNG or WebP within the size limits. What is stored is the
 * image rebuilt without its metadata. `?thumbOf={id}` stores the body as the thumbnail of an
 * earlier upload, once, before a review claims it; without one the original serves as thumb.
 *
 * Serving answers only for photos of published reviews, with a fixed image type, `nosniff`, a
 * sandbox CSP (a hostile file opened directly runs nothing) and immutable caching keyed by the
 * content hash, which the URL also carries.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import * as z from 'zod/mini';
import { MAX_UPLOAD_BYTES, PHOTO_MIME_TYPES, PhotoId, PhotoQuery, UploadQuery, type PhotoSize, type UploadCreated } from '../../../shared/photos.ts';
import { IdempotencyKey } from '../../../shared/submission.ts';
import type { AppEnv } from '../types.ts';
import { insertPhoto, readPhoto, readPhotoByUploadKey, readPublicPhoto, setThumb, type PhotoRow } from '../db/photos.ts';
import { cleanImage, IMAGE_MIME, PHOTO_LIMITS, type CleanImage } from '../lib/image/index.ts';
import { newId, toHex } from '../lib/crypto.ts';
import { photoVersion } from '../lib/photo-urls.ts';
import { ProblemError } from '../lib/problem.ts';
import { valid } from '../lib/validate.ts';

const IdempotencyHeader = z.object({ 'idempotency-key': IdempotencyKey });
const ACCEPTED = PHOTO_MIME_TYPES.join(', ');
/** Thumbnails are small by construction; a big "thumbnail" is not one. */
const THUMB_LIMITS = { maxPixels: 1_000_000, maxSide: 1000 };

const tooLarge = () => new ProblemError(413, 'photo-too-large', `A photo may be at most ${MAX_UPLOAD_BYTES / 1024 / 1024} MB.`);

/** Refuses a declared type that is not an image we take, before reading the body. */
async function requireImageType(c: Context<AppEnv>, next: () => Promise<void>): Promise<void> {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!(PHOTO_MIME_TYPES as readonly string[]).includes(type)) {
    throw new ProblemError(415, 'unsupported-photo-type', `Send one photo as the raw body with Content-Type ${ACCEPTED}.`);
  }
  await next();
}

/** The cleaned image, or the problem that says why the bytes were refused. */
function inspect(bytes: Uint8Array, limits = PHOTO_LIMITS): CleanImage {
  const verdict = cleanImage(bytes, limits);
  if (verdict.ok) return verdict;
  if (verdict.reason === 'too-large') throw new ProblemError(422, 'photo-too-many-pixels', verdict.detail);
  throw new ProblemError(415, 'unsupported-photo-type', `${verdict.detail} Photos must be ${ACCEPTED} images.`);
}

async function sha256(bytes: Uint8Array): Promise<string> {
  return toHex(await crypto.subtle.digest('SHA-256', bytes));
}

function created(c: Context<AppEnv>, row: Pick<PhotoRow, 'id' | 'width' | 'height'>, replayed: boolean): Response {
  const answer: UploadCreated = { id: row.id, width: row.width, height: row.height };
  return c.json(answer, 201, replayed ? { 'idempotency-replayed': 'true' } : {});
}

function keyReused(): ProblemError {
  return new ProblemError(422, 'idempotency-key-reused', 'This Idempotency-Key was already used for a different photo. Use a new key for a new photo.');
}

/** Stores `image` as the thumbnail of upload `id`; once only, and only before a review claims it. */
async function storeThumb(c: Context<AppEnv>, id: string, image: CleanImage, hash: string): Promise<Response> {
  const site = c.get('site');
  const photo = await readPhoto(c.env.DB, site.id, id);
  if (!photo) throw new ProblemError(404, 'photo-not-found', 'There is no upload with this id on this site.');
  if (photo.thumb) {
    if (photo.thumb.hash === hash) return created(c, { id, width: photo.thumb.width, height: photo.thumb.height }, true);
    throw new ProblemError(409, 'thumbnail-exists', 'This photo already has its thumbnail.');
  }
  if (photo.submissionId) throw new ProblemError(409, 'photo-claimed', 'This photo already belongs to a review; its thumbnail cannot change.');
  const thumb = { r2Key: `${site.id}/${id}/${hash}.thumb`, type: image.type, hash, width: image.width, height: image.height };
  await c.env.PHOTOS.put(thumb.r2Key, image.bytes, { httpMetadata: { contentType: IMAGE_MIME[image.type] }, sha256: hash });
  if (!(await setThumb(c.env.DB, site.id, id, thumb))) {
    // A concurrent thumbnail or claim won; ours must not linger unreferenced.
    await c.env.PHOTOS.delete(thumb.r2Key);
    throw new ProblemError(409, 'thumbnail-exists', 'This photo already has its thumbnail.');
  }
  return created(c, { id, width: image.width, height: image.height }, false);
}

function photoHeaders(row: PhotoRow, size: PhotoSize, cache: string): Record<string, string> {
  const type = size === 'thumb' && row.thumb ? row.thumb.type : row.type;
  return {
    'content-type': IMAGE_MIME[type],
    'x-content-type-options': 'nosniff',
    'content-security-policy': 'sandbox',
    'cross-origin-resource-policy': 'cross-origin',
    'content-disposition': 'inline',
    'cache-control': cache,
    etag: `"${photoVersion(row, size)}"`,
  };
}

/**
 * Answers with the bytes of one photo. `cache` differs: public photos are immutable for a year,
 * staff views (pending and hidden photos) are never stored by any cache.
 */
export async function servePhoto(c: Context<AppEnv>, row: PhotoRow, size: PhotoSize, v: string | undefined, cache: string): Promise<Response> {
  const version = photoVersion(row, size);
  // A URL made for other bytes must not be cached as pointing at these.
  if (v !== undefined && v !== version) throw new ProblemError(404, 'photo-not-found', 'This photo has changed; fetch the review again for its new address.');
  const headers = photoHeaders(row, size, cache);
  if (c.req.header('if-none-match') === headers.etag) return c.body(null, 304, headers);
  const object = await c.env.PHOTOS.get(size === 'thumb' && row.thumb ? row.thumb.r2Key : row.r2Key);
  if (!object) throw new ProblemError(404, 'photo-not-found', 'This photo is no longer stored.');
  return c.body(object.body, 200, { ...headers, 'content-length': String(object.size) });
}

export const photoRoutes = new Hono<AppEnv>()
  .post(
    '/uploads',
    requireImageType,
    valid('header', IdempotencyHeader),
    valid('query', UploadQuery),
    // Checks Content-Length first and counts the stream as it is read, for bodies sent chunked.
    bodyLimit({ maxSize: MAX_UPLOAD_BYTES, onError: () => { throw tooLarge(); } }),
    async function upload(c) {
      const site = c.get('site');
      const db = c.env.DB;
      const key = c.req.valid('header')['idempotency-key'];
      const { thumbOf } = c.req.valid('query');
      const raw = new Uint8Array(await c.req.arrayBuffer());
      if (raw.length > MAX_UPLOAD_BYTES) throw tooLarge();
      const image = inspect(raw, thumbOf ? THUMB_LIMITS : PHOTO_LIMITS);
      const hash = await sha256(image.bytes);
      if (thumbOf) return storeThumb(c, thumbOf, image, hash);

      const earlier = await readPhotoByUploadKey(db, site.id, key);
      if (earlier) {
        if (earlier.contentHash !== hash) throw keyReused();
        return created(c, earlier, true);
      }
      const id = newId(c.get('now'));
      const r2Key = `${site.id}/${id}/${hash}.full`;
      await c.env.PHOTOS.put(r2Key, image.bytes, { httpMetadata: { contentType: IMAGE_MIME[image.type] }, sha256: hash });
      try {
        await insertPhoto(db, {
          id,
          siteId: site.id,
          uploadKey: key,
          type: image.type,
          r2Key,
          contentHash: hash,
          width: image.width,
          height: image.height,
          bytes: image.bytes.length,
          createdAt: c.get('now'),
        }).run();
      } catch (err) {
        await c.env.PHOTOS.delete(r2Key);
        // Lost the race to a concurrent retry with the same key: answer as it did.
        const winner = await readPhotoByUploadKey(db, site.id, key);
        if (!winner) throw err;
        if (winner.contentHash !== hash) throw keyReused();
        return created(c, winner, true);
      }
      return created(c, { id, width: image.width, height: image.height }, false);
    },
  )
  .get('/photos/:id', valid('param', z.object({ id: PhotoId })), valid('query', PhotoQuery), async function readPublic(c) {
    const { size, v } = c.req.valid('query');
    const row = await readPublicPhoto(c.env.DB, c.get('site').id, c.req.valid('param').id);
    if (!row) throw new ProblemError(404, 'photo-not-found', 'There is no published photo with this id on this site.');
    return servePhoto(c, row, size, v, 'public, max-age=31536000, immutable');
  });
