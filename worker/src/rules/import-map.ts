/**
 * How a row of another platform's review export becomes a Rebound review. Pure: the caller
 * parses the CSV (lib/csv-parse.ts), this maps and checks each record, and the clock comes in
 * as `nowMs`. Column names are each platform's published export/import headers (docs/IMPORTS.md
 * says which were confirmed); headers are matched folded (`headerKey`), so `Review Title`,
 * `review_title` and `reviewTitle` are one column.
 */
import { Email, Subject } from '../../../shared/submission.ts';
import type { ImportRowError, ImportSource } from '../../../shared/imports.ts';
import { LIMITS } from '../../../shared/limits.ts';
import { stripForbiddenCharacters } from '../../../shared/text.ts';
import type { Lang } from '../../../shared/submission.ts';
import { guessLang } from './lang.ts';

/** One review as the file describes it, checked and ready to store. */
export interface ImportedReview {
  /** The platform's own review id, when the file has one: the import key is built from it. */
  platformId: string | null;
  subject: string;
  rating: number;
  title: string | null;
  body: string;
  authorName: string;
  authorEmail: string | null;
  createdAt: number;
  reply: string | null;
  replyAt: number | null;
  verified: boolean;
  status: 'published' | 'hidden' | 'spam';
  lang: Lang;
}

type Field = 'id' | 'subject' | 'rating' | 'title' | 'body' | 'name' | 'email' | 'date' | 'reply' | 'replyDate' | 'verified' | 'state';

/** Folded header names per field, first match wins; `required` fields must be in the header. */
interface Layout {
  columns: Record<Field, readonly string[]>;
  required: readonly Field[];
  /** What the platform's state/published column says, folded to our statuses. */
  state: (value: string) => ImportedReview['status'];
}

const VERIFIED = ['verified', 'verifiedbuyer', 'isverified', 'isverifiedbuyer', 'verifiedpurchase'];
const TRUE = new Set(['true', 'yes', 'y', '1', 'verified', 'buyer', 'verified buyer']);

function published(value: string): ImportedReview['status'] {
  const v = value.trim().toLowerCase();
  if (v === '' || v === 'published' || v === 'ok' || v === 'approved' || TRUE.has(v)) return 'published';
  return v === 'spam' ? 'spam' : 'hidden';
}

