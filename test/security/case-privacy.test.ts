/**
 * A stranger who knows a customer's email, phone number or order number types it into the
 * widget. They must learn nothing about that customer's case and be unable to act on it: their
 * receipt, their tracking view, the customer's timeline, messages, priority and re-rating. Also
 * what staff can do about "probably the same customer" (merge, split), link rotation and expiry.
 * Everything goes through the real API and the real queue consumer.
 */
import { env, SELF } from 'cloudflare:test';
import { beforeAll, describe, expect, it } from 'vitest';
import { signToken } from '../../worker/src/lib/signed.ts';
import { BASE, createSite, jsonRequest, login, staffRequest, type TestSite } from '../worker/helpers.ts';
import { clientIp, complaintBody, idemKey } from './bodies.ts';
import { deliverRouting } from './world.ts';

interface Receipt {
  status: number;
  body: { id: string; kind: string; status: string; case?: { ref: string; trackUrl: string; firstResponseDue?: string } };
}

async function complain(site: TestSite, author: Record<string, string>, extra: Record<string, unknown> = {}): Promise<Receipt> {
  const res = await SELF.fetch(
    jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, complaintBody({ author, orderRef: undefined, ...extra }), {
      'idempotency-key': idemKey(),
      'cf-connecting-ip': clientIp(),
    }),
  );
  const body = (await res.json()) as Receipt['body'];
  if (res.status === 201) await deliverRouting(body.id);
  return { status: res.status, body };
}

function tokenOf(receipt: Receipt): string {
  return new URL(receipt.body.case?.trackUrl ?? '', BASE).searchParams.get('t') ?? '';
}

function track(site: TestSite, ref: string, token: string, suffix = '', init?: { method: string; body: unknown }) {
  const path = `/v1/sites/${site.publicKey}/cases/${ref}${suffix}?t=${encodeURIComponent(token)}`;
  return SELF.fetch(init ? jsonRequest(init.method, path, init.body, { 'cf-connecting-ip': clientIp() }) : new Request(`${BASE}${path}`, { headers: { 'cf-connecting-ip': clientIp() } }));
}

async function caseOf(ref: string) {
  return env.DB.prepare('SELECT * FROM cases WHERE ref = ?1').bind(ref).first<Record<string, unknown> & { id: string }>();
}

async function caseState(id: string) {
  const row = await env.DB.prepare('SELECT status, priority, updated_at, rerating FROM cases WHERE id = ?1').bind(id).first();
  const events = await env.DB.prepare('SELECT id, type, public, body, submission_id FROM case_events WHERE case_id = ?1 ORDER BY id').bind(id).all();
  return JSON.stringify({ row, events: events.results });
}

/** What a receipt says once the parts that are unique to every submission are taken out. */
function receiptShape(r: Receipt) {
  const { id: _id, case: kase, ...rest } = r.body;
  return { status: r.status, ...rest, case: kase && { keys: Object.keys(kase).sort(), due: kase.firstResponseDue === undefined ? null : Date.parse(kase.firstResponseDue) } };
}

const SECRET = 'Refund of 40 EUR to the card ending 4242, parcel to 12 Rose Street.';

