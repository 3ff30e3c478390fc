/**
 * The widget in headless Chromium against a real `wrangler dev`, as a shopper's first visit to
 * a merchant page (fresh browser context, nothing cached), unthrottled and at 4x CPU throttle.
 *
 * The merchant page is served by a tiny server of its own on another loopback port: another
 * origin, as on a real shop, but in the same address space, so Chromium's local-network checks
 * do not block the page from reaching the worker. Every request the worker sees is the widget's. "First render" is the first animation frame in which
 * the widget shows data (its summary has rendered), found by a probe injected before any page
 * script runs; the widget has no mark of its own. The probe's own per-frame check costs a little
 * main-thread time, the same with and without throttling.
 */
import { createServer } from 'node:http';
import { readdirSync, readFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { loadReviews } from './lib/bulk.mjs';
import { median, round } from './lib/stats.mjs';
import { SITE, freshState, openD1, removeState, runWorker, seedSite } from './lib/worker.mjs';
import { freePort } from '../scripts/dev-server.mjs';

const SUBJECT = 'sku-kettle-01';
export const BUDGET_GZIP_BYTES = 10 * 1024;

/**
 * The review-photo chunks as built (`dist/w/`), gzip -9: fetched only when a review form opens or
 * a review with photos is listed, so the visits above (no photos) never load them.
 */
export function photoChunkSizes() {
  const dir = new URL('../dist/w/', import.meta.url);
  const sizes = {};
  for (const file of readdirSync(dir)) {
    const part = /^(rb-photo-picker|rb-photos|photo-view|photos-fa|photo-upload|photo-delivery)-/.exec(file)?.[1];
    if (part) sizes[part] = gzipSync(readFileSync(new URL(file, dir)), { level: 9 }).length;
  }
  return sizes;
}

/**
 * The merchant page as the widget's README embeds it (`product`: the script tag, the one-line
 * reservation and the element, which starts in view), the same with a tall product section
 * above so the widget starts below the fold (`below`), the embed without the reservation
 * (`bare`), or without the widget at all (`plain`).
 */
function merchantPage(workerUrl, variant) {
  const reserve = variant === 'product' || variant === 'below' ? '<style>rb-feedback{display:block;min-block-size:40em}</style>' : '';
  const above = variant === 'below' ? '<div style="block-size:150vh">Product photos and details.</div>' : '';
  const script = variant === 'plain' ? '' : `<script type="module" src="${workerUrl}/widget.js" data-site="${SITE}" async></script>${reserve}`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">
<title>Bench shop</title>${script}<style>body{font:16px/1.5 system-ui,sans-serif;margin:0 auto;max-width:60rem;padding:1rem}</style></head>
<body><h1>Nimbus Kettle</h1><p>A 1.7 litre brushed-steel kettle with a temperature dial.</p>${above}
<section><h2>Customer reviews</h2><rb-feedback subject="${SUBJECT}"></rb-feedback></section>
<footer><p>Content below the widget: it moves if the widget shifts layout.</p></footer></body></html>`;
}

/** Installed before any page script: records paint, layout shifts, long tasks and the widget's first data frame. */
function probe() {
  const state = { shifts: 0, shiftEntries: 0, shiftSources: [], longTasks: [], firstRender: null, firstShell: null };
  window.__rbBench = state;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (!e.hadRecentInput) {
        state.shifts += e.value;
        state.shiftEntries += 1;
        state.shiftSources.push({ at: e.startTime, value: e.value, nodes: (e.sources ?? []).map((src) => src.node?.nodeName ?? '?') });
      }
    }
  }).observe({ type: 'layout-shift', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) state.longTasks.push(e.duration);
  }).observe({ type: 'longtask', buffered: true });
  // The widget has drawn its data once the summary's average (a documented ::part) exists,
  // wherever it sits in the widget's shadow trees.
  const deepFind = (root, selector) => {
    if (!root) return null;
    const hit = root.querySelector(selector);
    if (hit) return hit;
    for (const el of root.querySelectorAll('*')) {
      const found = el.shadowRoot && deepFind(el.shadowRoot, selector);
      if (found) return found;
    }
    return null;
  };
  const frame = (t) => {
    const root = document.querySelector('rb-feedback')?.shadowRoot;
    if (root && state.firstShell === null && root.childElementCount > 0) state.firstShell = t;
    if (root && deepFind(root, '[part~="average"]')) {
      state.firstRender = t;
      performance.mark('rb-first-render');
      return;
    }
    requestAnimationFrame(frame);
  };
  requestAnimationFrame(frame);
}

/** Serves the merchant page (`/product`, `/bare`, `/plain`: see merchantPage) for the worker at `workerUrl()`. */
async function startMerchant(workerUrl) {
  const port = await freePort();
  const server = createServer((req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' });
    res.end(merchantPage(workerUrl(), req.url.slice(1).split('?')[0]));
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${port}`, close: () => new Promise((resolve) => server.close(resolve)) };
}

