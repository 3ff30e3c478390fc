/**
 * The text router's staff side in workerd with the real D1: the "needs a look" lane, opening a
 * case from an item, "not a problem", and the per-site model those corrections train.
 */
import { createExecutionContext, createMessageBatch, env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/src/index.ts';
import { newCaseRef } from '../../worker/src/lib/case-ref.ts';
import { casesOf } from './recovery-fixtures.ts';
import { LearnedSummary, OpenedFromItem } from '../../shared/router.ts';
import { AdminSubmissionsPage } from '../../shared/admin.ts';
import { insertSubmission } from './admin-fixtures.ts';
import { createSite, jsonRequest, login, staffRequest, type TestSite } from './helpers.ts';

let requests = 0;
function submitStory(site: TestSite, body: string) {
  requests += 1;
  return SELF.fetch(
    jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, { kind: 'story', subject: 'sku-1', body, author: { name: 'Noa', email: `noa${requests}@example.com` } }, {
      'idempotency-key': `key-${crypto.randomUUID()}`,
      'cf-connecting-ip': `10.9.${(requests >> 8) & 255}.${requests & 255}`,
      'user-agent': 'TestBrowser/1.0',
    }),
  );
}

// Words the lexicon does not know, so without the model the router says nothing about them.
// Made-up product words: neither the rules nor the base model know them.
const UNHAPPY = ['The zorbex flange zings', 'Zorbex flange zinged again', 'My zorbex flange zings loudly'];
const HAPPY = ['Ordered the quillan widget for Mina', 'Quillan widget for Mina arrived', 'The quillan widget matches Mina decor'];

async function teach(site: TestSite, cookie: string): Promise<void> {
  for (const body of UNHAPPY) {
    const id = await insertSubmission(site, { kind: 'story', body });
    const res = await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/case`, cookie));
    expect(res.status).toBe(201);
    OpenedFromItem.parse(await res.json());
  }
  for (const body of HAPPY) {
    const id = await insertSubmission(site, { kind: 'story', body });
    const res = await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/not-a-problem`, cookie));
    expect(res.status).toBe(200);
  }
}

describe('the router learns from staff corrections, per site', () => {
  it('routes a similar later text after corrections on that site, and not on another site', async () => {
    const taught = await createSite();
    const other = await createSite();
    const before = await (await submitStory(taught, 'Zorbex flange zings')).json();
    expect(before).not.toHaveProperty('case');

    await teach(taught, await login(taught));

    const after = await (await submitStory(taught, 'Zorbex flange zings')).json();
    expect(after).toHaveProperty('case');
    const elsewhere = await (await submitStory(other, 'Zorbex flange zings')).json();
    expect(elsewhere).not.toHaveProperty('case');
  });

  it('shows staff what it learned: corrections each way and the words that lean each way', async () => {
    const site = await createSite();
    const cookie = await login(site);
    await teach(site, cookie);
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/router/learned', cookie));
    const summary = LearnedSummary.parse(await res.json());
    expect(summary).toMatchObject({ corrections: { unhappy: 3, notAProblem: 3 }, active: true });
    expect(summary.words.unhappy).toContain('zorbex');
    expect(summary.words.notAProblem).toContain('quillan');
  });

  it('learns once per submission, and opening a case twice is refused', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const id = await insertSubmission(site, { kind: 'story', body: 'Clasp slipping' });
    expect((await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/case`, cookie))).status).toBe(201);
    const again = await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/case`, cookie));
    expect(again.status).toBe(409);
    const rows = await env.DB.prepare('SELECT COUNT(*) AS n FROM router_corrections WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
    expect(rows?.n).toBe(1);
  });

  it("never opens or dismisses another site's submission, nor learns from it", async () => {
    const mine = await createSite();
    const theirs = await createSite();
    const id = await insertSubmission(theirs, { kind: 'story', body: 'Clasp slipping' });
    const cookie = await login(mine);
    expect((await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/case`, cookie))).status).toBe(404);
    expect((await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/not-a-problem`, cookie))).status).toBe(404);
    const row = await env.DB.prepare('SELECT case_ref FROM submissions WHERE id = ?1').bind(id).first<{ case_ref: string | null }>();
    expect(row?.case_ref).toBeNull();
    expect(await corrections(theirs)).toEqual([]);
  });
});

