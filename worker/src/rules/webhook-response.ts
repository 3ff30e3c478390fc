/**
 * What one webhook attempt's answer means, per Standard Webhooks: 2xx delivered; 410 Gone
 * means the receiver is gone for good, so the endpoint is disabled; 429 and 502/503/504 mean
 * "not now", so the next attempt waits as long as `Retry-After` asks (bounded); anything else
 * retries with the usual backoff until the attempts run out. The clock comes in as `nowMs`.
 */

/** The longest wait a `Retry-After` may impose: beyond it the receiver gets its usual backoff. */
export const MAX_RETRY_AFTER_SECONDS = 3600;
/** Statuses that say "come back later" rather than "this failed". */
const BACK_OFF = new Set([429, 502, 503, 504]);

export type AttemptDecision =
  | { kind: 'delivered' }
  | { kind: 'disable' }
  | { kind: 'failed' }
  | { kind: 'retry'; delaySeconds: number };

/** The default wait before attempt `attempt + 1`: 30 s doubling, at most 30 minutes. */
export function backoffSeconds(attempt: number): number {
  return Math.min(1800, 30 * 2 ** Math.max(0, attempt - 1));
}

/**
 * Seconds a `Retry-After` value asks for: delta-seconds or an HTTP date, relative to `nowMs`.
 * Null when absent or unreadable; never negative; never more than `MAX_RETRY_AFTER_SECONDS`.
 */
export function retryAfterSeconds(value: string | null, nowMs: number): number | null {
  const text = value?.trim() ?? '';
  if (text === '') return null;
  let seconds: number;
  if (/^\d+$/.test(text)) seconds = Number(text);
  else {
    const at = Date.parse(text);
    if (Number.isNaN(at) || !/[a-z]/i.test(text)) return null;
    seconds = Math.ceil((at - nowMs) / 1000);
  }
  return Math.min(MAX_RETRY_AFTER_SECONDS, Math.max(0, seconds));
}

/**
 * Decides after attempt number `attempt` (1 for the first) of at most `maxAttempts`. `status`
 * is null when no answer came (network error, timeout).
 */
export function decideAttempt(input: {
  status: number | null;
  retryAfter: string | null;
  attempt: number;
  maxAttempts: number;
  nowMs: number;
}): AttemptDecision {
  const { status, attempt } = input;
  if (status !== null && status >= 200 && status < 300) return { kind: 'delivered' };
  if (status === 410) return { kind: 'disable' };
  if (attempt >= input.maxAttempts) return { kind: 'failed' };
  const backoff = backoffSeconds(attempt);
  if (status !== null && BACK_OFF.has(status)) {
    const asked = retryAfterSeconds(input.retryAfter, input.nowMs);
    // The receiver's own wait wins when it asks for one; a wait of 0 still spaces attempts a little.
    if (asked !== null) return { kind: 'retry', delaySeconds: Math.max(1, asked) };
  }
  return { kind: 'retry', delaySeconds: backoff };
}
