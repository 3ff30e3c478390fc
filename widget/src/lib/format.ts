/**
 * Locale-aware formatting with `Intl` only (no data tables in the bundle): Persian digits and the
 * Persian calendar for `fa`, relative dates with the clock passed in.
 */
export type Lang = 'en' | 'fa';

/** The BCP 47 tag for a widget language: Persian dates use the Persian (Solar Hijri) calendar. */
export function intlLocale(lang: Lang): string {
  return lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en';
}

export function formatNumber(lang: Lang, n: number, fractionDigits = 0): string {
  return new Intl.NumberFormat(intlLocale(lang), {
    minimumFractionDigits: fractionDigits,
    maximumFractionDigits: fractionDigits,
  }).format(n);
}

/** An absolute date such as "3 March 2026" or "۱۲ اسفند ۱۴۰۴". */
export function formatDate(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long' }).format(new Date(iso));
}

/** A date and time such as "March 3, 2026 at 2:00 PM", for a promised response time. */
export function formatDateTime(lang: Lang, iso: string): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(iso));
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 864e5],
  ['month', 30 * 864e5],
  ['week', 7 * 864e5],
  ['day', 864e5],
  ['hour', 36e5],
  ['minute', 6e4],
];

/** "2 days ago" / "۲ روز پیش", relative to `nowMs`; under a minute reads as "now". */
export function formatRelative(lang: Lang, iso: string, nowMs: number): string {
  const diff = new Date(iso).getTime() - nowMs;
  const rtf = new Intl.RelativeTimeFormat(intlLocale(lang), { numeric: 'auto' });
  for (const [unit, ms] of UNITS) {
    if (Math.abs(diff) >= ms) return rtf.format(Math.round(diff / ms), unit);
  }
  return rtf.format(0, 'second');
}

/** Fills `{name}` placeholders; unknown names are left visible so a typo shows in review. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (whole, key: string) => (key in values ? String(values[key]) : whole));
}

/** The widget language from the element, else the page, else the site default; only locales the site offers. */
export function pickLang(candidates: (string | null | undefined)[], offered: readonly string[], fallback: Lang): Lang {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    if ((base === 'en' || base === 'fa') && offered.includes(base)) return base;
  }
  return fallback;
}
