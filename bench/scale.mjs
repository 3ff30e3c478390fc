/**
 * Scale: one site with 100k and then 1M published reviews in local D1. For each size, the
 * reviews list's page 1, a deep page reached by keyset cursor (the middle of the list) and the
 * same depth by OFFSET, side by side: D1 rows read and latency, through the worker's own query
 * functions on a real local D1 (getPlatformProxy), and the HTTP route on `wrangler dev`.
 */
import { statSync } from 'node:fs';
import { getPlatformProxy } from 'wrangler';
import { readReviewsPage, reviewsPageStatement } from '../worker/src/db/submissions.ts';
import { readSummary } from '../worker/src/db/summaries.ts';
import { encodeCursor } from '../worker/src/lib/cursor.ts';
import { loadReviews } from './lib/bulk.mjs';
import { meteredD1, rowsRead } from './lib/d1meter.mjs';
import { median, ratio, round } from './lib/stats.mjs';
import { SITE, d1File, freshState, openD1, removeState, runWorker, seedSite } from './lib/worker.mjs';

const SUBJECT = 'sku-bench';
const LIMIT = 10;

/** Runs `fn` `reps` times and keeps the median wall time, D1 time and rows read. */
async function measure(reps, fn, take) {
  const wall = [];
  const sql = [];
  const rows = [];
  let value;
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    value = await fn();
    wall.push(performance.now() - start);
    const entries = take();
    rows.push(rowsRead(entries));
    sql.push(entries.reduce((s, e) => s + (e.meta?.duration ?? 0), 0));
  }
  return { value, rowsRead: median(rows), d1Ms: round(median(sql), 2), wallMs: round(median(wall), 1) };
}

/**
 * Bytes the database's live pages take: page count less free pages. The file itself keeps the
 * pages freed by the bulk load's index rebuild, which a production database would not have.
 */
function usedBytes(persistTo) {
  const db = openD1(persistTo);
  try {
    const pages = db.prepare('PRAGMA page_count').get().page_count;
    const free = db.prepare('PRAGMA freelist_count').get().freelist_count;
    const size = db.prepare('PRAGMA page_size').get().page_size;
    return (pages - free) * size;
  } finally {
    db.close();
  }
}

/** True when the subject's stored summary matches a full count of its published reviews. */
function summaryMatchesCount(persistTo) {
  const db = openD1(persistTo);
  try {
    const counted = db
      .prepare(
        `SELECT COUNT(*) AS count, SUM(rating) AS total, SUM(rating = 1) AS s1, SUM(rating = 5) AS s5 FROM submissions
         WHERE site_id = ?1 AND subject = ?2 AND kind = 'review' AND status = 'published'`,
      )
      .get(SITE, SUBJECT);
    const stored = db.prepare('SELECT count, total, s1, s5 FROM rating_summaries WHERE site_id = ?1 AND subject = ?2').get(SITE, SUBJECT);
    return ['count', 'total', 's1', 's5'].every((k) => counted[k] === stored?.[k]);
  } finally {
    db.close();
  }
}

/** The sort key of the review at `position` (0-based) in newest-first order. */
function keyAt(persistTo, position) {
  const db = openD1(persistTo);
  try {
    const row = db
      .prepare(
        `SELECT published_at, id FROM submissions WHERE site_id = ?1 AND subject = ?2 AND kind = 'review' AND status = 'published'
         ORDER BY published_at DESC, id DESC LIMIT 1 OFFSET ?3`,
      )
      .get(SITE, SUBJECT, position);
    const site = db.prepare('SELECT signing_key FROM sites WHERE id = ?1').get(SITE);
    return { key: [row.published_at, row.id], signingKey: site.signing_key };
  } finally {
    db.close();
  }
}

