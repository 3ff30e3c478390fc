import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createSite, login, staffRequest } from './helpers.ts';
import { insertSubmission, summaryRow } from './admin-fixtures.ts';

/** Parses RFC 4180 CSV (quoted cells, doubled quotes, line breaks inside quotes). */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('export', () => {
  it('exports every submission of the site as CSV, quoted, with formulas defused', async () => {
    const site = await createSite();
    const other = await createSite();
    const cookie = await login(site);
    const tricky = await insertSubmission(site, { title: '=HYPERLINK("http://evil")', body: 'line one\nline "two", three', authorName: '@admin', phone: '+98 912 000' });
    const persian = await insertSubmission(site, { body: 'کیفیت عالی', status: 'published', lang: 'fa' });
    await insertSubmission(other, { body: 'not yours' });
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/export?format=csv', cookie));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('content-disposition')).toContain(`rebound-${site.publicKey}-submissions.csv`);
    const bytes = new Uint8Array(await res.arrayBuffer());
    // A UTF-8 byte-order mark first, so spreadsheets read the Persian text right.
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    const [header, ...rows] = parseCsv(text);
    expect(header?.slice(0, 3)).toEqual(['id', 'kind', 'status']);
    expect(rows.map((r) => r[0])).toEqual([tricky, persian]);
    const col = (name: string) => header?.indexOf(name) ?? -1;
    const first = rows[0] ?? [];
    expect(first[col('title')]).toBe(`'=HYPERLINK("http://evil")`);
    expect(first[col('body')]).toBe('line one\nline "two", three');
    expect(first[col('author_name')]).toBe(`'@admin`);
    expect(first[col('author_phone')]).toBe(`'+98 912 000`);
    expect(first[col('author_email')]).toBe('sara@example.com');
    expect(rows[1]?.[col('body')]).toBe('کیفیت عالی');
    expect(text).not.toContain('not yours');
  });

  it('exports as a JSON array of staff items across many pages', async () => {
    const site = await createSite();
    const cookie = await login(site);
    // More than one export page (500), to cross a keyset boundary; two share each created_at,
    // so the id breaks the tie.
    await env.DB.prepare(
      `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 519)
       INSERT INTO submissions (id, site_id, kind, rating, body, author_name, author_email, created_at)
       SELECT printf('bulk%04d', i), ?1, 'review', 5, 'review ' || i, 'Sara', 'sara@example.com', 1000 + i / 2 FROM n`,
    )
      .bind(site.publicKey)
      .run();
    const ids = Array.from({ length: 520 }, (_, i) => `bulk${String(i).padStart(4, '0')}`);
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/export', cookie));
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json; charset=utf-8');
    const items = await res.json<{ id: string; author: { email: string } }[]>();
    expect(items.map((i) => i.id)).toEqual(ids);
    expect(items[0]?.author.email).toBe('sara@example.com');
  });

  it('answers an empty site with an empty array', async () => {
    const site = await createSite();
    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/export?format=json', cookie));
    expect(await res.json()).toEqual([]);
  });

  it('rejects an unknown format with 400', async () => {
    const site = await createSite();
    const cookie = await login(site);
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/export?format=xlsx', cookie))).status).toBe(400);
  });
});

