/**
 * Erasure by any contact leaves no trace: a shopper's data is written through the real API into
 * every place it can reach (a review and a complaint with email, phone and order number, the
 * case the consumer opened, staff notes and messages quoting them, the merchant's reply, a
 * registered order and its follow-up webhook, `submission.created`/`case.opened`/
 * `case.resolved` webhook deliveries, a dead letter, audit entries); then staff erase them by
 * one contact, and every text column of every table (read from sqlite_master) is scanned for
 * each of their values.
 */
import { createMessageBatch, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { runCron } from '../../worker/src/cron.ts';
import { handleDeadLetterBatch } from '../../worker/src/queue/dead-letter.ts';
import { BASE, createSite, jsonRequest, login, staffRequest, type TestSite } from '../worker/helpers.ts';
import { clientIp, complaintBody, idemKey, reviewBody } from './bodies.ts';
import { appTables } from './rows.ts';
import { deliverRouting } from './world.ts';

interface Shopper {
  name: string;
  email: string;
  phone: string;
  orderRef: string;
}

let counter = 0;
function shopper(): Shopper {
  counter += 1;
  const n = `${Date.now().toString(36)}${counter}`;
  return { name: `Shirin Zand${n}`, email: `Shirin.${n}@Example.com`, phone: `+98 912 ${String(counter).padStart(3, '0')} ${n.slice(-4).replace(/\D/g, '7').padStart(4, '7')}`, orderRef: `ORD-${n.toUpperCase()}` };
}

async function ok(res: Response | Promise<Response>, label: string): Promise<Response> {
  const r = await res;
  if (r.status >= 300) throw new Error(`${label}: ${r.status} ${await r.text()}`);
  return r;
}

/** Writes the shopper into every area through the real API and consumers; returns what a bystander wrote. */
async function seedShopper(site: TestSite, cookie: string, who: Shopper) {
  // The webhook endpoint, so every event is stored as a delivery.
  await ok(SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', cookie, { url: 'https://hooks.shop.example/rebound' })), 'webhooks');
  const post = async (body: unknown) =>
    (await ok(SELF.fetch(jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, body, { 'idempotency-key': idemKey(), 'cf-connecting-ip': clientIp() })), 'submit')).json<{
      id: string;
      case?: { ref: string };
    }>();
  const review = await post(reviewBody({ rating: 1, title: `From ${who.name}`, body: `Order ${who.orderRef} broke. Call ${who.phone}.`, author: { name: who.name, email: who.email } }));
  const complaint = await post(
    complaintBody({ body: `Still waiting for ${who.orderRef}; write to ${who.email}`, author: { name: who.name, email: who.email, phone: who.phone }, orderRef: who.orderRef }),
  );
  await deliverRouting(review.id);
  await deliverRouting(complaint.id);
  const caseRow = await env.DB.prepare('SELECT id FROM cases WHERE submission_id = ?1 OR id IN (SELECT case_id FROM case_events WHERE submission_id = ?1)')
    .bind(complaint.id)
    .first<{ id: string }>();
  if (!caseRow) throw new Error('no case was opened');
  await ok(SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${review.id}/decision`, cookie, { decision: 'approve' })), 'approve');
  await ok(SELF.fetch(staffRequest('PUT', `/v1/admin/submissions/${review.id}/reply`, cookie, { body: `Sorry ${who.name}, we will call ${who.phone}.` })), 'reply');
  await ok(SELF.fetch(staffRequest('POST', `/v1/admin/cases/${caseRow.id}/notes`, cookie, { body: `Called ${who.phone}, emailed ${who.email} about ${who.orderRef}` })), 'note');
  await ok(
    SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseRow.id}`, cookie, { status: 'in_progress', publicMessage: `Dear ${who.name}, we found ${who.orderRef}.` })),
    'message',
  );
  await ok(
    SELF.fetch(
      staffRequest('PATCH', `/v1/admin/cases/${caseRow.id}`, cookie, { status: 'resolved', rootCause: 'delivery_delay', resolved: true, resolution: `Refunded ${who.orderRef} to ${who.email}` }),
    ),
    'resolve',
  );
  // A registered order, and its follow-up sent by the cron (a followup.due delivery).
  const now = Date.now();
  await ok(
    SELF.fetch(
      new Request(`${BASE}/v1/sites/${site.publicKey}/orders`, {
        method: 'POST',
        headers: { authorization: `Bearer ${site.secretKey}`, 'content-type': 'application/json' },
        body: JSON.stringify({ orderId: who.orderRef, customer: { name: who.name, email: who.email }, items: [{ subject: 'sku-1', name: 'Kettle' }], purchasedAt: new Date(now - 90 * 86_400_000).toISOString() }),
      }),
    ),
    'order',
  );
  await runCron(env, now + 60 * 86_400_000);
  // A dead letter that kept a copy of a message naming the shopper.
  const batch = createMessageBatch('rebound-recovery-dlq', [
    { id: `dl-${crypto.randomUUID()}`, timestamp: new Date(), attempts: 6, body: { v: 1, type: 'route-submission', siteId: site.publicKey, note: `${who.email} ${who.phone}` } },
  ]);
  await handleDeadLetterBatch(batch, env.DB, now);
  return { reviewId: review.id, complaintId: complaint.id, caseId: caseRow.id };
}

