import { describe, expect, it } from 'vitest';
import en from './labelled-en.json';
import fa from './labelled-fa.json';
import { evaluate, LabelledSet } from './evaluate.ts';

const sets = { en: LabelledSet.parse(en), fa: LabelledSet.parse(fa) };

describe.each(Object.entries(sets))('labelled %s set', (_lang, items) => {
  it('has at least 120 texts, happy and unhappy, with a held-out part', () => {
    expect(items.length).toBeGreaterThanOrEqual(120);
    expect(items.filter((i) => i.unhappy).length).toBeGreaterThanOrEqual(40);
    expect(items.filter((i) => !i.unhappy).length).toBeGreaterThanOrEqual(40);
    expect(items.filter((i) => i.split === 'holdout').length).toBeGreaterThanOrEqual(30);
  });

  it('routes unhappy customers to recovery with precision and recall of at least 0.85', () => {
    const s = evaluate(items);
    expect(s.precision).toBeGreaterThanOrEqual(0.85);
    expect(s.recall).toBeGreaterThanOrEqual(0.85);
  });
});

describe('evaluate', () => {
  it('counts hits and misses', () => {
    const s = evaluate([
      { text: 'I want a refund', unhappy: true, split: 'dev' },
      { text: 'Lovely, thanks', unhappy: true, split: 'dev' },
      { text: 'terrible', unhappy: false, split: 'dev' },
      { text: 'fine', unhappy: false, split: 'dev' },
    ]);
    expect(s).toMatchObject({ n: 4, tp: 1, fn: 1, fp: 1, tn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(s.errors.map((e) => e.text)).toEqual(['Lovely, thanks', 'terrible']);
  });
});
