import { describe, expect, it } from 'vitest';
import { fill, formatDate, formatNumber, formatRelative, pickLang } from './format.ts';

const NOW = Date.parse('2026-03-10T12:00:00Z');

describe('formatNumber', () => {
  it('writes an average with one decimal in English', () => {
    expect(formatNumber('en', 4.25, 1)).toBe('4.3');
  });
  it('writes Persian digits and the Persian decimal separator in fa', () => {
    expect(formatNumber('fa', 4.5, 1)).toBe('۴٫۵');
    expect(formatNumber('fa', 1234)).toBe('۱٬۲۳۴');
  });
});

describe('formatDate', () => {
  it('uses the Gregorian calendar in English', () => {
    expect(formatDate('en', '2026-03-10T12:00:00Z')).toBe('March 10, 2026');
  });
  it('uses the Persian calendar and digits in fa', () => {
    const text = formatDate('fa', '2026-03-10T12:00:00Z');
    expect(text).toContain('۱۴۰۴');
    expect(text).toContain('اسفند');
  });
});

describe('formatRelative', () => {
  it('picks the largest whole unit in the past', () => {
    expect(formatRelative('en', '2026-03-08T12:00:00Z', NOW)).toBe('2 days ago');
    expect(formatRelative('en', '2026-03-10T09:00:00Z', NOW)).toBe('3 hours ago');
    expect(formatRelative('en', '2025-03-01T12:00:00Z', NOW)).toBe('last year');
  });
  it('reads as now under a minute', () => {
    expect(formatRelative('en', '2026-03-10T11:59:30Z', NOW)).toBe('now');
  });
  it('writes Persian relative dates with Persian digits', () => {
    expect(formatRelative('fa', '2026-03-07T12:00:00Z', NOW)).toBe('۳ روز پیش');
  });
});

describe('fill', () => {
  it('replaces known placeholders and keeps unknown ones visible', () => {
    expect(fill('{n} of {max} ({x})', { n: 3, max: '10' })).toBe('3 of 10 ({x})');
  });
});

describe('pickLang', () => {
  it('takes the first candidate the site offers, ignoring region subtags', () => {
    expect(pickLang([null, 'fa-IR', 'en'], ['en', 'fa'], 'en')).toBe('fa');
    expect(pickLang(['de', 'EN-gb'], ['en', 'fa'], 'fa')).toBe('en');
  });
  it('falls back to the site default when nothing matches', () => {
    expect(pickLang(['fa'], ['en'], 'en')).toBe('en');
    expect(pickLang([undefined, ''], ['en', 'fa'], 'fa')).toBe('fa');
  });
});