describe('the needs-a-look lane', () => {
  it('holds a text the router is unsure about until staff say it is not a problem', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await submitStory(site, "It's a bit pricey");
    expect(await res.json()).not.toHaveProperty('case');
    const lane = AdminSubmissionsPage.parse(await (await SELF.fetch(staffRequest('GET', '/v1/admin/submissions?lane=needs-look', cookie))).json());
    expect(lane.items.map((i) => i.body)).toEqual(["It's a bit pricey"]);
    expect(lane.items[0]?.needsLook).toBe(true);
    const id = lane.items[0]?.id ?? '';
    expect((await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/not-a-problem`, cookie))).status).toBe(200);
    const empty = AdminSubmissionsPage.parse(await (await SELF.fetch(staffRequest('GET', '/v1/admin/submissions?lane=needs-look', cookie))).json());
    expect(empty.items).toEqual([]);
  });
});

/** A story or review routed by the given reason, with its case opened by the real consumer. */
async function routedCase(site: TestSite, kind: 'story' | 'review', reason: string): Promise<string> {
  const id = `sub_router_${crypto.randomUUID().slice(0, 8)}`;
  const ref = newCaseRef();
  const now = Date.now();
  await env.DB.prepare(
    `INSERT INTO submissions (id, site_id, kind, status, subject, rating, body, author_name, author_email, case_ref, routing, created_at)
     VALUES (?1, ?2, ?3, 'pending', 'sku-1', ?4, 'The clasp slipping again', 'Sam', NULL, ?5, ?6, ?7)`,
  )
    .bind(id, site.publicKey, kind, kind === 'review' ? 1 : null, ref, JSON.stringify({ open: true, priority: 'P3', reason, score: -1.5, method: 'lexicon-v2' }), now)
    .run();
  const batch = createMessageBatch('rebound-recovery', [
    { id: `m-${id}`, timestamp: new Date(), attempts: 1, body: { v: 1, type: 'route-submission', siteId: site.publicKey, submissionId: id, caseRef: ref, receivedAt: now } },
  ]);
  await worker.queue(batch, env, createExecutionContext());
  const row = (await casesOf(site.publicKey)).find((c) => c.submission_id === id);
  if (!row || typeof row.id !== 'string') throw new Error('the consumer opened no case');
  return row.id;
}

async function corrections(site: TestSite): Promise<{ unhappy: number }[]> {
  const { results } = await env.DB.prepare('SELECT unhappy FROM router_corrections WHERE site_id = ?1').bind(site.publicKey).all<{ unhappy: number }>();
  return results;
}

describe('closing a case as "not a problem"', () => {
  it('teaches the router when the text opened the case', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const caseId = await routedCase(site, 'story', 'negative story: slipping');
    const res = await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${caseId}`, cookie, { status: 'closed', rootCause: 'not_a_problem', resolved: false }));
    expect(res.status).toBe(200);
    expect(await corrections(site)).toEqual([{ unhappy: 0 }]);
  });

  it('teaches nothing when the stars opened the case, or when it closes for another cause', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const byStars = await routedCase(site, 'review', 'rating 1');
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${byStars}`, cookie, { status: 'closed', rootCause: 'not_a_problem', resolved: false }));
    const byText = await routedCase(site, 'story', 'negative story: slipping');
    await SELF.fetch(staffRequest('PATCH', `/v1/admin/cases/${byText}`, cookie, { status: 'closed', rootCause: 'product_defect', resolved: true }));
    expect(await corrections(site)).toEqual([]);
  });
});
