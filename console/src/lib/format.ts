/**
 * Numbers, dates and durations in the reader's language: Persian gets Persian digits and the
 * Persian (solar hijri) calendar. The clock is passed in, never read here.
 */
import type { Lang } from '../../../shared/submission.ts';

export function locale(lang: Lang): string {
  return lang === 'fa' ? 'fa-IR-u-ca-persian' : 'en-GB';
}

export function formatNumber(value: number, lang: Lang, maximumFractionDigits = 1): string {
  return new Intl.NumberFormat(locale(lang), { maximumFractionDigits }).format(value);
}

export function formatPercent(ratio: number, lang: Lang): string {
  return new Intl.NumberFormat(locale(lang), { style: 'percent', maximumFractionDigits: 0 }).format(ratio);
}

/** A date and time, e.g. "3 Mar 2026, 14:05" or "۱۲ اسفند ۱۴۰۴، ۱۴:۰۵". */
export function formatDateTime(isoString: string, lang: Lang): string {
  const date = new Date(isoString);
  if (Number.isNaN(date.getTime())) return isoString;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium', timeStyle: 'short' }).format(date);
}

export function formatDate(isoString: string, lang: Lang): string {
  const date = new Date(isoString);
  if (Number.isNaN(date.getTime())) return isoString;
  return new Intl.DateTimeFormat(locale(lang), { dateStyle: 'medium' }).format(date);
}

/** A short day label for chart axes: "3 Mar" / "۱۲ اسفند". */
export function formatDay(isoString: string, lang: Lang): string {
  const date = new Date(isoString);
  if (Number.isNaN(date.getTime())) return isoString;
  return new Intl.DateTimeFormat(locale(lang), { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(date);
}

/** A span in hours, given in the largest unit that keeps it readable ("3 h", "2 d"). */
export function formatHours(hours: number, lang: Lang): string {
  const [value, unit] = hours >= 48 ? [hours / 24, 'day'] : hours >= 1 ? [hours, 'hour'] : [hours * 60, 'minute'];
  return new Intl.NumberFormat(locale(lang), { style: 'unit', unit, unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
}

/**
 * How far `dueIso` is from `nowMs`, as words ("in 3 hours", "2 days ago"), for due times in the
 * recovery queue. Negative spans read as overdue.
 */
export function formatRelative(dueIso: string, nowMs: number, lang: Lang): string {
  const diff = new Date(dueIso).getTime() - nowMs;
  if (Number.isNaN(diff)) return dueIso;
  const rtf = new Intl.RelativeTimeFormat(lang === 'fa' ? 'fa' : 'en', { numeric: 'auto' });
  const minutes = Math.round(diff / 60_000);
  if (Math.abs(minutes) < 60) return rtf.format(minutes, 'minute');
  const hours = Math.round(diff / 3_600_000);
  if (Math.abs(hours) < 48) return rtf.format(hours, 'hour');
  return rtf.format(Math.round(diff / 86_400_000), 'day');
}

export function isOverdue(dueIso: string | null | undefined, nowMs: number): boolean {
  if (!dueIso) return false;
  const due = new Date(dueIso).getTime();
  return !Number.isNaN(due) && due < nowMs;
}
