import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { createSite, login, staffRequest } from './helpers.ts';
import { storeRoutedSubmission } from './recovery-fixtures.ts';

const HOUR = 3_600_000;

interface KnownCase {
  firstResponseHours: number | null;
  status?: string;
  rerating?: number | null;
  rootCause?: string | null;
  promisedInHours?: number | null;
  resolvedAfterHours?: number | null;
}

async function insertCase(siteId: string, i: number, k: KnownCase, created: number) {
  // Not left for routing: the cron's outbox sweep must not turn these into more cases.
  const sub = await storeRoutedSubmission(siteId, { email: `m${i}@example.com`, createdAt: created, open: false });
  await env.DB.prepare(
    `INSERT INTO cases (id, site_id, ref, status, priority, contact_key, submission_id, reason, track_token_hash,
       first_response_due, plan_due, due_at, first_response_at, promised_at, resolved_at, rerating, root_cause, created_at, updated_at)
     VALUES (?1, ?2, ?3, ?4, 'P2', ?5, ?6, 'complaint', 'x', ?7, ?8, ?7, ?9, ?10, ?11, ?12, ?13, ?14, ?14)`,
  )
    .bind(
      `case_m_${siteId}_${i}`,
      siteId,
      sub.ref,
      k.status ?? 'in_progress',
      `email:m${i}@example.com`,
      sub.id,
      created + 24 * HOUR,
      created + 72 * HOUR,
      k.firstResponseHours === null ? null : created + k.firstResponseHours * HOUR,
      k.promisedInHours == null ? null : created + k.promisedInHours * HOUR,
      k.resolvedAfterHours == null ? null : created + k.resolvedAfterHours * HOUR,
      k.rerating ?? null,
      k.rootCause ?? null,
      created,
    )
    .run();
}

describe('metrics', () => {
  it('reports median and p90 time to first response, not the mean, with SLA, recovery and promise rates', async () => {
    const site = await createSite();
    const other = await createSite();
    const created = Date.now() - 200 * HOUR;
    // First responses after 1..9 hours and one after 100 hours: the mean (14.5 h) would hide the typical case.
    const hours = [1, 2, 3, 4, 5, 6, 7, 8, 9, 100];
    for (const [i, h] of hours.entries()) {
      await insertCase(site.publicKey, i, {
        firstResponseHours: h,
        status: i < 4 ? (i < 3 ? 'recovered' : 'not_recovered') : 'in_progress',
        rerating: i < 3 ? 5 : i === 3 ? 2 : null,
        rootCause: i < 2 ? 'delivery_delay' : i < 3 ? 'product_defect' : null,
        promisedInHours: i < 2 ? 48 : null,
        resolvedAfterHours: i === 0 ? 24 : i === 1 ? 60 : i < 4 ? 30 : null,
      }, created);
    }
    // Unanswered and past due: counts against the SLA.
    await insertCase(site.publicKey, 10, { firstResponseHours: null }, created);
    // Another site's case must not leak into these numbers.
    await insertCase(other.publicKey, 11, { firstResponseHours: 0.5, rerating: 1 }, created);

    const cookie = await login(site);
    const res = await SELF.fetch(staffRequest('GET', '/v1/admin/metrics', cookie));
    expect(res.status).toBe(200);
    const m = (await res.json()) as Record<string, unknown>;
    expect(m.timeToFirstResponse).toEqual({ median: 5 * HOUR, p90: 9 * HOUR, count: 10 });
    // 9 answered within 24 h, 1 answered after 100 h, 1 never answered.
    expect(m.slaKeptPercent).toBeCloseTo((9 / 11) * 100, 0);
    expect(m.recoveryRatePercent).toBe(75);
    // One promise met (resolved at 24 h, promised 48 h), one missed (resolved at 60 h).
    expect(m.promisesKeptPercent).toBe(50);
    expect(m.rootCauses).toEqual([
      { rootCause: 'delivery_delay', count: 2 },
      { rootCause: 'product_defect', count: 1 },
    ]);
    expect(m.cases).toEqual({ open: 7, total: 11 });
    expect((m.timeToResolution as { count: number }).count).toBe(4);
    expect(m.complaints30d).toBe(11);
  });

  it('requires a staff session', async () => {
    const res = await SELF.fetch(new Request('https://rebound.test/v1/admin/metrics'));
    expect(res.status).toBe(401);
  });
});
