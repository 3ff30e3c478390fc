import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  finglishTokens,
  fixLayoutSlips,
  fold,
  foldForMatching,
  isLikelyFinglish,
  latinToPersianLayout,
  persianToLatinLayout,
  searchText,
} from './normalize.ts';

describe('fold', () => {
  it.each([
    ['Arabic yeh and kaf become Persian', 'كيفيت', 'کیفیت'],
    ['Arabic heh forms become Persian heh', 'خانۀ ھمه', 'خانه همه'],
    ['Persian digits become Latin', 'سفارش ۱۲۳', 'سفارش 123'],
    ['Arabic digits become Latin', '٤٥', '45'],
    ['a half-space is removed', 'می\u200Cخواهم', 'میخواهم'],
    ['tatweel is removed', 'خيـــلي', 'خیلی'],
    ['diacritics are removed', 'مُتَشَكِّرَم', 'متشکرم'],
    ['direction marks are removed', 'abc\u200Fdef\u200E\u061C', 'abcdef'],
    ['curly apostrophes are straightened', 'Don’t', "don't"],
    ['presentation forms are decomposed', '\uFEEB\uFEEC', 'هه'],
    ['case and white space are folded', '  Never   AGAIN ', 'never again'],
  ])('%s', (_name, input, expected) => {
    expect(fold(input)).toBe(expected);
  });

  it('is idempotent', () => {
    const once = fold('مرجوعي ۱۲ كالا  Late');
    expect(fold(once)).toBe(once);
  });

  it('is idempotent on any text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (s) => fold(fold(s)) === fold(s)),
      { numRuns: 300 },
    );
    // Long random strings make this slow on a busy machine; it is not a latency test.
  }, 30_000);

  it('does not join words a searcher would keep apart', () => {
    expect(fold('بی کیفیت کتاب ها')).toBe('بی کیفیت کتاب ها');
  });

  it('joins the parts of a submission and skips empty ones', () => {
    expect(searchText(['Title', null, 'Body ك'])).toBe('title body ک');
  });
});

describe('foldForMatching', () => {
  it.each([
    ['stretched Persian letters become one', 'خیلیییی خوبببب', 'خیلی خوب'],
    ['stretched Latin letters become two', 'soooo goooood', 'soo good'],
    ['a doubled letter stays', 'good', 'good'],
    ['a spaced verb prefix is glued', 'می خواهم نمی کند', 'میخواهم نمیکند'],
    ['a spaced بی is glued', 'بی کیفیت', 'بیکیفیت'],
    ['a spaced plural or comparative is glued', 'کتاب ها بد ترین', 'کتابها بدترین'],
    ['Latin text is left alone', 'me the best', 'me the best'],
  ])('%s', (_name, input, expected) => {
    expect(foldForMatching(input)).toBe(expected);
  });
});

describe('keyboard layout', () => {
  it.each([
    ['sghl', 'سلام'],
    ['lhg', 'مال'],
    ['o,f', 'خوب'],
    ['ovhf', 'خراب'],
    ['lv[,u', 'مرجوع'],
  ])('%s typed on QWERTY is %s on the Persian layout', (latin, persian) => {
    expect(latinToPersianLayout(latin)).toBe(persian);
    expect(persianToLatinLayout(persian)).toBe(latin);
  });

  it('has no Persian letter for a digit', () => {
    expect(latinToPersianLayout('a1')).toBeNull();
  });

  const vocab = { persian: new Set(['خوب', 'خراب', 'سلام']), english: new Set(['good', 'bad', 'broken']) };
  it.each([
    ['a Latin slip of a known Persian word is repaired', 'o,f bood', 'خوب bood'],
    ['trailing punctuation is kept', 'ovhf!!', 'خراب!!'],
    ['a Persian slip of a known English word is repaired', 'لخخی product', 'good product'],
    ['an English word is never replaced', 'good bad', 'good bad'],
    ['an unknown word is left as typed', 'xyz qwe', 'xyz qwe'],
  ])('%s', (_name, input, expected) => {
    expect(fixLayoutSlips(input, vocab)).toBe(expected);
  });
});

describe('Finglish', () => {
  it.each([
    ['salam kheili kharab bood', true],
    ['mersi, kalaa aali bood', true],
    ['the product was great, thanks', false],
    ['salam everyone, the product was great and I loved it', false],
    ['', false],
  ])('%s → %s', (text, expected) => {
    expect(isLikelyFinglish(fold(text))).toBe(expected);
  });

  it('lists the Finglish words once each, in order', () => {
    expect(finglishTokens('kheili kheili kharab')).toEqual(['kheili', 'kharab']);
  });
});
