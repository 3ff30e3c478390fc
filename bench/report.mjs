/**
 * Renders bench/results.json as bench/RESULTS.md: the figures a reader needs, with the machine
 * they came from. A part that failed shows its error instead of figures.
 */

/** Published first-load sizes of peers; each with where the figure comes from. */
export const PEERS = [
  {
    name: 'Artalk',
    gzipKB: '~40 KB',
    note: 'client bundle; the project README states "Lightweight (~40KB)" for the 2.x client (1.x/early 2.x READMEs said ~30 kB gzipped)',
    source: 'ArtalkJS/Artalk README, artalk 2.x (npm `artalk`)',
  },
  {
    name: 'Waline',
    gzipKB: '53 KB',
    note: '`dist/waline.js`, the full client recommended for CDN/ESM use ("Gzip size 53 KB"); the dependency-free `slim.js` is 19.39 KB gz but needs Vue and others beside it',
    source: 'waline.js.org, Reference → Client → Files, @waline/client v3',
  },
  {
    name: 'Cusdis',
    gzipKB: '~5 KB loader, then an iframe app',
    note: '`cusdis.es.js` is only a loader: it creates an iframe that then loads the widget app (`/js/iframe.umd.js`) and its own document',
    source: 'Cusdis README / cusdis.com ("lightweight (~5kb gzip)"); the loader as served at `/js/cusdis.es.js`',
  },
];

const n = (v, digits = 0) => (v === null || v === undefined || Number.isNaN(v) ? '–' : Number(v).toLocaleString('en-US', { maximumFractionDigits: digits }));
const kb = (bytes) => (bytes === null || bytes === undefined ? '–' : `${(bytes / 1024).toFixed(2)} KB`);
const ok = (v) => (v === true ? 'pass' : v === false ? '**FAIL**' : '–');
const table = (head, rows) => [`| ${head.join(' | ')} |`, `| ${head.map(() => '---').join(' | ')} |`, ...rows.map((r) => `| ${r.join(' | ')} |`)].join('\n');

function failed(part) {
  return `The part failed in this run:\n\n\`\`\`\n${part.error}\n\`\`\`\n`;
}

function widgetSection(w) {
  if (!w) return 'Not run.\n';
  if (w.error) return failed(w);
  const u = w.unthrottled;
  const t = w.cpu4x;
  const row = (label, f) => [label, f(u), f(t)];
  return `Headless Chromium, a first visit (fresh context, empty cache) to a merchant page on its own
origin that embeds the widget as widget/README.md shows (the script tag, the optional one-line
height reservation, the element); median of ${u.runs} visits per setting (layout shift, long
tasks: worst visit). "First render" is the first frame in which the widget shows its data (the
summary's \`average\` part exists). "Bare page" is the same page visited the same way without the
script tag; "no reservation" is the embed without its style line. The widget's main-thread share
includes the probe's own per-frame check until first render.

${table(['', 'unthrottled', '4x CPU throttle'], [
  row('JS for first render, gzip -9', (x) => `${n(x.jsGzipBytesFirstRender)} B (${kb(x.jsGzipBytesFirstRender)}) of ${kb(w.budgetGzipBytes)} budget`),
  row('JS for first render, raw', (x) => `${n(x.jsRawBytesFirstRender)} B`),
  row('JS incl. lazy chunks (forms), gzip -9', (x) => `${n(x.jsGzipBytesTotal)} B`),
  row('requests to first render', (x) => `${n(x.requestsToFirstRenderMax)} (${x.requestUrls.map((r) => `\`${r.split('?')[0]}\``).join(', ')})`),
  row('widget requests in total (after idle)', (x) => n(x.requestsTotal)),
  row("page's first contentful paint", (x) => `${n(x.fcpMs)} ms`),
  row('FCP → widget first render', (x) => `${n(x.fcpToWidgetMs)} ms`),
  row('cumulative layout shift', (x) => `${n(x.cls, 4)}${x.shiftSources?.length ? ` (moved: ${x.shiftSources.join(', ')})` : ''} · bare page: ${n(x.withoutWidget?.cls, 4)}`),
  row('… on the embed without its reservation line', (x) =>
    x.withoutReservation ? `${n(x.withoutReservation.cls, 4)}${x.withoutReservation.shiftSources.length ? ` (moved: ${x.withoutReservation.shiftSources.join(', ')})` : ''}` : '–',
  ),
  row('long tasks (count, longest)', (x) => `${n(x.longTasksMax)}, ${n(x.longTaskMaxMs)} ms · bare page: ${n(x.withoutWidget?.longTasksMax)}, ${n(x.withoutWidget?.longTaskMaxMs)} ms`),
  row('main-thread time (TaskDuration)', (x) => `${n(x.mainThreadMs)} ms · bare page ${n(x.withoutWidget?.mainThreadMs)} ms · widget ≈ ${n(x.widgetMainThreadMs)} ms`),
  row('script time (ScriptDuration)', (x) => `${n(x.scriptMs)} ms`),
  row('console errors', (x) => (x.consoleErrors.length ? x.consoleErrors.join('; ') : 'none')),
])}

Peers, as published by each project (not measured here):

${table(['widget', 'gzipped JS to first render', 'what it is', 'source'], [
  ['**Rebound** (measured above)', kb(u.jsGzipBytesFirstRender), 'all JavaScript before first render (one script); the data arrives in one bootstrap JSON', 'this run'],
  ...PEERS.map((p) => [p.name, p.gzipKB, p.note, p.source]),
])}
`;
}

