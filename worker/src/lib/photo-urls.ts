/**
 * The public and staff URLs of a photo. Each carries the first 16 hex digits of the content
 * hash (`v`), so the immutable caching of one URL can never pin bytes that later changed.
 */
import type { PhotoSize, PublicPhoto } from '../../../shared/photos.ts';
import type { PhotoRow } from '../db/photos.ts';

export function photoVersion(row: PhotoRow, size: PhotoSize): string {
  return (size === 'thumb' && row.thumb ? row.thumb.hash : row.contentHash).slice(0, 16);
}

function url(base: string, path: string, row: PhotoRow, size: PhotoSize): string {
  const u = new URL(path, base);
  u.search = new URLSearchParams({ size, v: photoVersion(row, size) }).toString();
  return u.toString();
}

/** The URLs of a photo of a published review, absolute on the origin that answered `requestUrl`. */
export function publicPhoto(requestUrl: string, siteId: string, row: PhotoRow): PublicPhoto {
  const path = `/v1/sites/${encodeURIComponent(siteId)}/photos/${encodeURIComponent(row.id)}`;
  return {
    id: row.id,
    thumb: { url: url(requestUrl, path, row, 'thumb'), width: row.thumb?.width ?? row.width, height: row.thumb?.height ?? row.height },
    full: { url: url(requestUrl, path, row, 'full'), width: row.width, height: row.height },
  };
}

/** The same photo through the staff API, which also serves pending reviews' and hidden photos. */
export function staffPhoto(requestUrl: string, row: PhotoRow): PublicPhoto & { hidden: boolean } {
  const path = `/v1/admin/photos/${encodeURIComponent(row.id)}`;
  return {
    id: row.id,
    thumb: { url: url(requestUrl, path, row, 'thumb'), width: row.thumb?.width ?? row.width, height: row.thumb?.height ?? row.height },
    full: { url: url(requestUrl, path, row, 'full'), width: row.width, height: row.height },
    hidden: row.hidden,
  };
}
