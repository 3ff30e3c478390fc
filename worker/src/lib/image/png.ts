/**
 * PNG: checks the signature, that IHDR comes first with valid fields, each chunk's CRC, at least
 * one IDAT and an IEND with nothing after it, all without inflating any pixel data. The size
 * limit is checked on IHDR, before anything else is read, so a 50,000 × 50,000 header is refused
 * at once. Only chunks a decoder needs to show the picture faithfully are kept: text (tEXt,
 * iTXt, zTXt), eXIf, tIME, ICC profiles (iCCP) and any unknown ancillary chunk are dropped;
 * an unknown critical chunk makes the file unreadable for browsers and is refused.
 */
import { ascii, checkSize, concat, Malformed, refuse, u32be, type ImageVerdict, type PhotoLimits } from './types.ts';

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const KEPT = new Set(['IHDR', 'PLTE', 'IDAT', 'IEND', 'tRNS', 'gAMA', 'cHRM', 'sRGB', 'sBIT', 'bKGD', 'pHYs']);
/** Allowed bit depths per colour type (PNG spec, table 11.1). */
const DEPTHS: Record<number, readonly number[]> = { 0: [1, 2, 4, 8, 16], 2: [8, 16], 3: [1, 2, 4, 8], 4: [8, 16], 6: [8, 16] };

let crcTable: Uint32Array | null = null;

export function crc32(b: Uint8Array, from: number, to: number): number {
  if (!crcTable) {
    crcTable = new Uint32Array(256);
    for (let n = 0; n < 256; n++) {
      let c = n;
      for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
      crcTable[n] = c >>> 0;
    }
  }
  let c = 0xffffffff;
  for (let i = from; i < to; i++) c = (crcTable[(c ^ (b[i] ?? 0)) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

export function isPng(b: Uint8Array): boolean {
  return SIGNATURE.every((v, i) => b[i] === v);
}

export function cleanPng(b: Uint8Array, limits: PhotoLimits): ImageVerdict {
  if (!isPng(b)) return refuse('unsupported', 'Not a PNG.');
  const parts: Uint8Array[] = [b.subarray(0, 8)];
  let at = 8;
  let first = true;
  let idat = false;
  let size: { width: number; height: number } | null = null;
  for (;;) {
    const length = u32be(b, at);
    const type = ascii(b, at + 4, 4);
    if (!/^[A-Za-z]{4}$/.test(type)) throw new Malformed(`The PNG has an invalid chunk at offset ${at}.`);
    if (first) {
      if (type !== 'IHDR' || length !== 13) throw new Malformed('The PNG does not start with its header chunk.');
      size = { width: u32be(b, at + 8), height: u32be(b, at + 12) };
      // Before anything else: a bomb's header is refused without reading further.
      const tooBig = checkSize(size.width, size.height, limits);
      if (tooBig) return tooBig;
      const depth = b[at + 16] ?? 0;
      const colour = b[at + 17] ?? 0;
      if (!DEPTHS[colour]?.includes(depth) || b[at + 18] !== 0 || b[at + 19] !== 0 || (b[at + 20] ?? 2) > 1) {
        throw new Malformed('The PNG header has invalid fields.');
      }
    } else if (type === 'IHDR') throw new Malformed('The PNG has two header chunks.');
    first = false;
    const end = at + 12 + length;
    if (length > 0x7fffffff || end > b.length) throw new Malformed('The PNG ends inside a chunk.');
    if (crc32(b, at + 4, at + 8 + length) !== u32be(b, at + 8 + length)) {
      throw new Malformed(`The PNG chunk ${type} fails its checksum.`);
    }
    const critical = (type.charCodeAt(0) & 0x20) === 0;
    if (critical && !KEPT.has(type)) return refuse('unsupported', `The PNG has a chunk (${type}) browsers cannot read.`);
    if (type === 'IDAT') idat = true;
    if (KEPT.has(type)) parts.push(b.subarray(at, end));
    at = end;
    if (type === 'IEND') {
      if (!idat || !size) throw new Malformed('The PNG has no image data.');
      if (at !== b.length) {
        return refuse('malformed', `The PNG carries ${b.length - at} bytes after its end chunk; files with hidden content are refused.`);
      }
      return { ok: true, type: 'png', width: size.width, height: size.height, bytes: concat(parts) };
    }
  }
}
