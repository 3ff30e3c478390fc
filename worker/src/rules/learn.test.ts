import { describe, expect, it } from 'vitest';
import { closesAsNotAProblem, EMPTY_MODEL, isReady, learnTokens, MIN_PER_SIDE, predict, routedByText, topWords, type LearnedModel } from './learn.ts';

/** Builds a model the way db/learning.ts counts: each text adds one to each of its tokens. */
function train(examples: readonly [string, boolean][]): LearnedModel {
  const tokens = new Map<string, { unhappy: number; happy: number }>();
  const docs = { unhappy: 0, happy: 0 };
  for (const [text, unhappy] of examples) {
    docs[unhappy ? 'unhappy' : 'happy'] += 1;
    for (const t of learnTokens(text)) {
      const c = tokens.get(t) ?? { unhappy: 0, happy: 0 };
      c[unhappy ? 'unhappy' : 'happy'] += 1;
      tokens.set(t, c);
    }
  }
  return { docs, tokens };
}

const EXAMPLES: [string, boolean][] = [
  ['The clasp keeps slipping off', true],
  ['clasp slipping again', true],
  ['Clasp slipped off my wrist', true],
  ['بند ساعت شل میشه و درمیاد', true],
  ['Ordered the teal strap', false],
  ['Teal strap for my wife', false],
  ['The teal one is pretty', false],
  ['بند سبزآبی برای همسرم', false],
];

describe('learnTokens', () => {
  it.each([
    ['folds case, letter forms and stems, and drops stop words', 'The Clasps SLIPPED', ['clasp', 'slip']],
    ['folds Arabic letter forms like the rules do', 'كيف سبزآبي', ['کیف', 'سبزآبی']],
    ['counts each token once', 'clasp clasp clasp', ['clasp']],
    ['ignores numbers and one-letter words', 'a 12 x clasp', ['clasp']],
  ])('%s', (_name, text, expected) => {
    expect(learnTokens(text)).toEqual(expected);
  });
});

describe('predict', () => {
  it('has no opinion before it has enough corrections each way', () => {
    const few = train(EXAMPLES.slice(0, 3));
    expect(isReady(few)).toBe(false);
    expect(predict(few, 'clasp slipping')).toEqual({ logOdds: 0, verdict: null, evidence: [] });
    expect(predict(EMPTY_MODEL, 'anything').verdict).toBeNull();
    expect(MIN_PER_SIDE).toBeGreaterThanOrEqual(3);
  });

  it.each([
    ['a text like the unhappy corrections', 'the clasp is slipping', 'unhappy'],
    ['a text like the happy corrections', 'a teal strap for my wife', 'happy'],
    ['a Persian text like the unhappy ones', 'بند ساعت باز شل میشه و درمیاد', 'unhappy'],
    ['words it has never seen', 'completely unrelated words', null],
    ['a text with both kinds of words equally', 'clasp teal', null],
  ])('%s → %s', (_name, text, verdict) => {
    expect(predict(train(EXAMPLES), text).verdict).toBe(verdict);
  });

  it('names the words that decided', () => {
    expect(predict(train(EXAMPLES), 'clasp slipping').evidence).toContain('clasp');
  });
});

describe('topWords', () => {
  it('lists the words that lean each way, words seen twice or more first', () => {
    const top = topWords(train(EXAMPLES), 2);
    expect(top.unhappy).toContain('clasp');
    expect(top.happy).toContain('teal');
  });
});

describe('which staff actions are corrections', () => {
  it.each([
    ['negative story: broken', true],
    ['rating 3, negative text: meh', true],
    ['rating 5, clearly negative text: junk', true],
    ['complaint words: refund', true],
    ['rating 1', false],
    ['complaint: delivery (late)', false],
    ['opened by staff', false],
    [null, false],
  ])('a case opened for %j is a router correction: %s', (reason, expected) => {
    expect(routedByText(reason)).toBe(expected);
  });

  it.each([
    ['closed', 'not_a_problem', true],
    ['resolved', 'not_a_problem', true],
    ['closed', 'product_defect', false],
    ['in_progress', 'not_a_problem', false],
    [undefined, 'not_a_problem', false],
  ])('moving to %s with root cause %s is "not a problem": %s', (status, cause, expected) => {
    expect(closesAsNotAProblem(status, cause)).toBe(expected);
  });
});
