/**
 * Review photos: the row of each upload (its R2 keys, content hash and size), claiming uploads
 * for a review, the public and staff reads, hiding, and erasure. The bytes live in R2; only
 * `erasePhotosFor` touches the bucket, because erasure must remove both in one step.
 */
import type { ImageType } from '../lib/image/index.ts';

export interface PhotoRow {
  id: string;
  siteId: string;
  submissionId: string | null;
  uploadKey: string;
  type: ImageType;
  r2Key: string;
  contentHash: string;
  width: number;
  height: number;
  bytes: number;
  thumb: { r2Key: string; type: ImageType; hash: string; width: number; height: number } | null;
  hidden: boolean;
  createdAt: number;
}

interface PhotoRecord {
  id: string;
  site_id: string;
  submission_id: string | null;
  upload_key: string;
  type: ImageType;
  r2_key: string;
  content_hash: string;
  width: number;
  height: number;
  bytes: number;
  thumb_r2_key: string | null;
  thumb_type: ImageType | null;
  thumb_hash: string | null;
  thumb_width: number | null;
  thumb_height: number | null;
  hidden: number;
  created_at: number;
}

const COLUMNS = `p.id, p.site_id, p.submission_id, p.upload_key, p.type, p.r2_key, p.content_hash, p.width, p.height,
  p.bytes, p.thumb_r2_key, p.thumb_type, p.thumb_hash, p.thumb_width, p.thumb_height, p.hidden, p.created_at`;

function toPhoto(r: PhotoRecord): PhotoRow {
  return {
    id: r.id,
    siteId: r.site_id,
    submissionId: r.submission_id,
    uploadKey: r.upload_key,
    type: r.type,
    r2Key: r.r2_key,
    contentHash: r.content_hash,
    width: r.width,
    height: r.height,
    bytes: r.bytes,
    thumb:
      r.thumb_r2_key && r.thumb_type && r.thumb_hash && r.thumb_width && r.thumb_height
        ? { r2Key: r.thumb_r2_key, type: r.thumb_type, hash: r.thumb_hash, width: r.thumb_width, height: r.thumb_height }
        : null,
    hidden: r.hidden === 1,
    createdAt: r.created_at,
  };
}

export async function readPhotoByUploadKey(db: D1Database, siteId: string, key: string): Promise<PhotoRow | null> {
  const row = await db
    .prepare(`SELECT ${COLUMNS} FROM photos AS p WHERE p.site_id = ?1 AND p.upload_key = ?2`)
    .bind(siteId, key)
    .first<PhotoRecord>();
  return row ? toPhoto(row) : null;
}

export async function readPhoto(db: D1Database, siteId: string, id: string): Promise<PhotoRow | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM photos AS p WHERE p.id = ?1 AND p.site_id = ?2`).bind(id, siteId).first<PhotoRecord>();
  return row ? toPhoto(row) : null;
}

/**
 * A photo the public may see: not hidden, on a published review of this site. Everything else
 * (an unclaimed upload, a pending or rejected review's photo, another site's) reads as absent.
 */
export async function readPublicPhoto(db: D1Database, siteId: string, id: string): Promise<PhotoRow | null> {
  const row = await db
    .prepare(
      `SELECT ${COLUMNS} FROM photos AS p JOIN submissions AS s ON s.id = p.submission_id
       WHERE p.id = ?1 AND p.site_id = ?2 AND p.hidden = 0 AND s.site_id = ?2 AND s.kind = 'review' AND s.status = 'published'`,
    )
    .bind(id, siteId)
    .first<PhotoRecord>();
  return row ? toPhoto(row) : null;
}

/** The insert of a new upload; the unique (site, upload key) index makes the first of racing retries win. */
export function insertPhoto(db: D1Database, p: Omit<PhotoRow, 'thumb' | 'hidden' | 'submissionId'>): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO photos (id, site_id, upload_key, type, r2_key, content_hash, width, height, bytes, created_at)
       VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)`,
    )
    .bind(p.id, p.siteId, p.uploadKey, p.type, p.r2Key, p.contentHash, p.width, p.height, p.bytes, p.createdAt);
}

/** Sets an unclaimed upload's thumbnail once; `changes` is 0 when it already had one or was claimed. */
export async function setThumb(db: D1Database, siteId: string, id: string, thumb: NonNullable<PhotoRow['thumb']>): Promise<boolean> {
  const result = await db
    .prepare(
      `UPDATE photos SET thumb_r2_key = ?3, thumb_type = ?4, thumb_hash = ?5, thumb_width = ?6, thumb_height = ?7
       WHERE id = ?1 AND site_id = ?2 AND submission_id IS NULL AND thumb_r2_key IS NULL`,
    )
    .bind(id, siteId, thumb.r2Key, thumb.type, thumb.hash, thumb.width, thumb.height)
    .run();
  return result.meta.changes === 1;
}

/** Which of `ids` are this site's uploads, and which review (if any) already claimed each. */
export async function readClaims(db: D1Database, siteId: string, ids: readonly string[]): Promise<Map<string, string | null>> {
  if (ids.length === 0) return new Map();
  const { results } = await db
    .prepare(`SELECT id, submission_id FROM photos WHERE site_id = ?1 AND id IN (${ids.map((_, i) => `?${i + 2}`).join(', ')})`)
    .bind(siteId, ...ids)
    .all<{ id: string; submission_id: string | null }>();
  return new Map(results.map((r) => [r.id, r.submission_id]));
}

/**
 * Claims uploads for a review, in the submission's batch. A photo another review claimed in the
 * meantime makes the statement write NULL into a NOT NULL column, which fails the whole batch:
 * no review ever ends up sharing a photo, and no review is stored without the photos it names.
 */
