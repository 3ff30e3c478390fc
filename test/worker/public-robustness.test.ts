import { SELF } from 'cloudflare:test';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BASE, createSite, jsonRequest, ORIGIN } from './helpers.ts';

let requests = 0;
function nextIp(): string {
  requests += 1;
  return `172.16.${(requests >> 8) & 255}.${requests & 255}`;
}

async function expectClientOutcome(res: Response, ok: number[]): Promise<void> {
  const text = await res.text();
  expect(res.status, text).toBeLessThan(500);
  if (!ok.includes(res.status)) expect(res.headers.get('content-type')).toBe('application/problem+json');
}

const weirdText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom('', ' ', '\u0000', '\u202E', 'ي ك ۱۲۳', 'x'.repeat(6000), '<script>alert(1)</script>', "'; DROP TABLE submissions; --"),
);
const anyValue = fc.oneof(weirdText, fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.array(fc.integer(), { maxLength: 3 }));

/** Bodies near the real shapes, each field sometimes valid, sometimes not, sometimes absent. */
const nearSubmission = fc.record(
  {
    kind: fc.oneof(fc.constantFrom('review', 'complaint', 'story'), anyValue),
    rating: fc.oneof(fc.integer({ min: -2, max: 7 }), anyValue),
    title: fc.oneof(weirdText, anyValue),
    body: fc.oneof(weirdText, anyValue),
    category: fc.oneof(fc.constantFrom('product', 'delivery'), anyValue),
    subject: fc.oneof(fc.constantFrom('', 'sku-1'), weirdText),
    author: fc.oneof(
      fc.record({ name: fc.oneof(weirdText, anyValue), email: fc.oneof(fc.constantFrom('a@example.com', 'bad'), anyValue) }, { requiredKeys: [] }),
      anyValue,
    ),
    meta: fc.oneof(fc.record({ hp: weirdText, elapsedMs: fc.integer() }, { requiredKeys: [] }), anyValue),
    orderToken: fc.oneof(weirdText, fc.constant('eyJwIjoib3JkZXIifQ.x')),
  },
  { requiredKeys: [] },
);

describe('public endpoints never answer a 5xx to what a client sends', () => {
  it('POST /submissions with near-valid and hostile bodies', async () => {
    const site = await createSite();
    await fc.assert(
      fc.asyncProperty(fc.oneof(nearSubmission, fc.jsonValue()), fc.string({ minLength: 8, maxLength: 12, unit: fc.constantFrom('a', 'b', '-', '_', '1') }), async (body, key) => {
        const res = await SELF.fetch(
          jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, body, { 'idempotency-key': `k${key}`, 'cf-connecting-ip': nextIp() }),
        );
        await expectClientOutcome(res, [201]);
      }),
      { numRuns: 150 },
    );
  });

  it('GET /reviews and /widget with arbitrary query strings', async () => {
    const site = await createSite();
    const param = fc.constantFrom('subject', 'sort', 'stars', 'cursor', 'limit', 'lang', 'x');
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(param, weirdText), { maxLength: 4 }), fc.constantFrom('reviews', 'widget'), async (pairs, path) => {
        const query = new URLSearchParams(pairs).toString();
        const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/${path}?${query}`, { headers: { origin: ORIGIN, 'cf-connecting-ip': nextIp() } });
        await expectClientOutcome(res, [200]);
      }),
      { numRuns: 150 },
    );
  });
});
