/**
 * Two sites with real content made through the real API: a published review with a reply, a
 * pending review, a complaint whose case was opened by the real queue consumer, a logged-in
 * staff member. The suites attack one site with the other's keys and ids.
 */
import { createExecutionContext, createMessageBatch, env, SELF } from 'cloudflare:test';
import worker from '../../worker/src/index.ts';
import { BASE, createSite, jsonRequest, login, ORIGIN, staffRequest, type TestSite } from '../worker/helpers.ts';
import { clientIp, complaintBody, idemKey, reviewBody } from './bodies.ts';

export interface SiteWorld {
  site: TestSite;
  cookie: string;
  publishedId: string;
  pendingId: string;
  complaintId: string;
  caseRef: string;
  caseId: string;
  trackToken: string;
}

async function post(siteId: string, body: unknown): Promise<{ id: string; case?: { ref: string; trackUrl: string } }> {
  const res = await SELF.fetch(
    jsonRequest('POST', `/v1/sites/${siteId}/submissions`, body, { 'idempotency-key': idemKey(), 'cf-connecting-ip': clientIp() }),
  );
  if (res.status !== 201) throw new Error(`seed submission failed: ${res.status} ${await res.text()}`);
  return res.json();
}

async function staff(cookie: string, method: string, path: string, body?: unknown): Promise<void> {
  const res = await SELF.fetch(staffRequest(method, path, cookie, body));
  if (res.status >= 300) throw new Error(`seed ${method} ${path} failed: ${res.status} ${await res.text()}`);
}

/** Delivers the recovery message of a routed submission through the real consumer. */
export async function deliverRouting(submissionId: string): Promise<void> {
  const row = await env.DB.prepare('SELECT site_id, case_ref, created_at FROM submissions WHERE id = ?1')
    .bind(submissionId)
    .first<{ site_id: string; case_ref: string | null; created_at: number }>();
  if (!row?.case_ref) return;
  const body = { v: 1, type: 'route-submission', siteId: row.site_id, submissionId, caseRef: row.case_ref, receivedAt: row.created_at };
  const batch = createMessageBatch('rebound-recovery', [{ id: `seed-${submissionId}`, timestamp: new Date(), attempts: 1, body }]);
  await worker.queue(batch, env, createExecutionContext());
}

export async function seedSite(name: string, origin = ORIGIN): Promise<SiteWorld> {
  const site = await createSite({ name, origins: [origin] });
  const cookie = await login(site);
  const published = await post(site.publicKey, reviewBody({ title: `${name} published` }));
  await staff(cookie, 'POST', `/v1/admin/submissions/${published.id}/decision`, { decision: 'approve' });
  await staff(cookie, 'PUT', `/v1/admin/submissions/${published.id}/reply`, { body: `${name} thanks you` });
  const pending = await post(site.publicKey, reviewBody({ title: `${name} pending` }));
  const complaint = await post(site.publicKey, complaintBody({ author: { name: `${name} shopper`, email: `${name.toLowerCase()}@example.com` } }));
  if (!complaint.case) throw new Error('seed complaint opened no case');
  await deliverRouting(complaint.id);
  const caseRow = await env.DB.prepare('SELECT id FROM cases WHERE ref = ?1').bind(complaint.case.ref).first<{ id: string }>();
  if (!caseRow) throw new Error('seed case was not opened');
  const trackToken = new URL(complaint.case.trackUrl, BASE).searchParams.get('t') ?? '';
  return {
    site,
    cookie,
    publishedId: published.id,
    pendingId: pending.id,
    complaintId: complaint.id,
    caseRef: complaint.case.ref,
    caseId: caseRow.id,
    trackToken,
  };
}
