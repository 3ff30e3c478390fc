/**
 * Cron step: photos uploaded but never attached to a review (the shopper picked them and left,
 * or removed them from the form) are deleted after a day, objects and rows, so nothing a
 * shopper chose not to send stays stored.
 */
import { deleteUnclaimed, existingPhotoIds, listUnclaimed } from './db/photos.ts';

export const UNCLAIMED_PHOTO_TTL_MS = 24 * 60 * 60 * 1000;

/** One batch; returns how many uploads it deleted. */
export async function sweepUnclaimedPhotos(env: Env, now: number, batch = 50): Promise<number> {
  const stale = await listUnclaimed(env.DB, now - UNCLAIMED_PHOTO_TTL_MS, batch);
  if (stale.length === 0) return 0;
  // Rows first: one a review claimed a moment ago survives the conditional delete, and only the
  // objects of rows that are really gone are deleted after it.
  await deleteUnclaimed(env.DB, stale.map((p) => p.id)).run();
  const kept = await existingPhotoIds(env.DB, stale.map((p) => p.id));
  const keys = stale.filter((p) => !kept.has(p.id)).flatMap((p) => [p.r2Key, ...(p.thumb ? [p.thumb.r2Key] : [])]);
  if (keys.length > 0) await env.PHOTOS.delete(keys);
  return stale.length;
}