describe('erasing a person', () => {
  it("removes the shopper's personal data but keeps their words, rating, votes and case", async () => {
    const site = await createSite();
    const cookie = await login(site);
    const id = await insertSubmission(site, {
      email: 'Sara.K@Example.com',
      authorName: 'Sara Karimi',
      phone: '+98 912 111 2222',
      orderRef: 'ORD-7',
      title: 'Great',
      body: 'کیفیت عالی',
      rating: 5,
      status: 'pending',
    });
    const keep = await insertSubmission(site, { email: 'someone@else.com', authorName: 'Ali' });
    await SELF.fetch(staffRequest('POST', `/v1/admin/submissions/${id}/decision`, cookie, { decision: 'approve' }));
    await env.DB.prepare("INSERT INTO helpful_votes (submission_id, voter_hash, created_at) VALUES (?1, 'v1', 1)").bind(id).run();
    await env.DB.prepare('UPDATE submissions SET helpful_count = 1 WHERE id = ?1').bind(id).run();
    await env.DB.prepare(
      `INSERT INTO cases (id, site_id, ref, priority, contact_key, order_ref, submission_id, reason, track_token_hash, created_at, updated_at)
       VALUES ('case_1', ?1, 'RB-ERASE1', 'P2', 'email:sara.k@example.com', 'ORD-7', ?2, 'complaint', 'h', 1, 1)`,
    )
      .bind(site.publicKey, id)
      .run();

    await env.DB.prepare(
      `INSERT INTO orders (site_id, order_id, customer_name, customer_email, items, purchased_at, followup_due_at, created_at)
       VALUES (?1, 'ORD-7', 'Sara Karimi', 'sara.k@example.com', '[]', 1, ?2, 1), (?1, 'ORD-8', 'Ali', 'ali@example.com', '[]', 1, ?2, 1)`,
    )
      .bind(site.publicKey, Date.now() + 86_400_000)
      .run();
    await env.DB.prepare("INSERT INTO followup_contacts (site_id, email, last_followup_at) VALUES (?1, 'sara.k@example.com', 1)").bind(site.publicKey).run();
    const followup = (orderId: string, email: string) =>
      JSON.stringify({ type: 'followup.due', timestamp: 'x', data: { orderId, customer: { name: 'N', email }, items: [{ subject: 's', token: `t-${email}` }] } });
    await env.DB.prepare(
      `INSERT INTO webhook_deliveries (id, site_id, event, payload, status, created_at, updated_at)
       VALUES ('wd1', ?1, 'followup.due', ?2, 'pending', 1, 1), ('wd2', ?1, 'followup.due', ?3, 'pending', 1, 1),
              ('wd3', ?1, 'case.resolved', ?4, 'pending', 1, 1)`,
    )
      .bind(
        site.publicKey,
        followup('ORD-7', 'sara.k@example.com'),
        followup('ORD-8', 'ali@example.com'),
        JSON.stringify({ type: 'case.resolved', timestamp: 'x', data: { ref: 'RB-ERASE1', customer: { name: 'Sara Karimi', email: 'Sara.K@example.com', phone: '+98 912 000 0000' } } }),
      )
      .run();

    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, { email: 'sara.k@example.com' }));
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ submissions: 1, cases: 1, orders: 1 });

    const row = await env.DB.prepare(
      'SELECT author_name, author_email, author_phone, order_ref, client_hash, search_text, body, rating, status, helpful_count FROM submissions WHERE id = ?1',
    )
      .bind(id)
      .first();
    expect(row).toEqual({
      author_name: 'Anonymous',
      author_email: null,
      author_phone: null,
      order_ref: null,
      client_hash: null,
      search_text: 'great کیفیت عالی anonymous',
      body: 'کیفیت عالی',
      rating: 5,
      status: 'published',
      helpful_count: 1,
    });
    expect(await summaryRow(site.publicKey, '')).toMatchObject({ count: 1, total: 5 });
    const votes = await env.DB.prepare('SELECT count(*) AS n FROM helpful_votes WHERE submission_id = ?1').bind(id).first<{ n: number }>();
    expect(votes?.n).toBe(1);
    expect(await env.DB.prepare("SELECT contact_key, order_ref FROM cases WHERE id = 'case_1'").first()).toEqual({ contact_key: 'erased:case_1', order_ref: null });
    expect((await env.DB.prepare('SELECT author_name FROM submissions WHERE id = ?1').bind(keep).first())?.author_name).toBe('Ali');
    // Their registered order goes (it exists to invite them back); another customer's stays.
    const orders = await env.DB.prepare('SELECT order_id, customer_name, customer_email, followup_outcome FROM orders WHERE site_id = ?1 ORDER BY order_id')
      .bind(site.publicKey)
      .all();
    expect(orders.results).toEqual([{ order_id: 'ORD-8', customer_name: 'Ali', customer_email: 'ali@example.com', followup_outcome: null }]);
    const contacts = await env.DB.prepare('SELECT count(*) AS n FROM followup_contacts WHERE site_id = ?1').bind(site.publicKey).first<{ n: number }>();
    expect(contacts?.n).toBe(0);
    const deliveries = await env.DB.prepare("SELECT id, status, payload FROM webhook_deliveries WHERE site_id = ?1 ORDER BY id").bind(site.publicKey).all<{ id: string; status: string; payload: string }>();
    expect(deliveries.results.map((d) => d.status)).toEqual(['failed', 'pending', 'pending']);
    // The resolved case is still announced to the merchant, but without the erased contact.
    expect(deliveries.results[2]?.payload).not.toMatch(/sara|912/i);
    expect(JSON.parse(deliveries.results[2]?.payload ?? '')).toMatchObject({ data: { ref: 'RB-ERASE1', customer: { name: 'Anonymous', email: null, phone: null } } });
    expect(deliveries.results[0]?.payload).not.toMatch(/sara|ORD-7/i);
    expect(JSON.parse(deliveries.results[0]?.payload ?? '')).toMatchObject({ data: { orderId: '[erased]', customer: { name: 'Anonymous', email: null }, items: [] } });
    expect(deliveries.results[1]?.payload).toContain('ali@example.com');

    const audit = await env.DB.prepare("SELECT after FROM audit_log WHERE site_id = ?1 AND action = 'person.erase'").bind(site.publicKey).first<{ after: string }>();
    expect(audit?.after).not.toMatch(/sara/i);
    expect(JSON.parse(audit?.after ?? '')).toMatchObject({ emailHash: expect.any(String), submissions: [id] });
  });

  it("does not touch another site's shopper with the same email", async () => {
    const a = await createSite();
    const b = await createSite();
    const theirs = await insertSubmission(a, { email: 'same@example.com', authorName: 'Kept' });
    const cookie = await login(b);
    const res = await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, { email: 'same@example.com' }));
    expect(await res.json()).toMatchObject({ submissions: 0, cases: 0, orders: 0 });
    expect((await env.DB.prepare('SELECT author_email FROM submissions WHERE id = ?1').bind(theirs).first())?.author_email).toBe('same@example.com');
  });

  it('rejects a missing or malformed contact with 422, and points the old query-string form at the new one', async () => {
    const site = await createSite();
    const cookie = await login(site);
    expect((await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, {}))).status).toBe(422);
    expect((await SELF.fetch(staffRequest('POST', '/v1/admin/people/erase', cookie, { email: '%' }))).status).toBe(422);
    const old = await SELF.fetch(staffRequest('DELETE', '/v1/admin/people?email=a%40example.com', cookie));
    expect(old.status).toBe(400);
    expect(((await old.json()) as { detail: string }).detail).toContain('POST /v1/admin/people/erase');
  });
});