function apiSection(a) {
  if (!a) return 'Not run.\n';
  if (a.error) return failed(a);
  const rows = ['bootstrap', 'reviews', 'submissions', 'health'].filter((k) => a[k]).map((k) => {
    const r = a[k];
    const label = {
      bootstrap: '`GET /v1/sites/pk_demo/widget` (bootstrap, edge-cached)',
      reviews: '`GET /v1/sites/pk_demo/reviews` (page of 10)',
      submissions: '`POST /v1/sites/pk_demo/submissions` (mix: 3 happy reviews, 1 one-star review, 1 complaint per 5)',
      health: '`GET /v1/health` (reference: one D1 read)',
    }[k];
    const range = r.throughputVsPingRange ? ` (${n(r.throughputVsPingRange[0], 2)}–${n(r.throughputVsPingRange[1], 2)})` : '';
    return [label, n(r.requestsPerSec), n(r.p50Ms), n(r.p99Ms), `${n(r.errors)}${r.non2xx ? ` (${Object.entries(r.statusCodes).map(([c, v]) => `${c}: ${v}`).join(', ')})` : ''}`, n(r.pingRequestsPerSec), `**${n(r.throughputVsPing, 2)}×**${range}`, `${n(r.p50VsPing, 2)}×`];
  });
  return `autocannon, ${a.connections} connections, against \`wrangler dev\` (workerd, local D1 in SQLite, local
Queues) on this machine. Each target runs ${a.rounds ?? 1} round(s) of ${a.durationSeconds} s, each between two ${a.durationSeconds} s runs of
\`GET /v1/ping\` (returns "pong", touches nothing): the floor. Figures are the median round; the
ratio's range over the rounds is in brackets. Every request comes from a
distinct shopper (own User-Agent, hence its own rate-limit bucket) because the public API is
rate-limited per client; submissions each carry a fresh \`Idempotency-Key\`.

${table(['target', 'req/s', 'p50 ms', 'p99 ms', 'errors', 'ping req/s (adjacent)', 'throughput vs ping', 'p50 vs ping'], rows)}

Ping runs, in order: ${a.ping.runs.map((p) => n(p.requestsPerSec)).join(', ')} req/s. The bootstrap's edge cache is in use: ${n(a.bootstrapEdgeCacheEntries)}
bootstrap entr${a.bootstrapEdgeCacheEntries === 1 ? 'y' : 'ies'} in miniflare's Cache API store after the run.
`;
}

