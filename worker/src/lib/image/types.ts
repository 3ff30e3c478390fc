/** What the image parsers share: the verdict shape, the limits and a byte reader. */

export type ImageType = 'jpeg' | 'png' | 'webp';

export const IMAGE_MIME: Record<ImageType, string> = {
  jpeg: 'image/jpeg',
  png: 'image/png',
  webp: 'image/webp',
};

export interface PhotoLimits {
  /** Width × height; past this a decoder would need hundreds of MB (decompression bombs). */
  maxPixels: number;
  /** Longest side in pixels. */
  maxSide: number;
}

export const PHOTO_LIMITS: PhotoLimits = { maxPixels: 40_000_000, maxSide: 10_000 };

/**
 * Why bytes were refused: `unsupported` (not JPEG, PNG or WebP at all), `malformed` (claims to
 * be one but its structure is broken, truncated or carries bytes after its end), `too-large`
 * (a valid header whose dimensions are past the limits; nothing was decoded).
 */
export type Refusal = { ok: false; reason: 'unsupported' | 'malformed' | 'too-large'; detail: string };

export interface CleanImage {
  ok: true;
  type: ImageType;
  width: number;
  height: number;
  /** The same image with its metadata containers removed; pixels untouched. */
  bytes: Uint8Array;
}

export type ImageVerdict = CleanImage | Refusal;

export class Malformed extends Error {
  constructor(detail: string) {
    super(detail);
    this.name = 'Malformed';
  }
}

export function refuse(reason: Refusal['reason'], detail: string): Refusal {
  return { ok: false, reason, detail };
}

/** Refuses dimensions that are zero or past the limits. */
export function checkSize(width: number, height: number, limits: PhotoLimits): Refusal | null {
  if (width < 1 || height < 1) return refuse('malformed', 'The image has no width or height.');
  if (width > limits.maxSide || height > limits.maxSide || width * height > limits.maxPixels) {
    return refuse(
      'too-large',
      `The image is ${width} × ${height} pixels; photos may be at most ${limits.maxSide} pixels on a side and ${limits.maxPixels / 1_000_000} megapixels.`,
    );
  }
  return null;
}

export function u16be(b: Uint8Array, at: number): number {
  if (at + 2 > b.length) throw new Malformed('The file ends inside a header.');
  return ((b[at] ?? 0) << 8) | (b[at + 1] ?? 0);
}

export function u32be(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) throw new Malformed('The file ends inside a header.');
  return (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
}

export function u24le(b: Uint8Array, at: number): number {
  if (at + 3 > b.length) throw new Malformed('The file ends inside a header.');
  return (b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16);
}

export function u32le(b: Uint8Array, at: number): number {
  if (at + 4 > b.length) throw new Malformed('The file ends inside a header.');
  return ((b[at] ?? 0) | ((b[at + 1] ?? 0) << 8) | ((b[at + 2] ?? 0) << 16) | ((b[at + 3] ?? 0) << 24)) >>> 0;
}

export function ascii(b: Uint8Array, at: number, length: number): string {
  let s = '';
  for (let i = at; i < at + length && i < b.length; i++) s += String.fromCharCode(b[i] ?? 0);
  return s;
}

/** Joins the kept slices of the input into one new buffer. */
export function concat(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}
