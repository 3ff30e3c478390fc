/**
 * JPEG: walks the marker segments from SOI to EOI without decoding any pixels, reads the frame
 * size from the SOF segment, and rebuilds the file from the segments a decoder needs. Kept:
 * APP0 (JFIF), APP14 "Adobe" (12 bytes that tell a decoder how to read CMYK colour), tables,
 * the frame, scans and restart markers. Dropped: every other APPn (EXIF with GPS and camera
 * serials, XMP, ICC profiles, IPTC/Photoshop, maker notes) and COM comments. Anything after
 * EOI is refused rather than trimmed: bytes there are how image/HTML polyglots are built.
 */
import { checkSize, concat, Malformed, refuse, u16be, type ImageVerdict, type PhotoLimits } from './types.ts';

/** SOF markers browsers decode: baseline, extended sequential and progressive Huffman. */
const DECODABLE_SOF = new Set([0xc0, 0xc1, 0xc2]);
/** The other SOF markers (lossless, hierarchical, arithmetic): valid JPEG, not shown by browsers. */
const OTHER_SOF = new Set([0xc3, 0xc5, 0xc6, 0xc7, 0xc9, 0xca, 0xcb, 0xcd, 0xce, 0xcf]);
const SOS = 0xda;
const EOI = 0xd9;
const SOI = 0xd8;
const APP0 = 0xe0;
const APP14 = 0xee;
const COM = 0xfe;

function isJfif(b: Uint8Array, data: number, length: number): boolean {
  return length >= 7 && b[data] === 0x4a && b[data + 1] === 0x46 && b[data + 2] === 0x49 && b[data + 3] === 0x46 && b[data + 4] === 0;
}

function isAdobe(b: Uint8Array, data: number, length: number): boolean {
  return length === 14 && b[data] === 0x41 && b[data + 1] === 0x64 && b[data + 2] === 0x6f && b[data + 3] === 0x62 && b[data + 4] === 0x65;
}

/** Whether a segment may stay in the stored file. */
function keep(marker: number, b: Uint8Array, data: number, length: number): boolean {
  if (marker === APP0) return isJfif(b, data, length);
  if (marker === APP14) return isAdobe(b, data, length);
  if (marker >= 0xe0 && marker <= 0xef) return false;
  return marker !== COM;
}

/** The end of the entropy-coded data that starts at `at`: the index of the next real marker's 0xFF. */
function scanEnd(b: Uint8Array, at: number): number {
  for (let i = at; i + 1 < b.length; i++) {
    if (b[i] !== 0xff) continue;
    const next = b[i + 1] ?? 0;
    // 0xFF00 is a stuffed data byte, RSTn are restart markers inside the scan, 0xFFFF is fill.
    if (next === 0 || (next >= 0xd0 && next <= 0xd7) || next === 0xff) continue;
    return i;
  }
  throw new Malformed('The JPEG ends inside its image data (no end-of-image marker).');
}

export function cleanJpeg(b: Uint8Array, limits: PhotoLimits): ImageVerdict {
  if (b[0] !== 0xff || b[1] !== SOI) return refuse('unsupported', 'Not a JPEG.');
  const parts: Uint8Array[] = [b.subarray(0, 2)];
  let at = 2;
  let size: { width: number; height: number } | null = null;
  let scans = 0;
  for (;;) {
    if (at >= b.length) throw new Malformed('The JPEG ends before its end-of-image marker.');
    if (b[at] !== 0xff) throw new Malformed(`The JPEG has stray bytes where a marker should be (offset ${at}).`);
    // Any number of 0xFF fill bytes may precede a marker.
    while (b[at] === 0xff && at < b.length) at++;
    if (at >= b.length) throw new Malformed('The JPEG ends inside a marker.');
    const marker = b[at] ?? 0;
    const start = at - 1;
    at++;
    if (marker === EOI) {
      if (!size || scans === 0) throw new Malformed('The JPEG ends before any image data.');
      if (at !== b.length) {
        return refuse('malformed', `The JPEG carries ${b.length - at} bytes after its end-of-image marker; files with hidden content are refused.`);
      }
      parts.push(b.subarray(start, at));
      return { ok: true, type: 'jpeg', width: size.width, height: size.height, bytes: concat(parts) };
    }
    if (marker === SOI || marker === 0x00 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      throw new Malformed(`The JPEG has a misplaced marker 0x${marker.toString(16)}.`);
    }
    const length = u16be(b, at);
    if (length < 2 || at + length > b.length) throw new Malformed('The JPEG ends inside a segment.');
    const data = at + 2;
    const end = at + length;
    if (DECODABLE_SOF.has(marker)) {
      if (size) throw new Malformed('The JPEG has two frame headers.');
      if (length < 8) throw new Malformed('The JPEG frame header is too short.');
      size = { height: u16be(b, data + 1), width: u16be(b, data + 3) };
      const tooBig = checkSize(size.width, size.height, limits);
      if (tooBig) return tooBig;
    } else if (OTHER_SOF.has(marker)) {
      return refuse('unsupported', 'This JPEG uses a coding (lossless, hierarchical or arithmetic) that browsers cannot show.');
    }
    if (keep(marker, b, data, length)) parts.push(b.subarray(start, end));
    at = end;
    if (marker === SOS) {
      if (!size) throw new Malformed('The JPEG starts its image data before its frame header.');
      scans++;
      const dataEnd = scanEnd(b, at);
      parts.push(b.subarray(at, dataEnd));
      at = dataEnd;
    }
  }
}
