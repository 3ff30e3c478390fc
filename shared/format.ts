/**
 * Numbers, dates and durations in the reader's language, for the widget and the console alike:
 * one module, one argument order (`formatX(value, lang, ...)`), built on `Intl` only so no data
 * tables reach the widget's bundle. Persian gets Persian digits and the Persian (Solar Hijri)
 * calendar. The clock is passed in, never read here.
 *
 * English is the bare tag `en`, not `en-GB` or `en-US`: a `Lang` names a language, not a region,
 * and the shopper's or staff member's region is unknown to us; `en` is what the page's own
 * `lang="en"` means, and it costs the widget's first-render budget nothing.
 *
 * @example
 * formatNumber(1234, 'fa'); // "۱٬۲۳۴"
 * formatDate('2026-03-21T12:00:00Z', 'fa'); // "۱ فروردین ۱۴۰۵"
 */
import type { Lang } from './submission.ts';

export type { Lang };

/** The BCP 47 tag for a language: Persian dates use the Persian calendar (and Persian digits). */
export function intlLocale(lang: Lang): string {
  return lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en';
}

/** A number with exactly `digits` fraction digits ("4.0" for an average, "12" for a count). */
export function formatNumber(value: number, lang: Lang, digits = 0): string {
  return new Intl.NumberFormat(intlLocale(lang), {
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(value);
}

/** A ratio as a whole percentage: 0.875 → "88%" / "۸۸٪". */
export function formatPercent(ratio: number, lang: Lang): string {
  return new Intl.NumberFormat(intlLocale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** An absolute date such as "March 3, 2026" or "۱۲ اسفند ۱۴۰۴". */
export function formatDate(value: string, lang: Lang): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long' }).format(new Date(value));
}

/** A date and time such as "March 3, 2026 at 2:05 PM" or "۱۲ اسفند ۱۴۰۴، ساعت ۱۴:۰۵". */
export function formatDateTime(value: string, lang: Lang): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { dateStyle: 'long', timeStyle: 'short' }).format(new Date(value));
}

/** A short day label for chart axes, read in UTC like the days it labels: "Mar 3" / "۱۲ اسفند". */
export function formatDay(value: string, lang: Lang): string {
  return new Intl.DateTimeFormat(intlLocale(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(new Date(value));
}

/** A span in hours, in the largest unit that keeps it readable ("3 hr", "2 days"). */
export function formatHours(hours: number, lang: Lang): string {
  const [value, unit] = hours >= 48 ? [hours / 24, 'day'] : hours >= 1 ? [hours, 'hour'] : [hours * 60, 'minute'];
  return new Intl.NumberFormat(intlLocale(lang), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['year', 365 * 864e5],
  ['month', 30 * 864e5],
  ['week', 7 * 864e5],
  ['day', 864e5],
  ['hour', 36e5],
  ['minute', 6e4],
];

/**
 * How far `value` is from `nowMs` in its largest whole unit: "2 days ago", "in 3 hours",
 * "۳ روز پیش"; under a minute reads as "now".
 */
export function formatRelative(value: string, lang: Lang, nowMs: number): string {
  const diff = Date.parse(value) - nowMs;
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
