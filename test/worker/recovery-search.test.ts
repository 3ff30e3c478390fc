/** Finding a case in the recovery queue by what a customer on the phone gives: ref, email, phone, order. */
import { createExecutionContext, createMessageBatch, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/src/index.ts';
import { AdminCasesPage } from '../../shared/cases.ts';
import { createSite, login, staffRequest } from './helpers.ts';
import { storeRoutedSubmission, type StoredSubmission } from './recovery-fixtures.ts';

async function route(subs: StoredSubmission[]) {
  for (const sub of subs) {
    const batch = createMessageBatch('rebound-recovery', [{ id: `m-${sub.id}`, timestamp: new Date(), attempts: 1, body: sub.message }]);
    await worker.queue(batch, env, createExecutionContext());
  }
}

async function search(cookie: string, params: Record<string, string>) {
  const res = await SELF.fetch(staffRequest('GET', `/v1/admin/cases?${new URLSearchParams(params)}`, cookie));
  expect(res.status).toBe(200);
  return AdminCasesPage.parse(await res.json());
}

async function refsFound(cookie: string, q: string, extra: Record<string, string> = {}) {
  return (await search(cookie, { q, ...extra })).items.map((c) => c.ref);
}

describe('recovery queue search', () => {
  it('finds a case by its ref typed in lower case, without the prefix or in groups', async () => {
    const site = await createSite();
    const target = await storeRoutedSubmission(site.publicKey, { email: 'target@example.com' });
    const other = await storeRoutedSubmission(site.publicKey, { email: 'other@example.com' });
    await route([target, other]);
    const cookie = await login(site);
    const bare = target.ref.slice(3);
    for (const q of [target.ref, target.ref.toLowerCase(), bare.toLowerCase(), `rb ${bare.slice(0, 4)} ${bare.slice(4)}`]) {
      expect(await refsFound(cookie, q)).toEqual([target.ref]);
    }
  });

  it('finds a later submission from the same email by its own ref, as a case of its own', async () => {
    const site = await createSite();
    const first = await storeRoutedSubmission(site.publicKey, { email: 'ana@example.com' });
    const second = await storeRoutedSubmission(site.publicKey, { email: 'ana@example.com' });
    await route([first, second]);
    const cookie = await login(site);
    expect(await refsFound(cookie, second.ref.toLowerCase())).toEqual([second.ref]);
    expect((await refsFound(cookie, 'ana@example.com')).sort()).toEqual([first.ref, second.ref].sort());
  });

  it('finds a case by the customer’s email in any case, their phone in Persian digits, or their order number', async () => {
    const site = await createSite();
    const byEmail = await storeRoutedSubmission(site.publicKey, { email: 'Mina@Example.com' });
    const byPhone = await storeRoutedSubmission(site.publicKey, { email: null, phone: '+98 912 345 6789' });
    const byOrder = await storeRoutedSubmission(site.publicKey, { email: 'buyer@example.com', orderRef: 'ORD-77a' });
    await route([byEmail, byPhone, byOrder]);
    const cookie = await login(site);
    expect(await refsFound(cookie, ' mina@EXAMPLE.com ')).toEqual([byEmail.ref]);
    expect(await refsFound(cookie, '۰۹۱۲ ۳۴۵ ۶۷۸۹')).toEqual([byPhone.ref]);
    expect(await refsFound(cookie, 'ord-77A')).toEqual([byOrder.ref]);
    expect(await refsFound(cookie, 'nobody@example.com')).toEqual([]);
  });

  it('never finds another site’s case, even by its exact ref', async () => {
    const owner = await createSite();
    const sub = await storeRoutedSubmission(owner.publicKey, { email: 'private@example.com', orderRef: 'ORD-SECRET' });
    await route([sub]);
    const intruder = await login(await createSite());
    expect(await refsFound(intruder, sub.ref)).toEqual([]);
    expect(await refsFound(intruder, 'private@example.com')).toEqual([]);
    expect(await refsFound(intruder, 'ORD-SECRET')).toEqual([]);
    expect(await refsFound(await login(owner), sub.ref)).toEqual([sub.ref]);
  });

  it('combines with the status and priority filters', async () => {
    const site = await createSite();
    const sub = await storeRoutedSubmission(site.publicKey, { email: 'p2@example.com', priority: 'P2' });
    await route([sub]);
    const cookie = await login(site);
    expect(await refsFound(cookie, sub.ref, { priority: 'P2', status: 'new' })).toEqual([sub.ref]);
    expect(await refsFound(cookie, sub.ref, { priority: 'P1' })).toEqual([]);
    expect(await refsFound(cookie, sub.ref, { status: 'resolved' })).toEqual([]);
  });

  it('finds a closed case by its ref when no status is chosen, while the plain queue lists only open ones', async () => {
    const site = await createSite();
    const sub = await storeRoutedSubmission(site.publicKey, { email: 'closed@example.com' });
    await route([sub]);
    await env.DB.prepare("UPDATE cases SET status = 'closed', closed_at = ?2 WHERE ref = ?1").bind(sub.ref, Date.now()).run();
    const cookie = await login(site);
    expect(await refsFound(cookie, sub.ref)).toEqual([sub.ref]);
    expect(await refsFound(cookie, 'closed@example.com')).toEqual([sub.ref]);
    expect((await search(cookie, {})).items.map((c) => c.ref)).not.toContain(sub.ref);
  });

  it('pages its matches by due time, with a cursor that only continues the same search', async () => {
    const site = await createSite();
    const subs = await Promise.all(
      ['a', 'b', 'c'].map((who) => storeRoutedSubmission(site.publicKey, { email: `${who}@example.com`, orderRef: 'ORD-SHARED' })),
    );
    const outsider = await storeRoutedSubmission(site.publicKey, { email: 'd@example.com', orderRef: 'ORD-OTHER' });
    await route([...subs, outsider]);
    const cookie = await login(site);
    const first = await search(cookie, { q: 'ORD-SHARED', limit: '2' });
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).not.toBeNull();
    const second = await search(cookie, { q: 'ORD-SHARED', limit: '2', cursor: first.nextCursor ?? '' });
    expect(second.nextCursor).toBeNull();
    expect([...first.items, ...second.items].map((c) => c.ref).sort()).toEqual(subs.map((s) => s.ref).sort());

    const elsewhere = await SELF.fetch(
      staffRequest('GET', `/v1/admin/cases?${new URLSearchParams({ q: 'ORD-OTHER', limit: '2', cursor: first.nextCursor ?? '' })}`, cookie),
    );
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.headers.get('content-type')).toContain('application/problem+json');
  });

  it('refuses a search longer than 200 characters as a problem, not an error', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('GET', `/v1/admin/cases?q=${'x'.repeat(201)}`, cookie));
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
  });
});
