/**
 * Reshapes `GET /v1/admin/metrics` into what the dashboard's charts draw: one slot per day
 * with a series per kind, the average-rating line with gaps for days without ratings, and
 * shares as 0..1. Pure, so the reshaping is tested without a page.
 */
import type { Metrics } from '../../../shared/metrics.ts';
import { KINDS, type Kind } from '../../../shared/submission.ts';

export interface DailyByKind {
  days: string[];
  series: Array<{ kind: Kind; values: number[] }>;
}

/** Every day from the first to the last one in the data, so quiet days show as empty slots. */
export function dayRange(days: readonly string[]): string[] {
  const sorted = [...new Set(days)].sort();
  const first = sorted[0];
  const last = sorted[sorted.length - 1];
  if (!first || !last) return [];
  const out: string[] = [];
  const end = Date.parse(`${last}T00:00:00Z`);
  for (let t = Date.parse(`${first}T00:00:00Z`); t <= end && out.length < 400; t += 86_400_000) {
    out.push(new Date(t).toISOString().slice(0, 10));
  }
  return out;
}

export function dailyByKind(rows: Metrics['submissionsPerDay']): DailyByKind {
  const days = dayRange(rows.map((r) => r.day.slice(0, 10)));
  const index = new Map(days.map((d, i) => [d, i]));
  const series = KINDS.map((kind) => ({ kind, values: new Array<number>(days.length).fill(0) }));
  for (const row of rows) {
    const i = index.get(row.day.slice(0, 10));
    const s = series.find((x) => x.kind === row.kind);
    if (i !== undefined && s) s.values[i] = (s.values[i] ?? 0) + row.count;
  }
  return { days, series };
}

export function averageLine(rows: Metrics['averageRatingPerDay']): { days: string[]; values: Array<number | null> } {
  const days = dayRange(rows.map((r) => r.day.slice(0, 10)));
  const byDay = new Map(rows.map((r) => [r.day.slice(0, 10), r.average]));
  return { days, values: days.map((d) => byDay.get(d) ?? null) };
}

/** A percentage from the API (0..100, or null when nothing was measured) as a 0..1 share. */
export function share(percent: number | null): number | null {
  return percent === null ? null : Math.min(1, Math.max(0, percent / 100));
}

export function msToHours(ms: number | null): number | null {
  return ms === null ? null : ms / 3_600_000;
}
