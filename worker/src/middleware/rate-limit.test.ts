import { describe, expect, it } from 'vitest';
import { dailyClientHash } from '../lib/client.ts';
import { clientBucket, MemoryLimiter } from './rate-limit.ts';

describe('MemoryLimiter (the fallback when no binding is configured)', () => {
  it('allows `limit` requests per key and window, then refuses', () => {
    const limiter = new MemoryLimiter(3, 60_000);
    const t = 1_700_000_000_000;
    expect([1, 2, 3, 4].map(() => limiter.take('a', t))).toEqual([true, true, true, false]);
  });

  it('counts keys apart', () => {
    const limiter = new MemoryLimiter(1, 60_000);
    expect(limiter.take('a', 0)).toBe(true);
    expect(limiter.take('b', 0)).toBe(true);
    expect(limiter.take('a', 0)).toBe(false);
  });

  it('starts afresh in the next window', () => {
    const limiter = new MemoryLimiter(1, 60_000);
    expect(limiter.take('a', 59_999)).toBe(true);
    expect(limiter.take('a', 59_999)).toBe(false);
    expect(limiter.take('a', 60_000)).toBe(true);
  });

  it('holds memory bounded under a flood of distinct keys', () => {
    const limiter = new MemoryLimiter(1, 60_000, 100);
    for (let i = 0; i < 10_000; i++) limiter.take(`k${i}`, 0);
    // Still limiting the most recent keys after the sweep.
    expect(limiter.take('k9999', 0)).toBe(false);
  });
});

describe('clientBucket', () => {
  it('is the daily client hash, on the first call and with the day key remembered', async () => {
    const site = { id: `pk_bucket_${crypto.randomUUID()}`, signingKey: 'signing-key-one' };
    const day = Date.UTC(2026, 10, 22, 12);
    for (const identity of ['192.0.2.1\nUA one', '192.0.2.1\nUA two']) {
      expect(await clientBucket(site, identity, day)).toBe(await dailyClientHash(site.signingKey, identity, day));
    }
  });

  it('changes with the day and with the site key', async () => {
    const site = { id: `pk_bucket_${crypto.randomUUID()}`, signingKey: 'signing-key-one' };
    const day = Date.UTC(2026, 10, 22, 12);
    const today = await clientBucket(site, 'same client', day);
    expect(await clientBucket(site, 'same client', day + 86_400_000)).toBe(await dailyClientHash(site.signingKey, 'same client', day + 86_400_000));
    expect(await clientBucket(site, 'same client', day + 86_400_000)).not.toBe(today);
    const rotated = { ...site, signingKey: 'signing-key-two' };
    expect(await clientBucket(rotated, 'same client', day)).toBe(await dailyClientHash(rotated.signingKey, 'same client', day));
  });
});
