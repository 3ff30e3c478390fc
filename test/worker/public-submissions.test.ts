import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { SubmissionCreated } from '../../shared/submission.ts';
import { signToken, verifyToken } from '../../worker/src/lib/signed.ts';
import { BASE, createSite, jsonRequest, ORIGIN } from './helpers.ts';
import { seedReview } from './public-fixtures.ts';
import { order, orderRequest } from './recovery-fixtures.ts';

let requests = 0;
/** A fresh key and client address per call unless given: each test is about one thing. */
function submit(site: string, body: unknown, options: { key?: string; headers?: Record<string, string> } = {}) {
  requests += 1;
  const headers = {
    'idempotency-key': options.key ?? `key-${crypto.randomUUID()}`,
    'cf-connecting-ip': `10.${(requests >> 16) & 255}.${(requests >> 8) & 255}.${requests & 255}`,
    'user-agent': 'TestBrowser/1.0',
    ...options.headers,
  };
  return SELF.fetch(jsonRequest('POST', `/v1/sites/${site}/submissions`, body, headers));
}

const review = (over: Record<string, unknown> = {}) => ({
  kind: 'review',
  subject: 'sku-1',
  rating: 5,
  title: 'Lovely kettle',
  body: 'Boils fast and looks good.',
  author: { name: 'Sara', email: 'sara@example.com' },
  ...over,
});
const complaint = (over: Record<string, unknown> = {}) => ({
  kind: 'complaint',
  subject: 'sku-1',
  category: 'delivery',
  body: 'The parcel arrived two weeks late and the box was crushed.',
  expected: 'Delivery within 3 days',
  desiredOutcome: 'A replacement',
  author: { name: 'Reza', email: 'reza@example.com', phone: '+98 912 345 6789' },
  orderRef: 'ORD-77',
  ...over,
});
const story = (over: Record<string, unknown> = {}) => ({
  kind: 'story',
  title: 'An idea',
  body: 'It would be nice to have gift wrapping.',
  author: { name: 'Nima' },
  ...over,
});

async function count(table: 'submissions' | 'idempotency_keys', siteId: string): Promise<number> {
  return (await env.DB.prepare(`SELECT COUNT(*) AS n FROM ${table} WHERE site_id = ?1`).bind(siteId).first<number>('n')) ?? -1;
}

async function row(id: string) {
  return env.DB.prepare('SELECT * FROM submissions WHERE id = ?1').bind(id).first<Record<string, unknown>>();
}

/** Registers an order through the merchant API and answers its review links. */
async function registerOrder(site: { publicKey: string; secretKey: string }, orderId: string, email: string) {
  const res = await SELF.fetch(orderRequest(site as Parameters<typeof orderRequest>[0], site.secretKey, order(orderId, email, Date.now())));
  expect(res.status).toBe(201);
  return ((await res.json()) as { links: { subject: string; token: string }[] }).links;
}

async function signingKey(siteId: string): Promise<string> {
  return (await env.DB.prepare('SELECT signing_key FROM sites WHERE id = ?1').bind(siteId).first<string>('signing_key')) ?? '';
}

