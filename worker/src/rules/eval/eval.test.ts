import { describe, expect, it } from 'vitest';
import enTestRaw from './shop-en.test.json?raw';
import faTestRaw from './shop-fa.test.json?raw';
import enDev from './shop-en.dev.json';
import faDev from './shop-fa.dev.json';
import { evaluate, ShopSet } from './evaluate.ts';
import { FROZEN_SHA256 } from './frozen.ts';

async function sha256(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

const frozen = { en: enTestRaw, fa: faTestRaw };
const dev = { en: ShopSet.parse(enDev), fa: ShopSet.parse(faDev) };

describe.each(['en', 'fa'] as const)('the frozen %s shop-review test set', (lang) => {
  const items = ShopSet.parse(JSON.parse(frozen[lang]));

  it('is the file committed before the rules were changed (its hash is recorded)', async () => {
    expect(await sha256(frozen[lang])).toBe(FROZEN_SHA256[lang]);
  });

  it('holds at least 120 texts, 40 to 55 percent unhappy, and with the dev set at least 300', () => {
    expect(items.length).toBeGreaterThanOrEqual(120);
    const share = items.filter((i) => i.unhappy).length / items.length;
    expect(share).toBeGreaterThanOrEqual(0.4);
    expect(share).toBeLessThanOrEqual(0.55);
    expect(items.length + dev[lang].length).toBeGreaterThanOrEqual(300);
  });

  it('routes unhappy shoppers with precision and recall of at least 0.9', () => {
    // Aggregate only: the items are never printed, so the rules are not tuned on them.
    const s = evaluate(items);
    expect({ precision: s.precision >= 0.9, recall: s.recall >= 0.9 }).toEqual({ precision: true, recall: true });
  });
});
