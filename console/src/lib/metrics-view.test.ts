import { describe, expect, it } from 'vitest';
import { averageLine, dailyByKind, dayRange, msToHours, share } from './metrics-view.ts';

describe('dayRange', () => {
  it('fills in quiet days between the first and last day', () => {
    expect(dayRange(['2026-01-03', '2026-01-01'])).toEqual(['2026-01-01', '2026-01-02', '2026-01-03']);
  });

  it('is empty for no data', () => {
    expect(dayRange([])).toEqual([]);
  });
});

describe('dailyByKind', () => {
  it('gives each kind one value per day, zero where it had none', () => {
    const out = dailyByKind([
      { day: '2026-01-01', kind: 'review', count: 2 },
      { day: '2026-01-03', kind: 'complaint', count: 1 },
    ]);
    expect(out.days).toHaveLength(3);
    expect(out.series.find((s) => s.kind === 'review')?.values).toEqual([2, 0, 0]);
    expect(out.series.find((s) => s.kind === 'complaint')?.values).toEqual([0, 0, 1]);
    expect(out.series.find((s) => s.kind === 'story')?.values).toEqual([0, 0, 0]);
  });
});

describe('averageLine', () => {
  it('leaves a gap (null) for a day without ratings', () => {
    const out = averageLine([
      { day: '2026-01-01', average: 4, count: 1 },
      { day: '2026-01-03', average: 2.5, count: 2 },
    ]);
    expect(out.values).toEqual([4, null, 2.5]);
  });
});

describe('shares and durations', () => {
  it('turns percentages into clamped shares and keeps "not measured" apart from zero', () => {
    expect(share(75)).toBe(0.75);
    expect(share(0)).toBe(0);
    expect(share(null)).toBeNull();
    expect(share(130)).toBe(1);
  });

  it('turns milliseconds into hours', () => {
    expect(msToHours(5_400_000)).toBe(1.5);
    expect(msToHours(null)).toBeNull();
  });
});
