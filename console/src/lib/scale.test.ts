import { describe, expect, it } from 'vitest';
import { axisTicks, bars, labelledSlots, linePoints, niceMax, pointList, scale, slotTotals, stackedBars } from './scale.ts';

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

describe('axisTicks', () => {
  it.each([
    [0, [0, 1]],
    [1, [0, 1]],
    [2, [0, 1, 2]],
    [3, [0, 1, 2, 3, 4, 5]],
    [5, [0, 1, 2, 3, 4, 5]],
    [7, [0, 2, 4, 6, 8, 10]],
    [18, [0, 5, 10, 15, 20]],
    [23, [0, 5, 10, 15, 20, 25]],
    [140, [0, 50, 100, 150, 200]],
  ])('counts up to %d tick at %j', (max, expected) => {
    expect(axisTicks(max)).toEqual(expected);
  });

  it('allows fractional steps for values that are not counts', () => {
    expect(axisTicks(2.2, false)).toEqual([0, 0.5, 1, 1.5, 2, 2.5]);
  });

  it('always ends at the top the bars are scaled to', () => {
    for (const max of [1, 4, 9, 33, 99, 1234]) expect(axisTicks(max).at(-1)).toBe(niceMax(max));
  });
});

describe('labelledSlots', () => {
  it.each([
    [0, []],
    [5, [0, 1, 2, 3, 4]],
    [12, [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11]],
    [13, [0, 3, 6, 9, 12]],
    [30, [0, 6, 12, 18, 24, 29]],
    [31, [0, 6, 12, 18, 24, 30]],
  ])('labels %d slots at %j', (count, expected) => {
    expect(labelledSlots(count)).toEqual(expected);
  });
});

describe('slotTotals', () => {
  it('sums each slot over the series, short series counting as zero', () => {
    expect(slotTotals([[1, 2, 3], [4, 5]])).toEqual([5, 7, 3]);
    expect(slotTotals([])).toEqual([]);
  });
});

describe('pointList centred', () => {
  it('puts each point in the middle of its slot', () => {
    expect(pointList([1, 5], 100, 40, 1, 5, true)).toEqual([
      { x: 25, y: 40 },
      { x: 75, y: 0 },
    ]);
  });
});
