import { describe, expect, it } from 'vitest';
import { RETENTION_DEFAULTS, retentionCutoffs, retentionSettings } from './retention.ts';

const NOW = Date.UTC(2026, 10, 30, 12);
const DAY = 86_400_000;

describe('retentionSettings', () => {
  it.each([
    [{}, { deliveryDays: 30, deadLetterDays: 30 }],
    [{ RETENTION_DELIVERY_DAYS: '7', RETENTION_DEAD_LETTER_DAYS: '90' }, { deliveryDays: 7, deadLetterDays: 90 }],
    [{ RETENTION_DELIVERY_DAYS: ' 14 ' }, { deliveryDays: 14, deadLetterDays: 30 }],
    [{ RETENTION_DELIVERY_DAYS: '0', RETENTION_DEAD_LETTER_DAYS: '-1' }, { deliveryDays: 30, deadLetterDays: 30 }],
    [{ RETENTION_DELIVERY_DAYS: 'forever', RETENTION_DEAD_LETTER_DAYS: '1.5' }, { deliveryDays: 30, deadLetterDays: 30 }],
    [{ RETENTION_DELIVERY_DAYS: '99999' }, { deliveryDays: 30, deadLetterDays: 30 }],
  ])('reads %j', (vars, expected) => {
    expect(retentionSettings(vars)).toEqual({ idempotencyHours: 24, ...expected });
  });
});

describe('retentionCutoffs', () => {
  it('keeps idempotency keys a day, sessions to their expiry, logs and dead letters their days', () => {
    expect(retentionCutoffs(NOW, RETENTION_DEFAULTS)).toEqual({
      idempotencyBefore: NOW - DAY,
      sessionsExpiredBy: NOW,
      deliveriesBefore: NOW - 30 * DAY,
      deadLettersBefore: NOW - 30 * DAY,
    });
    expect(retentionCutoffs(NOW, { idempotencyHours: 24, deliveryDays: 7, deadLetterDays: 90 })).toMatchObject({
      deliveriesBefore: NOW - 7 * DAY,
      deadLettersBefore: NOW - 90 * DAY,
    });
  });
});
