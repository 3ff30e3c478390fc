/** Test fixtures shared by the workerd suites: real sites in the real (isolated) D1. */
import { env } from 'cloudflare:test';
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
