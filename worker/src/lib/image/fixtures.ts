/**
 * Test images, made for this project with Chromium's canvas (`canvas.toDataURL`, 4 × 3 pixels),
 * and builders for hostile variants. Imported by tests only. Chromium embeds its sRGB ICC
 * profile in the JPEG and the WebP, which makes them real-world samples of metadata to drop.
 */
import { crc32 } from './png.ts';

const b64 = (s: string) => Uint8Array.from(atob(s), (c) => c.charCodeAt(0));

export const JPEG_4x3 = b64(
  '/9j/4AAQSkZJRgABAQAAAQABAAD/4gHYSUNDX1BST0ZJTEUAAQEAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADb/2wBDAAYEBQYFBAYGBQYHBwYIChAKCgkJChQODwwQFxQYGBcUFhYaHSUfGhsjHBYWICwgIyYnKSopGR8tMC0oMCUoKSj/2wBDAQcHBwoIChMKChMoGhYaKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCgoKCj/wAARCAADAAQDASIAAhEBAxEB/8QAFQABAQAAAAAAAAAAAAAAAAAAAAb/xAAZEAADAQEBAAAAAAAAAAAAAAAAAQIDETH/xAAVAQEBAAAAAAAAAAAAAAAAAAAFB//EABcRAQEBAQAAAAAAAAAAAAAAAAIBABH/2gAMAwEAAhEDEQA/AJPLOcoUQuSvEAANtNVK9t1VJgkJnJN//9k=',
);

export const PNG_4x3 = b64(
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADCAYAAAC09K7GAAAAKElEQVR4AVzIMQ0AAAgDwaaWKgpNeMJTSQcWPrnlKY1jJAfxYqMQ9xcAAP//PQAXFgAAAAZJREFUAwCMZgrLq+4mzQAAAABJRU5ErkJggg==',
);

/** Extended (VP8X) lossy WebP with an ICC profile. */
export const WEBP_4x3 = b64(
  'UklGRjYCAABXRUJQVlA4WAoAAAAgAAAAAwAAAgAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDggSAAAAHACAJ0BKgQAAwABQCYlsAJ0ugB+AHlAA2ABZBAA/vGmCWNThmn8qXahax99crAt9xLnazn/2oair7f2tusP/YOP+wcfumAAAA==',
);

/** Extended (VP8X) lossless WebP with an ICC profile. */
export const WEBP_LOSSLESS_4x3 = b64(
  'UklGRgoCAABXRUJQVlA4WAoAAAAgAAAAAwAAAgAASUNDUMgBAAAAAAHIAAAAAAQwAABtbnRyUkdCIFhZWiAH4AABAAEAAAAAAABhY3NwAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAQAA9tYAAQAAAADTLQAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAlkZXNjAAAA8AAAACRyWFlaAAABFAAAABRnWFlaAAABKAAAABRiWFlaAAABPAAAABR3dHB0AAABUAAAABRyVFJDAAABZAAAAChnVFJDAAABZAAAAChiVFJDAAABZAAAAChjcHJ0AAABjAAAADxtbHVjAAAAAAAAAAEAAAAMZW5VUwAAAAgAAAAcAHMAUgBHAEJYWVogAAAAAAAAb6IAADj1AAADkFhZWiAAAAAAAABimQAAt4UAABjaWFlaIAAAAAAAACSgAAAPhAAAts9YWVogAAAAAAAA9tYAAQAAAADTLXBhcmEAAAAAAAQAAAACZmYAAPKnAAANWQAAE9AAAApbAAAAAAAAAABtbHVjAAAAAAAAAAEAAAAMZW5VUwAAACAAAAAcAEcAbwBvAGcAbABlACAASQBuAGMALgAgADIAMAAxADZWUDhMGwAAAC8DgAAADzAzn8n8GfP8RwsUAgiAIoEmov8BAwA=',
);

const text = (s: string) => new TextEncoder().encode(s);

export function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

/** A JPEG marker segment: FF, marker, 16-bit length, payload. */
export function jpegSegment(marker: number, payload: Uint8Array): Uint8Array {
  const length = payload.length + 2;
  return join(new Uint8Array([0xff, marker, length >> 8, length & 0xff]), payload);
}

/** Inserts segments right after a JPEG's SOI, where cameras put EXIF. */
export function withSegments(jpeg: Uint8Array, ...segments: Uint8Array[]): Uint8Array {
  return join(jpeg.subarray(0, 2), ...segments, jpeg.subarray(2));
}

