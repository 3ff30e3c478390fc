/**
 * Vars that only local development sets: `wrangler dev` through scripts/dev-server.mjs
 * (`--var`) and the test config. wrangler.toml has neither, so production never sees them and
 * they are not part of the generated `Env`.
 *
 * - `DEMO`: serve the demo shop at `/demo/`.
 * - `ALLOW_LOCAL_WEBHOOKS`: let webhooks reach plain http and local receivers.
 */
export type DevVar = 'DEMO' | 'ALLOW_LOCAL_WEBHOOKS';

export function devVar(env: object, name: DevVar): string | undefined {
  const value: unknown = Reflect.get(env, name);
  return typeof value === 'string' ? value : undefined;
}

/** True when `name` is set to `1` or `true`. */
export function devFlag(env: object, name: DevVar): boolean {
  const value = devVar(env, name);
  return value === '1' || value === 'true';
}
