/**
 * What a listing-page badge says, in both languages, with the page's digits: the accessible name
 * ("4.6 out of 5, 128 reviews") and the visible count. Pure, so it is tested without a page.
 * Kept apart from the widget's own strings: `stars.js` must not pull in `widget.js`'s modules.
 */

export type BadgeLang = 'en' | 'fa';

export interface BadgeRating {
  count: number;
  average: number | null;
}

const en = {
  loading: 'Rating loading',
  none: 'No reviews yet',
  unavailable: 'Rating unavailable',
  label: (average: string, count: string, n: number) => `${average} out of 5, ${count} ${n === 1 ? 'review' : 'reviews'}`,
};

const fa: typeof en = {
  loading: 'در حال بارگذاری امتیاز',
  none: 'هنوز نظری نیست',
  unavailable: 'امتیاز در دسترس نیست',
  label: (average, count) => `${average} از ۵، ${count} نظر`,
};

export const BADGE_STRINGS = { en, fa };

export function badgeNumber(value: number, lang: BadgeLang, fractionDigits = 0): string {
  return new Intl.NumberFormat(lang === 'fa' ? 'fa-IR' : 'en-US', { minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value);
}

/** The accessible name of a badge. */
export function badgeLabel(rating: BadgeRating, lang: BadgeLang): string {
  const s = BADGE_STRINGS[lang];
  if (rating.count <= 0 || rating.average === null) return s.none;
  return s.label(badgeNumber(rating.average, lang, 1), badgeNumber(rating.count, lang), rating.count);
}

/** The language a badge speaks: its own `lang`, else the nearest ancestor's, else English. */
export function badgeLang(lang: string | null | undefined): BadgeLang {
  return lang?.toLowerCase().startsWith('fa') ? 'fa' : 'en';
}

/** Subjects cut into requests of at most `size`, each subject once, in first-seen order. */
export function batches(subjects: readonly string[], size: number): string[][] {
  const unique = [...new Set(subjects)];
  const out: string[][] = [];
  for (let i = 0; i < unique.length; i += size) out.push(unique.slice(i, i + size));
  return out;
}
