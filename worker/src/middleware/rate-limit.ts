/**
 * Rate limits per site and per client on the public API. In production the limits are the
 * Workers Rate Limiting bindings declared in wrangler.toml (`SUBMIT_LIMITER`, `READ_LIMITER`);
 * miniflare enforces those bindings too, so `wrangler dev` and the workerd tests run the same
 * code. Where a binding is absent (a deployment that dropped it), an in-memory counter per
 * isolate stands in: weaker, since each isolate counts alone, but never unlimited.
 *
 * A bucket is per site and network (IPv4 address, or IPv6 /64): the salted daily hash from
 * lib/client.ts of the network alone, so neither the limiter nor its keys ever see a raw address,
 * and a client that rotates its User-Agent stays in one bucket.
 *
 * @example
 * ```ts
 * app.use('/v1/sites/:site/submissions', rateLimit({ binding: 'SUBMIT_LIMITER', action: 'submit', limit: 10, periodSeconds: 60 }));
 * ```
 */
import type { Context } from 'hono';
import { createMiddleware } from 'hono/factory';
import type { AppEnv } from '../types.ts';
import { clientNetwork } from '../lib/client.ts';
import { hmacBase64Url, toBase64Url } from '../lib/crypto.ts';
import { ProblemError } from '../lib/problem.ts';

export type LimiterName = 'SUBMIT_LIMITER' | 'READ_LIMITER' | 'UPLOAD_LIMITER';

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
  /**
   * `'always'` (the default): every counted request asks the shared binding. `'on-storage'`:
   * every counted request is counted in this isolate, with the same limit, and only a request
   * that goes on to read storage also asks the binding (the route calls `limitShared`). For a
   * document this isolate already holds, the binding call would be the most expensive part of
   * the answer, while what a flood of such reads costs (CPU in the isolate answering them) is
   * what the isolate's own counter caps.
   */
  shared?: 'always' | 'on-storage';
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

/** The per-isolate counter `registry` keeps under `name`, made on first use with the limit's size. */
function counterIn(registry: Map<string, MemoryLimiter>, name: string, options: RateLimitOptions): MemoryLimiter {
  let limiter = registry.get(name);
  if (!limiter) {
    limiter = new MemoryLimiter(options.limit, options.periodSeconds * 1000);
    registry.set(name, limiter);
  }
  return limiter;
}

/** Stand-ins for a missing Rate Limiting binding, one per binding and size. */
const fallbacks = new Map<string, MemoryLimiter>();

function fallbackFor(options: RateLimitOptions): MemoryLimiter {
  return counterIn(fallbacks, `${options.binding}:${options.limit}:${options.periodSeconds}`, options);
}

function tooMany(options: RateLimitOptions): ProblemError {
  return new ProblemError(
    429,
    'rate-limited',
    `Too many requests from this client; try again in ${options.periodSeconds} seconds.`,
    undefined,
    { 'Retry-After': String(options.periodSeconds) },
  );
}

/**
 * Each site's HMAC key of the day, imported once per isolate and day: deriving and importing it
 * per request cost more than the hash itself on the hot read path. The bucket is the same value
 * `dailyClientHash` gives (lib/client.test.ts pins that function; rate-limit.test.ts pins this
 * equality). Keys, not promises, are kept, since workerd ties a promise to its request.
 */
const dayKeys = new Map<string, { signingKey: string; day: string; key: CryptoKey }>();
const DAY_KEYS_MAX = 1000;
const encoder = new TextEncoder();

