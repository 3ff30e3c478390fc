import { describe, expect, it } from 'vitest';
import judgeme from '../../../test/fixtures/imports/judgeme.csv?raw';
import shopify from '../../../test/fixtures/imports/shopify.csv?raw';
import okendo from '../../../test/fixtures/imports/okendo.csv?raw';
import yotpo from '../../../test/fixtures/imports/yotpo.csv?raw';
import generic from '../../../test/fixtures/imports/generic.csv?raw';
import type { ImportSource } from '../../../shared/imports.ts';
import { parseCsv, toRecords } from '../lib/csv-parse.ts';
import { importKeySource, mapImportRow, missingColumns, parseExportDate, type ImportedReview } from './import-map.ts';

const NOW = Date.UTC(2026, 0, 1);

function mapFile(source: ImportSource, text: string) {
  const { headers, records } = toRecords(parseCsv(text).rows);
  const mapped = records.map((r, i) => mapImportRow(source, r, i + 2, NOW));
  return {
    missing: missingColumns(source, headers),
    reviews: mapped.flatMap((m) => (m.review ? [m.review] : [])),
    errors: mapped.flatMap((m) => m.errors),
  };
}

describe('parseExportDate', () => {
  it.each([
    ['2023-04-12 09:15:00 UTC', '2023-04-12T09:15:00.000Z'],
    ['2022-09-15T16:45:00+03:30', '2022-09-15T13:15:00.000Z'],
    ['2022-09-15 16:45:00 +0330', '2022-09-15T13:15:00.000Z'],
    ['2021-11-20', '2021-11-20T00:00:00.000Z'],
    ['2020-02-14 20:00:00', '2020-02-14T20:00:00.000Z'],
    ['3/15/2024', '2024-03-15T00:00:00.000Z'],
    ['12/31/2023 23:59', '2023-12-31T23:59:00.000Z'],
  ])('reads %s', (input, expected) => {
    expect(new Date(parseExportDate(input) ?? NaN).toISOString()).toBe(expected);
  });
  it.each(['', 'yesterday', '2/30/2024', '2024-13-01', '15/03/2024'])('refuses %j', (input) => {
    expect(parseExportDate(input)).toBeNull();
  });
});

describe('mapImportRow on each platform fixture', () => {
  it('Judge.me: keeps dates, replies and formula text; spam stays spam; a 6-star row is an error', () => {
    const { missing, reviews, errors } = mapFile('judgeme', judgeme);
    expect(missing).toEqual([]);
    expect(reviews.map((r) => [r.subject, r.rating, r.status])).toEqual([
      ['travel-mug', 5, 'published'],
      ['travel-mug', 4, 'published'],
      ['steel-bottle', 2, 'published'],
      ['steel-bottle', 1, 'spam'],
    ]);
    expect(reviews[0]).toMatchObject({
      title: 'Sturdy and warm',
      body: 'Kept my tea hot for the whole commute.\r\nWould buy again.',
      authorName: 'Hannah Brooks',
      authorEmail: 'hannah@example.com',
      createdAt: Date.UTC(2023, 3, 12, 9, 15),
      reply: 'Thank you, Hannah!',
      replyAt: Date.UTC(2023, 3, 13, 10),
      verified: false,
      lang: 'en',
    });
    expect(reviews[1]).toMatchObject({ authorName: 'نگار احمدی', lang: 'fa', reply: 'ممنون از خرید شما' });
    expect(reviews[2]?.body.startsWith('=HYPERLINK(')).toBe(true);
    expect(errors).toEqual([{ row: 6, field: 'rating', message: 'must be a whole number of stars from 1 to 5' }]);
  });

  it('Shopify: a BOM-prefixed file; unpublished rows are hidden; zone offsets are honoured', () => {
    const { missing, reviews, errors } = mapFile('shopify', shopify);
    expect(missing).toEqual([]);
    expect(errors).toEqual([]);
    expect(reviews.map((r) => r.status)).toEqual(['published', 'published', 'hidden']);
    expect(reviews[1]).toMatchObject({ lang: 'fa', createdAt: Date.UTC(2022, 8, 15, 13, 15), reply: null });
    expect(reviews[0]).toMatchObject({ reply: 'Glad it fits!', replyAt: Date.UTC(2022, 7, 2, 9) });
  });

  it('Okendo: the handle names the product; verified only where the file says so', () => {
    const { reviews, errors } = mapFile('okendo', okendo);
    expect(errors).toEqual([]);
    expect(reviews.map((r) => [r.subject, r.verified, r.reply])).toEqual([
      ['yoga-mat', true, 'Thanks Priya!'],
      ['yoga-mat', false, null],
    ]);
  });

  it('Yotpo: review ids become the key; comment_content is the reply; unpublished rows are hidden', () => {
    const { reviews, errors } = mapFile('yotpo', yotpo);
    expect(errors).toEqual([]);
    expect(reviews.map((r) => [r.platformId, r.rating, r.status])).toEqual([
      ['90001', 4, 'published'],
      ['90002', 5, 'published'],
      ['90003', 1, 'hidden'],
    ]);
    expect(reviews[0]).toMatchObject({ reply: 'We will pass the note about the case on.', replyAt: Date.UTC(2020, 1, 16, 9, 30) });
    expect(reviews[1]?.body).toBe('صدای شفاف و باتری قوی؛ "پیشنهاد می‌کنم".');
  });

  it('generic: every documented column', () => {
    const { reviews, errors } = mapFile('generic', generic);
    expect(errors).toEqual([]);
    expect(reviews.map((r) => [r.platformId, r.verified, r.createdAt])).toEqual([
      ['g-1', true, Date.UTC(2024, 0, 10, 8)],
      ['g-2', false, Date.UTC(2024, 1, 20)],
      ['g-3', true, Date.UTC(2024, 2, 15)],
    ]);
  });
});

