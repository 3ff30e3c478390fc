#!/usr/bin/env node
/**
 * Measures the recovery routing rules on the labelled sets and writes docs/SENTIMENT.md.
 * Node 22 runs the TypeScript rules directly (type stripping), so what is measured is exactly
 * what the Worker bundles.
 *
 *   npm run eval:routing            figures per language: dev, frozen test, older sets
 *   npm run eval:routing -- --dev   also lists the dev mistakes (never the test set's)
 *   npm run eval:routing -- --probe probe10
 *                                   only measures shop-{en,fa}.probe10.json, rules only and rules +
 *                                   base model, in aggregate, and writes nothing: a new probe is
 *                                   committed alone first, then measured once this way
 *   npm run eval:routing -- --cv    chooses the base model's threshold on the dev sets alone: five
 *                                   folds by a hash of each text, the model counted on four and
 *                                   the routing measured on the fifth; writes nothing
 *
 * The frozen test sets (shop-*.test.json) and the last fresh probe (shop-*.<FRESH_PROBE>.json) are
 * reported in aggregate only: their mistakes are not printed, so nobody tunes the rules against
 * them by accident.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { createHash } from 'node:crypto';
import { evaluate, LabelledSet, route, ShopSet } from '../worker/src/rules/eval/evaluate.ts';
import { learnTokens, predict } from '../worker/src/rules/learn.ts';
import { FROZEN_COMMIT } from '../worker/src/rules/eval/frozen.ts';
import { SENTIMENT_METHOD } from '../worker/src/rules/sentiment.ts';

const root = new URL('../', import.meta.url);
const read = (name) => JSON.parse(readFileSync(new URL(`worker/src/rules/eval/${name}`, root), 'utf8'));
const LANGS = { en: 'English', fa: 'Persian' };
const showDev = process.argv.includes('--dev');
/** The last probe written after the last rule change; earlier probes are folded into dev. */
const FRESH_PROBE = 'probe9';
const probeAt = process.argv.indexOf('--probe');

const f = (x) => x.toFixed(3);
// Unhappy texts that reach staff at all: a case, or the needs-a-look lane.
const reached = (r) => (r.tp + r.fn === 0 ? 0 : (r.tp + r.uncertain.unhappy) / (r.tp + r.fn));

if (process.argv.includes('--cv')) {
  const FOLDS = 5;
  const THRESHOLDS = [0.5, 1, 1.5, 2, 2.5, 3];
  const fold = (text) => createHash('sha256').update(text).digest()[0] % FOLDS;
  const items = Object.keys(LANGS).flatMap((lang) => [
    ...ShopSet.parse(read(`shop-${lang}.dev.json`)).map((i) => ({ ...i, lang })),
    ...LabelledSet.parse(read(`labelled-${lang}.json`)).map((i) => ({ ...i, lang })),
  ]);
  // The same counting as scripts/train-base-model.mjs, on the other folds only.
  const train = (k) => {
    const docs = { unhappy: 0, happy: 0 };
    const counts = new Map();
    for (const item of items) {
      if (fold(item.text) === k) continue;
      docs[item.unhappy ? 'unhappy' : 'happy'] += 1;
      for (const token of learnTokens(item.text)) {
        const c = counts.get(token) ?? { unhappy: 0, happy: 0 };
        c[item.unhappy ? 'unhappy' : 'happy'] += 1;
        counts.set(token, c);
      }
    }
    return { docs, tokens: new Map([...counts].filter(([, c]) => c.unhappy + c.happy >= 2)) };
  };
  const models = Array.from({ length: FOLDS }, (_, k) => train(k));
  const tally = new Map();
  for (const item of items) {
    const d = route(item, undefined, true);
    const liftable = d.uncertain && ((item.kind ?? 'story') === 'story' || item.rating === 3);
    const odds = liftable ? predict(models[fold(item.text)], item.text, Infinity).logOdds : -Infinity;
    for (const t of ['rules only', ...THRESHOLDS]) {
      const open = d.open || (t !== 'rules only' && odds >= t);
      const key = `${item.lang} ${t}`;
      const c = tally.get(key) ?? { tp: 0, fp: 0, fn: 0, tn: 0 };
      c[open ? (item.unhappy ? 'tp' : 'fp') : item.unhappy ? 'fn' : 'tn'] += 1;
      tally.set(key, c);
    }
  }
  console.log(`method ${SENTIMENT_METHOD}; base model threshold by ${FOLDS}-fold cross-validation on dev (${items.length} texts)`);
  console.log('language  log-odds ≥   precision  recall  happy routed');
  for (const [lang, name] of Object.entries(LANGS)) {
    for (const t of ['rules only', ...THRESHOLDS]) {
      const c = tally.get(`${lang} ${t}`);
      console.log(`${name.padEnd(9)} ${String(t).padEnd(11)}  ${f(c.tp / (c.tp + c.fp))}      ${f(c.tp / (c.tp + c.fn))}   ${f(c.fp / (c.fp + c.tn))}`);
    }
  }
  process.exit(0);
}

