import { SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createSite, login, staffRequest } from './helpers.ts';
import { insertSubmission } from './admin-fixtures.ts';

interface AuditPage {
  items: { id: number; actor: string; actorName: string | null; action: string; target: string | null; before: unknown; after: unknown }[];
  nextCursor: string | null;
}

async function decideAll(cookie: string, ids: string[]) {
  for (const id of ids) await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/decision`, cookie, { decision: 'approve' }));
}

describe('audit log', () => {
  it('lists who did what, newest first, paged by cursor', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const ids = [await insertSubmission(site), await insertSubmission(site), await insertSubmission(site)];
    await decideAll(cookie, ids);
    const first = await (await SELF.fetch(staffRequest('GET', '/v1/admin/audit?limit=2', cookie))).json<AuditPage>();
    expect(first.items.map((i) => i.target)).toEqual([ids[2], ids[1]]);
    expect(first.items[0]).toMatchObject({ actor: site.staffId, actorKind: 'staff', actorName: 'Owner', action: 'submission.decision', before: { status: 'pending' }, after: { status: 'published' } });
    expect(first.nextCursor).not.toBeNull();
    const second = await (await SELF.fetch(staffRequest('GET', `/v1/admin/audit?limit=2&cursor=${first.nextCursor}`, cookie))).json<AuditPage>();
    expect(second.items.map((i) => i.target)).toEqual([ids[0]]);
    expect(second.nextCursor).toBeNull();
  });

  it("shows only the staff member's own site", async () => {
    const a = await createSite();
    const b = await createSite();
    const aCookie = await login(a);
    const bCookie = await login(b);
    await decideAll(aCookie, [await insertSubmission(a)]);
    const page = await (await SELF.fetch(staffRequest('GET', '/v1/admin/audit', bCookie))).json<AuditPage>();
    expect(page.items).toEqual([]);
    const csv = await (await SELF.fetch(staffRequest('GET', '/v1/admin/audit/export?format=csv', bCookie))).text();
    expect(csv.trim().split('\r\n')).toHaveLength(1);
  });

  it('answers a bad cursor with 400', async () => {
    const site = await createSite();
    const cookie = await login(site);
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/audit?cursor=abc', cookie))).status).toBe(400);
  });

  it('exports the whole log as CSV and as JSON', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const ids = [await insertSubmission(site), await insertSubmission(site)];
    await decideAll(cookie, ids);
    const csvRes = await SELF.fetch(staffRequest('GET', '/v1/admin/audit/export?format=csv', cookie));
    expect(csvRes.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const lines = (await csvRes.text()).replace(/^\uFEFF/, '').trim().split('\r\n');
    expect(lines[0]).toBe('"id","created_at","actor","actor_name","action","target","before","after"');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toContain('"submission.decision"');
    const json = await (await SELF.fetch(staffRequest('GET', '/v1/admin/audit/export?format=json', cookie))).json<{ target: string }[]>();
    expect(json.map((e) => e.target)).toEqual([ids[1], ids[0]]);
  });
});
