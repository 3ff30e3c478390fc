import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { buildApp } from '../../worker/src/app.ts';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { oneOf?: unknown[]; anyOf?: unknown[] } }> } }>>;
}

const METHODS = new Set(['GET', 'POST', 'PUT', 'PATCH', 'DELETE']);

/**
 * Every endpoint the app serves under /v1, from Hono's own route table, as "METHOD /path" with
 * OpenAPI's `{param}` for Hono's `:param` (a `{regex}` suffix dropped). Middleware (`use`) and the
 * catch-all problem answer are registered as ALL, so they are not endpoints.
 */
function servedEndpoints(): string[] {
  const served = buildApp()
    .routes.filter((r) => METHODS.has(r.method) && r.path.startsWith('/v1/') && !r.path.includes('*'))
    .map((r) => `${r.method} ${r.path.replace(/:(\w+)(\{[^}]*\})?/g, '{$1}')}`);
  return [...new Set(served)].sort();
}

describe('openapi', () => {
  it('describes every endpoint in the app\'s route table, naming any that is missing', async () => {
    const doc = await (await SELF.fetch('https://rebound.test/v1/openapi.json')).json<Doc>();
    const described = new Set(Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`)));
    const served = servedEndpoints();
    expect(served.length).toBeGreaterThan(20);
    expect(served.filter((e) => !described.has(e))).toEqual([]);
  });

  it('describes nothing the app does not serve', async () => {
    const doc = await (await SELF.fetch('https://rebound.test/v1/openapi.json')).json<Doc>();
    const served = new Set(servedEndpoints());
    const described = Object.entries(doc.paths).flatMap(([path, ops]) => Object.keys(ops).map((m) => `${m.toUpperCase()} ${path}`));
    expect(described.filter((e) => !served.has(e))).toEqual([]);
  });

  it('serves the contract\'s public endpoints as OpenAPI 3.1', async () => {
    const res = await SELF.fetch('https://rebound.test/v1/openapi.json');
    expect(res.status).toBe(200);
    const doc = await res.json<Doc>();
    expect(doc.openapi).toBe('3.1.0');
    for (const path of ['/v1/sites/{site}/widget', '/v1/sites/{site}/reviews', '/v1/sites/{site}/submissions', '/v1/admin/session', '/v1/admin/submissions']) {
      expect(Object.keys(doc.paths)).toContain(path);
    }
  });

  it('takes the submission body from the shared schema, one branch per kind', async () => {
    const doc = await (await SELF.fetch('https://rebound.test/v1/openapi.json')).json<Doc>();
    const schema = doc.paths['/v1/sites/{site}/submissions']?.post?.requestBody?.content['application/json']?.schema;
    const branches = schema?.oneOf ?? schema?.anyOf ?? [];
    expect(JSON.stringify(branches)).toContain('"complaint"');
    expect(branches).toHaveLength(3);
  });
});
