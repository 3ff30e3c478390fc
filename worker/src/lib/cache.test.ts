import { describe, expect, it } from 'vitest';
import { etagOf, matchesIfNoneMatch, readThrough } from './cache.ts';

describe('matchesIfNoneMatch', () => {
  it.each([
    ['the same tag', '"abc"', true],
    ['the weak form of the tag', 'W/"abc"', true],
    ['one of a list', '"x", "abc"', true],
    ['a wildcard', '*', true],
    ['another tag', '"abd"', false],
    ['no header', undefined, false],
    ['an empty header', '', false],
  ])('%s', (_name, header, expected) => {
    expect(matchesIfNoneMatch(header, '"abc"')).toBe(expected);
  });
});

describe('readThrough', () => {
  it('builds once, then serves the same body and ETag from the cache', async () => {
    const key = `https://rebound.test/cache-test/${crypto.randomUUID()}`;
    let builds = 0;
    const build = async () => {
      builds += 1;
      return JSON.stringify({ n: builds });
    };
    const first = await readThrough(key, 60, Date.now(), build);
    const second = await readThrough(key, 60, Date.now(), build);
    expect(first).toMatchObject({ body: '{"n":1}', hit: false });
    expect(second).toEqual({ body: '{"n":1}', etag: first.etag, hit: true });
    expect(first.etag).toBe(await etagOf('{"n":1}'));
    expect(builds).toBe(1);
  });

  it('keeps keys apart', async () => {
    const base = `https://rebound.test/cache-test/${crypto.randomUUID()}`;
    await readThrough(`${base}?v=1`, 60, Date.now(), async () => 'one');
    expect((await readThrough(`${base}?v=2`, 60, Date.now(), async () => 'two')).body).toBe('two');
  });

  it("answers from the isolate's copy while its TTL lasts, and never past it", async () => {
    const key = `https://rebound.test/cache-test/${crypto.randomUUID()}`;
    const now = Date.now();
    await readThrough(key, 60, now, async () => 'first');
    // Without the edge entry, only the isolate's copy can still answer.
    await caches.default.delete(key);
    expect(await readThrough(key, 60, now + 59_000, async () => 'second')).toMatchObject({ body: 'first', hit: true });
    expect(await readThrough(key, 60, now + 60_000, async () => 'third')).toMatchObject({ body: 'third', hit: false });
  });

  it('keeps a document out of the isolate\'s copy when asked, still caching it at the edge', async () => {
    const key = `https://rebound.test/cache-test/${crypto.randomUUID()}`;
    const now = Date.now();
    await readThrough(key, 60, now, async () => 'edge only', { inMemory: false });
    expect(await readThrough(key, 60, now, async () => 'rebuilt', { inMemory: false })).toMatchObject({ body: 'edge only', hit: true });
    await caches.default.delete(key);
    expect(await readThrough(key, 60, now, async () => 'rebuilt', { inMemory: false })).toMatchObject({ body: 'rebuilt', hit: false });
  });
});

