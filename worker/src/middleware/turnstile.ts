/**
 * Optional Cloudflare Turnstile per site. When a site has a `turnstileSiteKey`, every
 * submission must carry a token (`meta.turnstile`) that siteverify accepts with the site's
 * `turnstileSecretKey`; otherwise it is refused with 403 before the route reads or writes
 * anything. Sites without a site key are not affected.
 *
 * @example
 * ```ts
 * app.use('/v1/sites/:site/submissions', requireTurnstile());
 * // tests: requireTurnstile({ fetch: answerSiteverifyInProcess })
 * ```
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../types.ts';
import { ProblemError } from '../lib/problem.ts';
import { verifyTurnstile, type SiteverifyFetch } from '../lib/turnstile.ts';

export interface TurnstileOptions {
  /** How siteverify is reached; the global `fetch` when omitted. */
  fetch?: SiteverifyFetch;
}

/** The token from a JSON body's `meta.turnstile`, or null for anything else. */
function tokenOf(body: unknown): string | null {
  if (typeof body !== 'object' || body === null || !('meta' in body)) return null;
  const meta: unknown = body.meta;
  if (typeof meta !== 'object' || meta === null || !('turnstile' in meta)) return null;
  const token: unknown = meta.turnstile;
  return typeof token === 'string' && token.length > 0 && token.length <= 2048 ? token : null;
}

export function requireTurnstile(options: TurnstileOptions = {}) {
  // Resolved per call, not at import, so the runtime's current fetch is the one used.
  const fetcher: SiteverifyFetch = options.fetch ?? ((input, init) => fetch(input, init));
  return createMiddleware<AppEnv>(async function turnstileGate(c, next) {
    const settings = c.get('site').settings;
    if (c.req.method !== 'POST' || !settings.turnstileSiteKey) return next();
    if (!settings.turnstileSecretKey) {
      console.error('turnstile site key without a secret key', c.get('site').id);
      throw new ProblemError(403, 'turnstile-failed', 'The anti-bot check is not available for this site right now.');
    }
    // Hono caches the parsed body, so the route's validator reads the same one again.
    const body: unknown = await c.req.json().catch(() => null);
    const token = tokenOf(body);
    if (!token) throw new ProblemError(403, 'turnstile-required', 'Complete the anti-bot check and send its token in meta.turnstile.');
    const idempotencyKey = c.req.header('idempotency-key');
    const verdict = await verifyTurnstile(
      {
        secret: settings.turnstileSecretKey,
        token,
        remoteIp: c.req.header('cf-connecting-ip'),
        retryKey: idempotencyKey ? `${c.get('site').id}\n${idempotencyKey}` : undefined,
      },
      fetcher,
    );
    if (!verdict.ok) {
      throw new ProblemError(403, 'turnstile-failed', `The anti-bot check failed (${verdict.codes.join(', ') || 'rejected'}); try again.`);
    }
    await next();
  });
}