export function claimPhotos(db: D1Database, siteId: string, submissionId: string, ids: readonly string[]): D1PreparedStatement {
  return db
    .prepare(
      `UPDATE photos SET submission_id = ?2, width = CASE WHEN submission_id IS NULL THEN width ELSE NULL END
       WHERE site_id = ?1 AND id IN (${ids.map((_, i) => `?${i + 3}`).join(', ')})`,
    )
    .bind(siteId, submissionId, ...ids);
}

/** The photos of these reviews, oldest first, grouped by review; hidden ones only when asked. */
export async function readPhotosOf(
  db: D1Database,
  siteId: string,
  submissionIds: readonly string[],
  options: { includeHidden: boolean },
): Promise<Map<string, PhotoRow[]>> {
  const grouped = new Map<string, PhotoRow[]>();
  for (const ids of chunks(submissionIds)) {
    const { results } = await db
      .prepare(
        `SELECT ${COLUMNS} FROM photos AS p WHERE p.site_id = ?1 ${options.includeHidden ? '' : 'AND p.hidden = 0'}
         AND p.submission_id IN (${ids.map((_, i) => `?${i + 2}`).join(', ')}) ORDER BY p.created_at, p.id`,
      )
      .bind(siteId, ...ids)
      .all<PhotoRecord>();
    for (const r of results) {
      const photo = toPhoto(r);
      const key = photo.submissionId ?? '';
      grouped.set(key, [...(grouped.get(key) ?? []), photo]);
    }
  }
  return grouped;
}

/** D1 binds at most 100 parameters per statement; lists of ids go in slices that leave room. */
function chunks<T>(items: readonly T[], size = 90): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}

export function setPhotoHidden(db: D1Database, siteId: string, id: string, hidden: boolean): D1PreparedStatement {
  return db.prepare('UPDATE photos SET hidden = ?3 WHERE id = ?1 AND site_id = ?2').bind(id, siteId, hidden ? 1 : 0);
}

/**
 * Erasure of the photos of these submissions: deletes their objects from R2 now (originals and
 * thumbnails) and returns the statement that deletes their rows, for the erasure's own batch.
 * Objects go first: if the batch then fails, a retry finds the rows and deletes nothing twice,
 * while the other order could leave a shopper's photo stored with no row pointing at it.
 */
export async function erasePhotosFor(
  env: { DB: D1Database; PHOTOS: R2Bucket },
  siteId: string,
  submissionIds: readonly string[],
): Promise<D1PreparedStatement[]> {
  if (submissionIds.length === 0) return [];
  const photos = [...(await readPhotosOf(env.DB, siteId, submissionIds, { includeHidden: true })).values()].flat();
  const keys = photos.flatMap((p) => [p.r2Key, ...(p.thumb ? [p.thumb.r2Key] : [])]);
  for (const slice of chunks(keys, 1000)) await env.PHOTOS.delete(slice);
  return chunks(submissionIds).map((ids) =>
    env.DB.prepare(`DELETE FROM photos WHERE site_id = ?1 AND submission_id IN (${ids.map((_, i) => `?${i + 2}`).join(', ')})`).bind(
      siteId,
      ...ids,
    ),
  );
}

/** Uploads no review claimed within `maxAgeMs`: a shopper who picked photos and left. */
export async function listUnclaimed(db: D1Database, before: number, limit: number): Promise<PhotoRow[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM photos AS p WHERE p.submission_id IS NULL AND p.created_at < ?1 ORDER BY p.created_at LIMIT ?2`)
    .bind(before, limit)
    .all<PhotoRecord>();
  return results.map(toPhoto);
}

/** Deletes unclaimed uploads' rows; a row claimed in the meantime stays. */
export function deleteUnclaimed(db: D1Database, ids: readonly string[]): D1PreparedStatement {
  return db.prepare(`DELETE FROM photos WHERE submission_id IS NULL AND id IN (${ids.map((_, i) => `?${i + 1}`).join(', ')})`).bind(...ids);
}

/** Which of `ids` still have a row. */
export async function existingPhotoIds(db: D1Database, ids: readonly string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (const slice of chunks(ids)) {
    const { results } = await db
      .prepare(`SELECT id FROM photos WHERE id IN (${slice.map((_, i) => `?${i + 1}`).join(', ')})`)
      .bind(...slice)
      .all<{ id: string }>();
    for (const r of results) found.add(r.id);
  }
  return found;
}

/**
 * The visible photos of the published product reviews in one page of the Google feed, the
 * reviews from `(fromAt, fromId)` to `(toAt, toId)` in (published_at, id) order, grouped by
 * review: one query per feed page, on the same index the page itself was read from.
 */
export async function readFeedPhotos(
  db: D1Database,
  siteId: string,
  from: readonly [number, string],
  to: readonly [number, string],
): Promise<Map<string, PhotoRow[]>> {
  const { results } = await db
    .prepare(
      `SELECT ${COLUMNS} FROM submissions AS s INDEXED BY submissions_site_newest
       JOIN photos AS p ON p.submission_id = s.id AND p.site_id = s.site_id
       WHERE s.site_id = ?1 AND s.kind = 'review' AND s.status = 'published' AND s.subject != '' AND p.hidden = 0
         AND (s.published_at, s.id) >= (?2, ?3) AND (s.published_at, s.id) <= (?4, ?5)
       ORDER BY p.created_at, p.id`,
    )
    .bind(siteId, from[0], from[1], to[0], to[1])
    .all<PhotoRecord>();
  const grouped = new Map<string, PhotoRow[]>();
  for (const r of results) {
    const photo = toPhoto(r);
    const key = photo.submissionId ?? '';
    grouped.set(key, [...(grouped.get(key) ?? []), photo]);
  }
  return grouped;
}
