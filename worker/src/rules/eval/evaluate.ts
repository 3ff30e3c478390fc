/**
 * Runs a labelled set through `decideRouting` and counts how well "opens a case" matches the
 * human label "unhappy" (worker/src/rules/eval/GUIDELINE.md). Shared by the threshold test,
 * `npm run eval:routing` and the routing bench.
 *
 * A text the router is unsure about goes to the "needs a look" lane, not to a case: it counts as
 * not routed in precision and recall (the honest figure), and is reported on its own.
 */
import * as z from 'zod/mini';
import { SiteSettings } from '../../../../shared/site.ts';
import { Kind } from '../../../../shared/submission.ts';
import { decideRouting, type RoutingDecision } from '../routing.ts';
import type { LearnedModel } from '../learn.ts';

/** The first, smaller sets (`labelled-{en,fa}.json`): all of them dev data now. */
export const LabelledItem = z.strictObject({
  text: z.string().check(z.minLength(1)),
  kind: z.optional(Kind),
  rating: z.optional(z.int().check(z.gte(1), z.lte(5))),
  /** The human judgement: should this customer be contacted to win them back? */
  unhappy: z.boolean(),
  intent: z.optional(z.array(z.string())),
  note: z.optional(z.string()),
  /**
   * `holdout` was meant to be unseen text, but it was committed after the lexicon was written
   * and then tuned against: it is dev data like the rest. The frozen sets are `shop-*.test.json`.
   */
  split: z.enum(['dev', 'holdout']),
});
export type LabelledItem = z.infer<typeof LabelledItem>;
export const LabelledSet = z.array(LabelledItem);

/** The shop-review sets (`shop-{en,fa}.{dev,test}.json`): text only, routed as a story. */
export const ShopItem = z.strictObject({
  text: z.string().check(z.minLength(1)),
  unhappy: z.boolean(),
  category: z.enum(['electronics', 'clothes', 'cosmetics', 'food', 'home', 'books', 'toys', 'delivery', 'service']),
});
export type ShopItem = z.infer<typeof ShopItem>;
export const ShopSet = z.array(ShopItem);

export interface EvalItem {
  text: string;
  unhappy: boolean;
  kind?: Kind | undefined;
  rating?: number | undefined;
}

export interface Scores {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** Texts sent to the "needs a look" lane, by their label. */
  uncertain: { unhappy: number; happy: number };
  /** The items the rules got wrong, with what they decided. */
  errors: { text: string; expected: boolean; score: number; reason: string; uncertain: boolean }[];
}

const settings = SiteSettings.parse({});

/** The reason `decideRouting` gives when the base model, not the rules, opened the case. */
const BY_BASE_MODEL = 'resembles unhappy reviews';

/**
 * The routing decision for one labelled text, as the submission route would make it.
 * `rulesOnly` leaves out the base model: it only ever lifts an unsure text to a case, so without
 * it that text stays unsure (the "rules only" figures of docs/SENTIMENT.md).
 */
export function route(item: EvalItem, learned?: LearnedModel, rulesOnly = false): RoutingDecision {
  // Items without a kind are free text: routed as a story, which depends on the text alone.
  const kind = item.kind ?? 'story';
  const d = decideRouting(
    { kind, rating: item.rating, body: item.text, category: kind === 'complaint' ? 'other' : undefined },
    { settings, priorCases: 0, learned },
  );
  if (rulesOnly && d.reason.startsWith(BY_BASE_MODEL)) return { ...d, open: false, priority: null, reason: 'needs a look', uncertain: true };
  return d;
}

export function evaluate(items: readonly EvalItem[], learned?: LearnedModel, rulesOnly = false): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const uncertain = { unhappy: 0, happy: 0 };
  const errors: Scores['errors'] = [];
  for (const item of items) {
    const d = route(item, learned, rulesOnly);
    if (d.uncertain) uncertain[item.unhappy ? 'unhappy' : 'happy'] += 1;
    if (d.open && item.unhappy) tp += 1;
    else if (d.open) fp += 1;
    else if (item.unhappy) fn += 1;
    else tn += 1;
    if (d.open !== item.unhappy) errors.push({ text: item.text, expected: item.unhappy, score: d.score, reason: d.reason, uncertain: d.uncertain });
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: items.length, tp, fp, fn, tn, precision, recall, f1, uncertain, errors };
}