export const LAYOUTS: Record<ImportSource, Layout> = {
  // Judge.me's review export: title, body, rating, review_date, source, curated ("ok", "spam",
  // "not-yet"), reviewer_name, reviewer_email, product_id, product_handle, reply, reply_date,
  // picture_urls, ip_address, location. Some exports say review_title and hidden/verified.
  judgeme: {
    columns: {
      id: ['id', 'reviewid'],
      subject: ['producthandle', 'productid'],
      rating: ['rating'],
      title: ['title', 'reviewtitle'],
      body: ['body'],
      name: ['reviewername'],
      email: ['revieweremail'],
      date: ['reviewdate'],
      reply: ['reply'],
      replyDate: ['replydate'],
      verified: VERIFIED,
      state: ['curated', 'published'],
    },
    required: ['subject', 'rating', 'body', 'name', 'date'],
    state: (v) => (v.trim().toLowerCase() === 'not-yet' ? 'hidden' : published(v)),
  },
  // Shopify Product Reviews (the retired Shopify app): product_handle, state, rating, title,
  // author, email, location, body, reply, created_at, replied_at.
  shopify: {
    columns: {
      id: ['id'],
      subject: ['producthandle'],
      rating: ['rating'],
      title: ['title'],
      body: ['body'],
      name: ['author'],
      email: ['email'],
      date: ['createdat'],
      reply: ['reply'],
      replyDate: ['repliedat'],
      verified: VERIFIED,
      state: ['state'],
    },
    required: ['subject', 'rating', 'body', 'name', 'date'],
    state: published,
  },
  // Okendo's import template: name, body, handle | productId | sku, rating, dateCreated, plus
  // title, email, countryCode, imageUrls ... Reply and verified columns are not confirmed.
  okendo: {
    columns: {
      id: ['reviewid', 'id'],
      subject: ['handle', 'productid', 'sku'],
      rating: ['rating'],
      title: ['title'],
      body: ['body'],
      name: ['name'],
      email: ['email'],
      date: ['datecreated'],
      reply: ['reply', 'replybody'],
      replyDate: ['replydate', 'replydatecreated'],
      verified: VERIFIED,
      state: ['status', 'published'],
    },
    required: ['subject', 'rating', 'body', 'name', 'date'],
    state: published,
  },
  // Yotpo's reviews CSV: published, review_title, review_content, review_score, date,
  // product_id, display_name, email, comment_content (the store's public comment), ...
  yotpo: {
    columns: {
      id: ['reviewid', 'id'],
      subject: ['productid', 'sku'],
      rating: ['reviewscore'],
      title: ['reviewtitle'],
      body: ['reviewcontent'],
      name: ['displayname'],
      email: ['email'],
      date: ['date'],
      reply: ['commentcontent'],
      replyDate: ['commentcreatedat', 'commentdate'],
      verified: VERIFIED,
      state: ['published'],
    },
    required: ['subject', 'rating', 'body', 'name', 'date'],
    state: published,
  },
  // Rebound's own documented format (docs/IMPORTS.md).
  generic: {
    columns: {
      id: ['id'],
      subject: ['subject'],
      rating: ['rating'],
      title: ['title'],
      body: ['body'],
      name: ['name'],
      email: ['email'],
      date: ['date'],
      reply: ['reply'],
      replyDate: ['replydate'],
      verified: ['verified'],
      state: ['status'],
    },
    required: ['subject', 'rating', 'body', 'name', 'date'],
    state: published,
  },
};

/** The header names the file lacks for `source`, as the platform spells them (folded). */
export function missingColumns(source: ImportSource, headers: readonly string[]): string[] {
  const layout = LAYOUTS[source];
  return layout.required.filter((f) => !layout.columns[f].some((c) => headers.includes(c))).map((f) => layout.columns[f][0] ?? f);
}

const DAY = 86_400_000;

/**
 * Export dates come as ISO 8601, `2024-03-05 14:02:11 UTC`, `2024-03-05 14:02:11 +0330`, a bare
 * `2024-03-05`, or US `3/5/2024`. A date without a zone is read as UTC. Null when unreadable.
 */
export function parseExportDate(value: string): number | null {
  let v = value.trim();
  if (v === '') return null;
  const us = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:\s+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/.exec(v);
  if (us) {
    const [, mo, d, y, h = '0', mi = '0', s = '0'] = us;
    const ms = Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(s));
    const back = new Date(ms);
    return back.getUTCDate() === Number(d) && back.getUTCMonth() === Number(mo) - 1 ? ms : null;
  }
  const iso = /^(\d{4}-\d{2}-\d{2})(?:[T\s](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?))?\s*(Z|UTC|GMT|[+-]\d{2}:?\d{2})?$/i.exec(v);
  if (!iso) return null;
  const [, date, time = '00:00:00', zone = 'Z'] = iso;
  const offset = /^(?:Z|UTC|GMT)$/i.test(zone) ? 'Z' : zone.replace(/^([+-]\d{2})(\d{2})$/, '$1:$2');
  v = `${date}T${time}${offset}`;
  const ms = Date.parse(v);
  return Number.isNaN(ms) ? null : ms;
}

function cell(record: Readonly<Record<string, string>>, names: readonly string[]): { column: string; value: string } | null {
  for (const name of names) {
    const value = record[name];
    if (value !== undefined && value.trim() !== '') return { column: name, value };
  }
  return null;
}

/** Imported text obeys the same character policy as typed text, by removal: the file is history. */
function clean(value: string): string {
  return stripForbiddenCharacters(value).trim();
}

/**
 * Maps one record (keys folded by `headerKey`) of a `source` export. `row` is the spreadsheet
 * row number used in errors. Either a review or every problem found in the row.
 */
