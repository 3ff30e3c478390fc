/**
 * Runs a labelled set through `decideRouting` and counts how well "opens a case" matches the
 * human label "unhappy". Shared by the threshold test and `npm run eval:sentiment`.
 */
import * as z from 'zod/mini';
import { SiteSettings } from '../../../../shared/site.ts';
import { Kind } from '../../../../shared/submission.ts';
import { decideRouting } from '../routing.ts';

export const LabelledItem = z.strictObject({
  text: z.string().check(z.minLength(1)),
  kind: z.optional(Kind),
  rating: z.optional(z.int().check(z.gte(1), z.lte(5))),
  /** The human judgement: should this customer be contacted to win them back? */
  unhappy: z.boolean(),
  intent: z.optional(z.array(z.string())),
  note: z.optional(z.string()),
  /** `dev` items may guide the lexicon; `holdout` items are only ever measured. */
  split: z.enum(['dev', 'holdout']),
});
export type LabelledItem = z.infer<typeof LabelledItem>;
export const LabelledSet = z.array(LabelledItem);

export interface Scores {
  n: number;
  tp: number;
  fp: number;
  fn: number;
  tn: number;
  precision: number;
  recall: number;
  f1: number;
  /** The items the rules got wrong, with what they decided. */
  errors: { text: string; expected: boolean; score: number; reason: string }[];
}

const settings = SiteSettings.parse({});

export function evaluate(items: readonly LabelledItem[]): Scores {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  let tn = 0;
  const errors: Scores['errors'] = [];
  for (const item of items) {
    // Items without a kind are free text: routed as a story, which depends on the text alone.
    const kind = item.kind ?? 'story';
    const d = decideRouting({ kind, rating: item.rating, body: item.text, category: kind === 'complaint' ? 'other' : undefined }, { settings, priorCases: 0 });
    if (d.open && item.unhappy) tp += 1;
    else if (d.open) fp += 1;
    else if (item.unhappy) fn += 1;
    else tn += 1;
    if (d.open !== item.unhappy) errors.push({ text: item.text, expected: item.unhappy, score: d.score, reason: d.reason });
  }
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { n: items.length, tp, fp, fn, tn, precision, recall, f1, errors };
}