function scaleSection(s) {
  if (!s) return 'Not run.\n';
  if (s.error) return failed(s);
  const rows = [];
  for (const size of s.sizes) {
    const label = `${n(size.reviews)}`;
    rows.push([label, 'page 1 (keyset, the route)', n(size.page1.rowsRead), n(size.page1.d1Ms), n(size.page1.wallMs, 1), `${n(size.http.page1.p50Ms, 1)} ms`]);
    rows.push([label, `page at position ${n(size.depth)} by keyset cursor`, n(size.keyset.rowsRead), n(size.keyset.d1Ms), n(size.keyset.wallMs, 1), `${n(size.http.deep.p50Ms, 1)} ms${size.http.deep.status === 200 ? '' : ` (HTTP ${size.http.deep.status})`}`]);
    rows.push([label, `same page by OFFSET ${n(size.depth)}`, `**${n(size.offset.rowsRead)}**`, n(size.offset.d1Ms), n(size.offset.wallMs, 1), 'not offered by the API']);
    rows.push([label, 'rating summary of the subject', n(size.summary.rowsRead), n(size.summary.d1Ms), n(size.summary.wallMs, 1), '–']);
  }
  const last = s.sizes.at(-1);
  return `One site, one product, ${s.sizes.map((x) => n(x.reviews)).join(' then ')} published reviews bulk-loaded into the local D1 file
(Node's SQLite: one transaction, secondary indexes dropped and rebuilt, rating summaries computed
and stored): ${s.sizes.map((x) => `${n(x.load.rows)} rows in ${n(x.load.ms / 1000, 1)} s, database ${n(x.dbBytes / 2 ** 20)} MiB in use (${n(x.dbBytes / x.reviews)} bytes per review with its indexes)`).join('; ')}.
Rows read are D1's own \`meta.rows_read\` for the worker's query functions
(\`readReviewsPage\`, \`readSummary\` from \`worker/src/db/\`) run through \`getPlatformProxy()\` against
that database; the OFFSET row is the route's own statement with \`OFFSET\` added. "D1 ms" is
\`meta.duration\` (whole milliseconds); "call ms" adds the proxy round trip. HTTP is the real route
on \`wrangler dev\`, median of the runs.

${table(['reviews', 'query (10 per page)', 'D1 rows read', 'D1 ms', 'call ms', 'HTTP p50'], rows)}

The stored rating summary matched a full count of the published reviews after each load: ${s.sizes.every((x) => x.summaryConsistent) ? 'yes' : '**NO**'}.
At ${n(last.reviews)} reviews the deep keyset page reads ${n(last.keysetRowsVsPage1, 2)}× the rows of page 1; OFFSET reads
${n(last.offsetRowsVsPage1)}× and takes ${n(last.offset.d1Ms)} ms of D1 time per call. Both pages returned the same first review: ${last.samePage ? 'yes' : 'NO'}.
`;
}

function recoverySection(r) {
  if (!r) return 'Not run.\n';
  if (r.error) return failed(r);
  const c = r.caseVisible;
  return `**Complaint → case visible in the staff queue.** ${n(c.complaints)} complaints from ${n(c.senders)} concurrent senders while
${n(c.backgroundReadConnections)} connections read reviews in the background; each answer's case ref is then looked for by polling
\`GET /v1/admin/cases\` as a logged-in staff member (every 50 ms, all pages). ${n(c.visible)} of ${n(c.withCase)} routed complaints became visible.

${table(['p50', 'p95', 'max'], [[`${n(c.p50Ms)} ms`, `${n(c.p95Ms)} ms`, `${n(c.maxMs)} ms`]])}

The path is: submission batch in D1 → \`RECOVERY.send\` → the queue consumer (batches of up to 10,
\`max_batch_timeout = 1\` s) → case row. Most of the time is the batch window, not work.

**Escalation cron.** \`GET /__scheduled?cron=*/5+*+*+*+*\` on \`wrangler dev --test-scheduled\`, timed end to end.

${table(['open cases', 'run times'], [
  ['0', r.cronEmptyMs.map((v) => `${n(v)} ms`).join(', ')],
  [n(r.openCases), r.cron100kMs.map((v) => `${n(v)} ms`).join(', ')],
])}

${r.cron100kRowsRead ? `One more run of the worker's own cron handler on a metered D1 read ${n(r.cron100kRowsRead.rowsRead)} rows in ${n(r.cron100kRowsRead.statements)} statements;
the heaviest:

${table(['D1 rows read', 'D1 ms', 'statement'], r.cron100kRowsRead.top.map((t) => [n(t.rowsRead), n(t.d1Ms), `\`${t.sql}\``]))}

` : ''}The 100k cases (each with its complaint) were bulk-loaded in ${n(r.casesLoad.ms / 1000, 1)} s with due times spread so a third are past
half their SLA and a sixth past the whole of it; each run handles a bounded batch per step, so
${n(r.escalatedAfterRuns)} cases were escalated after ${r.cron100kMs.length} runs, the rest in later runs.
`;
}

function importsSection(r) {
  if (!r) return 'Not run.\n';
  if (r.error) return failed(r);
  const f = r.first;
  return `A generated export of ${n(r.rows)} reviews (${n(r.bytes / 1e6, 1)} MB, generic format, a third in Persian, one in ten with a
reply) through the staff API of a local \`wrangler dev\`, as the console sends it: a dry run, the upload (parse, check, key,
store in chunks), then \`POST /v1/admin/imports/{id}/run\` until done (five 1,000-row chunks per step).

${table(['dry run', 'upload', 'run steps', 'slowest step', 'total', 'rows per second'], [
  [`${n(r.dryRunMs)} ms`, `${n(f.uploadMs)} ms`, n(f.steps), `${n(f.stepMaxMs)} ms`, `${n(f.totalMs / 1000, 1)} s`, n(f.rowsPerSecond)],
])}

The same file again: ${n(r.again.inserted)} reviews added, ${n(r.again.totalMs)} ms.
`;
}

