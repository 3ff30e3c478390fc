/**
 * From an uploaded export to what the import stores: parse the CSV, map each row
 * (rules/import-map.ts), give each review its import key and id, find repeats inside the file,
 * and cut the new rows into chunks small enough for one D1 row and one request each.
 */
import type { ImportRowError, ImportSource } from '../../../shared/imports.ts';
import { MAX_IMPORT_ROWS } from '../../../shared/imports.ts';
import type { ImportRow } from '../db/imports.ts';
import { importKeySource, mapImportRow, missingColumns } from '../rules/import-map.ts';
import { submissionSearchText } from '../rules/normalize.ts';
import { sha256Hex } from './crypto.ts';
import { parseCsv, toRecords } from './csv-parse.ts';
import { ProblemError } from './problem.ts';

export interface ImportPlan {
  rows: number;
  /** Valid rows, each once (the first of repeated rows), with key and id. */
  reviews: ImportRow[];
  /** Valid rows that repeat an earlier row of the same file. */
  repeats: number;
  errors: ImportRowError[];
}

/**
 * Parses and maps the whole file. A file that is not CSV, or lacks the platform's required
 * columns, is a 422 problem: there is nothing row by row to show.
 */
export async function planImport(siteId: string, source: ImportSource, text: string, nowMs: number): Promise<ImportPlan> {
  const table = parseCsv(text, { maxRows: MAX_IMPORT_ROWS + 1 });
  if (table.error) {
    throw new ProblemError(422, 'invalid-csv', `The file is not readable CSV: ${table.error.message} (row ${table.error.row}).`, [
      { path: `rows[${table.error.row}]`, code: 'invalid_csv', message: table.error.message },
    ]);
  }
  const { headers, records } = toRecords(table.rows);
  const missing = missingColumns(source, headers);
  if (missing.length > 0) {
    throw new ProblemError(422, 'missing-columns', `This does not look like a ${source} export: the header has no ${missing.join(', ')} column.`,
      missing.map((column) => ({ path: 'header', code: 'missing_column', message: `no ${column} column` })));
  }
  const reviews: ImportRow[] = [];
  const errors: ImportRowError[] = [];
  const seen = new Set<string>();
  let repeats = 0;
  for (let i = 0; i < records.length; i += 1) {
    const record = records[i];
    if (!record) continue;
    const mapped = mapImportRow(source, record, i + 2, nowMs);
    if (!mapped.review) {
      errors.push(...mapped.errors);
      continue;
    }
    const r = mapped.review;
    // Keys are per site, so the id made from one never collides with another site's import.
    const key = await sha256Hex(`${siteId}\n${importKeySource(source, r)}`);
    if (seen.has(key)) {
      repeats += 1;
      continue;
    }
    seen.add(key);
    reviews.push({
      id: `imp${key.slice(0, 29)}`,
      key,
      subject: r.subject,
      rating: r.rating,
      title: r.title,
      body: r.body,
      name: r.authorName,
      email: r.authorEmail,
      verified: r.verified ? 1 : 0,
      status: r.status,
      lang: r.lang,
      search: submissionSearchText({ title: r.title, body: r.body, expected: null, desiredOutcome: null, name: r.authorName }),
      createdAt: r.createdAt,
      reply: r.reply,
      replyAt: r.replyAt,
    });
  }
  return { rows: records.length, reviews, repeats, errors };
}

/** Rows per chunk, and bytes: D1 keeps a value under 2 MB; a chunk stays well below. */
export const CHUNK_ROWS = 1000;
export const CHUNK_BYTES = 900_000;

/** The rows as JSON arrays of at most `maxRows` rows and about `maxBytes` bytes each. */
export function chunkRows(rows: readonly ImportRow[], maxRows = CHUNK_ROWS, maxBytes = CHUNK_BYTES): string[] {
  const encoder = new TextEncoder();
  const chunks: string[] = [];
  let current: string[] = [];
  let bytes = 2;
  for (const row of rows) {
    const json = JSON.stringify(row);
    const size = encoder.encode(json).length + 1;
    if (current.length > 0 && (current.length >= maxRows || bytes + size > maxBytes)) {
      chunks.push(`[${current.join(',')}]`);
      current = [];
      bytes = 2;
    }
    current.push(json);
    bytes += size;
  }
  if (current.length > 0) chunks.push(`[${current.join(',')}]`);
  return chunks;
}
