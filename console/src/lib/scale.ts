/**
 * The arithmetic behind the dashboard's small SVG charts, kept apart from rendering: a "nice"
 * axis maximum, linear scaling into a box, and polyline points. Every function copes with empty
 * and all-zero series, which is what a new site has.
 */

/** The smallest of 1, 2, 2.5, 5 × 10^n at or above `max`, so axis ticks land on round numbers. */
export function niceMax(max: number): number {
  if (!Number.isFinite(max) || max <= 0) return 1;
  const magnitude = 10 ** Math.floor(Math.log10(max));
  for (const step of [1, 2, 2.5, 5, 10]) {
    if (step * magnitude >= max) return step * magnitude;
  }
  return 10 * magnitude;
}

/** Maps `value` in [0, domainMax] onto [0, size]; values outside are clamped. */
export function scale(value: number, domainMax: number, size: number): number {
  if (domainMax <= 0 || !Number.isFinite(value)) return 0;
  return (Math.min(Math.max(value, 0), domainMax) / domainMax) * size;
}

export interface Bar {
  x: number;
  y: number;
  width: number;
  height: number;
}

/**
 * The value axis's ticks from 0 to `niceMax(max)` (the top the bars are scaled to): 5, 4, 2 or 1
 * equal steps, each itself a round number, whole when the values are counts.
 */
export function axisTicks(max: number, whole = true): number[] {
  const top = niceMax(max);
  for (const k of [5, 4, 2]) {
    const step = top / k;
    if ((whole && !Number.isInteger(step)) || Math.abs(niceMax(step) - step) > 1e-9 * top) continue;
    return Array.from({ length: k + 1 }, (_, i) => round(i * step));
  }
  return [0, top];
}

/**
 * Which of `count` slots get a label on the slot axis: all of them up to `all`; beyond that
 * about `thinned`, evenly spaced, always the first and the last.
 */
export function labelledSlots(count: number, all = 12, thinned = 6): number[] {
  if (count <= all) return Array.from({ length: Math.max(0, count) }, (_, i) => i);
  const every = Math.ceil((count - 1) / (thinned - 1));
  const out: number[] = [];
  // A label too close to the last one would run into it.
  for (let i = 0; i < count - 1; i += every) if (i === 0 || count - 1 - i >= every / 2) out.push(i);
  out.push(count - 1);
  return out;
}

/** Bars for `values`, side by side across `width`, growing up from the bottom of `height`. */
export function bars(values: readonly number[], width: number, height: number, gap = 2, max = niceMax(Math.max(0, ...values))): Bar[] {
  if (!values.length) return [];
  const slot = width / values.length;
  const barWidth = Math.max(1, slot - gap);
  return values.map((value, i) => {
    const h = scale(value, max, height);
    return { x: i * slot + gap / 2, y: height - h, width: barWidth, height: h };
  });
}

/**
 * Stacks several series per slot (e.g. submissions per day split by kind): each slot's
 * segments sit on top of each other, in series order.
 */
export function stackedBars(series: ReadonlyArray<readonly number[]>, width: number, height: number, gap = 2): Bar[][] {
  const slots = Math.max(0, ...series.map((s) => s.length));
  if (!slots) return series.map(() => []);
  const max = niceMax(Math.max(0, ...slotTotals(series)));
  const slot = width / slots;
  const base = new Array<number>(slots).fill(height);
  return series.map((s) =>
    Array.from({ length: slots }, (_, i) => {
      const h = scale(s[i] ?? 0, max, height);
      const y = (base[i] ?? height) - h;
      base[i] = y;
      return { x: i * slot + gap / 2, y, width: Math.max(1, slot - gap), height: h };
    }),
  );
}

/** Each slot's sum over the series (the height of its stack). */
export function slotTotals(series: ReadonlyArray<readonly number[]>): number[] {
  const slots = Math.max(0, ...series.map((s) => s.length));
  return Array.from({ length: slots }, (_, i) => series.reduce((sum, s) => sum + (s[i] ?? 0), 0));
}

export interface Point {
  x: number;
  y: number;
}

/**
 * Points of a series on a fixed domain (ratings use 1..5). Missing values (null) are skipped,
 * so a day without ratings leaves a gap rather than a false dip.
 */
export function pointList(values: ReadonlyArray<number | null>, width: number, height: number, min: number, max: number, centred = false): Point[] {
  if (!values.length || max <= min) return [];
  const step = values.length > 1 ? width / (values.length - 1) : 0;
  const points: Point[] = [];
  values.forEach((value, i) => {
    if (value === null || !Number.isFinite(value)) return;
    const clamped = Math.min(Math.max(value, min), max);
    // Centred: each point in the middle of its slot, under its label on a slot axis of equal columns.
    const x = centred ? ((i + 0.5) * width) / values.length : values.length > 1 ? i * step : width / 2;
    points.push({ x: round(x), y: round(height - ((clamped - min) / (max - min)) * height) });
  });
  return points;
}

/** The same points as an SVG `points` attribute. */
export function linePoints(values: ReadonlyArray<number | null>, width: number, height: number, min: number, max: number): string {
  return pointList(values, width, height, min, max)
    .map((p) => `${p.x},${p.y}`)
    .join(' ');
}

function round(n: number): number {
  return Math.round(n * 10) / 10;
}