describe('POST /v1/sites/{site}/submissions: accepting', () => {
  it('stores a review as pending with every column', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, review({ expected: 'A solid kettle' }));
    expect(res.status).toBe(201);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const answer = SubmissionCreated.parse(await res.json());
    expect(answer).toEqual({ id: answer.id, kind: 'review', status: 'pending' });
    expect(await row(answer.id)).toMatchObject({
      site_id: site.publicKey,
      kind: 'review',
      status: 'pending',
      subject: 'sku-1',
      rating: 5,
      title: 'Lovely kettle',
      body: 'Boils fast and looks good.',
      expected: 'A solid kettle',
      category: null,
      author_name: 'Sara',
      author_email: 'sara@example.com',
      author_phone: null,
      verified: 0,
      lang: 'en',
      flags: '["unverified"]',
      helpful_count: 0,
      search_text: 'lovely kettle boils fast and looks good. a solid kettle sara',
      case_ref: null,
      routing: null,
      published_at: null,
    });
  });

  it('stores a complaint with its contact details and answers with a case receipt', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, complaint());
    expect(res.status).toBe(201);
    const text = await res.text();
    expect(text).not.toMatch(/reza@|912|email|phone/);
    const answer = SubmissionCreated.parse(JSON.parse(text));
    expect(answer).toMatchObject({ kind: 'complaint', status: 'pending', case: { ref: expect.stringMatching(/^RB-[2-9A-HJ-NP-Z]{8}$/) } });
    expect(answer.case).not.toHaveProperty('firstResponseDue');
    const stored = await row(answer.id);
    expect(stored).toMatchObject({
      kind: 'complaint',
      rating: null,
      category: 'delivery',
      expected: 'Delivery within 3 days',
      desired_outcome: 'A replacement',
      author_email: 'reza@example.com',
      author_phone: '+98 912 345 6789',
      order_ref: 'ORD-77',
      case_ref: answer.case?.ref,
    });
    // Staff read why it was routed, naming the complaint's category.
    expect(JSON.parse(String(stored?.routing))).toMatchObject({ open: true, reason: expect.stringMatching(/^complaint: delivery/) });
  });

  it('stores a story without contact details', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, story());
    expect(res.status).toBe(201);
    const answer = SubmissionCreated.parse(await res.json());
    expect(await row(answer.id)).toMatchObject({ kind: 'story', subject: '', title: 'An idea', author_email: null, rating: null });
  });

  it('detects Persian, folds the search text and keeps the text as typed', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, review({ title: 'كيفيت عالي', body: 'خیلی خوب بود ۱۰ از ۱۰', author: { name: 'سارا' } }));
    const answer = SubmissionCreated.parse(await res.json());
    expect(await row(answer.id)).toMatchObject({
      lang: 'fa',
      title: 'كيفيت عالي',
      search_text: 'کیفیت عالی خیلی خوب بود 10 از 10 سارا',
    });
  });

  it('keeps a declared language and trims surrounding white space', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, review({ lang: 'fa', body: '  Good  ' }));
    const answer = SubmissionCreated.parse(await res.json());
    expect(await row(answer.id)).toMatchObject({ lang: 'fa', body: 'Good' });
  });

  it('stores a salted client hash and never the address', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, story(), { headers: { 'cf-connecting-ip': '2001:db8:aa:bb:1:2:3:4' } });
    const stored = await row(SubmissionCreated.parse(await res.json()).id);
    expect(stored?.client_hash).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(JSON.stringify(stored)).not.toMatch(/2001:db8|10\.\d+\.\d+\.\d+/);
  });

  it('flags a filled honeypot', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, story({ meta: { hp: 'http://spam.example', elapsedMs: 40 } }));
    const stored = await row(SubmissionCreated.parse(await res.json()).id);
    expect(JSON.parse(String(stored?.flags))).toContain('honeypot');
  });
});

