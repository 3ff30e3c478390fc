import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createSite } from '../../../../test/worker/helpers.ts';
import { readSite } from '../../db/sites.ts';
import { confirmUrl, readConfirm, readUnsubscribe, unsubscribeUrl } from './links.ts';

async function site() {
  const { publicKey: id } = await createSite({ name: 'Links shop' });
  const row = await readSite(env.DB, id);
  return { id, signingKey: row?.signingKey ?? '' };
}

const t = (url: string) => new URL(url).searchParams.get('t') ?? '';

describe('email links', () => {
  it('an unsubscribe link names the site and the address hash only, and never expires', async () => {
    const s = await site();
    const url = await unsubscribeUrl('https://rebound.test', s, 'HASH', 'fa');
    expect(url).not.toContain('@');
    expect(new URL(url).searchParams.get('lang')).toBe('fa');
    const read = await readUnsubscribe(env.DB, t(url), Date.now() + 10 * 365 * 86_400_000);
    expect(read?.site.id).toBe(s.id);
    expect(read?.hash).toBe('HASH');
  });

  it('refuses a token of another purpose, another site, or tampered', async () => {
    const a = await site();
    const b = await site();
    const confirm = t(await confirmUrl('https://rebound.test', a, 'sub1', 'HASH', 'en', Date.now()));
    expect(await readUnsubscribe(env.DB, confirm, Date.now())).toBeNull();
    const unsub = t(await unsubscribeUrl('https://rebound.test', a, 'HASH', 'en'));
    expect(await readUnsubscribe(env.DB, unsub.replace(a.id, b.id), Date.now())).toBeNull();
    expect(await readUnsubscribe(env.DB, `${unsub}x`, Date.now())).toBeNull();
  });

  it('a confirmation link expires after two weeks', async () => {
    const s = await site();
    const now = Date.now();
    const token = t(await confirmUrl('https://rebound.test', s, 'sub1', 'HASH', 'en', now));
    expect((await readConfirm(env.DB, token, now + 86_400_000))?.submissionId).toBe('sub1');
    expect(await readConfirm(env.DB, token, now + 15 * 86_400_000)).toBeNull();
  });
});