if (probeAt >= 0) {
  const probe = process.argv[probeAt + 1];
  if (!probe || !/^[a-z0-9-]+$/.test(probe)) throw new Error('--probe needs a set name, e.g. --probe probe8');
  console.log(`method ${SENTIMENT_METHOD}; probe ${probe}, aggregate only`);
  console.log('language  router            n    precision  recall  F1     tp  fp  fn  tn  needs-a-look (unhappy/happy)  case-or-look recall');
  for (const [lang, name] of Object.entries(LANGS)) {
    const items = ShopSet.parse(read(`shop-${lang}.${probe}.json`));
    for (const [label, rulesOnly] of [['rules only', true], ['rules + base', false]]) {
      const r = evaluate(items, undefined, rulesOnly);
      console.log(
        `${name.padEnd(9)} ${label.padEnd(16)} ${String(r.n).padStart(4)}    ${f(r.precision)}     ${f(r.recall)}   ${f(r.f1)}  ${[r.tp, r.fp, r.fn, r.tn].map((x) => String(x).padStart(3)).join(' ')}  ${`${r.uncertain.unhappy}/${r.uncertain.happy}`.padEnd(28)}  ${f(reached(r))}`,
      );
    }
  }
  process.exit(0);
}

const rows = [];
const devErrors = [];
for (const [lang, name] of Object.entries(LANGS)) {
  const sets = [
    ['test (frozen)', ShopSet.parse(read(`shop-${lang}.test.json`))],
    ['fresh probe', ShopSet.parse(read(`shop-${lang}.${FRESH_PROBE}.json`))],
    ['dev', ShopSet.parse(read(`shop-${lang}.dev.json`))],
    ['older sets (dev)', LabelledSet.parse(read(`labelled-${lang}.json`))],
  ];
  for (const [split, items] of sets) {
    const s = evaluate(items);
    rows.push({ lang: name, split, ...s });
    // What the base model adds is shown where it matters: on text nobody tuned on.
    if (split === 'fresh probe') rows.push({ lang: name, split: 'fresh probe, rules only', ...evaluate(items, undefined, true) });
    if (split === 'dev' || split === 'older sets (dev)') for (const e of s.errors) devErrors.push({ lang: name, split, ...e });
  }
}

console.log(`method ${SENTIMENT_METHOD}; test sets frozen at commit ${FROZEN_COMMIT}`);
console.log('language  set                       n    precision  recall  F1     tp  fp  fn  tn  needs-a-look (unhappy/happy)  case-or-look recall');
for (const r of rows) {
  console.log(
    `${r.lang.padEnd(9)} ${r.split.padEnd(24)} ${String(r.n).padStart(4)}    ${f(r.precision)}     ${f(r.recall)}   ${f(r.f1)}  ${[r.tp, r.fp, r.fn, r.tn].map((x) => String(x).padStart(3)).join(' ')}  ${`${r.uncertain.unhappy}/${r.uncertain.happy}`.padEnd(28)}  ${f(reached(r))}`,
  );
}
if (showDev) {
  console.log('\ndev mistakes:');
  for (const e of devErrors) console.log(`${e.lang} ${e.split} ${e.expected ? 'MISSED' : 'FALSE '} ${e.uncertain ? '(look) ' : ''}${e.score}\t${e.text}`);
}

const table = [
  '| language | set | texts | precision | recall | F1 | tp | fp | fn | tn | needs a look (unhappy / happy) | reach staff (case or lane) |',
  '| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map(
    (r) =>
      `| ${r.lang} | ${r.split} | ${r.n} | ${f(r.precision)} | ${f(r.recall)} | ${f(r.f1)} | ${r.tp} | ${r.fp} | ${r.fn} | ${r.tn} | ${r.uncertain.unhappy} / ${r.uncertain.happy} | ${f(reached(r))} |`,
  ),
].join('\n');
const test = (lang) => rows.find((r) => r.lang === lang && r.split === 'test (frozen)');
const headline = Object.values(LANGS)
  .map((l) => `${l}: precision **${f(test(l).precision)}**, recall **${f(test(l).recall)}** (${test(l).n} texts)`)
  .join('; ');

const template = readFileSync(new URL('docs/SENTIMENT.template.md', root), 'utf8');
const doc = template
  .replace('{{HEADLINE}}', headline)
  .replace('{{TABLE}}', table)
  .replace(/\{\{METHOD\}\}/g, SENTIMENT_METHOD)
  .replace(/\{\{FROZEN\}\}/g, FROZEN_COMMIT)
  .replace(/\{\{PROBE\}\}/g, FRESH_PROBE)
;
writeFileSync(new URL('docs/SENTIMENT.md', root), doc);
console.log(`wrote ${fileURLToPath(new URL('docs/SENTIMENT.md', root))}`);
