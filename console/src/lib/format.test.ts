import { describe, expect, it } from 'vitest';
import { formatDate, formatDateTime, formatHours, formatNumber, formatPercent, formatRelative, isOverdue } from './format.ts';

const PERSIAN_DIGIT = /[\u06F0-\u06F9]/;

describe('numbers', () => {
  it('writes Persian digits in Persian and Latin digits in English', () => {
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber(42, 'fa')).toBe('۴۲');
  });

  it('rounds to one decimal by default', () => {
    expect(formatNumber(4.26, 'en')).toBe('4.3');
  });

  it('formats ratios as whole percentages', () => {
    expect(formatPercent(0.875, 'en')).toBe('88%');
    expect(formatPercent(0.5, 'fa')).toMatch(PERSIAN_DIGIT);
  });
});

describe('dates', () => {
  const when = '2026-03-21T12:00:00.000Z';

  it('uses the Persian calendar in Persian: 21 March 2026 is 1 Farvardin 1405', () => {
    const fa = formatDate(when, 'fa');
    expect(fa).toContain('۱۴۰۵');
    expect(fa).toContain('فروردین');
  });

  it('uses the Gregorian calendar in English', () => {
    expect(formatDateTime(when, 'en')).toContain('2026');
  });

  it('shows an unparseable date as it came rather than "Invalid Date"', () => {
    expect(formatDate('soon', 'en')).toBe('soon');
  });
});

describe('durations', () => {
  it('picks minutes, hours or days by size', () => {
    expect(formatHours(0.5, 'en')).toMatch(/30\s*min/);
    expect(formatHours(5, 'en')).toMatch(/5\s*hr/);
    expect(formatHours(72, 'en')).toMatch(/3\s*day/);
  });

  it('says how far a due time is from now, past or future', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(formatRelative('2026-01-01T03:00:00Z', now, 'en')).toBe('in 3 hours');
    expect(formatRelative('2025-12-29T00:00:00Z', now, 'en')).toBe('3 days ago');
  });

  it('counts a due time before now as overdue and a missing one as not', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(isOverdue('2025-12-31T23:59:00Z', now)).toBe(true);
    expect(isOverdue('2026-01-01T00:01:00Z', now)).toBe(false);
    expect(isOverdue(null, now)).toBe(false);
  });
});
