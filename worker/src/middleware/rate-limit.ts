/**
 * Rate limits per site and per client on the public API. In production the limits are the
 * Workers Rate Limiting bindings declared in wrangler.toml (`SUBMIT_LIMITER`, `READ_LIMITER`);
 * miniflare enforces those bindings too, so `wrangler dev` and the workerd tests run the same
 * code. Where a binding is absent (a deployment that dropped it), an in-memory counter per
 * isolate stands in: weaker, since each isolate counts alone, but never unlimited.
 *
 * A client is the salted daily hash from lib/client.ts (IPv4, or IPv6 by /64, plus
 * User-Agent), so neither the limiter nor its keys ever see a raw address.
 *
 * @example
 * ```ts
 * app.use('/v1/sites/:site/submissions', rateLimit({ binding: 'SUBMIT_LIMITER', action: 'submit', limit: 10, periodSeconds: 60 }));
 * ```
 */
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../types.ts';
import { clientIdentity, dailyClientHash } from '../lib/client.ts';
import { ProblemError } from '../lib/problem.ts';

export type LimiterName = 'SUBMIT_LIMITER' | 'READ_LIMITER';

export interface RateLimitOptions {
  /** The binding to ask. */
  binding: LimiterName;
  /** Prefix of the bucket key, so one binding serves several actions without sharing counts. */
  action: string;
  /** Requests per period; must match the binding's `simple.limit`, used by the fallback. */
  limit: number;
  /** The binding's `simple.period` in seconds; also the `Retry-After` sent with a 429. */
  periodSeconds: number;
  /** Methods that are counted; others pass untouched (CORS preflights must never be limited). */
  methods?: readonly string[];
}

/**
 * A fixed-window counter held in isolate memory, with the clock passed in. Keys are dropped
 * when their window has passed; the map is also capped, so a flood of distinct keys costs a
 * bounded amount of memory (at worst it forgets, and lets a few extra requests through).
 */
export class MemoryLimiter {
  readonly #windows = new Map<string, { window: number; count: number }>();

  constructor(
    readonly limit: number,
    readonly periodMs: number,
    readonly maxKeys = 10_000,
  ) {}

  /** Counts one request for `key`; true while the key is within its limit for this window. */
  take(key: string, nowMs: number): boolean {
    const window = Math.floor(nowMs / this.periodMs);
    const entry = this.#windows.get(key);
    if (entry && entry.window === window) {
      if (entry.count >= this.limit) return false;
      entry.count += 1;
      return true;
    }
    if (this.#windows.size >= this.maxKeys) this.#sweep(window);
    this.#windows.set(key, { window, count: 1 });
    return true;
  }

  #sweep(window: number): void {
    for (const [key, entry] of this.#windows) if (entry.window !== window) this.#windows.delete(key);
    if (this.#windows.size >= this.maxKeys) this.#windows.clear();
  }
}

const fallbacks = new Map<string, MemoryLimiter>();

function fallbackFor(options: RateLimitOptions): MemoryLimiter {
  const name = `${options.binding}:${options.limit}:${options.periodSeconds}`;
  let limiter = fallbacks.get(name);
  if (!limiter) {
    limiter = new MemoryLimiter(options.limit, options.periodSeconds * 1000);
    fallbacks.set(name, limiter);
  }
  return limiter;
}

/** Answers 429 problem+json with `Retry-After` once a client exceeds the limit on a site. */
export function rateLimit(options: RateLimitOptions) {
  const methods = new Set(options.methods ?? ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
  return createMiddleware<AppEnv>(async function rateLimited(c, next) {
    if (!methods.has(c.req.method)) return next();
    const site = c.get('site');
    const now = c.get('now');
    const client = await dailyClientHash(site.signingKey, clientIdentity(c.req.raw.headers), now);
    const key = `${options.action}:${site.id}:${client}`;
    const bindings: Partial<Pick<Env, LimiterName>> = c.env;
    const binding = bindings[options.binding];
    let allowed = true;
    if (binding) {
      try {
        allowed = (await binding.limit({ key })).success;
      } catch (err) {
        // The limiter is a brake, not a gate: when it is unreachable, shoppers still get through
        // and Turnstile, the honeypot and moderation still apply.
        console.error('rate limiter unavailable', err);
      }
    } else {
      allowed = fallbackFor(options).take(key, now);
    }
    if (!allowed) {
      throw new ProblemError(
        429,
        'rate-limited',
        `Too many requests from this client; try again in ${options.periodSeconds} seconds.`,
        undefined,
        { 'Retry-After': String(options.periodSeconds) },
      );
    }
    await next();
  });
}

/** The limits wired into the app; they mirror the `[[ratelimits]]` blocks in wrangler.toml. */
export const RATE_LIMITS = {
  submit: { binding: 'SUBMIT_LIMITER', action: 'submit', limit: 10, periodSeconds: 60, methods: ['POST'] },
  vote: { binding: 'SUBMIT_LIMITER', action: 'vote', limit: 10, periodSeconds: 60, methods: ['POST'] },
  feedback: { binding: 'SUBMIT_LIMITER', action: 'feedback', limit: 10, periodSeconds: 60, methods: ['POST'] },
  read: { binding: 'READ_LIMITER', action: 'read', limit: 300, periodSeconds: 60, methods: ['GET', 'HEAD'] },
} as const satisfies Record<string, RateLimitOptions>;
