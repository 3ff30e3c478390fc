/**
 * `npm run bench [-- --quick] [-- --only widget,api,scale,recovery,routing,email,imports] [-- --render]`: measures the widget in
 * Chromium, the API under load, the reviews list at 100k and 1M reviews, and the recovery
 * pipeline, all on this machine in one run, then writes bench/results.json and bench/RESULTS.md.
 * A part whose target is missing or fails is recorded with its error; the others still run.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { describeMachine, finishProvenance, loadAverages, startProvenance } from './lib/machine.mjs';
import { renderReport } from './report.mjs';

process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.WRANGLER_SEND_METRICS = 'false';

const args = process.argv.slice(2);
const quick = args.includes('--quick');
const onlyArg = args.find((a) => a.startsWith('--only'));
const only = onlyArg ? (onlyArg.includes('=') ? onlyArg.split('=')[1] : args[args.indexOf(onlyArg) + 1]).split(',') : null;
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const resultsPath = fileURLToPath(new URL('./results.json', import.meta.url));
const reportPath = fileURLToPath(new URL('./RESULTS.md', import.meta.url));

// `--render`: rewrite RESULTS.md from the last results.json without measuring anything.
if (args.includes('--render')) {
  await writeFile(reportPath, renderReport(JSON.parse(await readFile(resultsPath, 'utf8'))));
  process.exit(0);
}

const PARTS = {
  widget: async (ctx) => (await import('./widget.mjs')).benchWidget(ctx),
  api: async (ctx) => (await import('./api.mjs')).benchApi(ctx),
  scale: async (ctx) => (await import('./scale.mjs')).benchScale(ctx),
  recovery: async (ctx) => (await import('./recovery.mjs')).benchRecovery(ctx),
  routing: async (ctx) => (await import('./routing.mjs')).benchRouting(ctx),
  email: async (ctx) => (await import('./email.mjs')).benchEmail(ctx),
  imports: async (ctx) => (await import('./imports.mjs')).benchImports(ctx),
};

const started = Date.now();
// Measure the widget as the source is now, like `npm test` does through `pretest`.
if (!only || only.includes('widget') || !existsSync(fileURLToPath(new URL('../dist/widget.js', import.meta.url)))) {
  try {
    execFileSync(process.execPath, [fileURLToPath(new URL('../scripts/build.mjs', import.meta.url))], { stdio: 'inherit' });
  } catch (err) {
    console.error(`bench: the build failed (${err.message}); the widget part will report it`);
  }
}
const log = (msg) => console.log(`[bench ${((Date.now() - started) / 1000).toFixed(0).padStart(4)}s] ${msg}`);
const mode = quick ? 'quick' : 'full';
const machine = describeMachine(CHROMIUM);
// Every part carries its own provenance (commit, times, mode, load before and after): a later
// `--only` run replaces the parts it measures and never relabels the ones it did not.
// The machine goes with each part too: the figures on record may come from different machines.
const results = { lastRun: { startedAt: new Date(started).toISOString(), mode, only, machine, loadBefore: loadAverages() }, parts: {} };

for (const [name, run] of Object.entries(PARTS)) {
  if (only && !only.includes(name)) continue;
  log(`${name}: start`);
  const t = Date.now();
  const { chromium, ...host } = machine;
  const provenance = { ...startProvenance(mode), machine: name === 'widget' ? machine : host };
  try {
    const figures = await run({ quick, log, chromium: CHROMIUM });
    results.parts[name] = { ...figures, seconds: Math.round((Date.now() - t) / 1000), provenance: finishProvenance(provenance) };
    log(`${name}: done in ${Math.round((Date.now() - t) / 1000)} s`);
  } catch (err) {
    results.parts[name] = { error: String(err?.stack ?? err).slice(0, 4000), seconds: Math.round((Date.now() - t) / 1000), provenance: finishProvenance(provenance) };
    log(`${name}: FAILED: ${err?.message ?? err}`);
  }
}
results.lastRun.seconds = Math.round((Date.now() - started) / 1000);
results.lastRun.parts = Object.keys(results.parts);
await (await import('./lib/worker.mjs')).removeSnapshot();

// A partial run (--only) updates its parts and keeps the others, with their own provenance.
if (only) {
  try {
    const previous = JSON.parse(await readFile(resultsPath, 'utf8'));
    results.parts = { ...previous.parts, ...results.parts };
  } catch {
    // no previous report: this run's parts only
  }
}
await writeFile(resultsPath, `${JSON.stringify(results, null, 2)}\n`);
await writeFile(reportPath, renderReport(results));
log(`wrote bench/results.json and bench/RESULTS.md`);
const failed = Object.entries(results.parts).filter(([, p]) => p.error).map(([n]) => n);
if (failed.length) {
  console.error(`bench: parts failed: ${failed.join(', ')}`);
  process.exitCode = 1;
}
// wrangler's proxies and autocannon may leave handles open; everything is written.
setTimeout(() => process.exit(), 500).unref();
