/**
 * Recovery: how long after a complaint is sent staff can see its case in the recovery queue
 * (submission -> queue -> consumer -> case -> GET /v1/admin/cases), while the public reads are
 * under load; and how long the escalation cron takes with 100k open cases waiting.
 */
import autocannon from 'autocannon';
import { getPlatformProxy } from 'wrangler';
import { meteredD1, rowsRead } from './lib/d1meter.mjs';
import { loadOpenCases } from './lib/bulk.mjs';
import { quantile, round, sleep } from './lib/stats.mjs';
import { SITE, freshState, openD1, removeState, runWorker, seedSite, staffLogin } from './lib/worker.mjs';

const ORIGIN = 'http://merchant.test';
const CRON = '/__scheduled?cron=*/5+*+*+*+*';

/** Every case ref currently in the open recovery queue (all pages, bounded). */
async function queueRefs(url, cookie) {
  const refs = new Set();
  let cursor = null;
  for (let page = 0; page < 20; page++) {
    const q = new URLSearchParams({ limit: '50' });
    if (cursor) q.set('cursor', cursor);
    const res = await fetch(`${url}/v1/admin/cases?${q}`, { headers: { cookie } });
    if (!res.ok) throw new Error(`GET /v1/admin/cases: ${res.status} ${await res.text()}`);
    const body = await res.json();
    for (const item of body.items) refs.add(item.ref);
    cursor = body.nextCursor;
    if (!cursor) break;
  }
  return refs;
}

