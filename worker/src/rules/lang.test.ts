import { describe, expect, it } from 'vitest';
import { guessLang } from './lang.ts';

describe('guessLang', () => {
  it.each([
    ['English text is en', undefined, ['Great kettle'], 'en'],
    ['Persian text is fa', undefined, ['کیفیت عالی بود'], 'fa'],
    ['Arabic letter forms count as fa', undefined, ['كيفيت'], 'fa'],
    ['mixed text with any Persian word is fa', undefined, ['The box', 'خراب بود'], 'fa'],
    ['Persian digits alone do not make it fa', undefined, ['order ۱۲۳'], 'en'],
    ['a declared language wins', 'en', ['کیفیت'], 'en'],
    ['empty parts are en', undefined, [null, undefined, ''], 'en'],
  ] as const)('%s', (_name, declared, parts, expected) => {
    expect(guessLang(declared, parts)).toBe(expected);
  });
});