describe('POST /v1/sites/{site}/submissions: verified purchases', () => {
  it('marks a review verified when the order token was signed for this subject, with the email looked up on the server', async () => {
    const site = await createSite();
    const links = await registerOrder(site, 'o-1', 'Buyer@Example.com');
    const res = await submit(site.publicKey, review({ orderToken: links[0]?.token, author: { name: 'Buyer' } }));
    const stored = await row(SubmissionCreated.parse(await res.json()).id);
    expect(stored).toMatchObject({ verified: 1, order_ref: 'o-1', author_email: 'buyer@example.com' });
    expect(JSON.parse(String(stored?.flags))).not.toContain('unverified');
  });

  it('still honours a link signed before tokens held ids only, by order number, trusting no email inside it', async () => {
    const site = await createSite();
    await registerOrder(site, 'o-old', 'real.buyer@example.com');
    const token = await signToken(await signingKey(site.publicKey), 'order', { orderId: 'o-old', subject: 'sku-1', email: 'someone.else@example.com' });
    const res = await submit(site.publicKey, review({ orderToken: token, author: { name: 'Buyer' } }));
    expect(await row(SubmissionCreated.parse(await res.json()).id)).toMatchObject({ verified: 1, author_email: 'real.buyer@example.com' });
  });

  it('carries ids only in the order token: no email, no order number, no name', async () => {
    const site = await createSite();
    const links = await registerOrder(site, 'ORDER-998877', 'private.buyer@example.com');
    for (const { token } of links) {
      const payload = new TextDecoder().decode(Uint8Array.from(atob(token.split('.')[0]?.replace(/-/g, '+').replace(/_/g, '/') ?? ''), (ch) => ch.charCodeAt(0)));
      const envelope = JSON.parse(payload) as { p: string; e: number; d: Record<string, string> };
      expect(envelope.p).toBe('order');
      expect(Object.keys(envelope.d).sort()).toEqual(['link', 'subject']);
      expect(envelope.d.link).toMatch(/^[0-9a-f]{24}$/);
      for (const secret of ['private', 'example.com', '998877', 'Reza', '@']) expect(payload).not.toContain(secret);
      // Valid for a while, not for ever: 90 days after the follow-up is due.
      expect(envelope.e).toBeGreaterThan(Date.now());
      expect(envelope.e).toBeLessThan(Date.now() + 200 * 24 * 3_600_000);
    }
  });

  it('gives one order link one verified review per product; a second is kept as an ordinary review', async () => {
    const site = await createSite();
    const links = await registerOrder(site, 'o-2', 'twice@example.com');
    const token = links[0]?.token;
    const first = SubmissionCreated.parse(await (await submit(site.publicKey, review({ orderToken: token, author: { name: 'Buyer' } }))).json());
    const again = await submit(site.publicKey, review({ orderToken: token, body: 'Still boils fast.', author: { name: 'Someone' } }));
    expect(again.status).toBe(201);
    const second = SubmissionCreated.parse(await again.json());
    expect(await row(first.id)).toMatchObject({ verified: 1, order_link: expect.any(String) });
    // Their text is kept; it just is not from a verified buyer, and carries none of the buyer's details.
    expect(await row(second.id)).toMatchObject({ verified: 0, body: 'Still boils fast.', author_email: null, order_ref: null, order_link: null });
    // The same order's other product still gets its verified review.
    const other = SubmissionCreated.parse(await (await submit(site.publicKey, review({ subject: 'sku-2', orderToken: links[1]?.token }))).json());
    expect(await row(other.id)).toMatchObject({ verified: 1 });
  });

  it('enforces one verified review per order and product in D1 itself', async () => {
    const site = await createSite();
    const links = await registerOrder(site, 'o-3', 'race@example.com');
    const first = SubmissionCreated.parse(await (await submit(site.publicKey, review({ orderToken: links[0]?.token }))).json());
    const link = (await row(first.id))?.order_link;
    const other = SubmissionCreated.parse(await (await submit(site.publicKey, review({ body: 'Another one.' }))).json());
    await expect(env.DB.prepare('UPDATE submissions SET order_link = ?2 WHERE id = ?1').bind(other.id, link).run()).rejects.toThrow(/UNIQUE/);
  });

  it.each([
    ['for another subject', async (key: string) => signToken(key, 'order', { orderId: 'o', subject: 'sku-2', email: 'b@example.com' })],
    ['for an order that was never registered', async (key: string) => signToken(key, 'order', { link: 'feedfeedfeedfeedfeedfeed', subject: 'sku-1' })],
    ['for another purpose', async (key: string) => signToken(key, 'track', { orderId: 'o', subject: 'sku-1', email: 'b@example.com' })],
    ['by another site', async () => signToken('another-key', 'order', { orderId: 'o', subject: 'sku-1', email: 'b@example.com' })],
    ['expired', async (key: string) => signToken(key, 'order', { orderId: 'o', subject: 'sku-1', email: 'b@example.com' }, 1)],
    ['garbage', async () => 'not.a-token'],
  ])('accepts a review whose token is %s as unverified', async (_name, makeToken) => {
    const site = await createSite();
    const res = await submit(site.publicKey, review({ orderToken: await makeToken(await signingKey(site.publicKey)) }));
    expect(res.status).toBe(201);
    expect(await row(SubmissionCreated.parse(await res.json()).id)).toMatchObject({ verified: 0, order_ref: null });
  });
});