describe('mapImportRow checks', () => {
  const ok = { subject: 'mug', rating: '5', body: 'Nice', name: 'A', date: '2024-01-01' };
  it.each([
    ['a missing product', { ...ok, subject: '' }, 'subject'],
    ['a subject with spaces', { ...ok, subject: 'my mug' }, 'subject'],
    ['a half star', { ...ok, rating: '4.5' }, 'rating'],
    ['zero stars', { ...ok, rating: '0' }, 'rating'],
    ['an empty body', { ...ok, body: '  ' }, 'body'],
    ['a body over the limit', { ...ok, body: 'x'.repeat(5001) }, 'body'],
    ['a missing name', { ...ok, name: '' }, 'name'],
    ['a bad email', { ...ok, email: 'not-an-email' }, 'email'],
    ['an unreadable date', { ...ok, date: 'last week' }, 'date'],
    ['a date in the future', { ...ok, date: '2027-01-01' }, 'date'],
  ])('reports %s', (_name, record, field) => {
    const out = mapImportRow('generic', record, 9, NOW);
    expect(out.review).toBeNull();
    expect(out.errors.map((e) => [e.row, e.field])).toEqual([[9, field]]);
  });

  it('removes invisible control characters instead of refusing history', () => {
    const out = mapImportRow('generic', { ...ok, body: 'Nice\u200B mug\u202E' }, 2, NOW);
    expect(out.review?.body).toBe('Nice mug');
  });

  it('reports the columns a file lacks, as the platform names them', () => {
    expect(missingColumns('yotpo', ['reviewtitle', 'reviewcontent'])).toEqual(['productid', 'reviewscore', 'displayname', 'date']);
  });
});

describe('importKeySource', () => {
  const review: ImportedReview = {
    platformId: null, subject: 'mug', rating: 5, title: null, body: 'Nice', authorName: 'A', authorEmail: null,
    createdAt: 1, reply: null, replyAt: null, verified: false, status: 'published', lang: 'en',
  };
  it('uses the platform id when there is one, whatever else changed', () => {
    expect(importKeySource('yotpo', { ...review, platformId: '7' })).toBe(importKeySource('yotpo', { ...review, platformId: '7', body: 'Edited' }));
  });
  it('uses the content otherwise, so an edited review is a new key', () => {
    expect(importKeySource('judgeme', review)).not.toBe(importKeySource('judgeme', { ...review, body: 'Edited' }));
  });
  it('keeps platforms apart', () => {
    expect(importKeySource('judgeme', review)).not.toBe(importKeySource('okendo', review));
  });
});