export function mapImportRow(
  source: ImportSource,
  record: Readonly<Record<string, string>>,
  row: number,
  nowMs: number,
): { review: ImportedReview; errors: [] } | { review: null; errors: ImportRowError[] } {
  const layout = LAYOUTS[source];
  const errors: ImportRowError[] = [];
  const get = (f: Field) => cell(record, layout.columns[f]);
  const fail = (field: string, message: string) => errors.push({ row, field, message });

  const subjectCell = get('subject');
  const subject = subjectCell ? clean(subjectCell.value) : '';
  if (!subject) fail(layout.columns.subject[0] ?? 'subject', 'the product is missing');
  else if (!Subject.safeParse(subject).success) fail(subjectCell?.column ?? 'subject', 'must be at most 200 letters, digits or . _ : / # @ + -');

  const ratingText = get('rating')?.value.trim() ?? '';
  const rating = Number(ratingText);
  if (!/^[1-5](?:\.0+)?$/.test(ratingText)) fail(layout.columns.rating[0] ?? 'rating', 'must be a whole number of stars from 1 to 5');

  const body = clean(get('body')?.value ?? '');
  if (!body) fail(layout.columns.body[0] ?? 'body', 'the review text is missing');
  else if (body.length > LIMITS.body) fail(layout.columns.body[0] ?? 'body', `is longer than ${LIMITS.body} characters`);

  const titleText = clean(get('title')?.value ?? '');
  if (titleText.length > LIMITS.title) fail(layout.columns.title[0] ?? 'title', `is longer than ${LIMITS.title} characters`);

  const authorName = clean(get('name')?.value ?? '');
  if (!authorName) fail(layout.columns.name[0] ?? 'name', 'the reviewer name is missing');
  else if (authorName.length > LIMITS.name) fail(layout.columns.name[0] ?? 'name', `is longer than ${LIMITS.name} characters`);

  const emailText = get('email')?.value.trim() ?? '';
  if (emailText && !Email.safeParse(emailText).success) fail(layout.columns.email[0] ?? 'email', 'is not an email address');

  const dateCell = get('date');
  const createdAt = dateCell ? parseExportDate(dateCell.value) : null;
  if (createdAt === null) fail(layout.columns.date[0] ?? 'date', 'is not a date (use 2024-03-05 or 2024-03-05T14:02:11Z)');
  else if (createdAt > nowMs + DAY) fail(dateCell?.column ?? 'date', 'is in the future');

  const replyText = clean(get('reply')?.value ?? '');
  if (replyText.length > LIMITS.reply) fail(layout.columns.reply[0] ?? 'reply', `is longer than ${LIMITS.reply} characters`);
  const replyDateCell = get('replyDate');
  const replyDate = replyDateCell ? parseExportDate(replyDateCell.value) : null;
  if (replyDateCell && replyDate === null) fail(replyDateCell.column, 'is not a date');

  if (errors.length > 0 || createdAt === null) return { review: null, errors };
  const title = titleText || null;
  return {
    review: {
      platformId: clean(get('id')?.value ?? '') || null,
      subject,
      rating,
      title,
      body,
      authorName,
      authorEmail: emailText ? emailText.toLowerCase() : null,
      createdAt,
      reply: replyText || null,
      replyAt: replyText ? Math.max(replyDate ?? createdAt, createdAt) : null,
      verified: TRUE.has((get('verified')?.value ?? '').trim().toLowerCase()),
      status: layout.state(get('state')?.value ?? ''),
      lang: guessLang(undefined, [title, body]),
    },
    errors: [],
  };
}

/**
 * What the import key is made of: the platform's review id when the file has one, else the row's
 * content. The same review in the same file, or exported again later, gets the same key.
 */
export function importKeySource(source: ImportSource, r: ImportedReview): string {
  if (r.platformId) return `${source}\nid\n${r.platformId}`;
  return [source, 'row', r.subject, r.authorName, String(r.createdAt), String(r.rating), r.title ?? '', r.body].join('\n');
}