describe('POST /v1/sites/{site}/submissions: refusing', () => {
  it.each([
    ['a rating above 5', review({ rating: 6 }), 'rating'],
    ['a rating of 0', review({ rating: 0 }), 'rating'],
    ['a fractional rating', review({ rating: 4.5 }), 'rating'],
    ['an empty body', review({ body: '   ' }), 'body'],
    ['a body over 5000 characters', review({ body: 'x'.repeat(5001) }), 'body'],
    ['a title over 120 characters', review({ title: 't'.repeat(121) }), 'title'],
    ['a NUL in the body', review({ body: 'a\u0000b' }), 'body'],
    ['a bidi override in the name', review({ author: { name: 'evil\u202Egnp.exe' } }), 'author.name'],
    ['a malformed email', review({ author: { name: 'A', email: 'not-an-email' } }), 'author.email'],
    ['a complaint with neither email nor phone', complaint({ author: { name: 'A' } }), 'author.email'],
    ['an unknown complaint category', complaint({ category: 'weather' }), 'category'],
    ['a malformed phone', complaint({ author: { name: 'A', phone: 'call me' } }), 'author.phone'],
    ['a subject with spaces', review({ subject: 'sku 1' }), 'subject'],
    ['an unknown field', review({ admin: true }), ''],
    ['an unknown author field', review({ author: { name: 'A', role: 'staff' } }), 'author'],
    ['an unknown meta field', story({ meta: { x: 1 } }), 'meta'],
    ['an unknown kind', { ...story(), kind: 'rant' }, 'kind'],
    ['a missing kind', { body: 'hello', author: { name: 'A' } }, 'kind'],
    ['a review without a rating', review({ rating: undefined }), 'rating'],
  ])('answers 422 problem to %s and writes nothing', async (_name, body, path) => {
    const site = await createSite();
    const res = await submit(site.publicKey, body);
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    const problem = (await res.json()) as { status: number; errors: { path: string }[] };
    expect(problem).toMatchObject({ status: 422, type: 'urn:rebound:problem:validation' });
    expect(problem.errors.map((e) => e.path)).toContain(path);
    expect(await count('submissions', site.publicKey)).toBe(0);
    expect(await count('idempotency_keys', site.publicKey)).toBe(0);
  });

  it('answers 415 to a body that is not JSON', async () => {
    const site = await createSite();
    const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain', 'idempotency-key': 'key-12345678', origin: ORIGIN },
      body: JSON.stringify(story()),
    });
    expect(res.status).toBe(415);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await count('submissions', site.publicKey)).toBe(0);
  });

  it('answers 400 to malformed JSON', async () => {
    const site = await createSite();
    const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'idempotency-key': 'key-12345678', origin: ORIGIN },
      body: '{"kind":"story",',
    });
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await count('submissions', site.publicKey)).toBe(0);
  });

  it('answers 413 to a body over 64 KB', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, story({ body: 'x'.repeat(70 * 1024) }));
    expect(res.status).toBe(413);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await count('submissions', site.publicKey)).toBe(0);
  });

  it.each([
    ['missing', undefined],
    ['too short', 'short'],
    ['with forbidden characters', 'key with spaces!'],
    ['too long', 'k'.repeat(129)],
  ])('answers 400 problem to an Idempotency-Key that is %s', async (_name, key) => {
    const site = await createSite();
    const res = await SELF.fetch(
      jsonRequest('POST', `/v1/sites/${site.publicKey}/submissions`, story(), key === undefined ? {} : { 'idempotency-key': key }),
    );
    expect(res.status).toBe(400);
    const problem = (await res.json()) as { errors: { path: string }[] };
    expect(problem.errors.map((e) => e.path)).toContain('idempotency-key');
    expect(await count('submissions', site.publicKey)).toBe(0);
  });

  it('answers 404 problem for an unknown site', async () => {
    const res = await submit('pk_nope', story());
    expect(res.status).toBe(404);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('POST /v1/sites/{site}/submissions: idempotency', () => {
  it('replays the first answer for a retry with the same key and body', async () => {
    const site = await createSite();
    const first = await submit(site.publicKey, complaint(), { key: 'retry-key-1' });
    const firstBody = await first.text();
    // Same content, keys in another order: still the same request.
    const { kind, ...rest } = complaint();
    const again = await submit(site.publicKey, { ...rest, kind }, { key: 'retry-key-1' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.text()).toBe(firstBody);
    expect(first.headers.get('idempotency-replayed')).toBeNull();
    expect(await count('submissions', site.publicKey)).toBe(1);
  });

  it('replays a retry whose anti-abuse signals changed', async () => {
    const site = await createSite();
    const first = await submit(site.publicKey, story({ meta: { elapsedMs: 9000 } }), { key: 'retry-key-2' });
    const again = await submit(site.publicKey, story({ meta: { elapsedMs: 65000, turnstile: 'fresh-token' } }), { key: 'retry-key-2' });
    expect(again.status).toBe(201);
    expect(again.headers.get('idempotency-replayed')).toBe('true');
    expect(await again.text()).toBe(await first.text());
    expect(await count('submissions', site.publicKey)).toBe(1);
  });

  it('answers 422 problem when a key is reused for another body, and changes nothing', async () => {
    const site = await createSite();
    await submit(site.publicKey, story(), { key: 'reused-key-1' });
    const res = await submit(site.publicKey, story({ body: 'Something else entirely.' }), { key: 'reused-key-1' });
    expect(res.status).toBe(422);
    expect(await res.json()).toMatchObject({ type: 'urn:rebound:problem:idempotency-key-reused' });
    expect(await count('submissions', site.publicKey)).toBe(1);
  });

  it('keeps keys apart per site', async () => {
    const a = await createSite();
    const b = await createSite();
    await submit(a.publicKey, story(), { key: 'shared-key-1' });
    const res = await submit(b.publicKey, story(), { key: 'shared-key-1' });
    expect(res.headers.get('idempotency-replayed')).toBeNull();
    expect(await count('submissions', b.publicKey)).toBe(1);
  });

  it('stores one submission and gives identical answers to 50 concurrent requests with one key', async () => {
    const site = await createSite();
    const responses = await Promise.all(Array.from({ length: 50 }, () => submit(site.publicKey, complaint(), { key: 'concurrent-key-1' })));
    const bodies = await Promise.all(responses.map((r) => r.text()));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    expect(new Set(bodies).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('idempotency-replayed') === null)).toHaveLength(1);
    expect(await count('submissions', site.publicKey)).toBe(1);
    expect(await count('idempotency_keys', site.publicKey)).toBe(1);
  });
});

describe('POST /v1/sites/{site}/submissions: recovery cases', () => {
  it('promises a first response only when the merchant set a response time', async () => {
    const site = await createSite({ settings: { responseTimeHours: 8 } });
    const before = Date.now();
    const res = await submit(site.publicKey, complaint());
    const answer = SubmissionCreated.parse(await res.json());
    const due = Date.parse(answer.case?.firstResponseDue ?? '');
    expect(due).toBeGreaterThanOrEqual(before + 8 * 3_600_000);
    expect(due).toBeLessThanOrEqual(Date.now() + 8 * 3_600_000);
  });

  it('gives a tracking link signed for the case', async () => {
    const site = await createSite();
    const answer = SubmissionCreated.parse(await (await submit(site.publicKey, complaint())).json());
    const url = new URL(answer.case?.trackUrl ?? '');
    expect(url.origin).toBe(BASE);
    expect(url.pathname).toBe('/track/');
    expect(url.searchParams.get('site')).toBe(site.publicKey);
    expect(url.searchParams.get('ref')).toBe(answer.case?.ref);
    const data = await verifyToken(await signingKey(site.publicKey), 'track', url.searchParams.get('t') ?? '', Date.now());
    expect(data).toEqual({ ref: answer.case?.ref });
  });

  it('routes a 1-star review and leaves a 5-star one alone', async () => {
    const site = await createSite();
    const low = SubmissionCreated.parse(await (await submit(site.publicKey, review({ rating: 1 }))).json());
    const high = SubmissionCreated.parse(await (await submit(site.publicKey, review({ rating: 5 }))).json());
    expect(low.case?.ref).toMatch(/^RB-/);
    expect(high.case).toBeUndefined();
    expect(await row(high.id)).toMatchObject({ case_ref: null, routing: null });
  });

  it('gives its own ref, never the open case of the same contact details', async () => {
    const site = await createSite();
    const seeded = await seedReview(site.publicKey, { status: 'pending' });
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO cases (id, site_id, ref, status, priority, contact_key, submission_id, reason, track_token_hash, created_at, updated_at)
       VALUES (?1, ?2, 'RB-OPENCASE', 'in_progress', 'P2', 'email:reza@example.com', ?3, 'complaint', 'x', ?4, ?4)`,
    )
      .bind(`case-${seeded}`, site.publicKey, seeded, now)
      .run();
    // The same email typed with other capitals: unverified, so it opens nothing of that case.
    const res = await submit(site.publicKey, complaint({ author: { name: 'Reza', email: 'Reza@Example.com' } }));
    expect(SubmissionCreated.parse(await res.json()).case?.ref).toMatch(/^RB-(?!OPENCASE)/);
  });

  it('opens a new case when the customer only has closed ones', async () => {
    const site = await createSite();
    const seeded = await seedReview(site.publicKey, { status: 'pending' });
    const now = Date.now();
    await env.DB.prepare(
      `INSERT INTO cases (id, site_id, ref, status, priority, contact_key, submission_id, reason, track_token_hash, created_at, updated_at)
       VALUES (?1, ?2, 'RB-CLOSEDCS', 'recovered', 'P2', 'email:reza@example.com', ?3, 'complaint', 'x', ?4, ?4)`,
    )
      .bind(`case-${seeded}`, site.publicKey, seeded, now)
      .run();
    const res = await submit(site.publicKey, complaint());
    expect(SubmissionCreated.parse(await res.json()).case?.ref).not.toBe('RB-CLOSEDCS');
  });

  it('gives a quick second complaint a ref of its own while the first is still on the queue', async () => {
    const site = await createSite();
    const first = SubmissionCreated.parse(await (await submit(site.publicKey, complaint())).json());
    const second = SubmissionCreated.parse(await (await submit(site.publicKey, complaint({ body: 'And nobody answers the phone.' }))).json());
    expect(second.case?.ref).toMatch(/^RB-/);
    expect(second.case?.ref).not.toBe(first.case?.ref);
  });

  it('gives different customers different cases', async () => {
    const site = await createSite();
    const a = SubmissionCreated.parse(await (await submit(site.publicKey, complaint())).json());
    const b = SubmissionCreated.parse(
      await (await submit(site.publicKey, complaint({ author: { name: 'Other', email: 'other@example.com' } }))).json(),
    );
    expect(b.case?.ref).not.toBe(a.case?.ref);
  });
});

describe('POST /v1/sites/{site}/submissions: auto-moderation', () => {
  const AUTO = { moderation: 'auto', holdFlags: ['links', 'spam', 'abuse', 'blocked_word', 'honeypot', 'duplicate'] };

  const summary = async (siteId: string, subject: string) =>
    env.DB.prepare('SELECT count, total, s1, s5 FROM rating_summaries WHERE site_id = ?1 AND subject = ?2').bind(siteId, subject).first();
  const version = async (siteId: string) =>
    env.DB.prepare('SELECT content_version FROM sites WHERE id = ?1').bind(siteId).first<number>('content_version');

  it('publishes an unflagged review at once, updates the summary and the content version', async () => {
    const site = await createSite({ settings: AUTO });
    const before = await version(site.publicKey);
    const answer = SubmissionCreated.parse(await (await submit(site.publicKey, review())).json());
    expect(answer.status).toBe('published');
    expect(await row(answer.id)).toMatchObject({ status: 'published', published_at: expect.any(Number) });
    expect(await summary(site.publicKey, 'sku-1')).toEqual({ count: 1, total: 5, s1: 0, s5: 1 });
    expect(await summary(site.publicKey, '')).toEqual({ count: 1, total: 5, s1: 0, s5: 1 });
    expect(await version(site.publicKey)).toBe((before ?? 0) + 1);
  });

  it('publishes a 1-star review exactly like a 5-star one, and still opens a case', async () => {
    const site = await createSite({ settings: AUTO });
    const low = SubmissionCreated.parse(await (await submit(site.publicKey, review({ rating: 1, body: 'Broke after a day.' }))).json());
    const high = SubmissionCreated.parse(await (await submit(site.publicKey, review({ rating: 5, body: 'Works well.' }))).json());
    expect(low.status).toBe('published');
    expect(high.status).toBe('published');
    expect(low.case?.ref).toMatch(/^RB-/);
    expect(await summary(site.publicKey, 'sku-1')).toEqual({ count: 2, total: 6, s1: 1, s5: 1 });
    const list = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/reviews?subject=sku-1&sort=lowest`);
    const ids = ((await list.json()) as { items: { id: string }[] }).items.map((r) => r.id);
    expect(ids).toEqual([low.id, high.id]);
  });

  it('holds a review with a holding flag for staff', async () => {
    const site = await createSite({ settings: AUTO });
    const answer = SubmissionCreated.parse(await (await submit(site.publicKey, review({ body: 'Cheap pills at https://spam.example' }))).json());
    expect(answer.status).toBe('pending');
    expect(await summary(site.publicKey, 'sku-1')).toBeNull();
  });

  it('publishes an unverified review by default, and holds it when the site holds unverified ones', async () => {
    const open = await createSite({ settings: { moderation: 'auto' } });
    expect(SubmissionCreated.parse(await (await submit(open.publicKey, review())).json()).status).toBe('published');
    const strict = await createSite({ settings: { moderation: 'auto', holdUnverified: true } });
    expect(SubmissionCreated.parse(await (await submit(strict.publicKey, review())).json()).status).toBe('pending');
  });

  it('keeps everything pending under pre-moderation', async () => {
    const site = await createSite({ settings: { holdFlags: [] } });
    const answer = SubmissionCreated.parse(await (await submit(site.publicKey, review())).json());
    expect(answer.status).toBe('pending');
  });
});

describe('POST /v1/sites/{site}/submissions: CORS', () => {
  it('never echoes a foreign origin', async () => {
    const site = await createSite();
    const res = await submit(site.publicKey, story(), { headers: { origin: 'https://evil.example' } });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('answers a preflight from an allowed origin, allowing the Idempotency-Key header', async () => {
    const site = await createSite();
    const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type, idempotency-key' },
    });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(res.headers.get('access-control-allow-methods')).toContain('POST');
    expect(res.headers.get('access-control-allow-headers')?.toLowerCase()).toContain('idempotency-key');
  });

  it('answers a preflight from a foreign origin without allowing it', async () => {
    const site = await createSite();
    const res = await SELF.fetch(`${BASE}/v1/sites/${site.publicKey}/submissions`, {
      method: 'OPTIONS',
      headers: { origin: 'https://evil.example', 'access-control-request-method': 'POST' },
    });
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });
});
