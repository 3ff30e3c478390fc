import { describe, expect, it } from 'vitest';
import { cleanImage } from './index.ts';
import {
  BMP,
  cameraJpeg,
  contains,
  GIF,
  GPS_RATIONALS,
  HTML,
  join,
  JPEG_4x3,
  jpegSegment,
  PNG_4x3,
  pngChunk,
  pngHeader,
  SECRET_SERIAL,
  SVG,
  TIFF,
  WEBP_4x3,
  WEBP_LOSSLESS_4x3,
  withChunks,
  withSegments,
  XMP_GPS,
} from './fixtures.ts';

const text = (s: string) => new TextEncoder().encode(s);

describe('cleanImage accepts', () => {
  it.each([
    ['a baseline JPEG', JPEG_4x3, 'jpeg'],
    ['a PNG', PNG_4x3, 'png'],
    ['a lossy extended WebP', WEBP_4x3, 'webp'],
    ['a lossless extended WebP', WEBP_LOSSLESS_4x3, 'webp'],
  ] as const)('%s, and reads its size from the header', (_name, bytes, type) => {
    const verdict = cleanImage(bytes);
    expect(verdict).toMatchObject({ ok: true, type, width: 4, height: 3 });
  });

  it('cleaning twice changes nothing more (the result is already clean)', () => {
    for (const bytes of [cameraJpeg(), PNG_4x3, WEBP_4x3]) {
      const once = cleanImage(bytes);
      if (!once.ok) throw new Error(once.detail);
      const twice = cleanImage(once.bytes);
      expect(twice.ok && [...twice.bytes]).toEqual([...once.bytes]);
    }
  });
});