async function complaint(url, n) {
  const sent = performance.now();
  const res = await fetch(`${url}/v1/sites/${SITE}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', origin: ORIGIN, 'idempotency-key': `recovery-${process.pid}-${n}`, 'user-agent': `rebound-bench-complainer/${n}`, 'cf-connecting-ip': `198.19.${(n >> 8) & 255}.${n & 255}` },
    body: JSON.stringify({
      kind: 'complaint',
      subject: 'sku-kettle-01',
      category: 'product',
      body: `The kettle (${n}) leaks from the base after a week, I want a refund.`,
      author: { name: `Complainer ${n}`, email: `complainer${n}@bench.example` },
      meta: { elapsedMs: 30_000 },
    }),
  });
  const body = await res.json();
  return { n, sent, status: res.status, ref: body?.case?.ref ?? null };
}

async function caseLatency(url, token, { count, senders, background }) {
  const cookie = await staffLogin(url, token);
  // Public traffic in the background: shoppers reading reviews while complaints arrive.
  let shopper = 0;
  const bg = background
    ? autocannon({
        url,
        connections: 4,
        duration: 120,
        requests: [{ method: 'GET', path: `/v1/sites/${SITE}/reviews?subject=sku-kettle-01`, setupRequest: (req) => ({ ...req, headers: { 'user-agent': `bg-${++shopper}`, 'cf-connecting-ip': `198.18.${(shopper >> 8) & 255}.${shopper & 255}`, origin: ORIGIN } }) }],
      })
    : null;
  const sent = [];
  const seen = new Map();
  let polling = true;
  const poller = (async () => {
    while (polling) {
      const refs = await queueRefs(url, cookie);
      const t = performance.now();
      for (const ref of refs) if (!seen.has(ref)) seen.set(ref, t);
      await sleep(50);
    }
  })();
  try {
    let next = 0;
    await Promise.all(
      Array.from({ length: senders }, async () => {
        while (next < count) {
          const n = next++;
          sent.push(await complaint(url, n));
          await sleep(100);
        }
      }),
    );
    const deadline = performance.now() + 60_000;
    while (performance.now() < deadline && sent.some((s) => s.ref && !seen.has(s.ref))) await sleep(100);
  } finally {
    polling = false;
    await poller;
    bg?.stop();
  }
  const latencies = sent.filter((s) => s.ref && seen.has(s.ref)).map((s) => seen.get(s.ref) - s.sent);
  return {
    complaints: count,
    accepted: sent.filter((s) => s.status === 201).length,
    withCase: sent.filter((s) => s.ref).length,
    visible: latencies.length,
    p50Ms: round(quantile(latencies, 0.5), 0),
    p95Ms: round(quantile(latencies, 0.95), 0),
    maxMs: round(Math.max(...latencies), 0),
    senders,
    backgroundReadConnections: background ? 4 : 0,
  };
}

async function cronRuns(url, runs) {
  const times = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    const res = await fetch(url + CRON);
    await res.text();
    if (!res.ok) throw new Error(`cron trigger answered ${res.status}`);
    times.push(round(performance.now() - start, 0));
  }
  return times;
}

/**
 * One cron run through the worker's own handler on a metered D1 (getPlatformProxy), to show
 * where its rows read go: the statements that read the most, with D1's own counts.
 */
async function cronRowsRead(persistTo) {
  const { handleScheduled } = await import('../worker/src/cron.ts');
  const proxy = await getPlatformProxy({ configPath: 'wrangler.toml', persist: { path: `${persistTo}/v3` } });
  try {
    const metered = meteredD1(proxy.env.DB);
    const controller = { scheduledTime: Date.now(), cron: '*/5 * * * *', noRetry() {} };
    await handleScheduled(controller, { ...proxy.env, DB: metered.db }, { waitUntil() {}, passThroughOnException() {} });
    const entries = metered.take();
    const top = entries
      .filter((e) => (e.meta?.rows_read ?? 0) > 0)
      .sort((a, b) => b.meta.rows_read - a.meta.rows_read)
      .slice(0, 3)
      .map((e) => ({ rowsRead: e.meta.rows_read, d1Ms: e.meta.duration, sql: e.sql.replace(/\s+/g, ' ').trim().slice(0, 200) }));
    return { statements: entries.length, rowsRead: rowsRead(entries), top };
  } finally {
    await proxy.dispose();
  }
}

function escalatedCount(persistTo) {
  const db = openD1(persistTo);
  try {
    return db.prepare('SELECT COUNT(*) AS n FROM cases WHERE escalated_at IS NOT NULL').get().n;
  } finally {
    db.close();
  }
}

export async function benchRecovery({ quick, log }) {
  const out = {};
  // 1. Submission -> visible case, under load.
  {
    const persistTo = await freshState('recovery');
    try {
      const token = await seedSite(persistTo, [ORIGIN]);
      const server = await runWorker(persistTo);
      try {
        out.caseVisible = await caseLatency(server.url, token, { count: quick ? 30 : 80, senders: 4, background: true });
        log(`recovery: case visible p50 ${out.caseVisible.p50Ms} ms, p95 ${out.caseVisible.p95Ms} ms`);
      } finally {
        server.stop();
      }
    } finally {
      await removeState(persistTo);
    }
  }
  // 2. The cron with no cases, then with 100k open cases.
  {
    const persistTo = await freshState('cron');
    const runs = quick ? 3 : 5;
    try {
      await seedSite(persistTo, [ORIGIN]);
      let server = await runWorker(persistTo);
      try {
        await cronRuns(server.url, 1);
        out.cronEmptyMs = await cronRuns(server.url, runs);
      } finally {
        server.stop();
      }
      await sleep(1000);
      const db = openD1(persistTo);
      let load;
      try {
        load = loadOpenCases(db, { siteId: SITE, count: 100_000 });
      } finally {
        db.close();
      }
      log(`recovery: loaded 100k open cases in ${load.ms} ms`);
      server = await runWorker(persistTo);
      try {
        out.cron100kMs = await cronRuns(server.url, runs);
      } finally {
        server.stop();
      }
      await sleep(1000);
      out.openCases = 100_000;
      out.casesLoad = load;
      out.escalatedAfterRuns = escalatedCount(persistTo);
      out.cron100kRowsRead = await cronRowsRead(persistTo);
      log(`recovery: cron ${out.cron100kMs.join(', ')} ms with 100k open cases (empty: ${out.cronEmptyMs.join(', ')} ms)`);
    } finally {
      await removeState(persistTo);
    }
  }
  return out;
}
