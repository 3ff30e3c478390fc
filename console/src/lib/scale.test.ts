import { describe, expect, it } from 'vitest';
import { bars, linePoints, niceMax, scale, stackedBars } from './scale.ts';

describe('niceMax', () => {
  it.each([
    [0, 1],
    [-3, 1],
    [1, 1],
    [3, 5],
    [7, 10],
    [18, 20],
    [23, 25],
    [120, 200],
    [0.3, 0.5],
  ])('rounds %d up to %d', (max, nice) => {
    expect(niceMax(max)).toBeCloseTo(nice);
  });
});

describe('scale', () => {
  it('maps linearly and clamps', () => {
    expect(scale(5, 10, 100)).toBe(50);
    expect(scale(20, 10, 100)).toBe(100);
    expect(scale(-1, 10, 100)).toBe(0);
    expect(scale(3, 0, 100)).toBe(0);
  });
});

describe('bars', () => {
  it('gives the largest value the full height on a nice axis', () => {
    const out = bars([0, 5, 10], 30, 100, 0);
    expect(out.map((b) => b.height)).toEqual([0, 50, 100]);
    expect(out.map((b) => b.y)).toEqual([100, 50, 0]);
    expect(out.map((b) => b.x)).toEqual([0, 10, 20]);
  });

  it('draws nothing for an empty series and flat zero bars for an all-zero one', () => {
    expect(bars([], 100, 100)).toEqual([]);
    expect(bars([0, 0], 100, 100).every((b) => b.height === 0)).toBe(true);
  });
});

describe('stackedBars', () => {
  it('stacks each slot so the tallest total fills the height', () => {
    const [a, b] = stackedBars([[2, 1], [3, 0]], 20, 50, 0);
    expect(a?.[0]).toMatchObject({ y: 30, height: 20 });
    expect(b?.[0]).toMatchObject({ y: 0, height: 30 });
    expect(b?.[1]?.height).toBe(0);
  });

  it('copes with no data at all', () => {
    expect(stackedBars([[], []], 20, 50)).toEqual([[], []]);
  });
});

describe('linePoints', () => {
  it('places ratings on the 1..5 domain and skips missing days', () => {
    expect(linePoints([1, null, 5], 100, 40, 1, 5)).toBe('0,40 100,0');
  });

  it('centres a single point and returns nothing for no data', () => {
    expect(linePoints([3], 100, 40, 1, 5)).toBe('50,20');
    expect(linePoints([], 100, 40, 1, 5)).toBe('');
  });
});
