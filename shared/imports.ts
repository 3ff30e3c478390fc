/**
 * Imports of reviews exported from other platforms (`POST /v1/admin/imports`): the sources, the
 * dry run's answer, and the import job the console drives to completion in bounded steps.
 */
import * as z from 'zod/mini';

export const IMPORT_SOURCES = ['judgeme', 'shopify', 'okendo', 'yotpo', 'generic'] as const;
export const ImportSource = z.enum(IMPORT_SOURCES);
export type ImportSource = z.infer<typeof ImportSource>;

/** The largest file the import endpoint reads (a 50,000-row export is about 15 MB). */
export const MAX_IMPORT_BYTES = 32 * 1024 * 1024;
export const MAX_IMPORT_ROWS = 100_000;

export const ImportQuery = z.strictObject({
  source: ImportSource,
  /** `1` (or `true`): check the file and answer what would happen, writing nothing. */
  dryRun: z.optional(z.enum(['1', 'true', '0', 'false'])),
});

export const ImportRowError = z.object({
  /** The row as a spreadsheet numbers it: the header is row 1. */
  row: z.int(),
  field: z.string(),
  message: z.string(),
});
export type ImportRowError = z.infer<typeof ImportRowError>;

export const ImportPreview = z.object({
  /** Data rows in the file (the header not counted). */
  rows: z.int(),
  /** Rows that would import or are already there. */
  valid: z.int(),
  /** Valid rows already imported before, or repeated earlier in the file: importing adds nothing for them. */
  duplicates: z.int(),
  /** The first problems, row by row (at most 200). */
  errors: z.array(ImportRowError),
  /** How many problems there are in all. */
  errorCount: z.int(),
});
export type ImportPreview = z.infer<typeof ImportPreview>;

export const ImportJob = z.object({
  id: z.string(),
  source: ImportSource,
  status: z.enum(['running', 'done']),
  /** Valid rows queued by this import. */
  total: z.int(),
  /** Rows processed so far. */
  done: z.int(),
  /** Reviews actually added (rows already there are skipped). */
  inserted: z.int(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type ImportJob = z.infer<typeof ImportJob>;

/** The real run's answer: the job, plus what the dry run would have said about the file. */
export const ImportStarted = z.object({ import: ImportJob, preview: ImportPreview });
export type ImportStarted = z.infer<typeof ImportStarted>;

export const ImportProgress = z.object({ import: ImportJob });
export type ImportProgress = z.infer<typeof ImportProgress>;

export const ImportsList = z.object({ items: z.array(ImportJob) });
export type ImportsList = z.infer<typeof ImportsList>;
