import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BASE, createSite, login, staffRequest, type TestSite } from './helpers.ts';
import { auditActions, contentVersion, insertSubmission, summaryRow } from './admin-fixtures.ts';
import { summaryDelta } from '../../worker/src/db/summaries.ts';
import { writeDecisionState } from '../../worker/src/db/moderation.ts';

interface Page {
  items: { id: string; status: string; author: { email: string | null }; reply: { body: string } | null; caseRef: string | null; flags: string[] }[];
  nextCursor: string | null;
}

async function staffOf(site?: TestSite) {
  const s = site ?? (await createSite());
  return { site: s, cookie: await login(s) };
}

async function send(cookie: string, method: string, path: string, body?: unknown) {
  return SELF.fetch(staffRequest(method, path, cookie, body));
}

async function list(cookie: string, query = ''): Promise<Page> {
  const res = await send(cookie, 'GET', `/v1/admin/submissions${query}`);
  expect(res.status).toBe(200);
  return res.json<Page>();
}

describe('the moderation queue', () => {
  it('lists pending submissions newest first, with private contact fields', async () => {
    const { site, cookie } = await staffOf();
    const older = await insertSubmission(site, { email: 'a@example.com', caseRef: 'RB-AAAA' });
    const newer = await insertSubmission(site, { phone: '+98 912 000 0000', kind: 'complaint' });
    await insertSubmission(site, { status: 'published' });
    const page = await list(cookie);
    expect(page.items.map((i) => i.id)).toEqual([newer, older]);
    expect(page.items[1]).toMatchObject({ author: { email: 'a@example.com' }, caseRef: 'RB-AAAA', reply: null });
    expect(page.nextCursor).toBeNull();
  });

  it("shows only the staff member's own site", async () => {
    const a = await staffOf();
    const b = await staffOf();
    const mine = await insertSubmission(a.site);
    await insertSubmission(b.site);
    expect((await list(a.cookie)).items.map((i) => i.id)).toEqual([mine]);
  });

  it('pages with a keyset cursor in both orders without repeats or gaps', async () => {
    const { site, cookie } = await staffOf();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) ids.push(await insertSubmission(site));
    for (const [order, expected] of [['newest', [...ids].reverse()], ['oldest', ids]] as const) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: Page = await list(cookie, `?order=${order}&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
        seen.push(...page.items.map((i) => i.id));
        cursor = page.nextCursor;
      } while (cursor);
      expect(seen).toEqual(expected);
    }
  });

  it('answers a forged cursor with 400', async () => {
    const { cookie } = await staffOf();
    const res = await send(cookie, 'GET', "/v1/admin/submissions?cursor=1'%20OR%201=1");
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });

  it('filters by status, kind, stars, flag and language', async () => {
    const { site, cookie } = await staffOf();
    const oneStar = await insertSubmission(site, { rating: 1 });
    const complaint = await insertSubmission(site, { kind: 'complaint' });
    const linked = await insertSubmission(site, { flags: ['links', 'unverified'] });
    const persian = await insertSubmission(site, { lang: 'fa' });
    const rejected = await insertSubmission(site, { status: 'rejected' });
    const ids = async (q: string) => (await list(cookie, q)).items.map((i) => i.id);
    expect(await ids('?stars=1')).toEqual([oneStar]);
    expect(await ids('?kind=complaint')).toEqual([complaint]);
    expect(await ids('?flag=links')).toEqual([linked]);
    expect(await ids('?lang=fa')).toEqual([persian]);
    expect(await ids('?status=rejected')).toEqual([rejected]);
  });

  it('rejects an unknown filter value with a 400 problem', async () => {
    const { cookie } = await staffOf();
    expect((await send(cookie, 'GET', '/v1/admin/submissions?status=deleted')).status).toBe(400);
    expect((await send(cookie, 'GET', '/v1/admin/submissions?stars=9')).status).toBe(400);
  });

  it('finds Persian text typed with Arabic letters and digits', async () => {
    const { site, cookie } = await staffOf();
    const quality = await insertSubmission(site, { body: 'کیفیت عالی بود', lang: 'fa' });
    const order = await insertSubmission(site, { body: 'سفارش 123 دیر رسید', lang: 'fa' });
    await insertSubmission(site, { body: 'nothing to see' });
    const ids = async (q: string) => (await list(cookie, `?q=${encodeURIComponent(q)}`)).items.map((i) => i.id);
    expect(await ids('كيفيت')).toEqual([quality]);
    expect(await ids('۱۲۳')).toEqual([order]);
    expect(await ids('١٢٣')).toEqual([order]);
  });

  it('treats % and _ in a search as letters', async () => {
    const { site, cookie } = await staffOf();
    const percent = await insertSubmission(site, { body: 'got 50% off' });
    await insertSubmission(site, { body: 'got 50 off' });
    const ids = async (q: string) => (await list(cookie, `?q=${encodeURIComponent(q)}`)).items.map((i) => i.id);
    expect(await ids('50%')).toEqual([percent]);
    expect(await ids('%')).toEqual([percent]);
    expect(await ids('_')).toEqual([]);
  });

  it('reads one submission and 404s for another site', async () => {
    const a = await staffOf();
    const b = await staffOf();
    const id = await insertSubmission(a.site, { email: 'private@example.com' });
    const own = await send(a.cookie, 'GET', `/v1/admin/submissions/${id}`);
    expect(own.status).toBe(200);
    expect(await own.json()).toMatchObject({ id, author: { email: 'private@example.com' } });
    const other = await send(b.cookie, 'GET', `/v1/admin/submissions/${id}`);
    expect(other.status).toBe(404);
    expect(await other.json()).toMatchObject({ type: 'urn:rebound:problem:submission-not-found' });
  });
});

describe('decisions', () => {
  it('approving a review publishes it, counts its rating once and bumps the content version', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site, { subject: 'sku-9', rating: 4 });
    const version = await contentVersion(site.publicKey);
    const res = await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve' });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ id, status: 'published', previousStatus: 'pending' });
    expect(await summaryRow(site.publicKey, 'sku-9')).toMatchObject({ count: 1, total: 4, s4: 1 });
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 1, total: 4, s4: 1 });
    expect(await contentVersion(site.publicKey)).toBe(version + 1);
    const row = await env.DB.prepare('SELECT status, published_at, decided_by, version FROM submissions WHERE id = ?1').bind(id).first();
    expect(row).toMatchObject({ status: 'published', decided_by: site.staffId, version: 1 });
    expect(row?.published_at).toEqual(expect.any(Number));
    const audit = await env.DB.prepare('SELECT actor, action, target, before, after FROM audit_log WHERE target = ?1').bind(id).first<Record<string, string>>();
    expect(audit).toMatchObject({ actor: site.staffId, action: 'submission.decision', target: id });
    expect(JSON.parse(audit?.before ?? '')).toMatchObject({ status: 'pending' });
    expect(JSON.parse(audit?.after ?? '')).toMatchObject({ status: 'published', decision: 'approve' });
  });

  it('counts a rating once under concurrent approvals', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site, { rating: 5 });
    const answers = await Promise.all(Array.from({ length: 6 }, () => send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve' })));
    for (const res of answers) expect([200, 409]).toContain(res.status);
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 1, total: 5, s5: 1 });
    expect((await auditActions(site.publicKey)).filter((a) => a === 'submission.decision')).toHaveLength(1);
  });

  it('leaves no summary change or audit entry when the update loses its race', async () => {
    const site = await createSite();
    const id = await insertSubmission(site, { rating: 3 });
    const guard = { submissionId: id, version: 0 };
    const state = { status: 'published' as const, publishedAt: 1, decidedAt: 1, decidedBy: site.staffId, decisionReason: null };
    const winner = await env.DB.batch([...summaryDelta(env.DB, site.publicKey, 'sku-1', 3, 1, 1, guard), writeDecisionState(env.DB, site.publicKey, guard, state)]);
    const loser = await env.DB.batch([...summaryDelta(env.DB, site.publicKey, 'sku-1', 3, 1, 1, guard), writeDecisionState(env.DB, site.publicKey, guard, state)]);
    expect(winner.at(-1)?.meta.changes).toBe(1);
    expect(loser.at(-1)?.meta.changes).toBe(0);
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 1, total: 3 });
  });

  it.each(['hide', 'reject', 'spam'] as const)('%s of a published review removes it from the summary', async (decision) => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site, { rating: 2 });
    await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve' });
    const version = await contentVersion(site.publicKey);
    const res = await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision, reason: 'off topic' });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ previousStatus: 'published' });
    expect(await summaryRow(site.publicKey, 'sku-1')).toMatchObject({ count: 0, total: 0, s2: 0 });
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 0, total: 0 });
    expect(await contentVersion(site.publicKey)).toBe(version + 1);
  });

  it('rejecting a pending review leaves the summary and the public content alone', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site, { rating: 1 });
    const version = await contentVersion(site.publicKey);
    expect((await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'reject' })).status).toBe(200);
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 0 });
    expect(await contentVersion(site.publicKey)).toBe(version);
  });

  it('approving a story publishes it without touching the summary', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site, { kind: 'story' });
    expect((await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve' })).status).toBe(200);
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 0 });
  });

  it('deciding what already is so changes nothing', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site, { rating: 5 });
    await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve' });
    const again = await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve' });
    expect(await again.json()).toEqual({ id, status: 'published', previousStatus: 'published' });
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 1 });
    expect(await auditActions(site.publicKey)).toEqual(['submission.decision']);
  });

  it('rejects an unknown decision and an unknown field with 422', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site);
    expect((await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'delete' })).status).toBe(422);
    expect((await send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve', body: 'x' })).status).toBe(422);
  });

  it("answers 404 to a decision on another site's submission and changes nothing", async () => {
    const a = await staffOf();
    const b = await staffOf();
    const id = await insertSubmission(a.site, { rating: 5 });
    const res = await send(b.cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve' });
    expect(res.status).toBe(404);
    expect((await env.DB.prepare('SELECT status FROM submissions WHERE id = ?1').bind(id).first())?.status).toBe('pending');
    expect(await summaryRow(a.site.publicKey, '')).toMatchObject({ count: 0 });
  });

  it('refuses a cross-site decision and writes nothing', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site);
    const res = await SELF.fetch(
      new Request(`${BASE}/v1/admin/submissions/${id}/decision`, {
        method: 'POST',
        headers: { cookie, 'content-type': 'text/plain', origin: 'https://evil.example', 'sec-fetch-site': 'cross-site' },
        body: JSON.stringify({ decision: 'approve' }),
      }),
    );
    expect(res.status).toBe(403);
    expect((await env.DB.prepare('SELECT status FROM submissions WHERE id = ?1').bind(id).first())?.status).toBe('pending');
  });
});

describe('bulk decisions', () => {
  it('decides each item, lists unknown and foreign ids, and counts ratings once', async () => {
    const { site, cookie } = await staffOf();
    const other = await createSite();
    const a = await insertSubmission(site, { rating: 5 });
    const b = await insertSubmission(site, { rating: 3 });
    const published = await insertSubmission(site, { rating: 4, status: 'published' });
    const foreign = await insertSubmission(other, { rating: 1 });
    const res = await send(cookie, 'POST', '/v1/admin/submissions/decision', { ids: [a, b, b, published, foreign, 'nope'], decision: 'approve' });
    expect(res.status).toBe(200);
    const body = await res.json<{ results: { id: string; status: string; previousStatus: string }[]; notFound: string[]; conflicts: string[] }>();
    expect(body.results).toEqual(
      expect.arrayContaining([
        { id: a, status: 'published', previousStatus: 'pending' },
        { id: b, status: 'published', previousStatus: 'pending' },
        { id: published, status: 'published', previousStatus: 'published' },
      ]),
    );
    expect(body.results).toHaveLength(3);
    expect(body.notFound.sort()).toEqual([foreign, 'nope'].sort());
    expect(body.conflicts).toEqual([]);
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 2, total: 8 });
    expect((await env.DB.prepare('SELECT status FROM submissions WHERE id = ?1').bind(foreign).first())?.status).toBe('pending');
  });

  it('rejects an empty or oversized id list with 422', async () => {
    const { cookie } = await staffOf();
    expect((await send(cookie, 'POST', '/v1/admin/submissions/decision', { ids: [], decision: 'approve' })).status).toBe(422);
    const many = Array.from({ length: 101 }, (_, i) => `id${i}`);
    expect((await send(cookie, 'POST', '/v1/admin/submissions/decision', { ids: many, decision: 'approve' })).status).toBe(422);
  });
});

describe('undo', () => {
  it('reverts decisions one by one, adjusting the summary, and is audited', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site, { rating: 5 });
    const decide = (decision: string) => send(cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision });
    const undo = () => send(cookie, 'POST', `/v1/admin/submissions/${id}/undo`);
    await decide('approve');
    await decide('hide');
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 0 });

    const first = await undo();
    expect(first.status).toBe(200);
    expect(await first.json()).toEqual({ id, status: 'published', previousStatus: 'hidden' });
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 1, total: 5 });

    const second = await undo();
    expect(await second.json()).toEqual({ id, status: 'pending', previousStatus: 'published' });
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 0, total: 0 });
    const row = await env.DB.prepare('SELECT status, published_at, decided_at FROM submissions WHERE id = ?1').bind(id).first();
    expect(row).toEqual({ status: 'pending', published_at: null, decided_at: null });

    const third = await undo();
    expect(third.status).toBe(409);
    expect(await third.json()).toMatchObject({ type: 'urn:rebound:problem:nothing-to-undo' });
    expect(await auditActions(site.publicKey)).toEqual(['submission.decision', 'submission.decision', 'submission.undo', 'submission.undo']);
  });

  it("answers 404 to an undo on another site's submission", async () => {
    const a = await staffOf();
    const b = await staffOf();
    const id = await insertSubmission(a.site);
    await send(a.cookie, 'POST', `/v1/admin/submissions/${id}/decision`, { decision: 'approve' });
    expect((await send(b.cookie, 'POST', `/v1/admin/submissions/${id}/undo`)).status).toBe(404);
    expect((await env.DB.prepare('SELECT status FROM submissions WHERE id = ?1').bind(id).first())?.status).toBe('published');
  });
});

describe('replies', () => {
  it('creates, edits and deletes the public reply, audited and bumping the content version', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site);
    const v0 = await contentVersion(site.publicKey);
    const created = await send(cookie, 'PUT', `/v1/admin/submissions/${id}/reply`, { body: '  Thank you!  ' });
    expect(created.status).toBe(201);
    expect(await created.json()).toMatchObject({ body: 'Thank you!', staffId: site.staffId });
    const edited = await send(cookie, 'PUT', `/v1/admin/submissions/${id}/reply`, { body: 'Thank you, Sara.' });
    expect(edited.status).toBe(200);
    const item = await (await send(cookie, 'GET', `/v1/admin/submissions/${id}`)).json<{ reply: { body: string }; body: string }>();
    expect(item.reply.body).toBe('Thank you, Sara.');
    expect(item.body).toBe('Good product, arrived on time.');
    expect((await send(cookie, 'DELETE', `/v1/admin/submissions/${id}/reply`)).status).toBe(204);
    expect((await (await send(cookie, 'GET', `/v1/admin/submissions/${id}`)).json<{ reply: unknown }>()).reply).toBeNull();
    expect(await contentVersion(site.publicKey)).toBe(v0 + 3);
    expect(await auditActions(site.publicKey)).toEqual(['reply.create', 'reply.edit', 'reply.delete']);
  });

  it('rejects an empty reply and one with bidi controls', async () => {
    const { site, cookie } = await staffOf();
    const id = await insertSubmission(site);
    expect((await send(cookie, 'PUT', `/v1/admin/submissions/${id}/reply`, { body: '   ' })).status).toBe(422);
    expect((await send(cookie, 'PUT', `/v1/admin/submissions/${id}/reply`, { body: 'ok \u202E evil' })).status).toBe(422);
  });

  it("answers 404 to replying to or deleting the reply of another site's submission", async () => {
    const a = await staffOf();
    const b = await staffOf();
    const id = await insertSubmission(a.site);
    await send(a.cookie, 'PUT', `/v1/admin/submissions/${id}/reply`, { body: 'Ours' });
    expect((await send(b.cookie, 'PUT', `/v1/admin/submissions/${id}/reply`, { body: 'Hijack' })).status).toBe(404);
    expect((await send(b.cookie, 'DELETE', `/v1/admin/submissions/${id}/reply`)).status).toBe(404);
    const reply = await env.DB.prepare('SELECT body FROM replies WHERE submission_id = ?1').bind(id).first();
    expect(reply).toEqual({ body: 'Ours' });
  });
});
