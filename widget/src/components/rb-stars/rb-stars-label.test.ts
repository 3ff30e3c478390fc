import { describe, expect, it } from 'vitest';
import { badgeLabel, badgeLang, badgeNumber, batches } from './rb-stars-label.ts';

describe('badgeLabel', () => {
  it.each([
    [{ count: 128, average: 4.6 }, 'en', '4.6 out of 5, 128 reviews'],
    [{ count: 1, average: 5 }, 'en', '5.0 out of 5, 1 review'],
    [{ count: 1234, average: 3.25 }, 'en', '3.3 out of 5, 1,234 reviews'],
    [{ count: 0, average: null }, 'en', 'No reviews yet'],
    [{ count: 128, average: 4.6 }, 'fa', '۴٫۶ از ۵، ۱۲۸ نظر'],
    [{ count: 0, average: null }, 'fa', 'هنوز نظری نیست'],
  ] as const)('%j in %s', (rating, lang, label) => {
    expect(badgeLabel(rating, lang)).toBe(label);
  });
});

describe('badgeNumber', () => {
  it('writes Persian digits in Persian', () => {
    expect(badgeNumber(1280, 'fa')).toBe('۱٬۲۸۰');
  });
});

describe('badgeLang', () => {
  it.each([
    ['fa', 'fa'],
    ['fa-IR', 'fa'],
    ['en-GB', 'en'],
    [null, 'en'],
    ['de', 'en'],
  ] as const)('%s → %s', (lang, expected) => {
    expect(badgeLang(lang)).toBe(expected);
  });
});

describe('batches', () => {
  it('asks for each subject once, at most 50 per request', () => {
    const subjects = Array.from({ length: 120 }, (_, i) => `s${i % 110}`);
    const out = batches(subjects, 50);
    expect(out.map((b) => b.length)).toEqual([50, 50, 10]);
    expect(new Set(out.flat()).size).toBe(110);
  });
});
