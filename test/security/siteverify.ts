/**
 * Cloudflare's siteverify, answered in-process with the documented behaviour of the Turnstile
 * test secret keys, so no test reaches the network:
 * - `1x0000000000000000000000000000000AA` always passes (any token),
 * - `2x0000000000000000000000000000000AA` always fails (`invalid-input-response`),
 * - `3x0000000000000000000000000000000AA` answers "token already spent" (`timeout-or-duplicate`).
 * Any other secret is refused as `invalid-input-secret`; a missing token as
 * `missing-input-response`. Like the real service, a repeated `idempotency_key` gets the
 * first answer again.
 */
import { SITEVERIFY_URL } from '../../worker/src/lib/turnstile.ts';

export const PASS_SECRET = '1x0000000000000000000000000000000AA';
export const FAIL_SECRET = '2x0000000000000000000000000000000AA';
export const SPENT_SECRET = '3x0000000000000000000000000000000AA';
export const PASS_SITE_KEY = '1x00000000000000000000AA';
/** What the dummy site keys hand the browser. */
export const DUMMY_TOKEN = 'XXXX.DUMMY.TOKEN.XXXX';

export interface SiteverifyCall {
  secret: string | null;
  response: string | null;
  remoteip: string | null;
  idempotencyKey: string | null;
}

function decide(secret: string | null, response: string | null): { success: boolean; 'error-codes': string[] } {
  if (!secret) return { success: false, 'error-codes': ['missing-input-secret'] };
  if (!response) return { success: false, 'error-codes': ['missing-input-response'] };
  if (secret === PASS_SECRET) return { success: true, 'error-codes': [] };
  if (secret === FAIL_SECRET) return { success: false, 'error-codes': ['invalid-input-response'] };
  if (secret === SPENT_SECRET) return { success: false, 'error-codes': ['timeout-or-duplicate'] };
  return { success: false, 'error-codes': ['invalid-input-secret'] };
}

/** A fetch that answers siteverify and refuses every other address (a test must never leave the process). */
export function fakeSiteverify() {
  const calls: SiteverifyCall[] = [];
  const answered = new Map<string, unknown>();
  async function siteverify(input: string | URL | Request, init?: RequestInit): Promise<Response> {
    const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
    if (url !== SITEVERIFY_URL) throw new TypeError(`network access refused in tests: ${url}`);
    const form = new URLSearchParams(typeof init?.body === 'string' ? init.body : '');
    const call: SiteverifyCall = {
      secret: form.get('secret'),
      response: form.get('response'),
      remoteip: form.get('remoteip'),
      idempotencyKey: form.get('idempotency_key'),
    };
    calls.push(call);
    const previous = call.idempotencyKey ? answered.get(call.idempotencyKey) : undefined;
    const answer = previous ?? decide(call.secret, call.response);
    if (call.idempotencyKey) answered.set(call.idempotencyKey, answer);
    return Response.json({ ...answer, challenge_ts: new Date().toISOString(), hostname: 'example.com' });
  }
  return { fetch: siteverify, calls };
}
