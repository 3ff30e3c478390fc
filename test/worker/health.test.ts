import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';

describe('health', () => {
  it('answers with ok and the security headers', async () => {
    const res = await SELF.fetch('https://rebound.test/v1/health');
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ ok: true });
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers an unknown endpoint with problem+json 404', async () => {
    const res = await SELF.fetch('https://rebound.test/v1/nope');
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toMatchObject({ status: 404, type: 'urn:rebound:problem:not-found' });
  });
});