async function visit(browser, merchant, workerUrl, { throttle, variant }) {
  const withWidget = variant !== 'plain';
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  page.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  const scripts = new Map();
  page.on('response', async (res) => {
    if (res.request().resourceType() !== 'script') return;
    try {
      scripts.set(res.url(), await res.body());
    } catch {
      // a response without a body (redirect) carries no code
    }
  });
  const cdp = await context.newCDPSession(page);
  await cdp.send('Performance.enable');
  if (throttle > 1) await cdp.send('Emulation.setCPUThrottlingRate', { rate: throttle });
  await page.addInitScript(probe);
  await page.goto(`${merchant.origin}/${variant}`, { waitUntil: 'load' });
  if (withWidget) await page.waitForFunction(() => window.__rbBench.firstRender !== null, null, { timeout: 30_000 });
  // Let lazy work after first paint (the form chunk, idle callbacks) happen inside the window.
  await page.waitForTimeout(1500);
  // Below the fold: the page brings the widget into view (a script, not the shopper's input, so
  // any shift from here on would count too), as a reviews link or a long scroll would.
  if (variant === 'below') {
    await page.evaluate(() => document.querySelector('rb-feedback').scrollIntoView());
    await page.waitForTimeout(500);
  }
  const metrics = Object.fromEntries((await cdp.send('Performance.getMetrics')).metrics.map((m) => [m.name, m.value]));
  const data = await page.evaluate(() => {
    const s = window.__rbBench;
    const fcp = performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null;
    const resources = performance.getEntriesByType('resource').map((r) => ({ url: r.name, start: r.startTime, type: r.initiatorType }));
    // The reviews the frame shows whole at the end of the visit (not clipped by the list's box).
    const list = document.querySelector('rb-feedback')?.shadowRoot?.querySelector('.list');
    const bottom = list?.getBoundingClientRect().bottom ?? 0;
    const reviewsWhole = list ? [...list.querySelectorAll('[part="review"]')].filter((r) => r.getBoundingClientRect().bottom <= bottom + 1).length : null;
    return { ...s, fcp, resources, reviewsWhole };
  });
  await context.close();
  // Only the widget's requests count: those to the worker (the merchant page's own favicon is not).
  const widgetResources = data.resources.filter((r) => r.url.startsWith(workerUrl));
  const beforeRender = data.firstRender === null ? [] : widgetResources.filter((r) => r.start <= data.firstRender);
  const jsBefore = beforeRender.filter((r) => scripts.has(r.url));
  const gzip = (buf) => gzipSync(buf, { level: 9 }).length;
  return {
    fcpMs: data.fcp,
    firstShellMs: data.firstShell,
    firstRenderMs: data.firstRender,
    fcpToWidgetMs: data.firstRender !== null && data.fcp !== null ? data.firstRender - data.fcp : null,
    requestsToFirstRender: beforeRender.length,
    requestUrls: beforeRender.map((r) => r.url.replace(workerUrl, '')),
    requestsTotal: widgetResources.length,
    jsGzipBytesFirstRender: jsBefore.reduce((sum, r) => sum + gzip(scripts.get(r.url)), 0),
    jsRawBytesFirstRender: jsBefore.reduce((sum, r) => sum + scripts.get(r.url).length, 0),
    jsGzipBytesTotal: [...scripts.values()].reduce((sum, b) => sum + gzip(b), 0),
    cls: data.shifts,
    layoutShifts: data.shiftEntries,
    reviewsWhole: data.reviewsWhole,
    // When each shift happened against first render: before or at it = space not reserved for the
    // data; after it = something loaded later (the lazy forms) changed the widget's size.
    shiftSources: data.shiftSources.map(
      (x) => `${x.nodes.join('+')} ${Math.round(x.value * 1000) / 1000} ${data.firstRender !== null && x.at > data.firstRender + 1 ? 'after' : 'at/before'} first render`,
    ),
    longTasks: data.longTasks.length,
    longTaskMaxMs: data.longTasks.length ? Math.max(...data.longTasks) : 0,
    taskMs: metrics.TaskDuration * 1000,
    scriptMs: metrics.ScriptDuration * 1000,
    layoutMs: metrics.LayoutDuration * 1000,
    styleMs: metrics.RecalcStyleDuration * 1000,
    errors,
  };
}

function summarise(runs) {
  const pick = (k, digits = 1) => round(median(runs.map((r) => r[k])), digits);
  return {
    runs: runs.length,
    fcpMs: pick('fcpMs'),
    firstRenderMs: pick('firstRenderMs'),
    fcpToWidgetMs: pick('fcpToWidgetMs'),
    requestsToFirstRender: pick('requestsToFirstRender', 0),
    requestsToFirstRenderMax: Math.max(...runs.map((r) => r.requestsToFirstRender)),
    requestUrls: runs[0].requestUrls,
    requestsTotal: pick('requestsTotal', 0),
    jsGzipBytesFirstRender: pick('jsGzipBytesFirstRender', 0),
    jsRawBytesFirstRender: pick('jsRawBytesFirstRender', 0),
    jsGzipBytesTotal: pick('jsGzipBytesTotal', 0),
    cls: round(Math.max(...runs.map((r) => r.cls)), 4),
    reviewsWholeMin: Math.min(...runs.map((r) => r.reviewsWhole ?? 0)),
    longTasksMax: Math.max(...runs.map((r) => r.longTasks)),
    longTaskMaxMs: round(Math.max(...runs.map((r) => r.longTaskMaxMs)), 0),
    mainThreadMs: pick('taskMs'),
    scriptMs: pick('scriptMs'),
    layoutAndStyleMs: round(median(runs.map((r) => r.layoutMs + r.styleMs)), 1),
    shiftSources: [...new Set(runs.flatMap((r) => r.shiftSources))],
    consoleErrors: [...new Set(runs.flatMap((r) => r.errors))],
  };
}

