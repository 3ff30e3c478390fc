import { describe, expect, it } from 'vitest';
import { TypoIndex, withinOneEdit } from './typo.ts';

describe('withinOneEdit', () => {
  it.each([
    ['terible', 'terrible', true],
    ['horrible', 'horible', true],
    ['excelent', 'excellent', true],
    ['recieved', 'received', true],
    ['افتضاه', 'افتضاح', true],
    ['abc', 'abc', true],
    ['terrible', 'tearable', false],
    ['good', 'goodies', false],
  ])('%s and %s: %s', (a, b, expected) => {
    expect(withinOneEdit(a, b)).toBe(expected);
  });
});

describe('TypoIndex', () => {
  const index = new TypoIndex();
  for (const w of ['terrible', 'disappointed', 'pleased', 'wasted', 'افتضاح']) index.add(w);

  it('finds a word one slip away', () => {
    expect(index.find('terible')).toBe('terrible');
    expect(index.find('افتضاه')).toBe('افتضاح');
  });

  it('never takes an inflection for a slip', () => {
    expect(index.find('please')).toBeUndefined();
  });

  it('never changes the first letter', () => {
    expect(index.find('lasted')).toBeUndefined();
  });
});
