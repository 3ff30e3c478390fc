import { createExecutionContext, createMessageBatch, env, getQueueResult } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import worker from '../../worker/src/index.ts';
import { processJob, retryDelaySeconds } from '../../worker/src/queue/route-submission.ts';
import { createSite } from './helpers.ts';
import { casesOf, storeRoutedSubmission } from './recovery-fixtures.ts';

async function deliver(queue: string, messages: { id: string; body: unknown; attempts?: number }[]) {
  const batch = createMessageBatch(
    queue,
    messages.map((m) => ({ id: m.id, timestamp: new Date(), attempts: m.attempts ?? 1, body: m.body })),
  );
  const ctx = createExecutionContext();
  await worker.queue(batch, env, ctx);
  return getQueueResult(batch, ctx);
}

describe('recovery queue consumer', () => {
  it('opens one case with the ref the shopper was told and marks the submission routed', async () => {
    const site = await createSite();
    const sub = await storeRoutedSubmission(site.publicKey);
    const result = await deliver('rebound-recovery', [{ id: 'm1', body: sub.message }]);
    expect(result.explicitAcks).toEqual(['m1']);
    const cases = await casesOf(site.publicKey);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ ref: sub.ref, status: 'new', priority: 'P2', submission_id: sub.id });
    // The SLA clock starts when the shopper submitted.
    expect(cases[0]?.first_response_due).toBe(sub.message.receivedAt + 24 * 3_600_000);
    const row = await env.DB.prepare('SELECT routed_at FROM submissions WHERE id = ?1').bind(sub.id).first<{ routed_at: number | null }>();
    expect(row?.routed_at).not.toBeNull();
  });

  it('gives one case and one timeline entry when the same message arrives twice', async () => {
    const site = await createSite();
    const sub = await storeRoutedSubmission(site.publicKey);
    await deliver('rebound-recovery', [{ id: 'a1', body: sub.message }, { id: 'a2', body: sub.message }]);
    await deliver('rebound-recovery', [{ id: 'a3', body: sub.message }]);
    const cases = await casesOf(site.publicKey);
    expect(cases).toHaveLength(1);
    const events = await env.DB.prepare(`SELECT COUNT(*) AS n FROM case_events WHERE submission_id = ?1`).bind(sub.id).first<{ n: number }>();
    expect(events?.n).toBe(1);
  });

  it.each([
    ['email', { email: 'Ana@Example.com' }, { email: 'ana@example.com' }],
    ['phone', { email: null, phone: '+98 912 345 6789' }, { email: null, phone: '0912-345-6789' }],
    ['order', { email: 'owner@example.com', orderRef: 'ORD-77' }, { email: 'stranger@example.com', orderRef: ' ord-77 ' }],
  ] as const)(
    'gives a second submission with the same %s a case of its own, linked for staff, never joined',
    async (reason, firstContact, secondContact) => {
      const site = await createSite();
      const first = await storeRoutedSubmission(site.publicKey, { ...firstContact, priority: 'P2' });
      const second = await storeRoutedSubmission(site.publicKey, { ...secondContact, priority: 'P1' });
      await deliver('rebound-recovery', [{ id: `j1-${reason}`, body: first.message }]);
      await deliver('rebound-recovery', [{ id: `j2-${reason}`, body: second.message }]);
      const cases = await casesOf(site.publicKey);
      expect(cases.map((c) => c.ref)).toEqual([first.ref, second.ref]);
      // The other customer's case is untouched: its priority, its timeline.
      expect(cases[0]).toMatchObject({ priority: 'P2', submission_id: first.id });
      const events = await env.DB.prepare('SELECT submission_id FROM case_events WHERE case_id = ?1 AND submission_id IS NOT NULL').bind(cases[0]?.id).all<{ submission_id: string }>();
      expect(events.results.map((e) => e.submission_id)).toEqual([first.id]);
      const link = await env.DB.prepare('SELECT case_id, other_case_id, reasons FROM case_links WHERE site_id = ?1').bind(site.publicKey).all();
      expect(link.results).toEqual([{ case_id: cases[1]?.id, other_case_id: cases[0]?.id, reasons: JSON.stringify([reason]) }]);
      expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM case_refs WHERE ref = ?1').bind(second.ref).first('n')).toBe(0);
    },
  );

  it('links nothing to a closed case, nor to another site', async () => {
    const site = await createSite();
    const other = await createSite();
    const closed = await storeRoutedSubmission(site.publicKey, { email: 'mina@example.com' });
    const elsewhere = await storeRoutedSubmission(other.publicKey, { email: 'mina@example.com' });
    await deliver('rebound-recovery', [{ id: 'l1', body: closed.message }, { id: 'l2', body: elsewhere.message }]);
    await env.DB.prepare(`UPDATE cases SET status = 'closed' WHERE ref = ?1`).bind(closed.ref).run();
    const next = await storeRoutedSubmission(site.publicKey, { email: 'mina@example.com' });
    await deliver('rebound-recovery', [{ id: 'l3', body: next.message }]);
    expect(await casesOf(site.publicKey)).toHaveLength(2);
    expect(await env.DB.prepare('SELECT COUNT(*) AS n FROM case_links WHERE site_id IN (?1, ?2)').bind(site.publicKey, other.publicKey).first('n')).toBe(0);
  });

  it('gives each submission without any contact its own case', async () => {
    const site = await createSite();
    const a = await storeRoutedSubmission(site.publicKey, { email: null, kind: 'review', rating: 1 });
    const b = await storeRoutedSubmission(site.publicKey, { email: null, kind: 'review', rating: 2 });
    await deliver('rebound-recovery', [{ id: 'n1', body: a.message }, { id: 'n2', body: b.message }]);
    expect(await casesOf(site.publicKey)).toHaveLength(2);
  });

  it('loses and duplicates nothing when the worker dies between the D1 write and the ack', async () => {
    const site = await createSite();
    const sub = await storeRoutedSubmission(site.publicKey);
    // The write happens, then the ack never does: the queue delivers the message again.
    expect(await processJob(env, sub.message, Date.now())).toBe('opened');
    const result = await deliver('rebound-recovery', [{ id: 'c1', body: sub.message, attempts: 2 }]);
    expect(result.explicitAcks).toEqual(['c1']);
    expect(result.retryMessages).toEqual([]);
    expect(await casesOf(site.publicKey)).toHaveLength(1);
    const events = await env.DB.prepare('SELECT COUNT(*) AS n FROM case_events WHERE submission_id = ?1').bind(sub.id).first<{ n: number }>();
    expect(events?.n).toBe(1);
  });

  it('dead-letters a message that breaks the schema and acks it instead of retrying', async () => {
    const result = await deliver('rebound-recovery', [{ id: 'poison-1', body: { type: 'route-submission', submissionId: 42 } }]);
    expect(result.explicitAcks).toEqual(['poison-1']);
    const row = await env.DB.prepare('SELECT queue, body FROM dead_letters WHERE message_id = ?1').bind('poison-1').first<{ queue: string; body: string }>();
    expect(row?.queue).toBe('rebound-recovery');
    expect(JSON.parse(row?.body ?? 'null')).toMatchObject({ submissionId: 42 });
  });

  it('records what reaches the dead-letter queue, once per message', async () => {
    const body = { v: 1, type: 'route-submission', siteId: 'pk_x', submissionId: 's', caseRef: 'RB-X', receivedAt: 1 };
    const first = await deliver('rebound-recovery-dlq', [{ id: 'dlq-1', body, attempts: 6 }]);
    await deliver('rebound-recovery-dlq', [{ id: 'dlq-1', body, attempts: 6 }]);
    expect(first.explicitAcks).toEqual(['dlq-1']);
    const row = await env.DB.prepare('SELECT COUNT(*) AS n, MAX(attempts) AS attempts FROM dead_letters WHERE message_id = ?1').bind('dlq-1').first<{ n: number; attempts: number }>();
    expect(row).toEqual({ n: 1, attempts: 6 });
  });

  it('dead-letters a submission whose stored routing decision cannot be read', async () => {
    const site = await createSite();
    const sub = await storeRoutedSubmission(site.publicKey);
    await env.DB.prepare('UPDATE submissions SET routing = ?2 WHERE id = ?1').bind(sub.id, '{').run();
    const poisoned = await deliver('rebound-recovery', [{ id: 'bad-routing', body: sub.message }]);
    expect(poisoned.explicitAcks).toEqual(['bad-routing']);
    expect(await env.DB.prepare('SELECT 1 AS x FROM dead_letters WHERE message_id = ?1').bind('bad-routing').first()).not.toBeNull();
  });

  it('retries with a delay that grows with the attempts when the write fails', async () => {
    const site = await createSite();
    const other = await createSite();
    const taken = await storeRoutedSubmission(other.publicKey, { email: 'x@example.com' });
    await deliver('rebound-recovery', [{ id: 't1', body: taken.message }]);
    // Another site's case already holds this ref: the insert fails on the unique ref.
    const sub = await storeRoutedSubmission(site.publicKey);
    const message = { ...sub.message, caseRef: taken.ref };
    const first = await deliver('rebound-recovery', [{ id: 'r1', body: message, attempts: 1 }]);
    const third = await deliver('rebound-recovery', [{ id: 'r1', body: message, attempts: 3 }]);
    expect(first.retryMessages.map((m) => m.msgId)).toEqual(['r1']);
    expect(third.retryMessages.map((m) => m.msgId)).toEqual(['r1']);
    expect([1, 2, 3, 8, 20].map(retryDelaySeconds)).toEqual([10, 20, 40, 600, 600]);
    expect(await casesOf(site.publicKey)).toHaveLength(0);
  });
});

