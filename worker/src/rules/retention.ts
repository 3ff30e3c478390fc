/**
 * How long rows that only serve a while are kept, and the cutoffs for a run at `nowMs`.
 * Idempotency keys answer retries for 24 hours (as Stripe's do), sessions end at their expiry,
 * webhook delivery logs and dead letters are kept 30 days unless the deployment's settings
 * (`RETENTION_DELIVERY_DAYS`, `RETENTION_DEAD_LETTER_DAYS` in wrangler.toml's vars) say otherwise.
 */

export interface RetentionSettings {
  idempotencyHours: number;
  deliveryDays: number;
  deadLetterDays: number;
}

export const RETENTION_DEFAULTS: RetentionSettings = { idempotencyHours: 24, deliveryDays: 30, deadLetterDays: 30 };

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

function days(value: string | undefined, fallback: number): number {
  if (value === undefined || !/^\d{1,4}$/.test(value.trim())) return fallback;
  const n = Number(value.trim());
  return n >= 1 && n <= 3650 ? n : fallback;
}

/** The settings from the Worker's vars; anything missing or unreadable keeps its default. */
export function retentionSettings(vars: { RETENTION_DELIVERY_DAYS?: string; RETENTION_DEAD_LETTER_DAYS?: string }): RetentionSettings {
  return {
    idempotencyHours: RETENTION_DEFAULTS.idempotencyHours,
    deliveryDays: days(vars.RETENTION_DELIVERY_DAYS, RETENTION_DEFAULTS.deliveryDays),
    deadLetterDays: days(vars.RETENTION_DEAD_LETTER_DAYS, RETENTION_DEFAULTS.deadLetterDays),
  };
}

export interface RetentionCutoffs {
  /** Idempotency keys created before this go. */
  idempotencyBefore: number;
  /** Sessions that expired at or before this go. */
  sessionsExpiredBy: number;
  /** Finished (delivered or failed) deliveries created before this go; pending ones stay. */
  deliveriesBefore: number;
  deadLettersBefore: number;
}

export function retentionCutoffs(nowMs: number, settings: RetentionSettings): RetentionCutoffs {
  return {
    idempotencyBefore: nowMs - settings.idempotencyHours * HOUR,
    sessionsExpiredBy: nowMs,
    deliveriesBefore: nowMs - settings.deliveryDays * DAY,
    deadLettersBefore: nowMs - settings.deadLetterDays * DAY,
  };
}
