import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

interface Doc {
  openapi: string;
  paths: Record<string, Record<string, { requestBody?: { content: Record<string, { schema: { oneOf?: unknown[]; anyOf?: unknown[] } }> } }>>;
}

describe('openapi', () => {
  it('describes every public endpoint of the contract', async () => {
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
