import { describe, expect, it } from 'vitest';
import { canonicalJson, requestHash } from './idempotency.ts';

describe('canonicalJson', () => {
  it('sorts keys at every depth', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
  });

  it('drops undefined fields as JSON does', () => {
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
  });

  it('escapes keys and strings', () => {
    expect(canonicalJson({ 'a"b': 'c\n' })).toBe('{"a\\"b":"c\\n"}');
  });
});

describe('requestHash', () => {
  it('is equal for the same body in another key order', async () => {
    expect(await requestHash({ kind: 'review', rating: 5 })).toBe(await requestHash({ rating: 5, kind: 'review' }));
  });

  it('differs when a value differs', async () => {
    expect(await requestHash({ rating: 5 })).not.toBe(await requestHash({ rating: 4 }));
  });
});