export async function benchWidget({ quick, log, chromium: executablePath }) {
  const reps = quick ? 3 : 5;
  const persistTo = await freshState('widget');
  try {
    let workerUrl = '';
    const merchant = await startMerchant(() => workerUrl);
    await seedSite(persistTo, [merchant.origin]);
    const db = openD1(persistTo);
    try {
      loadReviews(db, { siteId: SITE, subject: SUBJECT, count: 200 });
    } finally {
      db.close();
    }
    const server = await runWorker(persistTo);
    workerUrl = server.url;
    const browser = await chromium.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    });
    try {
      // One unmeasured visit warms the worker (isolate, D1 pages, the bootstrap's edge-cache entry).
      await visit(browser, merchant, server.url, { throttle: 1, variant: 'product' });
      const out = {};
      for (const throttle of [1, 4]) {
        const runs = [];
        const below = [];
        const bare = [];
        const baseline = [];
        for (let i = 0; i < reps; i++) {
          runs.push(await visit(browser, merchant, server.url, { throttle, variant: 'product' }));
          below.push(await visit(browser, merchant, server.url, { throttle, variant: 'below' }));
          bare.push(await visit(browser, merchant, server.url, { throttle, variant: 'bare' }));
          baseline.push(await visit(browser, merchant, server.url, { throttle, variant: 'plain' }));
        }
        const s = summarise(runs);
        // The same embed starting below the fold: the frame grows to the whole first page out of
        // sight, then the page scrolls it into view.
        const b = summarise(below);
        s.belowFold = { cls: b.cls, shiftSources: b.shiftSources, reviewsWholeMin: b.reviewsWholeMin, requestsToFirstRenderMax: b.requestsToFirstRenderMax, consoleErrors: b.consoleErrors };
        // The embed without its reservation line: the one move when the script draws the frame.
        s.withoutReservation = { cls: round(Math.max(...bare.map((r) => r.cls)), 4), shiftSources: [...new Set(bare.flatMap((r) => r.shiftSources))] };
        // The same page without the script tag, visited the same way: what the widget adds.
        s.withoutWidget = {
          mainThreadMs: round(median(baseline.map((r) => r.taskMs)), 1),
          cls: round(Math.max(...baseline.map((r) => r.cls)), 4),
          longTasksMax: Math.max(...baseline.map((r) => r.longTasks)),
          longTaskMaxMs: round(Math.max(...baseline.map((r) => r.longTaskMaxMs)), 0),
        };
        s.widgetMainThreadMs = round(s.mainThreadMs - s.withoutWidget.mainThreadMs, 1);
        out[throttle === 1 ? 'unthrottled' : 'cpu4x'] = s;
        log(
          `widget: ${throttle}x: ${s.jsGzipBytesFirstRender} B gz, ${s.requestsToFirstRender} requests, FCP→widget ${s.fcpToWidgetMs} ms, CLS ${s.cls} in view (${s.reviewsWholeMin} reviews whole), ${s.belowFold.cls} below the fold (${s.belowFold.reviewsWholeMin} reviews whole)`,
        );
      }
      const u = out.unthrottled;
      out.budgetGzipBytes = BUDGET_GZIP_BYTES;
      out.photoChunksGzipBytes = photoChunkSizes();
      out.acceptance = {
        withinBudget: u.jsGzipBytesFirstRender <= BUDGET_GZIP_BYTES,
        exactlyTwoRequests: u.requestsToFirstRenderMax === 2 && out.cpu4x.requestsToFirstRenderMax === 2,
        zeroLayoutShift: u.cls === 0 && out.cpu4x.cls === 0 && u.belowFold.cls === 0 && out.cpu4x.belowFold.cls === 0,
        // Below the fold the frame grows out of sight: the whole first page, at least five reviews.
        fiveReviewsBelowFold: u.belowFold.reviewsWholeMin >= 5 && out.cpu4x.belowFold.reviewsWholeMin >= 5,
        noLongTaskOver50ms: u.longTasksMax === 0,
        // Long tasks the bare page has too (new-context start-up on this machine) are not the widget's.
        noLongTaskBeyondBarePage: u.longTasksMax <= u.withoutWidget.longTasksMax,
      };
      return out;
    } finally {
      await browser.close();
      server.stop();
      await merchant.close();
    }
  } finally {
    await removeState(persistTo);
  }
}