describe('recovery queue consumer, late deliveries', () => {
  it('opens a case of its own, under a fresh ref, when a message sent before this change names an existing case', async () => {
    const site = await createSite();
    const first = await storeRoutedSubmission(site.publicKey, { email: 'late@example.com' });
    await deliver('rebound-recovery', [{ id: 'late-1', body: first.message }]);
    await env.DB.prepare(`UPDATE cases SET status = 'closed' WHERE ref = ?1`).bind(first.ref).run();
    // Messages sent before every submission had its own ref may carry another case's ref.
    const second = await storeRoutedSubmission(site.publicKey, { email: 'late@example.com' });
    const result = await deliver('rebound-recovery', [{ id: 'late-2', body: { ...second.message, caseRef: first.ref } }]);
    expect(result.explicitAcks).toEqual(['late-2']);
    const cases = await casesOf(site.publicKey);
    expect(cases.map((c) => c.status)).toEqual(['closed', 'new']);
    expect(cases[1]?.ref).not.toBe(first.ref);
    // Kept as an alias for staff's search; a tracking link never opens a case through one.
    const alias = await env.DB.prepare('SELECT case_id FROM case_refs WHERE ref = ?1').bind(first.ref).first<{ case_id: string }>();
    expect(alias?.case_id).toBe(cases[1]?.id);
  });
});
