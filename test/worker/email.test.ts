import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createSite, jsonRequest, login, staffRequest } from './helpers.ts';
import { order, orderRequest, runCronAt, storeRoutedSubmission } from './recovery-fixtures.ts';
import { deliverQueued, emailsOf, linksIn, readSent } from './email-fixtures.ts';
import { createExecutionContext, createMessageBatch } from 'cloudflare:test';
import worker from '../../worker/src/index.ts';

const DAY = 86_400_000;

function deliveredOrder(orderId: string, email: string, deliveredDaysAgo: number, lang?: 'en' | 'fa') {
  const now = Date.now();
  return { ...order(orderId, email, now - (deliveredDaysAgo + 3) * DAY), deliveredAt: new Date(now - deliveredDaysAgo * DAY).toISOString(), ...(lang ? { lang } : {}) };
}

async function submitReview(siteId: string, body: Record<string, unknown>) {
  const res = await SELF.fetch(
    jsonRequest('POST', `/v1/sites/${siteId}/submissions`, { kind: 'review', rating: 5, body: 'Works well.', author: { name: 'Reza' }, ...body }, { 'idempotency-key': `k-${crypto.randomUUID()}` }),
  );
  expect(res.status).toBe(201);
  return res.json<{ id: string }>();
}

describe('review requests', () => {
  it('writes one request and one reminder per order, never two for one event', async () => {
    const site = await createSite();
    const body = deliveredOrder('E-1', 'Once@Example.com', 30);
    expect((await SELF.fetch(orderRequest(site, site.secretKey, body))).status).toBe(201);
    expect((await SELF.fetch(orderRequest(site, site.secretKey, body))).status).toBe(200);
    const rows = await emailsOf(site.publicKey);
    expect(rows.map((r) => [r.kind, r.recipient])).toEqual([
      ['review.request', 'once@example.com'],
      ['review.reminder', 'once@example.com'],
    ]);
    // The unique index refuses a second row for the same event and recipient outright.
    const again = env.DB.prepare(
      `INSERT INTO emails (id, site_id, kind, event_key, recipient, recipient_hash, state, due_at, created_at, updated_at)
       SELECT 'dup', site_id, kind, event_key, recipient, recipient_hash, 'scheduled', due_at, 0, 0 FROM emails WHERE id = ?1`,
    ).bind(rows[0]?.id ?? '');
    await expect(again.run()).rejects.toThrow(/UNIQUE/);
  });

  it('sends the request 30 days after delivery in the order language, with signed links and unsubscribe', async () => {
    const site = await createSite({ settings: { emailReplyTo: 'help@shop.example', emailFrom: 'reviews@shop.example' }, name: 'Kala Shop' });
    await SELF.fetch(orderRequest(site, site.secretKey, deliveredOrder('E-2', 'fa@example.com', 30, 'fa')));
    await runCronAt(Date.now());
    await deliverQueued(site.publicKey);
    const [request, reminder] = await emailsOf(site.publicKey);
    expect(request?.state).toBe('sent');
    expect(request?.message_id).toMatch(/@shop\.example>?$/);
    expect(reminder?.state).toBe('scheduled');

    const sent = await readSent(request?.message_id ?? null);
    expect(sent.html).toContain('<html lang="fa" dir="rtl">');
    expect(sent.text).toContain('نظر دربارهٔ Kettle');
    const links = linksIn(sent.html);
    const review = new URL(links.find((l) => l.startsWith('https://shop.example/p/kettle')) ?? '');
    expect(review.searchParams.get('rb_order')).toBeTruthy();
    expect(sent.text).toContain(review.searchParams.get('rb_order') ?? 'missing');
    const unsubscribe = links.find((l) => l.includes('/v1/email/unsubscribe?')) ?? '';
    expect(sent.text).toContain(unsubscribe);

    // The link's token makes the review verified.
    const created = await submitReview(site.publicKey, { subject: 'sku-1', orderToken: review.searchParams.get('rb_order'), lang: 'fa' });
    const stored = await env.DB.prepare('SELECT verified FROM submissions WHERE id = ?1').bind(created.id).first<{ verified: number }>();
    expect(stored?.verified).toBe(1);

    // Nothing more once they wrote: the reminder is cancelled when due.
    await runCronAt(Date.now() + 8 * DAY);
    await deliverQueued(site.publicKey);
    const after = await emailsOf(site.publicKey);
    expect(after.find((e) => e.kind === 'review.reminder')).toMatchObject({ state: 'cancelled', reason: 'the customer already wrote' });
  });

  it('sends the reminder a week later when nothing was written', async () => {
    const site = await createSite();
    await SELF.fetch(orderRequest(site, site.secretKey, deliveredOrder('E-3', 'quiet@example.com', 31)));
    await runCronAt(Date.now());
    await deliverQueued(site.publicKey);
    await runCronAt(Date.now() + 8 * DAY);
    await deliverQueued(site.publicKey);
    const rows = await emailsOf(site.publicKey);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ['review.request', 'sent'],
      ['review.reminder', 'sent'],
    ]);
    const reminder = await readSent(rows[1]?.message_id ?? null);
    expect(reminder.html).toContain('<html lang="en" dir="ltr">');
    expect(reminder.text).toContain('We asked a few days ago how your order went.');
  });

  it('sends nothing before the delay, and nothing when the site sends its own mail', async () => {
    const early = await createSite();
    await SELF.fetch(orderRequest(early, early.secretKey, deliveredOrder('E-4', 'early@example.com', 2)));
    await runCronAt(Date.now());
    expect((await emailsOf(early.publicKey)).every((e) => e.state === 'scheduled')).toBe(true);

    const own = await createSite({ settings: { emailMode: 'webhook' } });
    await SELF.fetch(orderRequest(own, own.secretKey, deliveredOrder('E-5', 'own@example.com', 40)));
    await runCronAt(Date.now());
    await deliverQueued(own.publicKey);
    expect((await emailsOf(own.publicKey))[0]).toMatchObject({ kind: 'review.request', state: 'cancelled' });
  });
});

