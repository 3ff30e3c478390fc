/**
 * The case workflow says each thing once, to the right person: staff messages once, one promise
 * for receipt and tracking page, the case's language and shop name, complaints worked as cases,
 * a story's feeling, a contact added by the customer, and public recovery only with consent.
 */
import { createExecutionContext, createMessageBatch, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { PublicCase } from '../../shared/cases.ts';
import { SubmissionCreated } from '../../shared/submission.ts';
import worker from '../../worker/src/index.ts';
import { readSite } from '../../worker/src/db/sites.ts';
import { signToken } from '../../worker/src/lib/signed.ts';
import { createSite, jsonRequest, login, staffRequest, type TestSite } from './helpers.ts';
import { insertSubmission, summaryRow } from './admin-fixtures.ts';

let requests = 0;
function submit(site: TestSite, body: Record<string, unknown>) {
  requests += 1;
  return SELF.fetch(
    jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, { subject: 'sku-1', meta: { elapsedMs: 60_000 }, ...body }, {
      'idempotency-key': `wf-${crypto.randomUUID()}`,
      'cf-connecting-ip': `10.9.${(requests >> 8) & 255}.${requests & 255}`,
      'user-agent': 'TestBrowser/1.0',
    }),
  );
}

/** Submits, routes through the queue consumer (idempotent if it already ran) and answers the receipt and case id. */
async function submitCase(site: TestSite, body: Record<string, unknown>) {
  const res = await submit(site, body);
  expect(res.status).toBe(201);
  const created = SubmissionCreated.parse(await res.json());
  const ref = created.case?.ref;
  if (!ref || !created.case) throw new Error('not routed');
  const receivedAt = (await env.DB.prepare('SELECT created_at FROM submissions WHERE id = ?1').bind(created.id).first<number>('created_at')) ?? 0;
  const message = { v: 1, type: 'route-submission', siteId: site.publicKey, submissionId: created.id, caseRef: ref, receivedAt };
  await worker.queue(createMessageBatch('rebound-recovery', [{ id: `m-${created.id}`, timestamp: new Date(), attempts: 1, body: message }]), env, createExecutionContext());
  const row = await env.DB.prepare('SELECT id FROM cases WHERE ref = ?1 OR id = (SELECT case_id FROM case_refs WHERE ref = ?1)').bind(ref).first<{ id: string }>();
  if (!row) throw new Error('no case');
  const track = new URL(created.case.trackUrl).searchParams.get('t') ?? '';
  return { created, receipt: created.case, ref, caseId: row.id, track };
}

const tracking = (site: TestSite, ref: string, t: string, suffix = '') => `/v1/sites/${site.publicKey}/cases/${ref}${suffix}?t=${encodeURIComponent(t)}`;

async function view(site: TestSite, ref: string, t: string) {
  const res = await SELF.fetch(jsonRequest('GET', tracking(site, ref, t), undefined));
  expect(res.status).toBe(200);
  return PublicCase.parse(await res.json());
}