function acceptance(results) {
  const w = results.parts.widget;
  const a = results.parts.api;
  const s = results.parts.scale;
  const rows = [];
  if (w && !w.error) {
    rows.push(['widget JS to first render ≤ 10 KB gzipped', `${n(w.unthrottled.jsGzipBytesFirstRender)} B`, ok(w.acceptance.withinBudget)]);
    rows.push(['exactly 2 requests to first render', `${n(w.unthrottled.requestsToFirstRenderMax)} / ${n(w.cpu4x.requestsToFirstRenderMax)} (1× / 4×)`, ok(w.acceptance.exactlyTwoRequests)]);
    rows.push([
      'zero layout shift',
      `CLS ${n(w.unthrottled.cls, 4)} / ${n(w.cpu4x.cls, 4)} (1× / 4×; without the reservation line: ${n(w.unthrottled.withoutReservation?.cls, 4)}, one move when the script draws the frame)`,
      ok(w.acceptance.zeroLayoutShift),
    ]);
    rows.push(['no long task over 50 ms (unthrottled)', `${n(w.unthrottled.longTasksMax)} (bare page: ${n(w.unthrottled.withoutWidget?.longTasksMax)})`, ok(w.acceptance.noLongTaskOver50ms)]);
  }
  if (a && !a.error) {
    rows.push(['bootstrap throughput ≥ 0.8× ping', `${n(a.bootstrap.throughputVsPing, 2)}×`, ok(a.acceptance.bootstrapAtLeast0_8xPing)]);
    rows.push(['bootstrap 0 errors', n(a.bootstrap.errors), ok(a.acceptance.bootstrapZeroErrors)]);
  }
  if (s && !s.error) {
    const last = s.sizes.at(-1);
    rows.push([`deep keyset page ≤ 1.2× page 1 at ${n(last.reviews)}`, `${n(last.keyset.rowsRead)} vs ${n(last.page1.rowsRead)} rows (${n(last.keysetRowsVsPage1, 2)}×)`, ok(s.acceptance.deepKeysetWithin1_2xPage1)]);
    rows.push(['OFFSET far worse', `${n(last.offset.rowsRead)} rows (${n(last.offsetRowsVsPage1)}×)`, ok(s.acceptance.offsetFarWorse)]);
    rows.push(['summary read is one row', s.sizes.map((x) => n(x.summary.rowsRead)).join(', '), ok(s.acceptance.summaryOneRow)]);
    rows.push(['stored summary equals a full count', s.sizes.map((x) => (x.summaryConsistent ? 'equal' : 'differs')).join(', '), ok(s.acceptance.summaryConsistent)]);
  }
  return rows.length ? table(['check', 'measured', ''], rows) : 'No part ran.';
}

export function renderReport(results) {
  const m = results.machine;
  const busy = m.loadAverage1m > m.cores;
  return `# Rebound benchmark results

Produced by \`npm run bench\`${results.mode === 'quick' ? ' -- --quick' : ''} (bench/run.mjs); raw figures in \`bench/results.json\`. Absolute
times depend on the machine and on whatever else it was doing; compare the ratios, which are
measured side by side in the same run.

| machine | |
| --- | --- |
| CPU | ${m.cpu}, ${m.cores} cores |
| memory | ${m.memoryGiB} GiB |
| OS | ${m.os} |
| Node | ${m.node} |
| Chromium | ${m.chromium ?? '–'} |
| date | ${m.date} |
| commit | ${m.commit}${m.uncommittedChanges ? ' (with uncommitted changes in the tree)' : ''} |
| load average (1 min) at start | ${m.loadAverage1m}${busy ? ' — **busy: more runnable work than cores; absolute times are inflated**' : ''} |
| run | ${results.mode}, ${n(results.seconds)} s |

## Acceptance

${acceptance(results)}

## Widget

${widgetSection(results.parts.widget)}
## API under load

${apiSection(results.parts.api)}
## Scale: 100k and 1M reviews

${scaleSection(results.parts.scale)}
## Recovery

${recoverySection(results.parts.recovery)}
## Imports

${importsSection(results.parts.imports)}
## Reproduce

\`\`\`sh
npm install
npm run bench            # everything, a few minutes on 2 cores
npm run bench -- --quick # fewer repetitions
npm run bench -- --only scale,api   # some parts; the others are kept from results.json
\`\`\`
`;
}
