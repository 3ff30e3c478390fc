/**
 * Data that expires: the cron's retention step purges idempotency keys after 24 hours, sessions
 * once expired, finished webhook deliveries and dead letters after 30 days, at most a bounded
 * number per table per run, with the clock passed in; staff tokens with an expiry stop logging
 * in, and stop their sessions, once it passes.
 */
import { env, SELF } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { sha256Hex } from '../../worker/src/lib/crypto.ts';
import { staffTokenStatement } from '../../worker/src/lib/provision.ts';
import { runRetention } from '../../worker/src/retention.ts';
import { BASE, createSite, jsonRequest, staffRequest } from '../worker/helpers.ts';

const DAY = 86_400_000;
// Far in the future, so only the rows this suite writes are old relative to it... and rows
// written by other suites are older still: counts are compared per id, not in total.
const NOW = Date.UTC(2031, 0, 15, 12);

async function exists(sql: string, id: string | number): Promise<boolean> {
  return (await env.DB.prepare(sql).bind(id).first()) !== null;
}

describe('retention', () => {
  it('purges what has expired, keeps what has not, and pending deliveries whatever their age', async () => {
    const site = await createSite();
    const s = site.publicKey;
    const db = env.DB;
    const tag = crypto.randomUUID().slice(0, 8);
    await db.batch([
      db.prepare(`INSERT INTO idempotency_keys (site_id, key, request_hash, submission_id, response, created_at) VALUES (?1, ?2, 'h', 'x', '{}', ?3)`).bind(s, `old-${tag}`, NOW - DAY - 1),
      db.prepare(`INSERT INTO idempotency_keys (site_id, key, request_hash, submission_id, response, created_at) VALUES (?1, ?2, 'h', 'x', '{}', ?3)`).bind(s, `new-${tag}`, NOW - DAY + 60_000),
      db.prepare(`INSERT INTO staff_sessions (id_hash, site_id, staff_id, created_at, expires_at) VALUES (?1, ?2, ?3, 0, ?4)`).bind(`old-${tag}`, s, site.staffId, NOW - 1),
      db.prepare(`INSERT INTO staff_sessions (id_hash, site_id, staff_id, created_at, expires_at) VALUES (?1, ?2, ?3, 0, ?4)`).bind(`new-${tag}`, s, site.staffId, NOW + 60_000),
      ...(['delivered', 'failed', 'pending'] as const).flatMap((status) => [
        db.prepare(`INSERT INTO webhook_deliveries (id, site_id, event, payload, status, created_at, updated_at) VALUES (?1, ?2, 'case.opened', '{}', ?3, ?4, ?4)`).bind(`msg_old_${status}_${tag}`, s, status, NOW - 31 * DAY),
        db.prepare(`INSERT INTO webhook_deliveries (id, site_id, event, payload, status, created_at, updated_at) VALUES (?1, ?2, 'case.opened', '{}', ?3, ?4, ?4)`).bind(`msg_new_${status}_${tag}`, s, status, NOW - 29 * DAY),
      ]),
      db.prepare(`INSERT INTO dead_letters (queue, message_id, body, attempts, created_at) VALUES ('q', ?1, '{}', 1, ?2)`).bind(`old-${tag}`, NOW - 31 * DAY),
      db.prepare(`INSERT INTO dead_letters (queue, message_id, body, attempts, created_at) VALUES ('q', ?1, '{}', 1, ?2)`).bind(`new-${tag}`, NOW - 29 * DAY),
    ]);
    // Drain whatever other suites left that is also old at NOW, then check this suite's rows.
    let report = await runRetention(env, NOW);
    for (let i = 0; i < 20 && Object.values(report).some((n) => n > 0); i++) report = await runRetention(env, NOW);
    const key = (k: string) => exists('SELECT 1 FROM idempotency_keys WHERE key = ?1', k);
    const session = (k: string) => exists('SELECT 1 FROM staff_sessions WHERE id_hash = ?1', k);
    const delivery = (k: string) => exists('SELECT 1 FROM webhook_deliveries WHERE id = ?1', k);
    const letter = (k: string) => exists('SELECT 1 FROM dead_letters WHERE message_id = ?1', k);
    const kept = {
      idempotencyOld: await key(`old-${tag}`),
      idempotencyNew: await key(`new-${tag}`),
      sessionOld: await session(`old-${tag}`),
      sessionNew: await session(`new-${tag}`),
      deliveredOld: await delivery(`msg_old_delivered_${tag}`),
      failedOld: await delivery(`msg_old_failed_${tag}`),
      pendingOld: await delivery(`msg_old_pending_${tag}`),
      deliveredNew: await delivery(`msg_new_delivered_${tag}`),
      deadLetterOld: await letter(`old-${tag}`),
      deadLetterNew: await letter(`new-${tag}`),
    };
    expect(kept).toEqual({
      idempotencyOld: false,
      idempotencyNew: true,
      sessionOld: false,
      sessionNew: true,
      deliveredOld: false,
      failedOld: false,
      pendingOld: true,
      deliveredNew: true,
      deadLetterOld: false,
      deadLetterNew: true,
    });
    const purged = Object.values(kept).filter((v) => !v).length;
    expect(purged).toBe(5);
    console.log(`RETENTION FIGURES: 12 rows written (5 expired, 7 not yet expired or still pending), ${purged} purged, ${12 - purged} kept`);
  });

  it('deletes at most the limit per table per run, and the rest on the next runs', async () => {
    const site = await createSite();
    const db = env.DB;
    const tag = crypto.randomUUID().slice(0, 8);
    const later = NOW + 400 * DAY;
    // The oldest rows of all (created at 0..24 ms), so they are the first each run takes.
    await db
      .prepare(
        `WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < 24)
         INSERT INTO idempotency_keys (site_id, key, request_hash, submission_id, response, created_at)
         SELECT ?1, ?2 || i, 'h', 'x', '{}', i FROM n`,
      )
      .bind(site.publicKey, `bulk-${tag}-`)
      .run();
    const left = async () =>
      (await db.prepare('SELECT count(*) AS n FROM idempotency_keys WHERE key LIKE ?1').bind(`bulk-${tag}-%`).first<{ n: number }>())?.n;
    const first = await runRetention(env, later, 10);
    expect(first.idempotencyKeys).toBe(10);
    expect(await left()).toBe(15);
    await runRetention(env, later, 10);
    await runRetention(env, later, 10);
    expect(await left()).toBe(0);
  });
});