export const SECRET_SERIAL = 'CAM-SERIAL-48213377';
/** 35°41'30" N, 51°23'10" E as the six big-endian RATIONALs a GPS IFD stores. */
export const GPS_RATIONALS = new Uint8Array(
  [35, 1, 41, 1, 30, 1, 51, 1, 23, 1, 10, 1].flatMap((v) => [0, 0, 0, v]),
);
export const XMP_GPS = 'exif:GPSLatitude="35,41.5N"';

/**
 * An APP1 Exif segment as a camera writes one: a big-endian TIFF header, IFD0 with the body
 * serial number (0xA431) and a pointer to a GPS IFD holding latitude and longitude.
 */
export function exifSegment(): Uint8Array {
  const serial = text(`${SECRET_SERIAL}\0`);
  // Layout (offsets from the TIFF header): header 8, IFD0 at 8 with 2 entries (2+24+4 = 30),
  // GPS IFD at 38 with 4 entries (2+48+4 = 54), serial at 92, rationals at 92+serial.
  const gpsIfd = 38;
  const serialAt = 92;
  const latAt = serialAt + serial.length;
  const lonAt = latAt + 24;
  const tiff = new Uint8Array(lonAt + 24);
  const v = new DataView(tiff.buffer);
  tiff.set(text('MM'), 0);
  v.setUint16(2, 42);
  v.setUint32(4, 8);
  v.setUint16(8, 2);
  const entry = (at: number, tag: number, type: number, count: number, value: number) => {
    v.setUint16(at, tag);
    v.setUint16(at + 2, type);
    v.setUint32(at + 4, count);
    v.setUint32(at + 8, value);
  };
  entry(10, 0x8825, 4, 1, gpsIfd);
  entry(22, 0xa431, 2, serial.length, serialAt);
  v.setUint32(34, 0);
  v.setUint16(gpsIfd, 4);
  entry(gpsIfd + 2, 0x0001, 2, 2, 0x4e000000); // 'N'
  entry(gpsIfd + 14, 0x0002, 5, 3, latAt);
  entry(gpsIfd + 26, 0x0003, 2, 2, 0x45000000); // 'E'
  entry(gpsIfd + 38, 0x0004, 5, 3, lonAt);
  v.setUint32(gpsIfd + 50, 0);
  tiff.set(serial, serialAt);
  tiff.set(GPS_RATIONALS, latAt);
  return jpegSegment(0xe1, join(text('Exif\0\0'), tiff));
}

export function xmpSegment(): Uint8Array {
  return jpegSegment(0xe1, text(`http://ns.adobe.com/xap/1.0/\0<x:xmpmeta><rdf:Description ${XMP_GPS} exif:BodySerialNumber="${SECRET_SERIAL}"/></x:xmpmeta>`));
}

/** A camera photo as it leaves the phone: EXIF with GPS and serial, XMP, IPTC and a comment. */
export function cameraJpeg(): Uint8Array {
  return withSegments(
    JPEG_4x3,
    exifSegment(),
    xmpSegment(),
    jpegSegment(0xed, text(`Photoshop 3.0\0 8BIM caption by ${SECRET_SERIAL}`)),
    jpegSegment(0xfe, text(`comment ${SECRET_SERIAL}`)),
  );
}

/** A PNG chunk with a correct CRC. */
export function pngChunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  out.set(text(type), 4);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

/** Inserts chunks right after a PNG's IHDR. */
export function withChunks(png: Uint8Array, ...chunks: Uint8Array[]): Uint8Array {
  return join(png.subarray(0, 33), ...chunks, png.subarray(33));
}

/** A PNG signature and a valid IHDR claiming `width` × `height`, and nothing else. */
export function pngHeader(width: number, height: number): Uint8Array {
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr.set([8, 6, 0, 0, 0], 8);
  return join(PNG_4x3.subarray(0, 8), pngChunk('IHDR', ihdr));
}

export const SVG = text('<?xml version="1.0"?><svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"><script>alert(2)</script></svg>');
export const HTML = text('<!doctype html><html><body><script>alert(document.cookie)</script></body></html>');
export const GIF = join(text('GIF89a'), new Uint8Array([4, 0, 3, 0, 0, 0, 0, 0x2c, 0, 0, 0, 0, 4, 0, 3, 0, 0, 2, 2, 0x44, 1, 0, 0x3b]));
export const BMP = join(text('BM'), new Uint8Array(52));
export const TIFF = join(text('II*\0'), new Uint8Array([8, 0, 0, 0, 0, 0]));

export function contains(haystack: Uint8Array, needle: Uint8Array | string): boolean {
  const n = typeof needle === 'string' ? text(needle) : needle;
  outer: for (let i = 0; i + n.length <= haystack.length; i++) {
    for (let j = 0; j < n.length; j++) if (haystack[i + j] !== n[j]) continue outer;
    return true;
  }
  return false;
}
