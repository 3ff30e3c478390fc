/**
 * Imports: a generated 50,000-row review export (generic format, English and Persian text, one
 * reply in ten) through the real staff API of a local `wrangler dev`: the dry run, the upload,
 * and the `run` steps the console drives, timed end to end as rows per second; then the same
 * file again, which must add nothing.
 */
import { round } from './lib/stats.mjs';
import { freshState, removeState, runWorker, seedSite, staffLogin } from './lib/worker.mjs';

const ORIGIN = 'http://merchant.test';

/** A generic-format export of `rows` reviews over 500 products. */
export function generateExport(rows) {
  const lines = ['id,subject,rating,title,body,name,email,date,reply,reply_date,verified,status'];
  for (let i = 0; i < rows; i++) {
    const fa = i % 3 === 0;
    const day = new Date(Date.UTC(2020, 0, 1) + (i % 1500) * 86_400_000).toISOString();
    const body = fa ? `کیفیت ساخت خوب است و بسته‌بندی سالم رسید، شمارهٔ ${i}.` : `Solid build, arrived well packed, "order" number ${i}, would buy again.`;
    const reply = i % 10 === 0 ? (fa ? 'سپاس از نظر شما' : 'Thank you for the review!') : '';
    lines.push([`b-${i}`, `sku-${i % 500}`, (i % 5) + 1, fa ? 'خوب' : 'Good', `"${body.replace(/"/g, '""')}"`, fa ? `خریدار ${i}` : `Buyer ${i}`, '', day, reply, reply ? day : '', i % 2 ? 'yes' : 'no', 'published'].join(','));
  }
  return `${lines.join('\r\n')}\r\n`;
}

async function post(url, cookie, path, body) {
  const t = performance.now();
  const res = await fetch(`${url}${path}`, {
    method: 'POST',
    headers: { cookie, origin: url, 'sec-fetch-site': 'same-origin', ...(body ? { 'content-type': 'text/csv; charset=utf-8' } : {}) },
    body,
  });
  const json = await res.json();
  if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${JSON.stringify(json).slice(0, 500)}`);
  return { json, ms: performance.now() - t };
}

async function importOnce(url, cookie, csv) {
  const t = performance.now();
  const upload = await post(url, cookie, '/v1/admin/imports?source=generic', csv);
  let job = upload.json.import;
  const steps = [];
  for (let i = 0; i < 1000 && job.status === 'running'; i++) {
    const step = await post(url, cookie, `/v1/admin/imports/${job.id}/run`);
    job = step.json.import;
    steps.push(step.ms);
  }
  if (job.status !== 'done') throw new Error(`import did not finish: ${JSON.stringify(job)}`);
  return { job, uploadMs: round(upload.ms), steps: steps.length, stepMaxMs: round(Math.max(0, ...steps)), totalMs: round(performance.now() - t) };
}

export async function benchImports({ quick, log }) {
  const rows = quick ? 10_000 : 50_000;
  const csv = generateExport(rows);
  const persistTo = await freshState('imports');
  const token = await seedSite(persistTo, [ORIGIN]);
  const server = await runWorker(persistTo);
  try {
    const cookie = await staffLogin(server.url, token);
    log(`imports: ${rows} rows, ${round(Buffer.byteLength(csv) / 1e6, 1)} MB`);
    const dry = await post(server.url, cookie, '/v1/admin/imports?source=generic&dryRun=1', csv);
    if (dry.json.valid !== rows || dry.json.errorCount !== 0) throw new Error(`dry run: ${JSON.stringify(dry.json).slice(0, 500)}`);
    const first = await importOnce(server.url, cookie, csv);
    if (first.job.inserted !== rows) throw new Error(`inserted ${first.job.inserted} of ${rows}`);
    log(`imports: ${rows} rows in ${first.totalMs} ms (${first.steps} steps)`);
    const again = await importOnce(server.url, cookie, csv);
    if (again.job.inserted !== 0) throw new Error(`the second import added ${again.job.inserted}`);
    return {
      rows,
      bytes: Buffer.byteLength(csv),
      dryRunMs: round(dry.ms),
      first: { ...first, rowsPerSecond: round(rows / (first.totalMs / 1000)) },
      again: { uploadMs: again.uploadMs, totalMs: again.totalMs, inserted: again.job.inserted },
    };
  } finally {
    server.stop();
    await removeState(persistTo);
  }
}