const patch = (cookie: string, id: string, body: unknown) => SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${id}`, cookie, body));

const complaint = (over: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  category: 'delivery',
  body: 'The parcel never came.',
  author: { name: 'Sam', email: 'sam@example.com' },
  ...over,
});

describe('a staff message reaches the customer once', () => {
  it('whatever is saved after it, and a retried request adds nothing', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const { ref, caseId, track } = await submitCase(site, complaint());
    const first = { publicMessage: 'We are sending a new parcel today.', messageKey: 'msg-aaaaaaaa' };
    expect((await patch(cookie, caseId, first)).status).toBe(200);
    // The same request again (a retry), then "Save case" with the box still holding the text.
    expect((await patch(cookie, caseId, first)).status).toBe(200);
    expect((await patch(cookie, caseId, { status: 'in_progress', publicMessage: first.publicMessage })).status).toBe(200);
    expect((await patch(cookie, caseId, { assignee: 'Sam', publicMessage: first.publicMessage, messageKey: 'msg-bbbbbbbb' })).status).toBe(200);
    const messages = (await view(site, ref, track)).timeline.filter((e) => e.type === 'message');
    expect(messages.map((m) => m.body)).toEqual(['We are sending a new parcel today.']);
    const audit = await env.DB.prepare(`SELECT COUNT(*) AS n FROM audit_log WHERE site_id = ?1 AND action = 'case.update'`).bind(site.publicKey).first<number>('n');
    expect(audit).toBe(3);
  });

  it('sends a new message, and an earlier text again once something else was said', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const { ref, caseId, track } = await submitCase(site, complaint());
    for (const text of ['Thanks for waiting.', 'It ships today.', 'Thanks for waiting.']) {
      expect((await patch(cookie, caseId, { publicMessage: text })).status).toBe(200);
    }
    const messages = (await view(site, ref, track)).timeline.filter((e) => e.type === 'message');
    expect(messages.map((m) => m.body)).toEqual(['Thanks for waiting.', 'It ships today.', 'Thanks for waiting.']);
  });
});

describe('one promise, in the case’s language, from the named shop', () => {
  it('the receipt and the tracking page show the merchant’s promise, not the internal target', async () => {
    const site = await createSite({ name: 'Kettle House', settings: { responseTimeHours: 8, sla: { firstResponseHours: 2 } } });
    const { receipt, ref, track } = await submitCase(site, complaint({ lang: 'fa', body: 'بسته هنوز نرسیده است.' }));
    expect(receipt.firstResponseDue).toBeDefined();
    const v = await view(site, ref, track);
    expect(v).toMatchObject({ lang: 'fa', siteName: 'Kettle House', firstResponseDue: receipt.firstResponseDue });
    const internal = await env.DB.prepare('SELECT first_response_due FROM cases WHERE ref = ?1').bind(ref).first<number>('first_response_due');
    expect(new Date(v.firstResponseDue ?? '').getTime()).not.toBe(internal);
  });

  it('promises nothing anywhere when the merchant set no response time', async () => {
    const site = await createSite();
    const { receipt, ref, track } = await submitCase(site, complaint({ lang: 'en' }));
    expect(receipt.firstResponseDue).toBeUndefined();
    expect((await view(site, ref, track)).firstResponseDue).toBeNull();
  });

  it('drops the promise once staff answered', async () => {
    const site = await createSite({ settings: { responseTimeHours: 8 } });
    const cookie = await login(site);
    const { ref, caseId, track } = await submitCase(site, complaint());
    await patch(cookie, caseId, { status: 'acknowledged' });
    expect((await view(site, ref, track)).firstResponseDue).toBeNull();
  });
});

describe('P1 cases rise to the top of the queue', () => {
  it('a one-star review opened after a complaint is due first', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const p2 = await submitCase(site, complaint());
    const p1 = await submitCase(site, { kind: 'review', rating: 1, body: 'Broke at once.', author: { name: 'Ana', email: 'ana@example.com' } });
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/cases', cookie));
    const page = (await res.json()) as { items: { id: string; priority: string }[] };
    expect(page.items.map((i) => [i.id, i.priority])).toEqual([
      [p1.caseId, 'P1'],
      [p2.caseId, 'P2'],
    ]);
  });
});

describe('complaints are cases, not reviews', () => {
  it('never publishes a complaint, even under auto-moderation', async () => {
    const site = await createSite({ settings: { moderation: 'auto', holdFlags: [] } });
    const { created } = await submitCase(site, complaint());
    expect(created.status).toBe('pending');
  });

  it('opens a case from the queue by the ref its complaint was told, on this site only', async () => {
    const site = await createSite();
    const other = await createSite();
    const cookie = await login(site);
    const { ref, caseId } = await submitCase(site, complaint());
    const res = await SELF.fetch(staffRequest('GET', `/v1/admin/cases/${ref.toLowerCase()}`, cookie));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ case: { id: caseId, ref } });
    const foreign = await SELF.fetch(staffRequest('GET', `/v1/admin/cases/${ref}`, await login(other)));
    expect(foreign.status).toBe(404);
  });

  it('refuses to approve a complaint with 422 and changes nothing; handled and spam still work', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const id = await insertSubmission(site, { kind: 'complaint' });
    const other = await insertSubmission(site, { kind: 'review' });
    const one = await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/decision`, cookie, { decision: 'approve' }));
    expect(one.status).toBe(422);
    expect(await one.json()).toMatchObject({ type: 'urn:rebound:problem:complaint-not-publishable' });
    const bulk = await SELF.fetch(staffRequest('POST', '/v1/admin/submissions/decision', cookie, { ids: [other, id], decision: 'approve' }));
    expect(bulk.status).toBe(422);
    const statuses = await env.DB.prepare('SELECT status FROM submissions WHERE id IN (?1, ?2) ORDER BY id').bind(id, other).all<{ status: string }>();
    expect(statuses.results.map((r) => r.status)).toEqual(['pending', 'pending']);
    const handled = await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/decision`, cookie, { decision: 'hide' }));
    expect(await handled.json()).toMatchObject({ status: 'hidden' });
  });
});

describe('a story’s feeling', () => {
  it.each([
    [1, 'We came by on Sunday.', true, /^feeling 1/],
    [2, 'We came by on Sunday.', true, /^feeling 2/],
    [3, 'Not happy with how it went, disappointed.', true, /^feeling 3, negative text/],
    [5, 'We came by on Sunday.', false, null],
  ] as const)('feeling %i is stored and routes (%s)', async (feeling, body, routed, reason) => {
    const site = await createSite();
    const res = await submit(site, { kind: 'story', feeling, body, author: { name: 'Mina' } });
    expect(res.status).toBe(201);
    const created = SubmissionCreated.parse(await res.json());
    expect(Boolean(created.case)).toBe(routed);
    const row = await env.DB.prepare('SELECT feeling, routing FROM submissions WHERE id = ?1').bind(created.id).first<{ feeling: number; routing: string | null }>();
    expect(row?.feeling).toBe(feeling);
    if (reason) expect(JSON.parse(row?.routing ?? '{}').reason).toMatch(reason);
  });

  it('refuses a feeling outside 1..5 and on other kinds', async () => {
    const site = await createSite();
    for (const body of [
      { kind: 'story', feeling: 0, body: 'x', author: { name: 'A' } },
      { kind: 'story', feeling: 6, body: 'x', author: { name: 'A' } },
      { kind: 'review', rating: 5, feeling: 1, body: 'x', author: { name: 'A' } },
    ]) {
      expect((await submit(site, body)).status).toBe(422);
    }
  });

  it('shows staff the feeling', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const created = SubmissionCreated.parse(await (await submit(site, { kind: 'story', feeling: 4, body: 'Fine visit.', author: { name: 'Mina' } })).json());
    const item = await (await SELF.fetch(staffRequest('GET', `/v1/admin/submissions/${created.id}`, cookie))).json();
    expect(item).toMatchObject({ feeling: 4 });
  });
});

describe('a shopper who left no contact', () => {
  it('is told the shop cannot reach them and can add a contact through their own tracking link, once', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const { ref, caseId, track } = await submitCase(site, { kind: 'review', rating: 1, body: 'Broken.', author: { name: 'Ana' } });
    expect((await view(site, ref, track)).hasContact).toBe(false);
    const add = await SELF.fetch(jsonRequest('POST', tracking(site, ref, track, '/contact'), { email: 'ana@example.com' }));
    expect(add.status).toBe(201);
    expect((await view(site, ref, track)).hasContact).toBe(true);
    const text = await (await SELF.fetch(jsonRequest('GET', tracking(site, ref, track), undefined))).text();
    expect(text).not.toContain('ana@example.com');
    const detail = (await (await SELF.fetch(staffRequest('GET', `/v1/admin/cases/${caseId}`, cookie))).json()) as { submissions: { author: { email: string | null } }[] };
    expect(detail.submissions[0]?.author.email).toBe('ana@example.com');
    const audit = await env.DB.prepare(`SELECT actor, after FROM audit_log WHERE site_id = ?1 AND action = 'case.contact_added'`).bind(site.publicKey).first();
    expect(audit).toEqual({ actor: 'customer', after: JSON.stringify({ email: true, phone: false }) });
    const again = await SELF.fetch(jsonRequest('POST', tracking(site, ref, track, '/contact'), { phone: '+44 20 7946 0000' }));
    expect(again.status).toBe(409);
  });

  it('refuses an empty contact and a wrong link', async () => {
    const site = await createSite();
    const { ref, track } = await submitCase(site, { kind: 'review', rating: 1, body: 'Broken.', author: { name: 'Ana' } });
    expect((await SELF.fetch(jsonRequest('POST', tracking(site, ref, track, '/contact'), {}))).status).toBe(422);
    expect((await SELF.fetch(jsonRequest('POST', tracking(site, ref, `${track}x`, '/contact'), { email: 'a@example.com' }))).status).toBe(404);
  });
});

describe('public recovery, only with consent', () => {
  /** The re-rating link sent at resolution: only it opens `/feedback` (a tracking link does not). */
  async function rerateLink(site: TestSite, ref: string, caseId: string): Promise<string> {
    const key = (await readSite(env.DB, site.publicKey))?.signingKey ?? '';
    return signToken(key, 'rerate', { ref, caseId }, Date.now() + 3_600_000);
  }

  /** A published 2-star review (auto moderation) whose case staff resolved. */
  async function resolvedReview(settings: Record<string, unknown> = {}) {
    const site = await createSite({ settings: { moderation: 'auto', holdFlags: ['links', 'abuse', 'spam', 'blocked_word'], ...settings } });
    const cookie = await login(site);
    const c = await submitCase(site, { kind: 'review', rating: 2, body: 'Scratched on arrival.', author: { name: 'Ana', email: 'ana@example.com' } });
    expect(c.created.status).toBe('published');
    await patch(cookie, c.caseId, { status: 'resolved', rootCause: 'delivery_damage' });
    const rerate = await rerateLink(site, c.ref, c.caseId);
    expect((await view(site, c.ref, rerate)).canUpdateReview).toBe(true);
    return { site, cookie, ...c, rerate };
  }
  const rate = (site: TestSite, ref: string, t: string, body: unknown) => SELF.fetch(jsonRequest('POST', tracking(site, ref, t, '/feedback'), body));
  const reviews = async (site: TestSite) =>
    ((await (await SELF.fetch(jsonRequest('GET', `/v1/sites/${site.publicKey}/reviews?subject=sku-1`, undefined))).json()) as {
      items: { id: string; rating: number; update: { from: number; rating: number; body: string } | null }[];
    }).items;

  it('publishes nothing without the choice: the review and the average stay as they were', async () => {
    const { site, ref, rerate } = await resolvedReview();
    const res = await rate(site, ref, rerate, { rating: 5, comment: 'Replaced quickly, thanks' });
    expect(await res.json()).toMatchObject({ status: 'recovered', revisionId: null });
    expect((await reviews(site)).map((r) => [r.rating, r.update])).toEqual([[2, null]]);
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 1, total: 2, s2: 1, s5: 0 });
  });

  it('with the choice, shows the update under the original and counts the review once, at its new rating', async () => {
    const { site, ref, rerate, created } = await resolvedReview();
    const res = await rate(site, ref, rerate, { rating: 4, comment: 'Replaced quickly, thanks', updateReview: true });
    expect(res.status).toBe(201);
    const list = await reviews(site);
    expect(list).toHaveLength(1);
    expect(list[0]).toMatchObject({ id: created.id, rating: 2, update: { from: 2, rating: 4, body: 'Replaced quickly, thanks' } });
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 1, total: 4, s2: 0, s4: 1 });
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 1, total: 4, s4: 1 });
  });

  it('holds a flagged update for staff; approving it then swaps the rating in the average', async () => {
    const { site, cookie, ref, rerate } = await resolvedReview();
    const res = await rate(site, ref, rerate, { rating: 5, comment: 'Great now, see https://spam.example', updateReview: true });
    const { revisionId } = (await res.json()) as { revisionId: string };
    const held = await env.DB.prepare('SELECT status, flags, revises_id FROM submissions WHERE id = ?1').bind(revisionId).first<{ status: string; flags: string }>();
    expect(held?.status).toBe('pending');
    expect(JSON.parse(held?.flags ?? '[]')).toContain('links');
    expect((await reviews(site))[0]?.update).toBeNull();
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 1, total: 2, s2: 1 });

    const approve = await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${revisionId}/decision`, cookie, { decision: 'approve' }));
    expect(approve.status).toBe(200);
    expect((await reviews(site))[0]?.update).toMatchObject({ from: 2, rating: 5 });
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 1, total: 5, s2: 0, s5: 1 });
    // Undoing the approval swaps back; the review is never counted twice.
    await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${revisionId}/undo`, cookie));
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 1, total: 2, s2: 1, s5: 0 });
  });

  it('unpublishing and republishing the original moves its effective rating, never two', async () => {
    const { site, cookie, ref, rerate, created } = await resolvedReview();
    await rate(site, ref, rerate, { rating: 4, updateReview: true });
    const decide = (decision: string) => SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${created.id}/decision`, cookie, { decision }));
    expect((await decide('hide')).status).toBe(200);
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 0, total: 0, s2: 0, s4: 0 });
    expect(await reviews(site)).toEqual([]);
    expect((await decide('approve')).status).toBe(200);
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 1, total: 4, s2: 0, s4: 1 });
  });

  it('refuses the choice for a complaint, which is never public, and records nothing', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const { ref, caseId } = await submitCase(site, complaint());
    await patch(cookie, caseId, { status: 'resolved', rootCause: 'delivery_delay' });
    const rerate = await rerateLink(site, ref, caseId);
    expect((await view(site, ref, rerate)).canUpdateReview).toBe(false);
    const res = await rate(site, ref, rerate, { rating: 5, updateReview: true });
    expect(res.status).toBe(409);
    const row = await env.DB.prepare('SELECT rerating FROM cases WHERE id = ?1').bind(caseId).first<number | null>('rerating');
    expect(row).toBeNull();
  });
});
