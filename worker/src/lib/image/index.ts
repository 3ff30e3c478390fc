/**
 * Photo bytes in, a verdict out: is this a JPEG, PNG or WebP by its bytes (never by a declared
 * type or file name), how big is it, and the same image with its metadata removed. Pure: no
 * I/O, nothing decoded, so it is safe on hostile input and its cost is linear in the bytes.
 *
 * @example
 * ```ts
 * const verdict = cleanImage(bytes);
 * if (!verdict.ok) throw new ProblemError(verdict.reason === 'too-large' ? 422 : 415, ...);
 * await env.PHOTOS.put(key, verdict.bytes);
 * ```
 */
import { cleanJpeg } from './jpeg.ts';
import { cleanPng, isPng } from './png.ts';
import { cleanWebp, isWebp } from './webp.ts';
import { Malformed, PHOTO_LIMITS, refuse, type ImageVerdict, type PhotoLimits } from './types.ts';

export { IMAGE_MIME, PHOTO_LIMITS, type CleanImage, type ImageType, type ImageVerdict, type PhotoLimits, type Refusal } from './types.ts';

export const ACCEPTED_TYPES = 'JPEG, PNG or WebP';

export function cleanImage(bytes: Uint8Array, limits: PhotoLimits = PHOTO_LIMITS): ImageVerdict {
  try {
    if (bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return cleanJpeg(bytes, limits);
    if (isPng(bytes)) return cleanPng(bytes, limits);
    if (isWebp(bytes)) return cleanWebp(bytes, limits);
    return refuse('unsupported', `This file is not a ${ACCEPTED_TYPES} image.`);
  } catch (err) {
    if (err instanceof Malformed) return refuse('malformed', err.message);
    throw err;
  }
}
