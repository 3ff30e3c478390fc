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
script tag; "no reservation" is the embed without its style line; "below the fold" is the embed
under a section 150vh tall, scrolled into view by the page (not by input) after the lazy chunk ran. The widget's main-thread share
includes the probe's own per-frame check until first render.

${table(['', 'unthrottled', '4x CPU throttle'], [
  row('JS for first render, gzip -9', (x) => `${n(x.jsGzipBytesFirstRender)} B (${kb(x.jsGzipBytesFirstRender)}) of ${kb(w.budgetGzipBytes)} budget`),
  row('JS for first render, raw', (x) => `${n(x.jsRawBytesFirstRender)} B`),
  row('JS incl. lazy chunks (forms), gzip -9', (x) => `${n(x.jsGzipBytesTotal)} B`),
  row('review-photo chunks, gzip -9 (lazy; not loaded by these visits)', () =>
    w.photoChunksGzipBytes ? Object.entries(w.photoChunksGzipBytes).map(([k, v]) => `${k} ${n(v)} B`).join(' · ') : '–',
  ),
  row('requests to first render', (x) => `${n(x.requestsToFirstRenderMax)} (${x.requestUrls.map((r) => `\`${r.split('?')[0]}\``).join(', ')})`),
  row('widget requests in total (after idle)', (x) => n(x.requestsTotal)),
  row("page's first contentful paint", (x) => `${n(x.fcpMs)} ms`),
  row('FCP → widget first render', (x) => `${n(x.fcpToWidgetMs)} ms`),
  row('cumulative layout shift', (x) => `${n(x.cls, 4)}${x.shiftSources?.length ? ` (moved: ${x.shiftSources.join(', ')})` : ''} · bare page: ${n(x.withoutWidget?.cls, 4)}`),
  row('reviews shown whole, widget starting in view', (x) => n(x.reviewsWholeMin)),
  row('… starting below the fold (CLS; reviews shown whole once scrolled into view)', (x) =>
    x.belowFold ? `CLS ${n(x.belowFold.cls, 4)}${x.belowFold.shiftSources.length ? ` (moved: ${x.belowFold.shiftSources.join(', ')})` : ''}; ${n(x.belowFold.reviewsWholeMin)} reviews` : '–',
  ),
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

function emailSection(r) {
  if (!r) return 'Not run.\n';
  if (r.error) return failed(r);
  return `**${n(r.dueRequests)} review requests due at once** (orders delivered 30 days ago, bulk-loaded with their request and
reminder rows as \`POST /orders\` writes them). Each \`GET /__scheduled\` on \`wrangler dev --test-scheduled\` is one cron
run; the next run is triggered once the EMAIL queue's consumer has sent what the run queued (or after 60 s). The
per-run budget is ${n(r.perRunBudget)} emails (\`EMAIL_BATCH\` × \`CRON_MAX_ROUNDS\`); the most queued by one run was
${n(r.maxQueuedInOneRun)}. ${n(r.sent)} were sent through the simulated \`send_email\` binding, ${n(r.failed)} failed, in ${n(r.drainMs / 1000, 1)} s over
${n(r.cronRuns)} runs: ${n(r.runs.filter((x) => x.queued > 0).length)} runs queued everything, and the later ones only waited for this machine's local consumer
(about ${n(r.sent / (r.drainMs / 1000), 0)} emails/s here, while other work shared the 2 cores). Deployed, runs are five minutes apart, so queueing
${n(r.dueRequests)} takes ${n(r.runs.filter((x) => x.queued > 0).length * 5)} minutes of cron time and each run's work stays under the budget.

${table(['run', 'queued', 'sent so far', 'cron run', 'until sent'], r.runs.map((x) => [n(x.run), n(x.queued), n(x.sentTotal), `${n(x.runMs)} ms`, `${n(x.drainedMs / 1000, 1)} s`]))}
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

function routingSection(r) {
  if (!r) return 'Not run.\n';
  if (r.error) return failed(r);
  return `**Text router, per text.** \`decideRouting\` over the ${n(r.texts)} labelled evaluation texts (English and Persian),
each call timed on its own in Node after a warm-up (bench/routing.mjs). A text's cost is the fastest of its
${n(r.rounds)} runs (other work on a shared machine only adds time); every raw run is in the second row.

${table(['', 'p50', 'p99', 'max'], [
  ['per text, fastest run', `${n(r.p50Ms, 3)} ms`, `${n(r.p99Ms, 3)} ms`, `${n(r.maxMs, 3)} ms`],
  ['every run', `${n(r.raw?.p50Ms, 3)} ms`, `${n(r.raw?.p99Ms, 3)} ms`, `${n(r.raw?.maxMs, 3)} ms`],
  [`longest text (${n(r.longestText.chars)} chars), 200 runs`, `${n(r.longestText.p50Ms, 3)} ms`, `${n(r.longestText.p99Ms, 3)} ms`, '–'],
])}
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
      `CLS ${n(w.unthrottled.cls, 4)} / ${n(w.cpu4x.cls, 4)} in view, ${n(w.unthrottled.belowFold?.cls, 4)} / ${n(w.cpu4x.belowFold?.cls, 4)} below the fold (1× / 4×; without the reservation line: ${n(w.unthrottled.withoutReservation?.cls, 4)}, one move when the script draws the frame)`,
      ok(w.acceptance.zeroLayoutShift),
    ]);
    if (w.acceptance.fiveReviewsBelowFold !== undefined)
      rows.push(['≥ 5 reviews shown whole below the fold', `${n(w.unthrottled.belowFold?.reviewsWholeMin)} / ${n(w.cpu4x.belowFold?.reviewsWholeMin)} (1× / 4×)`, ok(w.acceptance.fiveReviewsBelowFold)]);
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
  const r = results.parts.routing;
  if (r && !r.error) rows.push(['text router ≤ 1 ms per text (p99)', `${n(r.p99Ms, 3)} ms`, ok(r.acceptance.p99Within1ms)]);
  return rows.length ? table(['check', 'measured', ''], rows) : 'No part ran.';
}

/** "2026-11-22 22:18 UTC" from an ISO time. */
const when = (isoTime) => (isoTime ? `${isoTime.slice(0, 16).replace('T', ' ')} UTC` : '–');
const loads = (l) => (Array.isArray(l) ? l.map((v) => n(v, 2)).join(' / ') : '–');

/** More runnable work than cores when the part started: absolute times are inflated. */
const isBusy = (p) => Array.isArray(p.loadBefore) && p.machine?.cores !== undefined && p.loadBefore[0] > p.machine.cores;
const host = (m) => (m ? `${m.cpu}, ${m.cores} cores, ${m.memoryGiB} GiB; Node ${m.node}${m.chromium ? `; ${m.chromium}` : ''}` : 'not recorded');

/** One part's provenance as a sentence, for the top of its section. */
function measuredBy(part) {
  const p = part?.provenance;
  if (!part) return '';
  if (!p) return '_Provenance not recorded (measured before parts recorded their own)._\n\n';
  const busy = isBusy(p) ? ' — the machine was busy (load above its cores), so absolute times are inflated' : '';
  return `_Measured at commit \`${p.commit}\`${p.uncommittedChanges ? ' (with other uncommitted changes)' : ''}, ${when(p.startedAt)}, ${p.mode} mode, on ${host(p.machine)}; load ${loads(p.loadBefore)} before${p.loadAfter ? `, ${loads(p.loadAfter)} after` : ''}${busy}${p.reconstructed ? `; ${p.reconstructed}` : ''}._\n\n`;
}

function provenanceTable(results) {
  const rows = Object.entries(results.parts).map(([name, part]) => {
    const p = part.provenance;
    if (!p) return [name, 'not recorded', '–', '–', '–', '–', n(part.seconds), '–'];
    return [
      name,
      `\`${p.commit}\`${p.uncommittedChanges ? ' (+ uncommitted changes)' : ''}`,
      when(p.startedAt),
      p.mode,
      `${loads(p.loadBefore)}${isBusy(p) ? ' (busy)' : ''}`,
      p.loadAfter ? loads(p.loadAfter) : 'not recorded',
      `${n(part.seconds)}${p.reconstructed ? ' ¹' : ''}`,
      p.machine ? `${p.machine.cpu}, ${p.machine.cores} cores` : 'not recorded',
    ];
  });
  const reconstructed = Object.values(results.parts).some((part) => part.provenance?.reconstructed);
  return `${table(['part', 'commit measured', 'started', 'mode', 'load before (1 / 5 / 15 min)', 'load after', 'seconds', 'machine'], rows)}
${reconstructed ? '\n¹ Measured before each part recorded its own provenance; taken from the run that wrote these figures into `bench/results.json` (its git history). That run recorded only the 1-minute load at its start.\n' : ''}`;
}

export function renderReport(results) {
  const last = results.lastRun;
  return `# Rebound benchmark results

Produced by \`npm run bench\` (bench/run.mjs); raw figures in \`bench/results.json\`. Each part
below was measured in its own run and says where its figures come from: the commit, the time, the
mode (\`--quick\` or full) and the machine's load. A run with \`--only\` replaces the parts it
measures and leaves the others, with their own provenance, as they were. Absolute times depend on
the machine and on whatever else it was doing; compare the ratios, which are measured side by side
within one part (and, since the machine may differ between parts, not across parts).
${last ? `\nThe last run (${when(last.startedAt)}, ${last.mode}${last.only ? `, \`--only ${last.only.join(',')}\`` : ''}) measured ${last.parts?.join(', ') || 'nothing'} in ${n(last.seconds)} s on ${host(last.machine)}.\n` : ''}
## Where each part's figures come from

${provenanceTable(results)}
## Acceptance

${acceptance(results)}

## Widget

${measuredBy(results.parts.widget)}${widgetSection(results.parts.widget)}
## API under load

${measuredBy(results.parts.api)}${apiSection(results.parts.api)}
## Scale: 100k and 1M reviews

${measuredBy(results.parts.scale)}${scaleSection(results.parts.scale)}
## Recovery

${measuredBy(results.parts.recovery)}${recoverySection(results.parts.recovery)}
## Text router

${measuredBy(results.parts.routing)}${routingSection(results.parts.routing)}
## Email

${measuredBy(results.parts.email)}${emailSection(results.parts.email)}
## Imports

${measuredBy(results.parts.imports)}${importsSection(results.parts.imports)}
## Reproduce

\`\`\`sh
npm install
npm run bench            # everything, a few minutes on 2 cores
npm run bench -- --quick # fewer repetitions
npm run bench -- --only scale,api   # some parts; the others keep their figures and provenance
npm run bench -- --render           # rewrite this file from results.json, measuring nothing
\`\`\`
`;
}