/** `dailyClientHash(signingKey, identity, nowMs)`, with the day key remembered per site. */
export async function clientBucket(site: { id: string; signingKey: string }, identity: string, nowMs: number): Promise<string> {
  const day = new Date(nowMs).toISOString().slice(0, 10);
  const held = dayKeys.get(site.id);
  let key = held && held.day === day && held.signingKey === site.signingKey ? held.key : undefined;
  if (!key) {
    const dayKey = await hmacBase64Url(site.signingKey, `client-day\n${day}`);
    key = await crypto.subtle.importKey('raw', encoder.encode(dayKey), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']);
    if (dayKeys.size >= DAY_KEYS_MAX) dayKeys.clear();
    dayKeys.set(site.id, { signingKey: site.signingKey, day, key });
  }
  return toBase64Url(await crypto.subtle.sign('HMAC', key, encoder.encode(identity)));
}

async function bucketKey(c: Context<AppEnv>, options: RateLimitOptions): Promise<string> {
  const site = c.get('site');
  return `${options.action}:${site.id}:${await clientBucket(site, clientNetwork(c.req.raw.headers), c.get('now'))}`;
}

/** Asks the shared binding; false once the key is over its limit. Without a binding, `fallback` decides. */
async function askBinding(c: Context<AppEnv>, options: RateLimitOptions, key: string, fallback: () => boolean): Promise<boolean> {
  const bindings: Partial<Pick<Env, LimiterName>> = c.env;
  const binding = bindings[options.binding];
  if (!binding) return fallback();
  try {
    return (await binding.limit({ key })).success;
  } catch (err) {
    // The limiter is a brake, not a gate: when it is unreachable, shoppers still get through
    // and Turnstile, the honeypot and moderation still apply.
    console.error('rate limiter unavailable', err);
    return true;
  }
}

/** Per-isolate counters of the `'on-storage'` limits, one per limit. */
const isolateCounters = new Map<string, MemoryLimiter>();

function isolateCounterFor(options: RateLimitOptions): MemoryLimiter {
  return counterIn(isolateCounters, `${options.action}:${options.limit}:${options.periodSeconds}`, options);
}

/** Answers 429 problem+json with `Retry-After` once a client exceeds the limit on a site. */
export function rateLimit(options: RateLimitOptions) {
  const methods = new Set(options.methods ?? ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE']);
  return createMiddleware<AppEnv>(async function rateLimited(c, next) {
    if (!methods.has(c.req.method)) return next();
    const key = await bucketKey(c, options);
    const allowed =
      options.shared === 'on-storage'
        ? isolateCounterFor(options).take(key, c.get('now'))
        : await askBinding(c, options, key, () => fallbackFor(options).take(key, c.get('now')));
    if (!allowed) throw tooMany(options);
    await next();
  });
}

/**
 * The shared half of an `'on-storage'` limit: a route calls this before it reads storage for a
 * request the middleware let through. Without a binding the isolate's count already applied.
 */
export async function limitShared(c: Context<AppEnv>, options: RateLimitOptions): Promise<void> {
  const key = await bucketKey(c, options);
  if (!(await askBinding(c, options, key, () => true))) throw tooMany(options);
}

/** The limits wired into the app; they mirror the `[[ratelimits]]` blocks in wrangler.toml. */
export const RATE_LIMITS = {
  submit: { binding: 'SUBMIT_LIMITER', action: 'submit', limit: 10, periodSeconds: 60, methods: ['POST'] },
  vote: { binding: 'SUBMIT_LIMITER', action: 'vote', limit: 10, periodSeconds: 60, methods: ['POST'] },
  feedback: { binding: 'SUBMIT_LIMITER', action: 'feedback', limit: 10, periodSeconds: 60, methods: ['POST'] },
  /** One review may carry 5 photos, each uploaded with its thumbnail: room for two reviews a minute. */
  upload: { binding: 'UPLOAD_LIMITER', action: 'upload', limit: 20, periodSeconds: 60, methods: ['POST'] },
  read: { binding: 'READ_LIMITER', action: 'read', limit: 300, periodSeconds: 60, methods: ['GET', 'HEAD'] },
  /** The bootstrap counts in the same bucket as other reads, but asks the binding only when it builds. */
  bootstrap: { binding: 'READ_LIMITER', action: 'read', limit: 300, periodSeconds: 60, methods: ['GET', 'HEAD'], shared: 'on-storage' },
} as const satisfies Record<string, RateLimitOptions>;