describe.each([
  ['email', { name: 'Victim', email: 'victim@example.com' }, (victim: Record<string, unknown>) => ({ author: { name: 'Eve', email: String((victim.author as { email: string }).email).toUpperCase() } })],
  ['phone', { name: 'Victim', phone: '+98 912 345 6789' }, () => ({ author: { name: 'Eve', phone: '0912-345-6789' } })],
  ['order number', { name: 'Victim', email: 'buyer@example.com' }, () => ({ author: { name: 'Eve', email: 'eve@example.com' }, orderRef: 'ord-5521' })],
] as const)('a stranger who knows the customer’s %s', (_kind, victimAuthor, strangerFor) => {
  let site: TestSite;
  let cookie: string;
  let victim: Receipt;
  let victimCase: { id: string };
  let before: string;
  let stranger: Receipt;
  let control: Receipt;

  beforeAll(async () => {
    // P1 gets a shorter internal target here: the repeat-complainer rule makes the stranger's own
    // case P1 (typed details match an earlier case), and nothing public may show it.
    site = await createSite({ settings: { responseTimeHours: 24, sla: { firstResponseHours: 24, planHours: 72, byPriority: { P1: { firstResponseHours: 2, planHours: 8 } } } } });
    cookie = await login(site);
    const victimBody = { author: victimAuthor, orderRef: 'ORD-5521' };
    victim = await complain(site, victimAuthor, { orderRef: 'ORD-5521' });
    const row = await caseOf(victim.body.case?.ref ?? '');
    if (!row) throw new Error('victim case not opened');
    victimCase = row;
    const patched = await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${row.id}`, cookie, { status: 'acknowledged', publicMessage: SECRET }));
    expect(patched.status).toBe(200);
    before = await caseState(row.id);
    const s = strangerFor(victimBody);
    stranger = await complain(site, s.author, 'orderRef' in s ? { orderRef: s.orderRef } : {});
    control = await complain(site, { name: 'Eve', email: `nobody-${Date.now()}@example.com` });
  });

  it('gets a receipt for their own submission, shaped exactly like one for unused contact details', async () => {
    expect(stranger.status).toBe(201);
    expect(stranger.body.case?.ref).toMatch(/^RB-/);
    expect(stranger.body.case?.ref).not.toBe(victim.body.case?.ref);
    expect(tokenOf(stranger)).not.toBe(tokenOf(victim));
    const shape = receiptShape(stranger);
    const controlShape = receiptShape(control);
    // The promised time runs from each submission's own moment: compare it by the hour.
    expect({ ...shape, case: { ...shape.case, due: null } }).toEqual({ ...controlShape, case: { ...controlShape.case, due: null } });
    expect(Math.abs((shape.case?.due ?? 0) - (controlShape.case?.due ?? 0))).toBeLessThan(60_000);
  });

  it("sees only their own case on their tracking page: no staff message, no status of the customer's", async () => {
    const res = await track(site, stranger.body.case?.ref ?? '', tokenOf(stranger));
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).not.toContain('Refund');
    expect(text).not.toContain(victim.body.case?.ref ?? '-');
    const view = JSON.parse(text);
    expect(view).toMatchObject({ status: 'new', timeline: [{ type: 'opened' }] });
    expect(view.timeline).toHaveLength(1);
    const controlView = await (await track(site, control.body.case?.ref ?? '', tokenOf(control))).json();
    expect(Object.keys(view).sort()).toEqual(Object.keys(controlView).sort());
    expect({ ...view, ref: null, openedAt: null, firstResponseDue: null, timeline: view.timeline.length }).toEqual({
      ...controlView,
      ref: null,
      openedAt: null,
      firstResponseDue: null,
      timeline: controlView.timeline.length,
    });
    // The promised time is the merchant's 24 h from each submission, whatever the priority.
    const promise = (v: { openedAt: string; firstResponseDue: string }) => Date.parse(v.firstResponseDue) - Date.parse(v.openedAt);
    expect(promise(view)).toBe(24 * 3_600_000);
    expect(promise(controlView)).toBe(24 * 3_600_000);
  });

  it("leaves the customer's case as it was: priority, status, timeline", async () => {
    expect(await caseState(victimCase.id)).toBe(before);
    // The repeat-complainer rule may raise the stranger's own case, for staff only (P1's
    // shorter target above is never shown): that is all typing someone's details achieves.
    if (_kind !== 'order number') expect((await caseOf(stranger.body.case?.ref ?? ''))?.priority).toBe('P1');
  });

  it("cannot open the customer's case or rate it with their own link", async () => {
    const ref = victim.body.case?.ref ?? '';
    const token = tokenOf(stranger);
    const view = await track(site, ref, token);
    expect(view.status).toBe(404);
    const rate = await track(site, ref, token, '/feedback', { method: 'POST', body: { rating: 5, comment: 'All good now' } });
    expect(rate.status).toBe(404);
    expect(await caseState(victimCase.id)).toBe(before);
  });

  it('is shown to staff as probably the same customer, with the reason', async () => {
    const strangerCase = await caseOf(stranger.body.case?.ref ?? '');
    const res = await SELF.fetch(staffRequest('GET', `/v1/admin/cases/${strangerCase?.id}/links`, cookie));
    expect(res.status).toBe(200);
    const links = (await res.json()) as { links: { caseId: string; reasons: string[] }[] };
    const reason = _kind === 'order number' ? 'order' : _kind;
    expect(links.links).toEqual([expect.objectContaining({ caseId: victimCase.id, reasons: [reason] })]);
    const fromVictim = (await (await SELF.fetch(staffRequest('GET', `/v1/admin/cases/${victimCase.id}/links`, cookie))).json()) as { links: { caseId: string }[] };
    expect(fromVictim.links.map((l) => l.caseId)).toContain(strangerCase?.id);
  });
});

describe('a stranger and the re-rating of a resolved case', () => {
  it('cannot rate the customer’s resolved case with a tracking link, theirs or the customer’s', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const victim = await complain(site, { name: 'V', email: 'rated@example.com' });
    const row = await caseOf(victim.body.case?.ref ?? '');
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${row?.id}`, cookie, { status: 'resolved', rootCause: 'product_defect' }));
    const stranger = await complain(site, { name: 'E', email: 'rated@example.com' });
    for (const token of [tokenOf(stranger), tokenOf(victim)]) {
      const res = await track(site, victim.body.case?.ref ?? '', token, '/feedback', { method: 'POST', body: { rating: 5 } });
      expect(res.status).toBe(404);
    }
    expect((await caseOf(victim.body.case?.ref ?? ''))?.rerating).toBeNull();
  });
});

