import { createExecutionContext, createMessageBatch, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/src/index.ts';
import { signToken } from '../../worker/src/lib/signed.ts';
import { createSite, jsonRequest, login, staffRequest, type TestSite } from './helpers.ts';
import { storeRoutedSubmission } from './recovery-fixtures.ts';

async function signingKey(siteId: string): Promise<string> {
  const row = await env.DB.prepare('SELECT signing_key FROM sites WHERE id = ?1').bind(siteId).first<{ signing_key: string }>();
  return row?.signing_key ?? '';
}

/** A site with one routed complaint, delivered through the queue, and a logged-in staff member. */
async function openCase(options: Parameters<typeof storeRoutedSubmission>[1] = {}) {
  const site = await createSite();
  const sub = await storeRoutedSubmission(site.publicKey, options);
  const batch = createMessageBatch('rebound-recovery', [{ id: `m-${sub.id}`, timestamp: new Date(), attempts: 1, body: sub.message }]);
  await worker.queue(batch, env, createExecutionContext());
  const row = await env.DB.prepare('SELECT id FROM cases WHERE ref = ?1').bind(sub.ref).first<{ id: string }>();
  if (!row) throw new Error('no case');
  const cookie = await login(site);
  const key = await signingKey(site.publicKey);
  const track = await signToken(key, 'track', { ref: sub.ref });
  // What the case.resolved webhook sends: only this opens /feedback.
  const rerate = await signToken(key, 'rerate', { ref: sub.ref, caseId: row.id }, Date.now() + 3_600_000);
  return { site, sub, caseId: row.id, cookie, key, track, rerate };
}

function patch(cookie: string, id: string, body: unknown) {
  return SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${id}`, cookie, body));
}

function trackPath(site: TestSite, ref: string, token: string, suffix = '') {
  return `/v1/sites/${site.publicKey}/cases/${ref}${suffix}?t=${encodeURIComponent(token)}`;
}

describe('customer tracking view', () => {
  it('shows status and the public timeline, never staff notes or contact details', async () => {
    const { site, sub, caseId, cookie, track } = await openCase({ email: 'secret-shopper@example.com' });
    await SELF.fetch(staffRequest('POST', `/v1/admin/cases/${caseId}/notes`, cookie, { body: 'PRIVATE: customer sounds like a reseller' }));
    await patch(cookie, caseId, { status: 'acknowledged', publicMessage: 'We are on it.' });
    const res = await SELF.fetch(jsonRequest('GET', trackPath(site, sub.ref, track), undefined));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('PRIVATE');
    expect(text).not.toContain('secret-shopper');
    expect(text).not.toContain(caseId);
    const body = JSON.parse(text);
    expect(body).toMatchObject({ ref: sub.ref, status: 'acknowledged', canRate: false });
    expect(body.timeline.map((e: { type: string }) => e.type)).toEqual(['opened', 'status', 'message']);
  });

  it('answers 404 alike for a tampered token, another ref, another site and an expired link', async () => {
    const { site, sub, key, track } = await openCase();
    const other = await createSite();
    const tampered = `${track.slice(0, -2)}${track.endsWith('A') ? 'B' : 'A'}A`;
    const otherRef = await signToken(key, 'track', { ref: 'RB-AAAAAAAA' });
    const expired = await signToken(key, 'rerate', { ref: sub.ref, caseId: 'x' }, Date.now() - 1);
    for (const [s, token] of [
      [site, tampered],
      [site, otherRef],
      [other, track],
      [site, expired],
    ] as const) {
      const res = await SELF.fetch(jsonRequest('GET', trackPath(s, sub.ref, token), undefined));
      expect(res.status).toBe(404);
      expect(await res.json()).toMatchObject({ type: 'urn:rebound:problem:case-not-found' });
    }
  });

  it("opens a later submission's own case, with the same email, and nothing of the earlier one", async () => {
    const { site, key, caseId, cookie } = await openCase({ email: 'join@example.com' });
    await patch(cookie, caseId, { status: 'acknowledged', publicMessage: 'Your refund of 40 EUR goes to the card ending 1234.' });
    const second = await storeRoutedSubmission(site.publicKey, { email: 'join@example.com' });
    const batch = createMessageBatch('rebound-recovery', [{ id: 'second', timestamp: new Date(), attempts: 1, body: second.message }]);
    await worker.queue(batch, env, createExecutionContext());
    const res = await SELF.fetch(jsonRequest('GET', trackPath(site, second.ref, await signToken(key, 'track', { ref: second.ref })), undefined));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('refund');
    expect(JSON.parse(text)).toMatchObject({ ref: second.ref, status: 'new', timeline: [{ type: 'opened' }] });
  });

  it('does not offer a tracking link the re-rating it cannot send', async () => {
    const { site, sub, caseId, cookie, track, rerate } = await openCase({ kind: 'review', rating: 1 });
    await patch(cookie, caseId, { status: 'resolved', rootCause: 'product_defect' });
    const viaTrack = await SELF.fetch(jsonRequest('GET', trackPath(site, sub.ref, track), undefined));
    expect(await viaTrack.json()).toMatchObject({ status: 'resolved', canRate: false });
    const viaRerate = await SELF.fetch(jsonRequest('GET', trackPath(site, sub.ref, rerate), undefined));
    expect(await viaRerate.json()).toMatchObject({ status: 'resolved', canRate: true });
  });
});

describe('re-rating after resolution', () => {
  async function resolved(rating: number | null) {
    const ctx = await openCase({ kind: 'review', rating });
    await patch(ctx.cookie, ctx.caseId, { status: 'in_progress' });
    const res = await patch(ctx.cookie, ctx.caseId, { status: 'resolved', rootCause: 'product_defect', resolution: 'Sent a new one' });
    expect(res.status).toBe(200);
    return ctx;
  }

  it('is refused before the case is resolved', async () => {
    const { site, sub, rerate } = await openCase();
    const res = await SELF.fetch(jsonRequest('POST', trackPath(site, sub.ref, rerate, '/feedback'), { rating: 5 }));
    expect(res.status).toBe(409);
  });

  it('refuses the tracking link at /feedback as it refuses an unknown ref, and rates nothing', async () => {
    const { site, sub, caseId, track } = await resolved(1);
    const res = await SELF.fetch(jsonRequest('POST', trackPath(site, sub.ref, track, '/feedback'), { rating: 5 }));
    expect(res.status).toBe(404);
    expect(await res.json()).toMatchObject({ type: 'urn:rebound:problem:case-not-found' });
    expect(await env.DB.prepare('SELECT rerating FROM cases WHERE id = ?1').bind(caseId).first('rerating')).toBeNull();
  });

  it('counts 4 stars as recovered, once, and keeps a comment private when the customer did not choose to publish', async () => {
    const { site, sub, caseId, rerate } = await resolved(1);
    const res = await SELF.fetch(jsonRequest('POST', trackPath(site, sub.ref, rerate, '/feedback'), { rating: 4, comment: 'Fixed fast, thanks' }));
    expect(res.status).toBe(201);
    const body = (await res.json()) as { status: string; revisionId: string | null };
    expect(body).toMatchObject({ status: 'recovered', revisionId: null });
    const revisions = await env.DB.prepare('SELECT COUNT(*) AS n FROM submissions WHERE revises_id = ?1').bind(sub.id).first<number>('n');
    expect(revisions).toBe(0);
    const note = await env.DB.prepare(`SELECT public, body FROM case_events WHERE case_id = ?1 AND type = 'rerate_comment'`).bind(caseId).first();
    expect(note).toEqual({ public: 0, body: 'Fixed fast, thanks' });
    const again = await SELF.fetch(jsonRequest('POST', trackPath(site, sub.ref, rerate, '/feedback'), { rating: 5 }));
    expect(again.status).toBe(409);
    const row = await env.DB.prepare('SELECT status, rerating FROM cases WHERE id = ?1').bind(caseId).first();
    expect(row).toEqual({ status: 'recovered', rerating: 4 });
  });

  it('counts +2 over the original rating as recovered and a small rise as not recovered', async () => {
    const a = await resolved(1);
    const ra = await SELF.fetch(jsonRequest('POST', trackPath(a.site, a.sub.ref, a.rerate, '/feedback'), { rating: 3 }));
    expect(await ra.json()).toMatchObject({ status: 'recovered', revisionId: null });
    const b = await resolved(2);
    const rb = await SELF.fetch(jsonRequest('POST', trackPath(b.site, b.sub.ref, b.rerate, '/feedback'), { rating: 3 }));
    expect(await rb.json()).toMatchObject({ status: 'not_recovered' });
  });

  it('sends the one-time re-rating link in the case.resolved webhook, and it works once', async () => {
    const ctx = await openCase({ kind: 'review', rating: 1, email: 'rerate@example.com' });
    await SELF.fetch(staffRequest('PUT', '/v1/admin/webhooks', ctx.cookie, { url: 'http://127.0.0.1:9/hooks', events: ['case.resolved'] }));
    await patch(ctx.cookie, ctx.caseId, { status: 'resolved', rootCause: 'product_defect' });
    const row = await env.DB.prepare(`SELECT payload FROM webhook_deliveries WHERE site_id = ?1 AND event = 'case.resolved'`).bind(ctx.site.publicKey).first<{ payload: string }>();
    const payload = JSON.parse(row?.payload ?? '{}') as { data: { rerateToken: string; rerateUrl: string; customer: { email: string } } };
    expect(payload.data.customer.email).toBe('rerate@example.com');
    const url = new URL(payload.data.rerateUrl);
    expect(url.pathname).toBe('/track/');
    expect(url.searchParams.get('t')).toBe(payload.data.rerateToken);
    const first = await SELF.fetch(jsonRequest('POST', trackPath(ctx.site, ctx.sub.ref, payload.data.rerateToken, '/feedback'), { rating: 5 }));
    expect(first.status).toBe(201);
    const second = await SELF.fetch(jsonRequest('POST', trackPath(ctx.site, ctx.sub.ref, payload.data.rerateToken, '/feedback'), { rating: 1 }));
    expect(second.status).toBe(409);
  });

  it('accepts the one-time re-rating link, not after it expires, and not for another case', async () => {
    const { site, sub, caseId, key } = await resolved(2);
    const expired = await signToken(key, 'rerate', { ref: sub.ref, caseId }, Date.now() - 1000);
    const wrongCase = await signToken(key, 'rerate', { ref: sub.ref, caseId: 'case_other' }, Date.now() + 60_000);
    expect((await SELF.fetch(jsonRequest('POST', trackPath(site, sub.ref, expired, '/feedback'), { rating: 5 }))).status).toBe(404);
    expect((await SELF.fetch(jsonRequest('POST', trackPath(site, sub.ref, wrongCase, '/feedback'), { rating: 5 }))).status).toBe(404);
    const rerate = await signToken(key, 'rerate', { ref: sub.ref, caseId }, Date.now() + 60_000);
    const ok = await SELF.fetch(jsonRequest('POST', trackPath(site, sub.ref, rerate, '/feedback'), { rating: 5 }));
    expect(ok.status).toBe(201);
  });
});

describe('staff case lifecycle', () => {
  it('refuses a transition the lifecycle does not allow and changes nothing', async () => {
    const { caseId, cookie } = await openCase();
    const res = await patch(cookie, caseId, { status: 'recovered' });
    expect(res.status).toBe(409);
    const row = await env.DB.prepare('SELECT status FROM cases WHERE id = ?1').bind(caseId).first();
    expect(row).toEqual({ status: 'new' });
  });

  it('asks for a root cause and whether it was resolved before closing', async () => {
    const { caseId, cookie } = await openCase();
    const res = await patch(cookie, caseId, { status: 'closed' });
    expect(res.status).toBe(422);
    const body = (await res.json()) as { errors: { path: string }[] };
    expect(body.errors.map((e) => e.path).sort()).toEqual(['resolved', 'rootCause']);
    const ok = await patch(cookie, caseId, { status: 'closed', rootCause: 'other', resolved: false });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ case: { status: 'closed', rootCause: 'other', resolvedOk: false } });
  });

  it('pauses the SLA clock while awaiting the customer and moves the deadlines by the pause', async () => {
    const { caseId, cookie } = await openCase();
    const before = await env.DB.prepare('SELECT first_response_due, plan_due FROM cases WHERE id = ?1').bind(caseId).first<{ first_response_due: number; plan_due: number }>();
    expect((await patch(cookie, caseId, { status: 'awaiting_customer' })).status).toBe(200);
    const paused = await env.DB.prepare('SELECT paused_at FROM cases WHERE id = ?1').bind(caseId).first<{ paused_at: number }>();
    expect(paused?.paused_at).toBeTypeOf('number');
    // Pretend the pause began an hour ago.
    await env.DB.prepare('UPDATE cases SET paused_at = paused_at - 3600000 WHERE id = ?1').bind(caseId).run();
    expect((await patch(cookie, caseId, { status: 'in_progress' })).status).toBe(200);
    const after = await env.DB.prepare('SELECT paused_at, paused_ms, first_response_due, plan_due FROM cases WHERE id = ?1').bind(caseId).first<{ paused_at: number | null; paused_ms: number; first_response_due: number; plan_due: number }>();
    expect(after?.paused_at).toBeNull();
    expect(after?.paused_ms).toBeGreaterThanOrEqual(3_600_000);
    expect(after?.paused_ms).toBeLessThan(3_700_000);
    expect((after?.plan_due ?? 0) - (before?.plan_due ?? 0)).toBe(after?.paused_ms);
    expect((after?.first_response_due ?? 0) - (before?.first_response_due ?? 0)).toBe(after?.paused_ms);
  });

  it('sets the first response once, audits every change and keeps notes private to staff', async () => {
    const { caseId, cookie } = await openCase();
    await patch(cookie, caseId, { status: 'acknowledged', assignee: 'Mina' });
    const first = await env.DB.prepare('SELECT first_response_at FROM cases WHERE id = ?1').bind(caseId).first<{ first_response_at: number }>();
    await patch(cookie, caseId, { status: 'in_progress', priority: 'P1' });
    const second = await env.DB.prepare('SELECT first_response_at FROM cases WHERE id = ?1').bind(caseId).first<{ first_response_at: number }>();
    expect(second?.first_response_at).toBe(first?.first_response_at);
    const audit = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE target = ?1 AND action = 'case.update'`).bind(caseId).first<{ n: number }>();
    expect(audit?.n).toBe(2);
    await SELF.fetch(staffRequest('POST', `/v1/admin/cases/${caseId}/notes`, cookie, { body: 'called, no answer' }));
    const detail = (await (await SELF.fetch(staffRequest('GET', `/v1/admin/cases/${caseId}`, cookie))).json()) as {
      case: { assignee: string; priority: string };
      submissions: { id: string; author: { email: string } }[];
      timeline: { type: string; public: boolean; body: string }[];
    };
    expect(detail.case).toMatchObject({ assignee: 'Mina', priority: 'P1' });
    expect(detail.submissions).toHaveLength(1);
    expect(detail.timeline.find((e) => e.type === 'note')).toMatchObject({ public: false, body: 'called, no answer' });
  });

  it('names who wrote each timeline entry: staff by their name, the router as the system', async () => {
    const { caseId, cookie, site } = await openCase();
    await patch(cookie, caseId, { status: 'acknowledged' });
    const detail = (await (await SELF.fetch(staffRequest('GET', `/v1/admin/cases/${caseId}`, cookie))).json()) as {
      timeline: { type: string; actor: string | null; actorKind: string; actorName: string | null }[];
    };
    expect(detail.timeline.find((e) => e.type === 'status')).toMatchObject({ actor: site.staffId, actorKind: 'staff', actorName: 'Owner' });
    expect(detail.timeline.find((e) => e.type === 'opened')).toMatchObject({ actorKind: 'system', actorName: null });
  });

  it('lists the queue most urgent first, overdue on top, one page at a time', async () => {
    const site = await createSite();
    const now = Date.now();
    const subs = [];
    for (const [i, hoursAgo] of [30, 1, 50].entries()) {
      const s = await storeRoutedSubmission(site.publicKey, { email: `c${i}@example.com`, createdAt: now - hoursAgo * 3_600_000 });
      subs.push(s);
    }
    const batch = createMessageBatch('rebound-recovery', subs.map((s, i) => ({ id: `q${i}`, timestamp: new Date(), attempts: 1, body: s.message })));
    await worker.queue(batch, env, createExecutionContext());
    const cookie = await login(site);
    const page1 = (await (await SELF.fetch(staffRequest('GET', '/v1/admin/cases?limit=2', cookie))).json()) as { items: { ref: string; overdue: boolean }[]; nextCursor: string };
    expect(page1.items.map((c) => c.ref)).toEqual([subs[2]?.ref, subs[0]?.ref]);
    expect(page1.items.every((c) => c.overdue)).toBe(true);
    const page2 = (await (await SELF.fetch(staffRequest('GET', `/v1/admin/cases?limit=2&cursor=${encodeURIComponent(page1.nextCursor)}`, cookie))).json()) as { items: { ref: string; overdue: boolean }[]; nextCursor: string | null };
    expect(page2.items.map((c) => c.ref)).toEqual([subs[1]?.ref]);
    expect(page2.items[0]?.overdue).toBe(false);
    expect(page2.nextCursor).toBeNull();
  });

  it("answers 404 for another site's case on every staff route and changes nothing", async () => {
    const { caseId } = await openCase();
    const intruder = await createSite();
    const cookie = await login(intruder);
    const responses = await Promise.all([
      SELF.fetch(staffRequest('GET', `/v1/admin/cases/${caseId}`, cookie)),
      SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'acknowledged' })),
      SELF.fetch(staffRequest('POST', `/v1/admin/cases/${caseId}/notes`, cookie, { body: 'hi' })),
    ]);
    expect(responses.map((r) => r.status)).toEqual([404, 404, 404]);
    const list = (await (await SELF.fetch(staffRequest('GET', '/v1/admin/cases', cookie))).json()) as { items: unknown[] };
    expect(list.items).toEqual([]);
    const events = await env.DB.prepare('SELECT COUNT(*) AS n FROM case_events WHERE case_id = ?1').bind(caseId).first<{ n: number }>();
    expect(events?.n).toBe(2);
  });

  it('refuses the queue without a session', async () => {
    const res = await SELF.fetch(new Request('https://rebound.test/v1/admin/cases'));
    expect(res.status).toBe(401);
  });
});
