/**
 * `/v1/admin/imports`: reviews from other platforms' exports. `POST ?source=&dryRun=1` answers
 * what would happen and writes nothing; without `dryRun` it stores the file's new rows in
 * chunks, imports the first few, and answers with the job: 200 when it is done (files of up to
 * 5,000 rows), 202 while chunks remain. `POST /imports/{id}/run` imports the next few chunks
 * (the console calls it until the job is done, showing rows done of total), so 50,000 rows never
 * need more queries than one request may make. The last step rebuilds the summaries and bumps
 * the content version once.
 */
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { AppEnv } from '../types.ts';
import { ImportQuery, MAX_IMPORT_BYTES, type ImportPreview, type ImportProgress, type ImportsList, type ImportStarted } from '../../../shared/imports.ts';
import { insertAudit } from '../db/audit.ts';
import {
  existingImportKeys,
  finishImport,
  importChunkStatements,
  insertImportChunk,
  insertImportJob,
  listImports,
  readImport,
  readImportChunk,
  type ImportState,
} from '../db/imports.ts';
import { bumpContentVersion } from '../db/sites.ts';
import { recomputeSummaries } from '../db/summaries.ts';
import { newId } from '../lib/crypto.ts';
import { readCsvBody } from '../lib/csv-body.ts';
import { chunkRows, planImport } from '../lib/import-plan.ts';
import { ProblemError } from '../lib/problem.ts';
import { valid } from '../lib/validate.ts';
import { refuseCrossSite, requireStaff } from '../middleware/staff.ts';

/** Errors listed in an answer; the count says how many there are in all. */
const SHOWN_ERRORS = 200;
/** Chunks imported per `run` request: 4 queries each, a few thousand rows in all. */
const CHUNKS_PER_RUN = 5;
/** Statements per batch when storing chunks. */
const STORE_BATCH = 25;

async function processChunks(db: D1Database, siteId: string, staffId: string, state: ImportState, nowMs: number): Promise<void> {
  const { job } = state;
  for (let seq = state.nextChunk, n = 0; seq < state.chunks && n < CHUNKS_PER_RUN; seq += 1, n += 1) {
    const chunk = await readImportChunk(db, job.id, seq);
    // A missing chunk was processed by a concurrent run, which also moved next_chunk on.
    if (chunk) await db.batch(importChunkStatements(db, siteId, job.source, job.id, seq, chunk, nowMs));
  }
  const after = await readImport(db, siteId, job.id);
  if (after && after.job.status === 'running' && after.nextChunk >= after.chunks) {
    await db.batch([
      ...recomputeSummaries(db, siteId, nowMs),
      bumpContentVersion(db, siteId),
      insertAudit(db, { siteId, actor: staffId, action: 'import.done', target: job.id, before: null, after: { inserted: after.job.inserted, total: after.job.total }, createdAt: nowMs }),
      finishImport(db, job.id, nowMs),
    ]);
  }
}

export const adminImportRoutes = new Hono<AppEnv>()
  .use('/imports', refuseCrossSite, requireStaff)
  .use('/imports/*', refuseCrossSite, requireStaff)
  .post(
    '/imports',
    bodyLimit({
      maxSize: MAX_IMPORT_BYTES,
      onError: () => {
        throw new ProblemError(413, 'body-too-large', `The file must be at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB; split it and import the parts.`);
      },
    }),
    valid('query', ImportQuery),
    async function importReviews(c) {
      const { source, dryRun } = c.req.valid('query');
      const { siteId, staffId } = c.get('staff');
      const db = c.env.DB;
      const now = c.get('now');
      const text = await readCsvBody(c);
      const plan = await planImport(siteId, source, text, now);
      const existing = await existingImportKeys(db, siteId, plan.reviews.map((r) => r.key));
      const preview: ImportPreview = {
        rows: plan.rows,
        valid: plan.reviews.length + plan.repeats,
        duplicates: existing.size + plan.repeats,
        errors: plan.errors.slice(0, SHOWN_ERRORS),
        errorCount: plan.errors.length,
      };
      if (dryRun === '1' || dryRun === 'true') return c.json(preview);

      const fresh = plan.reviews.filter((r) => !existing.has(r.key));
      const chunks = chunkRows(fresh);
      const id = newId(now);
      const statements = [
        insertImportJob(db, { id, siteId, source, total: fresh.length, chunks: chunks.length, staffId, nowMs: now }),
        insertAudit(db, { siteId, actor: staffId, action: 'import.start', target: id, before: null, after: { source, ...preview, errors: undefined }, createdAt: now }),
        ...chunks.map((rows, seq) => insertImportChunk(db, id, seq, rows)),
      ];
      // The job row goes in the first batch, so a failure part-way leaves a job the next
      // upload simply replaces (its rows are keyed, so nothing is counted twice).
      for (let i = 0; i < statements.length; i += STORE_BATCH) await db.batch(statements.slice(i, i + STORE_BATCH));
      const stored = await readImport(db, siteId, id);
      if (!stored) throw new ProblemError(409, 'conflict', 'The import could not be stored; try again.');
      // The first step runs now: a file of up to five thousand rows is imported by this one call.
      if (stored.job.status === 'running') await processChunks(db, siteId, staffId, stored, now);
      const state = (await readImport(db, siteId, id)) ?? stored;
      const answer: ImportStarted = { import: state.job, preview };
      return c.json(answer, state.job.status === 'done' ? 200 : 202);
    },
  )

  .post('/imports/:id/run', async function runImport(c) {
    const { siteId, staffId } = c.get('staff');
    const db = c.env.DB;
    const state = await readImport(db, siteId, c.req.param('id'));
    if (!state) throw new ProblemError(404, 'import-not-found', 'This site has no import with that id.');
    if (state.job.status === 'running') await processChunks(db, siteId, staffId, state, c.get('now'));
    const now = await readImport(db, siteId, state.job.id);
    const answer: ImportProgress = { import: (now ?? state).job };
    return c.json(answer);
  })

  .get('/imports/:id', async function readImportJob(c) {
    const state = await readImport(c.env.DB, c.get('staff').siteId, c.req.param('id'));
    if (!state) throw new ProblemError(404, 'import-not-found', 'This site has no import with that id.');
    const answer: ImportProgress = { import: state.job };
    return c.json(answer);
  })

  .get('/imports', async function listImportJobs(c) {
    const answer: ImportsList = { items: await listImports(c.env.DB, c.get('staff').siteId, 20) };
    return c.json(answer);
  });
