/**
 * WebP: a RIFF container whose size must match the file exactly, holding a simple lossy (VP8),
 * lossless (VP8L) or extended (VP8X) image. The size comes from the VP8X canvas or the VP8/VP8L
 * frame header. EXIF, XMP and ICC chunks are dropped and, for VP8X, their flags cleared and the
 * RIFF size rewritten, so the result is a valid file without any pixel being decoded.
 */
import { ascii, checkSize, concat, Malformed, refuse, u24le, u32le, type ImageVerdict, type PhotoLimits } from './types.ts';

const KEPT_EXTENDED = new Set(['VP8 ', 'VP8L', 'ALPH', 'ANIM', 'ANMF']);
const FLAG_ICC = 0x20;
const FLAG_EXIF = 0x08;
const FLAG_XMP = 0x04;

export function isWebp(b: Uint8Array): boolean {
  return ascii(b, 0, 4) === 'RIFF' && ascii(b, 8, 4) === 'WEBP';
}

function frameSize(b: Uint8Array, type: string, data: number, length: number): { width: number; height: number } {
  if (type === 'VP8 ') {
    // A key frame: bit 0 of the frame tag is 0, then the start code 9d 01 2a, then 14-bit sizes.
    if (length < 10 || ((b[data] ?? 1) & 1) !== 0 || b[data + 3] !== 0x9d || b[data + 4] !== 0x01 || b[data + 5] !== 0x2a) {
      throw new Malformed('The WebP lossy frame header is invalid.');
    }
    return { width: (b[data + 6] ?? 0) | (((b[data + 7] ?? 0) & 0x3f) << 8), height: (b[data + 8] ?? 0) | (((b[data + 9] ?? 0) & 0x3f) << 8) };
  }
  if (length < 5 || b[data] !== 0x2f) throw new Malformed('The WebP lossless header is invalid.');
  const bits = u32le(b, data + 1);
  return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
}

export function cleanWebp(b: Uint8Array, limits: PhotoLimits): ImageVerdict {
  if (!isWebp(b)) return refuse('unsupported', 'Not a WebP.');
  const riffSize = u32le(b, 4);
  if (riffSize + 8 < b.length) {
    return refuse('malformed', `The WebP carries ${b.length - riffSize - 8} bytes after its container; files with hidden content are refused.`);
  }
  if (riffSize + 8 > b.length || riffSize % 2 === 1) throw new Malformed('The WebP is truncated.');
  const chunks: { type: string; start: number; data: number; length: number; end: number }[] = [];
  for (let at = 12; at < b.length; ) {
    const type = ascii(b, at, 4);
    const length = u32le(b, at + 4);
    const end = at + 8 + length + (length % 2);
    if (!/^[A-Za-z0-9 ]{4}$/.test(type) || end > b.length) throw new Malformed('The WebP ends inside a chunk.');
    chunks.push({ type, start: at, data: at + 8, length, end });
    at = end;
  }
  const head = chunks[0];
  if (!head) throw new Malformed('The WebP holds no image.');

  if (head.type === 'VP8 ' || head.type === 'VP8L') {
    const size = frameSize(b, head.type, head.data, head.length);
    const tooBig = checkSize(size.width, size.height, limits);
    if (tooBig) return tooBig;
    return rebuild(b, [b.subarray(head.start, head.end)], size);
  }
  if (head.type !== 'VP8X' || head.length < 10) return refuse('unsupported', 'The WebP holds no image format browsers read.');
  const size = { width: u24le(b, head.data + 4) + 1, height: u24le(b, head.data + 7) + 1 };
  const tooBig = checkSize(size.width, size.height, limits);
  if (tooBig) return tooBig;
  const body = chunks.slice(1).filter((c) => KEPT_EXTENDED.has(c.type));
  const image = body.find((c) => c.type === 'VP8 ' || c.type === 'VP8L' || c.type === 'ANMF');
  if (!image) throw new Malformed('The WebP holds no image data.');
  if (image.type !== 'ANMF') {
    const frame = frameSize(b, image.type, image.data, image.length);
    if (frame.width !== size.width || frame.height !== size.height) throw new Malformed('The WebP frame does not match its canvas.');
  }
  const vp8x = b.slice(head.start, head.end);
  vp8x[8] = (vp8x[8] ?? 0) & ~(FLAG_ICC | FLAG_EXIF | FLAG_XMP);
  return rebuild(b, [vp8x, ...body.map((c) => b.subarray(c.start, c.end))], size);
}

function rebuild(b: Uint8Array, chunks: Uint8Array[], size: { width: number; height: number }): ImageVerdict {
  const bytes = concat([b.subarray(0, 12), ...chunks]);
  new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength).setUint32(4, bytes.length - 8, true);
  return { ok: true, type: 'webp', width: size.width, height: size.height, bytes };
}
