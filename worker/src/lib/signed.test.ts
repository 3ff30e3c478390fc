import { describe, expect, it } from 'vitest';
import { signToken, verifyToken } from './signed.ts';

describe('signed tokens', () => {
  it('round-trips data for the same key and purpose', async () => {
    const token = await signToken('k1', 'track', { ref: 'RB-1' }, 2_000);
    expect(await verifyToken('k1', 'track', token, 1_000)).toEqual({ ref: 'RB-1' });
  });

  it('rejects another key, another purpose, an expired token and a tampered payload', async () => {
    const token = await signToken('k1', 'track', { ref: 'RB-1' }, 2_000);
    expect(await verifyToken('k2', 'track', token, 1_000)).toBeNull();
    expect(await verifyToken('k1', 'rerate', token, 1_000)).toBeNull();
    expect(await verifyToken('k1', 'track', token, 2_001)).toBeNull();
    const [payload, sig] = token.split('.');
    const forged = JSON.stringify({ p: 'track', e: 0, d: { ref: 'RB-2' } });
    const forgedPayload = btoa(forged).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
    expect(await verifyToken('k1', 'track', `${forgedPayload}.${sig}`, 1_000)).toBeNull();
    expect(await verifyToken('k1', 'track', `${payload}.x${sig}`, 1_000)).toBeNull();
    expect(await verifyToken('k1', 'track', 'garbage', 1_000)).toBeNull();
  });

  it('treats expiry 0 as never expiring', async () => {
    const token = await signToken('k1', 'order', { orderId: 'o1' });
    expect(await verifyToken('k1', 'order', token, Number.MAX_SAFE_INTEGER)).toEqual({ orderId: 'o1' });
  });
});