describe('merge and split', () => {
  it('merges for staff while each customer still sees only their own submission and what was addressed to them', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const first = await complain(site, { name: 'Ana', email: 'ana@example.com' });
    const second = await complain(site, { name: 'Ana', email: 'ana@example.com' }, { body: 'And the lid is cracked too.' });
    const a = await caseOf(first.body.case?.ref ?? '');
    const b = await caseOf(second.body.case?.ref ?? '');
    const merged = await SELF.fetch(staffRequest('POST', `/v1/admin/cases/${b?.id}/merge`, cookie, { into: a?.id }));
    expect(merged.status).toBe(200);
    expect(await merged.json()).toMatchObject({ caseId: b?.id, mergedInto: a?.id });
    // The merged case leaves the queue; the case it joined lists it.
    const queue = (await (await SELF.fetch(staffRequest('GET', '/v1/admin/cases', cookie))).json()) as { items: { id: string }[] };
    expect(queue.items.map((i) => i.id)).toEqual([a?.id]);
    const intoLinks = (await (await SELF.fetch(staffRequest('GET', `/v1/admin/cases/${a?.id}/links`, cookie))).json()) as { merged: { caseId: string }[] };
    expect(intoLinks.merged).toEqual([{ caseId: b?.id, ref: second.body.case?.ref }]);

    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${a?.id}`, cookie, { status: 'in_progress', publicMessage: 'For the first submitter only.' }));
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${b?.id}`, cookie, { publicMessage: 'About the lid, for the second submitter.' }));
    const firstView = await (await track(site, first.body.case?.ref ?? '', tokenOf(first))).text();
    const secondView = await (await track(site, second.body.case?.ref ?? '', tokenOf(second))).text();
    expect(firstView).toContain('For the first submitter only.');
    expect(firstView).not.toContain('lid');
    expect(secondView).toContain('About the lid');
    expect(secondView).not.toContain('first submitter');
    // The merged case shows the progress of the case that carries the work.
    expect(JSON.parse(secondView)).toMatchObject({ status: 'in_progress', canRate: false });

    const split = await SELF.fetch(staffRequest('POST', `/v1/admin/cases/${b?.id}/split`, cookie));
    expect(split.status).toBe(200);
    const after = await caseOf(second.body.case?.ref ?? '');
    // Worked on its own again, with its own next deadline (staff answered it, so the plan's).
    expect(after).toMatchObject({ merged_into: null, due_at: after?.plan_due });
    expect(after?.due_at).not.toBeNull();
    const actions = await env.DB.prepare(`SELECT action, target FROM audit_log WHERE site_id = ?1 AND action IN ('case.merge', 'case.split') ORDER BY id`).bind(site.publicKey).all();
    expect(actions.results).toEqual([
      { action: 'case.merge', target: b?.id },
      { action: 'case.split', target: b?.id },
    ]);
  });

  it('refuses merging into itself, chains, a case of another site, and a split of an unmerged case', async () => {
    const site = await createSite();
    const other = await createSite();
    const cookie = await login(site);
    const [x, y, z] = await Promise.all(['x', 'y', 'z'].map((n) => complain(site, { name: n, email: `${n}@example.com` })));
    const foreign = await complain(other, { name: 'f', email: 'f@example.com' });
    const [cx, cy, cz, cf] = await Promise.all([x, y, z, foreign].map((r) => caseOf(r.body.case?.ref ?? '')));
    const merge = (id: string | undefined, into: string | undefined) => SELF.fetch(staffRequest('POST', `/v1/admin/cases/${id}/merge`, cookie, { into }));
    expect((await merge(cx?.id, cx?.id)).status).toBe(422);
    expect((await merge(cx?.id, cf?.id)).status).toBe(404);
    expect((await merge(cf?.id, cx?.id)).status).toBe(404);
    expect((await merge(cx?.id, cy?.id)).status).toBe(200);
    expect((await merge(cz?.id, cx?.id)).status).toBe(409);
    expect((await merge(cy?.id, cz?.id)).status).toBe(409);
    expect((await SELF.fetch(staffRequest('POST', `/v1/admin/cases/${cz?.id}/split`, cookie))).status).toBe(409);
    expect((await caseOf(foreign.body.case?.ref ?? ''))?.merged_into).toBeNull();
  });
});