describe('who sends review requests', () => {
  it.each([
    ['rebound', 0, 'sent'],
    ['both', 1, 'sent'],
    ['webhook', 1, 'cancelled'],
  ] as const)('emailMode %s: %i followup.due webhook, the email is %s', async (emailMode, webhooks, state) => {
    const site = await createSite({ settings: { emailMode } });
    // A local address that refuses connections: nothing leaves the machine.
    await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', await login(site), { url: 'http://127.0.0.1:9/hooks', events: ['followup.due'] }));
    await SELF.fetch(orderRequest(site, site.secretKey, deliveredOrder(`M-${emailMode}`, `${emailMode}@example.com`, 31)));
    await runCronAt(Date.now());
    await deliverQueued(site.publicKey);
    const hooks = await env.DB.prepare(`SELECT COUNT(*) AS n FROM webhook_deliveries WHERE site_id = ?1 AND event = 'followup.due'`).bind(site.publicKey).first<{ n: number }>();
    expect(hooks?.n).toBe(webhooks);
    expect((await emailsOf(site.publicKey))[0]).toMatchObject({ kind: 'review.request', state });
  });
});

describe('unsubscribe and erasure', () => {
  it('one-click unsubscribe stops every pending email to that address, idempotently', async () => {
    const site = await createSite();
    await SELF.fetch(orderRequest(site, site.secretKey, deliveredOrder('U-1', 'stop@example.com', 30)));
    await runCronAt(Date.now());
    await deliverQueued(site.publicKey);
    const [request] = await emailsOf(site.publicKey);
    const sent = await readSent(request?.message_id ?? null);
    const link = linksIn(sent.html).find((l) => l.includes('/v1/email/unsubscribe?')) ?? '';
    const page = await SELF.fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post"');
    for (let i = 0; i < 2; i++) {
      const res = await SELF.fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
      expect(res.status).toBe(200);
      expect(await res.json()).toEqual({ ok: true, state: 'unsubscribed' });
    }
    const rows = await emailsOf(site.publicKey);
    expect(rows.find((e) => e.kind === 'review.reminder')).toMatchObject({ state: 'suppressed' });

    // A new order to the same address is written but never sent.
    await SELF.fetch(orderRequest(site, site.secretKey, deliveredOrder('U-2', 'STOP@example.com', 200)));
    await runCronAt(Date.now());
    await deliverQueued(site.publicKey);
    expect((await emailsOf(site.publicKey)).filter((e) => e.order_id === 'U-2').map((e) => e.state)).toContain('suppressed');
    const suppression = await env.DB.prepare('SELECT * FROM email_suppressions WHERE site_id = ?1').bind(site.publicKey).all();
    expect(JSON.stringify(suppression.results)).not.toContain('stop@example.com');
  });

  it('refuses a forged or foreign unsubscribe link and writes nothing', async () => {
    const site = await createSite();
    for (const t of ['nope', `${site.publicKey}.abc.def`, 'pk_missing.abc.def']) {
      const res = await SELF.fetch(`https://rebound.test/v1/email/unsubscribe?t=${encodeURIComponent(t)}`, { method: 'POST' });
      expect([400, 404]).toContain(res.status);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
    }
    const count = await env.DB.prepare('SELECT COUNT(*) AS n FROM email_suppressions WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it('erasing the customer removes their pending emails but keeps the suppression', async () => {
    const site = await createSite();
    await SELF.fetch(orderRequest(site, site.secretKey, deliveredOrder('X-1', 'gone@example.com', 1)));
    await env.DB.prepare(`INSERT INTO email_suppressions (site_id, address_hash, reason, created_at) VALUES (?1, 'h', 'unsubscribed', 0)`).bind(site.publicKey).run();
    expect(await emailsOf(site.publicKey)).toHaveLength(2);
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, { email: 'Gone@example.com' }));
    expect(res.status).toBe(200);
    expect(await emailsOf(site.publicKey)).toHaveLength(0);
    const kept = await env.DB.prepare('SELECT COUNT(*) AS n FROM email_suppressions WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
    expect(kept?.n).toBe(1);
  });
});

