import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { decodeCursor, encodeCursor } from './cursor.ts';

const Key = z.tuple([z.int(), z.string()]);

describe('cursor', () => {
  it('round-trips a sort key', async () => {
    const cursor = await encodeCursor('k', 'newest', [1700000000000, 'abc']);
    expect(cursor).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(await decodeCursor('k', 'newest', cursor, Key)).toEqual([1700000000000, 'abc']);
  });

  it('refuses a cursor made for another scope', async () => {
    const cursor = await encodeCursor('k', 'newest', [1, 'a']);
    expect(await decodeCursor('k', 'oldest', cursor, Key)).toBeNull();
  });

  it('refuses a cursor signed with another key', async () => {
    const cursor = await encodeCursor('k', 's', [1, 'a']);
    expect(await decodeCursor('other', 's', cursor, Key)).toBeNull();
  });

  it('refuses an altered payload', async () => {
    const cursor = await encodeCursor('k', 's', [1, 'a']);
    const [, signature] = cursor.split('.');
    const forged = `${btoa(JSON.stringify([2, 'a'])).replace(/=+$/, '')}.${signature}`;
    expect(await decodeCursor('k', 's', forged, Key)).toBeNull();
  });

  it('refuses a signed key of the wrong shape', async () => {
    const cursor = await encodeCursor('k', 's', ['a', 1]);
    expect(await decodeCursor('k', 's', cursor, Key)).toBeNull();
  });

  it.each(['', '.', 'abc', 'abc.', '.abc', 'a.b.c', '!!!.???', 'eyJ9.x'])('refuses the malformed cursor %j', async (cursor) => {
    expect(await decodeCursor('k', 's', cursor, Key)).toBeNull();
  });
});
