import { describe, expect, it } from 'vitest';
import { backoffSeconds, decideAttempt, MAX_RETRY_AFTER_SECONDS, retryAfterSeconds } from './webhook-response.ts';

const NOW = Date.UTC(2026, 10, 30, 12, 0, 0);

describe('retryAfterSeconds', () => {
  it.each([
    [null, null],
    ['', null],
    ['  ', null],
    ['120', 120],
    [' 7 ', 7],
    ['0', 0],
    ['999999', MAX_RETRY_AFTER_SECONDS],
    ['-5', null],
    ['1.5', null],
    ['soon', null],
    ['Mon, 30 Nov 2026 12:02:00 GMT', 120],
    ['Mon, 30 Nov 2026 11:00:00 GMT', 0],
    ['Tue, 01 Dec 2026 12:00:00 GMT', MAX_RETRY_AFTER_SECONDS],
    ['2026', 2026],
  ])('reads %j as %j', (value, expected) => {
    expect(retryAfterSeconds(value, NOW)).toBe(expected);
  });
});

describe('decideAttempt', () => {
  const base = { retryAfter: null, attempt: 1, maxAttempts: 9, nowMs: NOW };
  it.each([
    [{ ...base, status: 200 }, { kind: 'delivered' }],
    [{ ...base, status: 204 }, { kind: 'delivered' }],
    [{ ...base, status: 410 }, { kind: 'disable' }],
    [{ ...base, status: 410, attempt: 9 }, { kind: 'disable' }],
    [{ ...base, status: 500 }, { kind: 'retry', delaySeconds: 30 }],
    [{ ...base, status: null, attempt: 3 }, { kind: 'retry', delaySeconds: 120 }],
    [{ ...base, status: 301 }, { kind: 'retry', delaySeconds: 30 }],
    [{ ...base, status: 429, retryAfter: '90' }, { kind: 'retry', delaySeconds: 90 }],
    [{ ...base, status: 503, retryAfter: 'Mon, 30 Nov 2026 12:10:00 GMT' }, { kind: 'retry', delaySeconds: 600 }],
    [{ ...base, status: 502, retryAfter: '86400' }, { kind: 'retry', delaySeconds: MAX_RETRY_AFTER_SECONDS }],
    [{ ...base, status: 504, retryAfter: '0' }, { kind: 'retry', delaySeconds: 1 }],
    [{ ...base, status: 429, retryAfter: 'later' }, { kind: 'retry', delaySeconds: 30 }],
    // Retry-After is honoured only on the statuses that mean "later".
    [{ ...base, status: 500, retryAfter: '90' }, { kind: 'retry', delaySeconds: 30 }],
    [{ ...base, status: 429, retryAfter: '90', attempt: 9 }, { kind: 'failed' }],
    [{ ...base, status: 500, attempt: 9 }, { kind: 'failed' }],
  ])('%j → %j', (input, expected) => {
    expect(decideAttempt(input)).toEqual(expected);
  });

  it('backs off doubling from 30 seconds to at most 30 minutes', () => {
    expect([1, 2, 3, 4, 5, 6, 7, 8].map(backoffSeconds)).toEqual([30, 60, 120, 240, 480, 960, 1800, 1800]);
  });
});
