import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import judgeme from '../fixtures/imports/judgeme.csv?raw';
import shopify from '../fixtures/imports/shopify.csv?raw';
import okendo from '../fixtures/imports/okendo.csv?raw';
import yotpo from '../fixtures/imports/yotpo.csv?raw';
import generic from '../fixtures/imports/generic.csv?raw';
import type { ImportJob, ImportPreview, ImportSource, ImportStarted } from '../../shared/imports.ts';
import { WidgetBootstrap } from '../../shared/site.ts';
import { BASE, createSite, login, ORIGIN, staffRequest, type TestSite } from './helpers.ts';
import { importFile as importAs, importRequest, runRequest } from './catalog-fixtures.ts';

/** Imports a file as the console does, checking the upload's status matches the job. */
async function importFile(cookie: string, source: ImportSource, csv: string): Promise<ImportJob> {
  const { status, job } = await importAs(cookie, source, csv);
  expect(status).toBe(job.status === 'done' && job.total <= 5000 ? 200 : 202);
  return job;
}

async function count(sql: string, ...params: unknown[]): Promise<number> {
  return (await env.DB.prepare(sql).bind(...params).first<{ n: number }>())?.n ?? 0;
}

async function widget(site: TestSite, subject: string) {
  const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/widget?subject=${subject}`, { headers: { origin: ORIGIN } });
  return WidgetBootstrap.parse(await res.json());
}

const FIXTURES: [ImportSource, string, { rows: number; valid: number; errors: number; published: number; subject: string }][] = [
  ['judgeme', judgeme, { rows: 5, valid: 4, errors: 1, published: 2, subject: 'travel-mug' }],
  ['shopify', shopify, { rows: 3, valid: 3, errors: 0, published: 2, subject: 'linen-shirt' }],
  ['okendo', okendo, { rows: 2, valid: 2, errors: 0, published: 2, subject: 'yoga-mat' }],
  ['yotpo', yotpo, { rows: 3, valid: 3, errors: 0, published: 2, subject: 'hp-200' }],
  ['generic', generic, { rows: 3, valid: 3, errors: 0, published: 3, subject: 'desk-lamp' }],
];

describe('review imports', () => {
  it.each(FIXTURES)('%s: a dry run previews and writes nothing; the import keeps dates and replies; again adds nothing', async (source, csv, expected) => {
    const site = await createSite();
    const cookie = await login(site);
    const submissions = () => count('SELECT COUNT(*) AS n FROM submissions WHERE site_id = ?1', site.publicKey);

    const dry = await SELF.fetch(importRequest(cookie, source, csv, true));
    expect(dry.status).toBe(200);
    const preview = await dry.json<ImportPreview>();
    expect(preview).toMatchObject({ rows: expected.rows, valid: expected.valid, duplicates: 0, errorCount: expected.errors });
    expect(await submissions()).toBe(0);

    const job = await importFile(cookie, source, csv);
    expect(job).toMatchObject({ total: expected.valid, done: expected.valid, inserted: expected.valid });
    expect(await submissions()).toBe(expected.valid);
    // Imported reviews are history: no case, no routing, marked with their source.
    expect(await count('SELECT COUNT(*) AS n FROM cases WHERE site_id = ?1', site.publicKey)).toBe(0);
    expect(await count('SELECT COUNT(*) AS n FROM submissions WHERE site_id = ?1 AND (case_ref IS NOT NULL OR routing IS NOT NULL OR source IS NOT ?2)', site.publicKey, source)).toBe(0);

    const shown = await widget(site, expected.subject);
    expect(shown.summary.count).toBe(shown.reviews.items.length);
    expect(shown.reviews.items.length).toBe(expected.published);
    const withReply = shown.reviews.items.find((r) => r.reply !== null);
    // Every fixture has a merchant reply on a published review, and keeps its original date.
    expect(withReply?.reply?.body.length).toBeGreaterThan(0);
    expect(Date.parse(withReply?.createdAt ?? '')).toBeLessThan(Date.UTC(2025, 0, 1));
    expect(withReply?.publishedAt).toBe(withReply?.createdAt);

    const again = await SELF.fetch(importRequest(cookie, source, csv, true));
    expect(await again.json<ImportPreview>()).toMatchObject({ valid: expected.valid, duplicates: expected.valid });
    const second = await importFile(cookie, source, csv);
    expect(second).toMatchObject({ total: 0, inserted: 0 });
    expect(await submissions()).toBe(expected.valid);
    expect((await widget(site, expected.subject)).summary.count).toBe(expected.published);
  });

  it('keeps original dates, names, titles and replies exactly (Judge.me)', async () => {
    const site = await createSite();
    const cookie = await login(site);
    await importFile(cookie, 'judgeme', judgeme);
    const shown = await widget(site, 'travel-mug');
    expect(shown.reviews.items.map((r) => [r.author.name, r.rating, r.title, r.createdAt, r.reply?.body ?? null, r.reply?.createdAt ?? null])).toEqual([
      ['نگار احمدی', 4, 'کیفیت خوب', '2023-05-02T18:30:00.000Z', 'ممنون از خرید شما', '2023-05-03T08:00:00.000Z'],
      ['Hannah Brooks', 5, 'Sturdy and warm', '2023-04-12T09:15:00.000Z', 'Thank you, Hannah!', '2023-04-13T10:00:00.000Z'],
    ]);
    expect(shown.reviews.items[0]?.lang).toBe('fa');
    // Spam stays out of public view, and the site-wide summary counts only published ratings.
    expect(await count(`SELECT COUNT(*) AS n FROM submissions WHERE site_id = ?1 AND status = 'spam'`, site.publicKey)).toBe(1);
    const all = await widget(site, '');
    expect(all.summary).toMatchObject({ count: 3, distribution: [0, 1, 0, 1, 1] });
  });

  it('marks a review verified only when the file says so', async () => {
    const site = await createSite();
    const cookie = await login(site);
    await importFile(cookie, 'okendo', okendo);
    const items = (await widget(site, 'yoga-mat')).reviews.items;
    expect(items.map((r) => [r.author.name, r.verified])).toEqual([
      ['علی کریمی', false],
      ['Priya Nair', true],
    ]);
  });

  it('imports thousands of rows in bounded steps, with progress, and updates summaries once at the end', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const rows = Array.from({ length: 6000 }, (_, i) => `r-${i},bulk-${i % 7},${(i % 5) + 1},,"Review ${i}, fine",Buyer ${i},,2024-01-01T00:00:${String(i % 60).padStart(2, '0')}Z`);
    const csv = `id,subject,rating,title,body,name,email,date\n${rows.join('\n')}\n`;
    const v0 = await count('SELECT content_version AS n FROM sites WHERE id = ?1', site.publicKey);
    const response = await SELF.fetch(importRequest(cookie, 'generic', csv));
    expect(response.status).toBe(202);
    const started = await response.json<ImportStarted>();
    // The upload imports the first five chunks; the summaries wait for the last.
    expect(started.import).toMatchObject({ total: 6000, done: 5000, status: 'running' });
    expect(await count('SELECT content_version AS n FROM sites WHERE id = ?1', site.publicKey)).toBe(v0);
    let job = started.import;
    while (job.status === 'running') job = (await (await SELF.fetch(runRequest(cookie, job.id))).json<{ import: ImportJob }>()).import;
    expect(job).toMatchObject({ done: 6000, inserted: 6000 });
    expect(await count('SELECT content_version AS n FROM sites WHERE id = ?1', site.publicKey)).toBe(v0 + 1);
    expect((await widget(site, '')).summary.count).toBe(6000);
    expect(await count('SELECT COUNT(*) AS n FROM import_chunks WHERE import_id = ?1', job.id)).toBe(0);
  }, 60_000);

  it('erasing a shopper reaches rows of an import not yet imported', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const rows = Array.from({ length: 5999 }, (_, i) => `r-${i},bulk,5,,Fine ${i},Buyer ${i},,2024-01-01T00:00:00Z`);
    // The last row, in the sixth chunk, which the upload leaves for later; a bystander quotes the email.
    rows.push('r-x,bulk,2,,"Broke. Write to Mina.Rad@Example.com, Mina Rad",Mina Rad,Mina.Rad@Example.com,2024-01-02T00:00:00Z');
    rows[5998] = 'r-y,bulk,4,,"Mina.Rad@example.com told me about it",Other Buyer,,2024-01-02T00:00:00Z';
    const csv = `id,subject,rating,title,body,name,email,date\n${rows.join('\n')}\n`;
    const started = await (await SELF.fetch(importRequest(cookie, 'generic', csv))).json<ImportStarted>();
    expect(started.import.status).toBe('running');

    const erased = await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, { email: 'mina.rad@example.com' }));
    expect(erased.status).toBe(200);
    const pending = await env.DB.prepare('SELECT rows FROM import_chunks WHERE import_id = ?1').bind(started.import.id).all<{ rows: string }>();
    expect(pending.results.length).toBe(1);
    expect(pending.results[0]?.rows.toLowerCase()).not.toContain('mina');

    let job = started.import;
    while (job.status === 'running') job = (await (await SELF.fetch(runRequest(cookie, job.id))).json<{ import: ImportJob }>()).import;
    expect(job).toMatchObject({ done: 6000, inserted: 6000 });
    const theirs = await env.DB.prepare(`SELECT author_name, author_email, body, search_text FROM submissions WHERE site_id = ?1 AND body LIKE 'Broke.%'`)
      .bind(site.publicKey)
      .first<{ author_name: string; author_email: string | null; body: string; search_text: string }>();
    expect(theirs).toMatchObject({ author_name: 'Anonymous', author_email: null, body: 'Broke. Write to [erased], [erased]' });
    expect(theirs?.search_text).not.toContain('mina');
    const bystander = await env.DB.prepare(`SELECT author_name, body FROM submissions WHERE site_id = ?1 AND body LIKE '%told me%'`).bind(site.publicKey).first();
    expect(bystander).toEqual({ author_name: 'Other Buyer', body: '[erased] told me about it' });
  }, 60_000);

  it('counts rows repeated inside one file once', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const csv = `${generic.trimEnd()}\ng-1,desk-lamp,5,Dup,Same id again,Erin Walsh,,2024-01-10T08:00:00Z,,,yes,published\n`;
    const preview = await (await SELF.fetch(importRequest(cookie, 'generic', csv, true))).json<ImportPreview>();
    expect(preview).toMatchObject({ rows: 4, valid: 4, duplicates: 1 });
    expect((await importFile(cookie, 'generic', csv)).inserted).toBe(3);
  });

  it.each([
    ['a file of another platform', 'yotpo', judgeme, 422],
    ['an unknown source', 'trustpilot', generic, 400],
    ['a quoted cell that never closes', 'generic', 'id,subject,rating,body,name,date\n1,a,5,"open,X,2024-01-01\n', 422],
  ])('refuses %s and writes nothing', async (_name, source, csv, status) => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(importRequest(cookie, source, csv));
    expect(res.status).toBe(status);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await count('SELECT COUNT(*) AS n FROM imports WHERE site_id = ?1', site.publicKey)).toBe(0);
  });

  it('refuses a body that is not text/csv or not UTF-8', async () => {
    const site = await createSite();
    const cookie = await login(site);
    expect((await SELF.fetch(importRequest(cookie, 'generic', generic, false, 'application/json'))).status).toBe(415);
    expect((await SELF.fetch(importRequest(cookie, 'generic', new Uint8Array([0x69, 0x64, 0x0a, 0xff, 0xfe])))).status).toBe(422);
  });

  it("never runs or reads another site's import", async () => {
    const site = await createSite();
    const other = await createSite();
    const job = (await (await SELF.fetch(importRequest(await login(site), 'generic', generic))).json<ImportStarted>()).import;
    const otherCookie = await login(other);
    expect((await SELF.fetch(runRequest(otherCookie, job.id))).status).toBe(404);
    expect((await SELF.fetch(new Request(`${BASE}/v1/admin/imports/${job.id}`, { headers: { cookie: otherCookie } }))).status).toBe(404);
    expect(await count('SELECT COUNT(*) AS n FROM submissions WHERE site_id = ?1', other.publicKey)).toBe(0);
  });
});
