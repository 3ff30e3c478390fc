/** Test fixtures shared by the workerd suites: real sites in the real (isolated) D1. */
import { createExecutionContext, env, SELF } from 'cloudflare:test';
import { buildApp } from '../../worker/src/app.ts';
import { provisionSite, type SiteKeys } from '../../worker/src/lib/provision.ts';

export const ORIGIN = 'https://shop.example';
export const BASE = 'https://rebound.test';

export interface TestSite extends SiteKeys {
  origin: string;
}

let counter = 0;

/** Creates a site with its first staff token; settings are merged over the defaults. */
export async function createSite(options: { origins?: string[]; settings?: Record<string, unknown>; name?: string } = {}): Promise<TestSite> {
  counter += 1;
  const origins = options.origins ?? [ORIGIN];
  const { keys, statements } = await provisionSite({
    name: options.name ?? `Test shop ${counter}`,
    origins,
    settings: options.settings,
    nowMs: Date.now(),
  });
  await env.DB.batch(statements.map((s) => env.DB.prepare(s.sql).bind(...s.params)));
  return { ...keys, origin: origins[0] ?? ORIGIN };
}

/** A JSON request to the worker under test, from the site's origin by default. */
export function jsonRequest(method: string, path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`${BASE}${path}`, {
    method,
    headers: { 'content-type': 'application/json', origin: ORIGIN, ...headers },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

/** Logs in with the site's staff token and returns the `Cookie` header value of the session. */
export async function login(site: Pick<TestSite, 'staffToken'>): Promise<string> {
  const res = await SELF.fetch(jsonRequest('POST', '/v1/admin/session', { token: site.staffToken }, { origin: BASE }));
  if (res.status !== 201) throw new Error(`login failed: ${res.status} ${await res.text()}`);
  const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0];
  if (!cookie) throw new Error('login set no cookie');
  return cookie;
}

/** A same-origin staff request carrying the session cookie, as the moderation page sends it. */
export function staffRequest(method: string, path: string, cookie: string, body?: unknown): Request {
  return new Request(`${BASE}${path}`, {
    method,
    headers: {
      cookie,
      origin: BASE,
      'sec-fetch-site': 'same-origin',
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
}

/**
 * Waits, when needed, so the next few seconds fall inside one rate-limit window: miniflare's
 * limiter counts in windows aligned to the wall clock, and a burst that straddles a boundary
 * would be counted in two.
 */
export async function freshWindow(periodMs = 60_000, needMs = 12_000): Promise<void> {
  const left = periodMs - (Date.now() % periodMs);
  if (left < needMs) await new Promise((resolve) => setTimeout(resolve, left + 50));
}

/**
 * Sends a request to the app as production runs it: without local development's opt-ins
 * (`DEMO`, `ALLOW_LOCAL_WEBHOOKS`), which the test config sets for every other suite.
 */
export async function productionFetch(request: Request): Promise<Response> {
  const { DEMO: _demo, ALLOW_LOCAL_WEBHOOKS: _local, ...production } = env as Env & { DEMO?: string; ALLOW_LOCAL_WEBHOOKS?: string };
  return buildApp().fetch(request, production, createExecutionContext());
}

/** The worker's bindings as production has them (no development opt-ins), for direct calls. */
export function productionEnv(): Env {
  const { DEMO: _demo, ALLOW_LOCAL_WEBHOOKS: _local, ...production } = env as Env & { DEMO?: string; ALLOW_LOCAL_WEBHOOKS?: string };
  return production;
}