describe('staff token expiry', () => {
  async function tokenFor(siteId: string, expiresAt: number | null) {
    const token = `st_${crypto.randomUUID().replace(/-/g, '')}`;
    const id = `stf_${crypto.randomUUID().slice(0, 8)}`;
    const s = staffTokenStatement(siteId, id, 'Temp', await sha256Hex(token), Date.now(), expiresAt);
    await env.DB.prepare(s.sql).bind(...s.params).run();
    return { token, id };
  }
  const logIn = (token: string) => SELF.fetch(jsonRequest('POST', '/v1/admin/session', { token }, { origin: BASE }));

  it('refuses to log in with an expired token, as it does an unknown one', async () => {
    const site = await createSite();
    const { token } = await tokenFor(site.publicKey, Date.now() - 1000);
    const res = await logIn(token);
    expect(res.status).toBe(401);
    expect(await res.json()).toMatchObject({ type: 'urn:rebound:problem:invalid-token' });
  });

  it('ends the sessions of a token once its expiry passes', async () => {
    const site = await createSite();
    const { token, id } = await tokenFor(site.publicKey, Date.now() + 3_600_000);
    const res = await logIn(token);
    expect(res.status).toBe(201);
    const cookie = (res.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/session', cookie))).status).toBe(200);
    await env.DB.prepare('UPDATE staff_tokens SET expires_at = ?2 WHERE id = ?1').bind(id, Date.now() - 1).run();
    expect((await SELF.fetch(staffRequest('GET', '/v1/admin/session', cookie))).status).toBe(401);
  });

  it('lets a token without an expiry log in', async () => {
    const site = await createSite();
    const { token } = await tokenFor(site.publicKey, null);
    expect((await logIn(token)).status).toBe(201);
  });
});
