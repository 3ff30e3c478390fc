/**
 * Getting a photo ready in the browser: decoded, scaled to at most 1600 px on its long side and
 * re-encoded as JPEG (which leaves every metadata segment behind: GPS, camera serial, comments),
 * a 400 px thumbnail made the same way, and both uploaded with progress (XHR: fetch reports no
 * upload progress). The worker still strips metadata itself; this only spares the shopper's
 * bandwidth and keeps their location off the wire.
 */
import { PHOTO_LONG_SIDE, THUMB_LONG_SIDE, type UploadCreated } from '../../../shared/photos.ts';
import { siteUrl, type SiteRef } from './api.ts';
import { fitWithin } from './photo-view.ts';

export interface Prepared {
  full: Blob;
  thumb: Blob;
}

async function encode(bitmap: ImageBitmap, longSide: number, quality: number): Promise<Blob> {
  const size = fitWithin(bitmap.width, bitmap.height, longSide);
  const canvas = document.createElement('canvas');
  canvas.width = size.width;
  canvas.height = size.height;
  const g = canvas.getContext('2d');
  if (!g) throw new Error('no canvas');
  // JPEG has no transparency: a transparent PNG becomes white, not black.
  g.fillStyle = '#fff';
  g.fillRect(0, 0, size.width, size.height);
  g.drawImage(bitmap, 0, 0, size.width, size.height);
  return new Promise((resolve, reject) => canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('encode'))), 'image/jpeg', quality));
}

/** Rejects when the browser cannot decode the file as an image (then it is not a photo we take). */
export async function preparePhoto(file: Blob): Promise<Prepared> {
  const bitmap = await createImageBitmap(file, { imageOrientation: 'from-image' });
  try {
    return { full: await encode(bitmap, PHOTO_LONG_SIDE, 0.85), thumb: await encode(bitmap, THUMB_LONG_SIDE, 0.8) };
  } finally {
    bitmap.close();
  }
}

/**
 * A new Idempotency-Key: 128 random bits in hex, as the API wants. Not `randomUUID`: merchant
 * pages on plain http are no secure context, and it is missing there.
 */
export function uploadKey(): string {
  return [...crypto.getRandomValues(new Uint8Array(16))].map((b) => b.toString(16).padStart(2, '0')).join('');
}

export type UploadResult = { ok: true; created: UploadCreated } | { ok: false; status: number; detail: string };

/**
 * POSTs one image; `onProgress` gets 0..1. Resolves with the answer for any HTTP status and
 * rejects only when the network failed (then the same key may be tried again).
 */
export function uploadBlob(api: SiteRef, blob: Blob, key: string, onProgress: (f: number) => void, thumbOf?: string): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', siteUrl(api, `/uploads${thumbOf ? `?thumbOf=${encodeURIComponent(thumbOf)}` : ''}`));
    xhr.withCredentials = false;
    xhr.setRequestHeader('Content-Type', blob.type || 'image/jpeg');
    xhr.setRequestHeader('Idempotency-Key', key);
    xhr.upload.onprogress = (e) => e.lengthComputable && onProgress(e.loaded / e.total);
    xhr.onerror = () => reject(new Error('network'));
    xhr.onload = () => {
      let body: unknown = null;
      try {
        body = JSON.parse(xhr.responseText);
      } catch {
        // A proxy's HTML error page: the status says enough.
      }
      if (xhr.status === 201 && body && typeof body === 'object' && 'id' in body) resolve({ ok: true, created: body as UploadCreated });
      else {
        const detail = body && typeof body === 'object' && 'detail' in body && typeof body.detail === 'string' ? body.detail : '';
        resolve({ ok: false, status: xhr.status, detail });
      }
    };
    xhr.send(blob);
  });
}