describe('tracking links', () => {
  it('stop working when staff rotate them; the new link works and is never written to the audit log', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const r = await complain(site, { name: 'Rui', email: 'rui@example.com' });
    const ref = r.body.case?.ref ?? '';
    const row = await caseOf(ref);
    const rotated = await SELF.fetch(staffRequest('POST', `/v1/admin/cases/${row?.id}/track-link`, cookie));
    expect(rotated.status).toBe(201);
    const { trackUrl } = (await rotated.json()) as { trackUrl: string };
    const fresh = new URL(trackUrl).searchParams.get('t') ?? '';
    expect(fresh).not.toBe(tokenOf(r));
    const old = await track(site, ref, tokenOf(r));
    expect(old.status).toBe(404);
    expect(await old.json()).toMatchObject({ type: 'urn:rebound:problem:case-not-found' });
    expect((await track(site, ref, fresh)).status).toBe(200);
    const audit = await env.DB.prepare(`SELECT after FROM audit_log WHERE site_id = ?1 AND action = 'case.track_link'`).bind(site.publicKey).all<{ after: string }>();
    expect(audit.results).toHaveLength(1);
    expect(audit.results[0]?.after).not.toContain(fresh.split('.')[1] ?? '-');
    // Another site's staff cannot rotate it.
    const otherCookie = await login(await createSite());
    expect((await SELF.fetch(staffRequest('POST', `/v1/admin/cases/${row?.id}/track-link`, otherCookie))).status).toBe(404);
    expect((await track(site, ref, fresh)).status).toBe(200);
  });

  it('expire 90 days after the case ended and then answer exactly like an unknown ref', async () => {
    const site = await createSite();
    const r = await complain(site, { name: 'Old', email: 'old@example.com' });
    const ref = r.body.case?.ref ?? '';
    const DAY = 24 * 3_600_000;
    await env.DB.prepare(`UPDATE cases SET status = 'closed', closed_at = ?2 WHERE ref = ?1`).bind(ref, Date.now() - 89 * DAY).run();
    expect((await track(site, ref, tokenOf(r))).status).toBe(200);
    await env.DB.prepare(`UPDATE cases SET closed_at = ?2 WHERE ref = ?1`).bind(ref, Date.now() - 91 * DAY).run();
    const expired = await track(site, ref, tokenOf(r));
    const key = (await env.DB.prepare('SELECT signing_key FROM sites WHERE id = ?1').bind(site.publicKey).first<{ signing_key: string }>())?.signing_key ?? '';
    const unknown = await track(site, 'RB-ZZZZZZZZ', await signToken(key, 'track', { ref: 'RB-ZZZZZZZZ' }));
    expect(expired.status).toBe(404);
    expect(await expired.text()).toBe(await unknown.text());
  });
});
