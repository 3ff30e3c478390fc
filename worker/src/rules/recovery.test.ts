import { describe, expect, it } from 'vitest';
import { isRecovered } from './recovery.ts';

describe('isRecovered', () => {
  it.each([
    [1, 4, true],
    [null, 5, true],
    [1, 3, true],
    [2, 3, false],
    [null, 3, false],
    [3, 3, false],
    [1, 2, false],
  ])('original %s, re-rated %s → %s', (original, rerating, expected) => {
    expect(isRecovered(original, rerating)).toBe(expected);
  });
});
