/**
 * Server-side verification of Cloudflare Turnstile tokens against siteverify. Every doubt is a
 * "no": a missing token, a network error, a timeout, a non-200 answer, an answer that is not
 * the documented JSON, or `success: false` all fail verification.
 *
 * The fetch is passed in so tests answer siteverify in-process; nothing calls the network
 * at test time.
 */
import * as z from 'zod/mini';
import { sha256Hex } from './crypto.ts';

export const SITEVERIFY_URL = 'https://challenges.cloudflare.com/turnstile/v0/siteverify';

/** The subset of `fetch` verification needs. */
export type SiteverifyFetch = (input: string, init: RequestInit) => Promise<Response>;

const SiteverifyAnswer = z.object({
  success: z.boolean(),
  'error-codes': z._default(z.array(z.string()), []),
});

export interface TurnstileVerdict {
  ok: boolean;
  /** siteverify's error codes, or ours (`siteverify-unavailable`, `siteverify-bad-answer`). */
  codes: string[];
}

export interface VerifyInput {
  secret: string;
  token: string;
  /** The client's address, which siteverify uses as an extra signal; sent, never stored. */
  remoteIp?: string | undefined;
  /**
   * Makes a retried verification of the same token give the same answer instead of
   * `timeout-or-duplicate`: a shopper re-sending one submission on a flaky connection must
   * get its stored answer, not a failed challenge.
   */
  retryKey?: string | undefined;
}

/** A UUID-shaped key (what siteverify's `idempotency_key` expects) derived from `value`. */
async function uuidFrom(value: string): Promise<string> {
  const hex = await sha256Hex(value);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-8${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

export async function verifyTurnstile(input: VerifyInput, fetcher: SiteverifyFetch, timeoutMs = 5000): Promise<TurnstileVerdict> {
  const form = new URLSearchParams({ secret: input.secret, response: input.token });
  if (input.remoteIp) form.set('remoteip', input.remoteIp);
  if (input.retryKey) form.set('idempotency_key', await uuidFrom(input.retryKey));
  let answer: unknown;
  try {
    const res = await fetcher(SITEVERIFY_URL, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: form.toString(),
      signal: AbortSignal.timeout(timeoutMs),
    });
    if (!res.ok) return { ok: false, codes: ['siteverify-unavailable'] };
    answer = await res.json();
  } catch (err) {
    console.error('siteverify unreachable', err);
    return { ok: false, codes: ['siteverify-unavailable'] };
  }
  const parsed = SiteverifyAnswer.safeParse(answer);
  if (!parsed.success) return { ok: false, codes: ['siteverify-bad-answer'] };
  return { ok: parsed.data.success === true, codes: parsed.data['error-codes'] };
}
