import { describe, expect, it } from 'vitest';
import en from './labelled-en.json';
import fa from './labelled-fa.json';
import enDev from './shop-en.dev.json';
import { evaluate, LabelledSet, route, ShopSet } from './evaluate.ts';

const sets = { en: LabelledSet.parse(en), fa: LabelledSet.parse(fa) };

describe.each(Object.entries(sets))('older labelled %s set (dev data)', (_lang, items) => {
  it('has at least 120 texts, happy and unhappy', () => {
    expect(items.length).toBeGreaterThanOrEqual(120);
    expect(items.filter((i) => i.unhappy).length).toBeGreaterThanOrEqual(40);
    expect(items.filter((i) => !i.unhappy).length).toBeGreaterThanOrEqual(40);
  });

  it('routes unhappy customers to recovery with precision and recall of at least 0.9', () => {
    const s = evaluate(items);
    expect(s.precision).toBeGreaterThanOrEqual(0.9);
    expect(s.recall).toBeGreaterThanOrEqual(0.9);
  });
});

describe('evaluate', () => {
  it('counts hits and misses', () => {
    const s = evaluate([
      { text: 'I want a refund', unhappy: true },
      { text: 'Lovely, thanks', unhappy: true },
      { text: 'terrible', unhappy: false },
      { text: 'fine', unhappy: false },
    ]);
    expect(s).toMatchObject({ n: 4, tp: 1, fn: 1, fp: 1, tn: 1, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(s.errors.map((e) => e.text)).toEqual(['Lovely, thanks', 'terrible']);
  });

  it('without the base model, leaves unsure exactly the texts the base model lifted to a case', () => {
    const items = ShopSet.parse(enDev);
    let lifted = 0;
    for (const item of items) {
      const full = route(item);
      const rules = route(item, undefined, true);
      if (full.reason.startsWith('resembles unhappy reviews')) {
        lifted += 1;
        expect({ open: rules.open, uncertain: rules.uncertain }).toEqual({ open: false, uncertain: true });
      } else expect(rules).toEqual(full);
    }
    expect(lifted).toBeGreaterThan(0);
  });

  it('counts an unsure text as not routed and reports it in the needs-a-look lane', () => {
    const s = evaluate([{ text: "It's a bit pricey", unhappy: true }]);
    expect(s).toMatchObject({ tp: 0, fn: 1, uncertain: { unhappy: 1, happy: 0 } });
  });
});