describe('case updates', () => {
  async function openCase(email: string | null) {
    const site = await createSite();
    const sub = await storeRoutedSubmission(site.publicKey, { email });
    await worker.queue(createMessageBatch('rebound-recovery', [{ id: `m-${sub.id}`, timestamp: new Date(), attempts: 1, body: sub.message }]), env, createExecutionContext());
    const row = await env.DB.prepare('SELECT id FROM cases WHERE ref = ?1').bind(sub.ref).first<{ id: string }>();
    return { site, sub, caseId: row?.id ?? '', cookie: await login(site) };
  }

  it('a staff message sends the customer one email with the message and the tracking link', async () => {
    const { site, sub, caseId, cookie } = await openCase('case@example.com');
    const res = await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'acknowledged', publicMessage: 'A new kettle ships <today>.' }));
    expect(res.status).toBe(200);
    await deliverQueued(site.publicKey);
    const rows = await emailsOf(site.publicKey);
    expect(rows.map((r) => [r.kind, r.state, r.case_id])).toEqual([['case.message', 'sent', caseId]]);
    const sent = await readSent(rows[0]?.message_id ?? null);
    expect(sent.html).toContain('A new kettle ships &lt;today&gt;.');
    expect(sent.text).toContain('> A new kettle ships <today>.');
    const track = new URL(linksIn(sent.html).find((l) => l.includes('/track/')) ?? '');
    expect(track.searchParams.get('ref')).toBe(sub.ref);
    const view = await SELF.fetch(jsonRequest('GET', `/v1/sites/${site.publicKey}/cases/${sub.ref}?t=${encodeURIComponent(track.searchParams.get('t') ?? '')}`, undefined));
    expect(view.status).toBe(200);

    // Staff see it, on the case and in the list.
    const list = await SELF.fetch(staffRequest('GET', `/v1/admin/emails?case=${caseId}`, cookie));
    expect((await list.json<{ items: { kind: string; state: string }[] }>()).items).toEqual([expect.objectContaining({ kind: 'case.message', state: 'sent' })]);
  });

  it("another site's staff see none of the case's emails, even by its id", async () => {
    const { site, caseId, cookie } = await openCase('private@example.com');
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'acknowledged', publicMessage: 'Hello.' }));
    expect(await emailsOf(site.publicKey)).toHaveLength(1);
    const other = await createSite();
    const res = await SELF.fetch(staffRequest('GET', `/v1/admin/emails?case=${caseId}`, await login(other)));
    expect(res.status).toBe(200);
    expect((await res.json<{ items: unknown[] }>()).items).toEqual([]);
  });

  it('resolution sends one re-rating invitation, however often the case is resolved', async () => {
    const { site, caseId, cookie } = await openCase('rerate@example.com');
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'acknowledged' }));
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'in_progress' }));
    expect((await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'resolved', rootCause: 'product_defect' }))).status).toBe(200);
    await deliverQueued(site.publicKey);
    const rows = await emailsOf(site.publicKey);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([['case.rerate', 'sent']]);
    const sent = await readSent(rows[0]?.message_id ?? null);
    expect(linksIn(sent.html).some((l) => l.includes('/track/?'))).toBe(true);
  });

  it('writes nothing for a customer who left only a phone number', async () => {
    const { site, caseId, cookie } = await openCase(null);
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'acknowledged', publicMessage: 'Calling you.' }));
    expect(await emailsOf(site.publicKey)).toHaveLength(0);
  });
});