/** Every text value of every application table, as one lowercased string per row. */
async function everyText(): Promise<string[]> {
  const out: string[] = [];
  for (const table of await appTables()) {
    // Table names come from sqlite_master, not from input.
    const { results } = await env.DB.prepare(`SELECT * FROM "${table}"`).all<Record<string, unknown>>();
    for (const row of results) {
      out.push(`${table}: ${Object.values(row).filter((v) => typeof v === 'string').join(' | ').toLowerCase()}`);
    }
  }
  return out;
}

function traces(rows: string[], who: Shopper): string[] {
  const values = [who.name, who.email, who.phone, who.orderRef, who.phone.replace(/\D/g, '')].map((v) => v.toLowerCase());
  return rows.filter((row) => values.some((v) => row.includes(v)));
}

const figures: string[] = [];

describe('erasure by any contact', { timeout: 60_000 }, () => {
  it.each([
    ['email', (w: Shopper) => ({ email: w.email.toLowerCase() })],
    ['phone', (w: Shopper) => ({ phone: `0${w.phone.replace(/\D/g, '').slice(-10)}` })],
    ['order number', (w: Shopper) => ({ orderRef: w.orderRef.toLowerCase() })],
  ])('erasing by %s leaves no trace of the shopper in any table, and keeps a bystander', async (label, by) => {
    const site = await createSite();
    const cookie = await login(site);
    const who = shopper();
    const bystander = shopper();
    const seeded = await seedShopper(site, cookie, who);
    await seedShopper(site, cookie, bystander);
    const before = traces(await everyText(), who);
    const bystanderBefore = traces(await everyText(), bystander);
    // The scan can see the shopper before the erasure, in many tables.
    const tablesBefore = new Set(before.map((r) => r.split(':')[0]));
    expect(tablesBefore.size).toBeGreaterThanOrEqual(7);

    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, by(who)));
    expect(res.status).toBe(200);
    const erased = await res.json<{ submissions: number; cases: number; orders: number; changed: Record<string, number> }>();
    expect(erased).toMatchObject({ submissions: 2, orders: 1 });
    expect(erased.cases).toBeGreaterThanOrEqual(1);

    const after = traces(await everyText(), who);
    expect(after).toEqual([]);
    // The bystander is untouched.
    expect(traces(await everyText(), bystander)).toEqual(bystanderBefore);
    // What the shopper said is kept, without who they are.
    const review = await env.DB.prepare('SELECT author_name, body, rating, status FROM submissions WHERE id = ?1').bind(seeded.reviewId).first();
    expect(review).toEqual({ author_name: 'Anonymous', body: 'Order [erased] broke. Call [erased].', rating: 1, status: 'published' });
    const tables = (await appTables()).length;
    figures.push(`${label}: ${before.length} rows in ${tablesBefore.size} tables held the shopper before, ${after.length} after (scan of all ${tables} tables)`);
    console.log(`ERASURE FIGURES: by ${figures.at(-1)}`);
  });

  it('refuses a body without any contact, and the old query-string form, writing nothing', async () => {
    const site = await createSite();
    const cookie = await login(site);
    for (const body of [{}, { email: 'not-an-email' }, { phone: 'abc' }, { orderRef: '' }, { name: 'x' }]) {
      const res = await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, body));
      expect(res.status, JSON.stringify(body)).toBe(422);
    }
    const old = await SELF.fetch(staffRequest('DELETE', '/v1/admin/people?email=a%40example.com', cookie));
    expect(old.status).toBe(400);
    expect(await old.json()).toMatchObject({ type: 'urn:rebound:problem:erase-moved', detail: expect.stringContaining('POST /v1/admin/people/erase') });
  });

  it("never reaches another site's shopper with the same contacts", async () => {
    const a = await createSite();
    const b = await createSite();
    const who = shopper();
    await seedShopper(a, await login(a), who);
    const cookieB = await login(b);
    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookieB, { email: who.email, phone: who.phone, orderRef: who.orderRef }));
    expect(await res.json()).toMatchObject({ submissions: 0, cases: 0, orders: 0 });
    expect(traces(await everyText(), who).length).toBeGreaterThan(5);
  });
});
