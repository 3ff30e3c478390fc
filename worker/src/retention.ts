/**
 * The cron's retention step: rows that only serve a while are deleted once their time is up
 * (rules/retention.ts), at most `RETENTION_LIMIT` per table per run; a backlog drains over the
 * following runs. A table that fails is logged and the others still run.
 */
import { purgeDeadLetters, purgeDeliveries, purgeIdempotencyKeys, purgeSessions } from './db/retention.ts';
import { retentionCutoffs, retentionSettings } from './rules/retention.ts';

/** Rows deleted per table per run at most. */
export const RETENTION_LIMIT = 500;

export interface RetentionReport {
  idempotencyKeys: number;
  sessions: number;
  webhookDeliveries: number;
  deadLetters: number;
}

export async function runRetention(env: Env, nowMs: number, limit = RETENTION_LIMIT): Promise<RetentionReport> {
  const cutoffs = retentionCutoffs(nowMs, retentionSettings(env));
  const report: RetentionReport = { idempotencyKeys: 0, sessions: 0, webhookDeliveries: 0, deadLetters: 0 };
  const steps: [keyof RetentionReport, () => Promise<number>][] = [
    ['idempotencyKeys', () => purgeIdempotencyKeys(env.DB, cutoffs.idempotencyBefore, limit)],
    ['sessions', () => purgeSessions(env.DB, cutoffs.sessionsExpiredBy, limit)],
    ['webhookDeliveries', () => purgeDeliveries(env.DB, cutoffs.deliveriesBefore, limit)],
    ['deadLetters', () => purgeDeadLetters(env.DB, cutoffs.deadLettersBefore, limit)],
  ];
  for (const [name, step] of steps) {
    try {
      report[name] = await step();
    } catch (err) {
      console.error(`retention: ${name} failed`, err);
    }
  }
  return report;
}