describe('reply notices (double opt-in)', () => {
  it('asks to confirm first, then sends one notice when a reply is published', async () => {
    const site = await createSite({ settings: { moderation: 'auto', holdFlags: [] } });
    const { id } = await submitReview(site.publicKey, { author: { name: 'Mina', email: 'mina@example.com' }, notifyReplies: true });
    await deliverQueued(site.publicKey);
    const [confirm] = await emailsOf(site.publicKey);
    expect(confirm).toMatchObject({ kind: 'confirm', state: 'sent' });
    const cookie = await login(site);
    // Before confirmation a reply announces nothing.
    await SELF.fetch(staffRequest('PUT', `/v1/admin/submissions/${id}/reply`, cookie, { body: 'Thanks!' }));
    expect((await emailsOf(site.publicKey)).map((e) => e.kind)).toEqual(['confirm']);

    const sent = await readSent(confirm?.message_id ?? null);
    const link = linksIn(sent.html).find((l) => l.includes('/v1/email/confirm?')) ?? '';
    expect((await SELF.fetch(link)).status).toBe(200);
    const confirmed = await SELF.fetch(link, { method: 'POST' });
    expect(await confirmed.json()).toEqual({ ok: true, state: 'confirmed' });
    // The reply already there is announced now; a later edit sends nothing more.
    await SELF.fetch(staffRequest('PUT', `/v1/admin/submissions/${id}/reply`, cookie, { body: 'Thanks again!' }));
    await deliverQueued(site.publicKey);
    const rows = await emailsOf(site.publicKey);
    expect(rows.map((r) => [r.kind, r.state])).toEqual([
      ['confirm', 'sent'],
      ['reply.published', 'sent'],
    ]);
    const notice = await readSent(rows[1]?.message_id ?? null);
    expect(notice.text).toContain('Thanks again!');
  });
});

describe('the cron step', () => {
  it('queues at most one batch per call, oldest due first, so a run stays within its budget', async () => {
    const { queueDueEmails, EMAIL_BATCH } = await import('../../worker/src/cron-email.ts');
    const site = await createSite();
    const now = Date.now();
    const rows = Array.from({ length: EMAIL_BATCH + 30 }, (_, i) =>
      env.DB.prepare(
        `INSERT INTO emails (id, site_id, kind, event_key, recipient, recipient_hash, state, due_at, created_at, updated_at)
         VALUES (?1, ?2, 'review.request', ?3, ?4, ?5, 'scheduled', ?6, ?6, ?6)`,
      ).bind(`em_bulk_${i}`, site.publicKey, `order:bulk-${i}`, `b${i}@example.com`, `h${i}`, now - 1_000_000 + i),
    );
    await env.DB.batch(rows);
    expect(await queueDueEmails(env, now)).toBe(EMAIL_BATCH);
    const states = (await emailsOf(site.publicKey)).map((e) => [e.id, e.state]);
    expect(states.filter(([, s]) => s === 'queued')).toHaveLength(EMAIL_BATCH);
    // The oldest went first; the 30 newest wait for the next call.
    expect(states.slice(-30).every(([, s]) => s === 'scheduled')).toBe(true);
  });
});