describe('cleanImage refuses', () => {
  const jpegBody = JPEG_4x3.subarray(0, JPEG_4x3.length - 2);
  it.each([
    ['an SVG', SVG, 'unsupported'],
    ['an HTML page (whatever its file name)', HTML, 'unsupported'],
    ['a GIF', GIF, 'unsupported'],
    ['a BMP', BMP, 'unsupported'],
    ['a TIFF', TIFF, 'unsupported'],
    ['an empty body', new Uint8Array(0), 'unsupported'],
    ['a JPEG signature alone', new Uint8Array([0xff, 0xd8, 0xff]), 'malformed'],
    ['a JPEG cut before its end marker', jpegBody, 'malformed'],
    ['a JPEG cut in half', JPEG_4x3.subarray(0, 400), 'malformed'],
    ['a JPEG with a script after EOI (polyglot)', join(JPEG_4x3, text('<script>alert(1)</script>')), 'malformed'],
    ['a JPEG with a ZIP after EOI (GIFAR-like)', join(JPEG_4x3, text('PK\u0003\u0004META-INF/MANIFEST.MF')), 'malformed'],
    ['a JPEG with no frame header', withSegments(new Uint8Array([0xff, 0xd8, 0xff, 0xd9])), 'malformed'],
    ['a PNG signature alone', PNG_4x3.subarray(0, 8), 'malformed'],
    ['a PNG cut inside its data', PNG_4x3.subarray(0, 50), 'malformed'],
    ['a PNG without IEND', PNG_4x3.subarray(0, PNG_4x3.length - 12), 'malformed'],
    ['a PNG with HTML after IEND', join(PNG_4x3, HTML), 'malformed'],
    ['a PNG whose chunk fails its CRC', PNG_4x3.map((v, i) => (i === 45 ? v ^ 1 : v)), 'malformed'],
    ['a PNG with an unknown critical chunk', withChunks(PNG_4x3, pngChunk('HTML', text('<b>x</b>'))), 'unsupported'],
    ['a 50,000 × 50,000 PNG header (decompression bomb)', pngHeader(50_000, 50_000), 'too-large'],
    ['a 10,001 × 1 PNG header (a side too long)', pngHeader(10_001, 1), 'too-large'],
    ['a 7,000 × 7,000 PNG header (49 megapixels)', pngHeader(7_000, 7_000), 'too-large'],
    ['a 0 × 3 PNG header', pngHeader(0, 3), 'malformed'],
    ['a WebP cut short', WEBP_4x3.subarray(0, 100), 'malformed'],
    ['a WebP with bytes after its container', join(WEBP_4x3, HTML), 'malformed'],
    ['a RIFF that is not WebP (WAVE)', join(text('RIFF'), new Uint8Array([4, 0, 0, 0]), text('WAVE')), 'unsupported'],
  ])('%s', (_name, bytes, reason) => {
    const verdict = cleanImage(bytes);
    expect(verdict).toMatchObject({ ok: false, reason });
  });

  it('a JPEG whose frame claims 50,000 × 50,000, without reading its scan', () => {
    const huge = JPEG_4x3.slice();
    const sof = huge.findIndex((v, i) => v === 0xff && huge[i + 1] === 0xc0);
    new DataView(huge.buffer).setUint16(sof + 5, 50_000);
    new DataView(huge.buffer).setUint16(sof + 7, 50_000);
    expect(cleanImage(huge)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('a WebP canvas of 16,384 × 16,384', () => {
    const huge = WEBP_4x3.slice();
    huge.set([0xff, 0x3f, 0x00, 0xff, 0x3f, 0x00], 24);
    expect(cleanImage(huge)).toMatchObject({ ok: false, reason: 'too-large' });
  });

  it('never throws on arbitrary prefixes of valid images', () => {
    for (const image of [JPEG_4x3, PNG_4x3, WEBP_4x3, WEBP_LOSSLESS_4x3]) {
      for (let n = 0; n < image.length; n++) {
        const verdict = cleanImage(image.subarray(0, n));
        expect(verdict.ok).toBe(false);
      }
    }
  });
});

describe('cleanImage removes metadata', () => {
  it('drops EXIF (GPS, serial), XMP, IPTC, comments and ICC from a JPEG', () => {
    const photo = cameraJpeg();
    expect(contains(photo, SECRET_SERIAL) && contains(photo, GPS_RATIONALS) && contains(photo, XMP_GPS)).toBe(true);
    const verdict = cleanImage(photo);
    if (!verdict.ok) throw new Error(verdict.detail);
    for (const secret of [SECRET_SERIAL, GPS_RATIONALS, XMP_GPS, 'Exif', 'http://ns.adobe.com/xap', 'Photoshop', 'ICC_PROFILE']) {
      expect(contains(verdict.bytes, secret), String(secret)).toBe(false);
    }
    expect(contains(verdict.bytes, 'JFIF')).toBe(true);
    expect(verdict.bytes.length).toBeLessThan(JPEG_4x3.length);
  });

  it('keeps the JPEG tables, frame and scan byte for byte', () => {
    const verdict = cleanImage(JPEG_4x3);
    if (!verdict.ok) throw new Error(verdict.detail);
    const dqt = JPEG_4x3.findIndex((v, i) => v === 0xff && JPEG_4x3[i + 1] === 0xdb);
    const tail = JPEG_4x3.subarray(dqt);
    expect([...verdict.bytes.subarray(verdict.bytes.length - tail.length)]).toEqual([...tail]);
  });

  it('drops an APP1 segment hidden behind fill bytes', () => {
    const hidden = withSegments(JPEG_4x3, new Uint8Array([0xff, 0xff]), jpegSegment(0xe1, text(`Exif\0\0${SECRET_SERIAL}`)));
    const verdict = cleanImage(hidden);
    expect(verdict.ok && contains(verdict.bytes, SECRET_SERIAL)).toBe(false);
  });

  it('drops tEXt, iTXt, zTXt, eXIf and tIME chunks from a PNG and keeps it valid', () => {
    const tagged = withChunks(
      PNG_4x3,
      pngChunk('tEXt', text(`Comment\0${SECRET_SERIAL}`)),
      pngChunk('iTXt', text(`XML:com.adobe.xmp\0\0\0\0\0${XMP_GPS}`)),
      pngChunk('zTXt', text('Author\0\0x')),
      pngChunk('eXIf', join(text('MM\0*'), GPS_RATIONALS)),
      pngChunk('tIME', new Uint8Array([7, 234, 11, 30, 12, 0, 0])),
      pngChunk('pHYs', new Uint8Array([0, 0, 11, 19, 0, 0, 11, 19, 1])),
    );
    const verdict = cleanImage(tagged);
    if (!verdict.ok) throw new Error(verdict.detail);
    for (const secret of [SECRET_SERIAL, XMP_GPS, GPS_RATIONALS, 'tEXt', 'iTXt', 'zTXt', 'eXIf', 'tIME']) {
      expect(contains(verdict.bytes, secret), String(secret)).toBe(false);
    }
    expect(contains(verdict.bytes, 'pHYs')).toBe(true);
    expect(cleanImage(verdict.bytes).ok).toBe(true);
  });

  it('drops EXIF, XMP and ICC chunks from a WebP, clearing their flags and fixing the RIFF size', () => {
    const exif = join(text('EXIF'), new Uint8Array([24, 0, 0, 0]), text('MM\0*'), GPS_RATIONALS.subarray(0, 20));
    const xmp = join(text('XMP '), new Uint8Array([XMP_GPS.length + 1, 0, 0, 0]), text(`${XMP_GPS} `));
    const tagged = join(WEBP_4x3, exif, xmp);
    new DataView(tagged.buffer).setUint32(4, tagged.length - 8, true);
    tagged[20] = (tagged[20] ?? 0) | 0x08 | 0x04;
    const verdict = cleanImage(tagged);
    if (!verdict.ok) throw new Error(verdict.detail);
    expect(contains(verdict.bytes, XMP_GPS) || contains(verdict.bytes, 'ICCP') || contains(verdict.bytes, 'EXIF')).toBe(false);
    expect((verdict.bytes[20] ?? 0) & (0x20 | 0x08 | 0x04)).toBe(0);
    expect(new DataView(verdict.bytes.buffer).getUint32(4, true)).toBe(verdict.bytes.length - 8);
  });
});
