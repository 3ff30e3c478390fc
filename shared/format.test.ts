import { describe, expect, it } from 'vitest';
import { fill, formatDate, formatDateTime, formatDay, formatHours, formatNumber, formatPercent, formatRelative, intlLocale } from './format.ts';

const PERSIAN_DIGITS = /^[\u06F0-\u06F9٬٫]+$/;
const NOW = Date.parse('2026-03-10T12:00:00Z');
// Nowruz 1405: 21 March 2026 is 1 Farvardin 1405 in the Persian calendar.
const NOWRUZ = '2026-03-21T12:00:00.000Z';

describe('numbers', () => {
  it('writes the same number in Latin digits in English and Persian digits in Persian', () => {
    expect(formatNumber(1234, 'en')).toBe('1,234');
    expect(formatNumber(1234, 'fa')).toBe('۱٬۲۳۴');
    expect(formatNumber(1234, 'fa')).toMatch(PERSIAN_DIGITS);
  });

  it('shows exactly the fraction digits asked for, with the Persian decimal separator in fa', () => {
    expect(formatNumber(4.25, 'en', 1)).toBe('4.3');
    expect(formatNumber(4, 'en', 1)).toBe('4.0');
    expect(formatNumber(4.5, 'fa', 1)).toBe('۴٫۵');
    expect(formatNumber(4.6, 'en')).toBe('5');
  });

  it('formats ratios as whole percentages', () => {
    expect(formatPercent(0.875, 'en')).toBe('88%');
    expect(formatPercent(0.5, 'fa')).toMatch(/۵۰/);
  });
});

describe('dates', () => {
  it('uses the Gregorian calendar in English', () => {
    expect(formatDate(NOWRUZ, 'en')).toBe('March 21, 2026');
  });

  it('uses the Persian calendar and Persian digits in Persian', () => {
    expect(formatDate(NOWRUZ, 'fa')).toBe('۱ فروردین ۱۴۰۵');
    expect(formatDate('2026-03-10T12:00:00Z', 'fa')).toBe('۱۹ اسفند ۱۴۰۴');
  });

  it('adds the time to a date and time', () => {
    expect(formatDateTime(NOWRUZ, 'en')).toContain('March 21, 2026');
    expect(formatDateTime(NOWRUZ, 'fa')).toContain('۱۴۰۵');
  });

  it('labels chart days in UTC, whatever the reader’s zone', () => {
    expect(formatDay('2026-03-21', 'en')).toBe('Mar 21');
    expect(formatDay('2026-03-21', 'fa')).toBe('۱ فروردین');
  });

  it('names one locale tag per language, the same on every side', () => {
    expect(intlLocale('en')).toBe('en');
    expect(intlLocale('fa')).toBe('fa-IR-u-ca-persian');
  });
});

describe('durations and relative times', () => {
  it('picks minutes, hours or days by size', () => {
    expect(formatHours(0.5, 'en')).toMatch(/30\s*min/);
    expect(formatHours(5, 'en')).toMatch(/5\s*hr/);
    expect(formatHours(72, 'en')).toMatch(/3\s*day/);
  });

  it('says how far a time is from now in its largest whole unit, past or future', () => {
    expect(formatRelative('2026-03-08T12:00:00Z', 'en', NOW)).toBe('2 days ago');
    expect(formatRelative('2026-03-10T15:00:00Z', 'en', NOW)).toBe('in 3 hours');
    expect(formatRelative('2025-03-01T12:00:00Z', 'en', NOW)).toBe('last year');
    expect(formatRelative('2026-03-10T11:59:30Z', 'en', NOW)).toBe('now');
  });

  it('writes Persian relative times with Persian digits', () => {
    expect(formatRelative('2026-03-07T12:00:00Z', 'fa', NOW)).toBe('۳ روز پیش');
  });
});

describe('fill', () => {
  it('replaces known placeholders and keeps unknown ones visible', () => {
    expect(fill('{n} of {max} ({x})', { n: 3, max: '10' })).toBe('3 of 10 ({x})');
  });
});