async function measureQueries(persistTo, depth, reps) {
  const proxy = await getPlatformProxy({ configPath: 'wrangler.toml', persist: { path: `${persistTo}/v3` } });
  try {
    const metered = meteredD1(proxy.env.DB);
    const take = () => metered.take();
    const { key } = keyAt(persistTo, depth - 1);
    const base = { subject: SUBJECT, sort: 'newest', limit: LIMIT };
    // Warm-up: the first query after opening pays for loading pages from disk.
    await readReviewsPage(metered.db, SITE, base);
    take();
    const page1 = await measure(reps, () => readReviewsPage(metered.db, SITE, base), take);
    const keyset = await measure(reps, () => readReviewsPage(metered.db, SITE, { ...base, after: key }), take);
    // The same page by OFFSET: the route's own statement with OFFSET added, nothing else changed.
    const { sql, params } = reviewsPageStatement(SITE, base);
    const offsetSql = `${sql} OFFSET ?${params.length + 1}`;
    const offset = await measure(
      reps,
      async () => (await metered.db.prepare(offsetSql).bind(...params, depth).all()).results,
      take,
    );
    const summary = await measure(reps, () => readSummary(metered.db, SITE, SUBJECT), take);
    const samePage = offset.value[0]?.id === keyset.value.items[0]?.id;
    const strip = ({ value: _v, ...rest }) => rest;
    return { page1: strip(page1), keyset: strip(keyset), offset: strip(offset), summary: { ...strip(summary), count: summary.value.count }, samePage };
  } finally {
    await proxy.dispose();
  }
}

async function httpLatency(url, path, reps) {
  const times = [];
  let status = 0;
  for (let i = 0; i < reps; i++) {
    const start = performance.now();
    const res = await fetch(url + path);
    await res.arrayBuffer();
    times.push(performance.now() - start);
    status = res.status;
  }
  return { status, p50Ms: round(median(times), 1) };
}

async function measureHttp(persistTo, depth, reps) {
  const { key, signingKey } = keyAt(persistTo, depth - 1);
  // The route binds a cursor to its list (sort, subject, stars); this is that scope for newest-first.
  const cursor = await encodeCursor(signingKey, `reviews\nnewest\n${SUBJECT}\n`, key);
  const server = await runWorker(persistTo);
  try {
    const list = `/v1/sites/${SITE}/reviews?subject=${SUBJECT}&limit=${LIMIT}`;
    await fetch(server.url + list).then((r) => r.arrayBuffer());
    const page1 = await httpLatency(server.url, list, reps);
    const deep = await httpLatency(server.url, `${list}&cursor=${encodeURIComponent(cursor)}`, reps);
    return { page1, deep, note: deep.status === 200 ? undefined : 'deep cursor refused: the cursor scope changed; update bench/scale.mjs' };
  } finally {
    server.stop();
  }
}

export async function benchScale({ quick, log }) {
  const sizes = [100_000, 1_000_000];
  const reps = quick ? 5 : 15;
  const persistTo = await freshState('scale');
  const out = { sizes: [] };
  try {
    await seedSite(persistTo, []);
    let loaded = 0;
    const nowMs = Date.now();
    for (const size of sizes) {
      const db = openD1(persistTo);
      let load;
      try {
        load = loadReviews(db, { siteId: SITE, subject: SUBJECT, count: size - loaded, offset: loaded, nowMs });
      } finally {
        db.close();
      }
      loaded = size;
      const summaryConsistent = summaryMatchesCount(persistTo);
      log(`scale: loaded ${size} reviews (+${load.rows} in ${load.ms} ms)`);
      const depth = size / 2;
      const queries = await measureQueries(persistTo, depth, reps);
      const http = await measureHttp(persistTo, depth, reps);
      out.sizes.push({
        reviews: size,
        depth,
        load,
        dbBytes: usedBytes(persistTo),
        dbFileBytes: statSync(d1File(persistTo)).size,
        summaryConsistent,
        ...queries,
        http,
        keysetRowsVsPage1: ratio(queries.keyset.rowsRead, queries.page1.rowsRead),
        offsetRowsVsPage1: ratio(queries.offset.rowsRead, queries.page1.rowsRead, 0),
        offsetWallVsKeyset: ratio(queries.offset.wallMs, queries.keyset.wallMs, 1),
      });
      log(`scale: ${size}: page1 ${queries.page1.rowsRead} rows, keyset ${queries.keyset.rowsRead} rows, offset ${queries.offset.rowsRead} rows`);
    }
  } finally {
    await removeState(persistTo);
  }
  const at1M = out.sizes.at(-1);
  out.acceptance = {
    deepKeysetWithin1_2xPage1: at1M.keyset.rowsRead <= 1.2 * at1M.page1.rowsRead,
    offsetFarWorse: at1M.offset.rowsRead >= 100 * at1M.page1.rowsRead,
    summaryOneRow: out.sizes.every((s) => s.summary.rowsRead === 1),
    summaryConsistent: out.sizes.every((s) => s.summaryConsistent),
  };
  return out;
}
