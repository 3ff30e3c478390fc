import { describe, expect, it } from 'vitest';
import { SITEVERIFY_URL, verifyTurnstile, type SiteverifyFetch } from './turnstile.ts';

const answer = (body: unknown, status = 200): SiteverifyFetch => async () => Response.json(body, { status });

describe('verifyTurnstile', () => {
  it('posts secret, token, address and a UUID idempotency key as a form to siteverify', async () => {
    let seen: { url: string; body: string; type: string | null } | null = null;
    const fetcher: SiteverifyFetch = async (url, init) => {
      seen = { url, body: String(init.body), type: new Headers(init.headers).get('content-type') };
      return Response.json({ success: true, 'error-codes': [] });
    };
    const verdict = await verifyTurnstile({ secret: 's', token: 't', remoteIp: '203.0.113.9', retryKey: 'pk\nkey' }, fetcher);
    expect(verdict).toEqual({ ok: true, codes: [] });
    expect(seen).not.toBeNull();
    const sent = seen as unknown as { url: string; body: string; type: string };
    expect(sent.url).toBe(SITEVERIFY_URL);
    expect(sent.type).toBe('application/x-www-form-urlencoded');
    const form = new URLSearchParams(sent.body);
    expect(form.get('secret')).toBe('s');
    expect(form.get('response')).toBe('t');
    expect(form.get('remoteip')).toBe('203.0.113.9');
    expect(form.get('idempotency_key')).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-8[0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('derives the same idempotency key for the same retry key', async () => {
    const keys: (string | null)[] = [];
    const fetcher: SiteverifyFetch = async (_url, init) => {
      keys.push(new URLSearchParams(String(init.body)).get('idempotency_key'));
      return Response.json({ success: true });
    };
    await verifyTurnstile({ secret: 's', token: 't', retryKey: 'a' }, fetcher);
    await verifyTurnstile({ secret: 's', token: 't', retryKey: 'a' }, fetcher);
    await verifyTurnstile({ secret: 's', token: 't', retryKey: 'b' }, fetcher);
    expect(keys[0]).toBe(keys[1]);
    expect(keys[2]).not.toBe(keys[0]);
  });

  it.each([
    ['success false', answer({ success: false, 'error-codes': ['invalid-input-response'] }), ['invalid-input-response']],
    ['a non-200 answer', answer({ success: true }, 502), ['siteverify-unavailable']],
    ['an answer without success', answer({ hostname: 'x' }), ['siteverify-bad-answer']],
    ['success that is not a boolean', answer({ success: 1 }), ['siteverify-bad-answer']],
    ['a network error', (async () => { throw new TypeError('down'); }) as SiteverifyFetch, ['siteverify-unavailable']],
    ['a body that is not JSON', (async () => new Response('<html>')) as SiteverifyFetch, ['siteverify-unavailable']],
  ])('fails closed on %s', async (_name, fetcher, codes) => {
    expect(await verifyTurnstile({ secret: 's', token: 't' }, fetcher)).toEqual({ ok: false, codes });
  });

  it('fails closed when siteverify does not answer in time', async () => {
    const never: SiteverifyFetch = (_url, init) =>
      new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('timeout', 'TimeoutError'))));
    expect(await verifyTurnstile({ secret: 's', token: 't' }, never, 20)).toEqual({ ok: false, codes: ['siteverify-unavailable'] });
  });
});
