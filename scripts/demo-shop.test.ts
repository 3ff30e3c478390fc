/**
 * The demo shop `npm start` seeds: deterministic, believable, and written through the real
 * `seed-demo --shop` command into a throwaway local D1, twice, to show the second run adds nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getPlatformProxy } from 'wrangler';
import { DEMO_DAYS, demoShop } from './demo-shop.mjs';

process.env.CLOUDFLARE_CF_FETCH_ENABLED = 'false';
process.env.WRANGLER_SEND_METRICS = 'false';

const run = promisify(execFile);
const ROOT = fileURLToPath(new URL('..', import.meta.url));
const SITE = join(ROOT, 'scripts/site.mjs');
const SLOW = 180_000;
const NOW = Date.parse('2026-06-01T09:00:00Z');
const STATUSES = ['new', 'acknowledged', 'in_progress', 'awaiting_customer', 'resolved', 'recovered', 'not_recovered', 'closed'];

describe('the demo shop, as statements', () => {
  it('is the same shop for the same seed and clock, and another for another seed', () => {
    const a = demoShop({ siteId: 'pk_demo', staffId: 'stf_demo', nowMs: NOW });
    const b = demoShop({ siteId: 'pk_demo', staffId: 'stf_demo', nowMs: NOW });
    const c = demoShop({ siteId: 'pk_demo', staffId: 'stf_demo', nowMs: NOW, seed: 14 });
    expect(JSON.stringify(b.statements)).toBe(JSON.stringify(a.statements));
    expect(JSON.stringify(c.statements)).not.toBe(JSON.stringify(a.statements));
  });

  it('has a few hundred submissions and a case in every status of the lifecycle', () => {
    const { counts } = demoShop({ siteId: 'pk_demo', staffId: 'stf_demo', nowMs: NOW });
    expect(counts.submissions).toBeGreaterThanOrEqual(250);
    expect(counts.submissions).toBeLessThanOrEqual(400);
    expect(Object.keys(counts.statuses).sort()).toEqual([...STATUSES].sort());
  });
});

describe('npm run site -- seed-demo --shop', () => {
  let dir = '';

  beforeAll(async () => {
    expect(Number(process.versions.node.split('.')[0])).toBeGreaterThanOrEqual(22);
    dir = await mkdtemp(join(tmpdir(), 'rebound-shop-'));
  });

  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  async function seed(): Promise<{ shop: { submissions: number; cases: number } | null }> {
    const { stdout } = await run(process.execPath, [SITE, 'seed-demo', '--shop', '--persist-to', dir, '--json'], { cwd: ROOT });
    return JSON.parse(stdout);
  }

  async function query<T>(sql: string): Promise<T[]> {
    const proxy = await getPlatformProxy<{ DB: D1Database }>({ configPath: join(ROOT, 'wrangler.toml'), persist: { path: join(dir, 'v3') }, remoteBindings: false });
    try {
      return (await proxy.env.DB.prepare(sql).bind('pk_demo').all<T>()).results;
    } finally {
      await proxy.dispose();
    }
  }

  it(
    'fills the site once: a second run neither fails nor adds a row',
    async () => {
      const first = await seed();
      expect(first.shop?.submissions).toBeGreaterThanOrEqual(250);
      const second = await seed();
      expect(second.shop).toBeNull();
      const [rows] = await query<{ submissions: number; cases: number; summary: number }>(
        `SELECT (SELECT COUNT(*) FROM submissions WHERE site_id = ?1) AS submissions,
                (SELECT COUNT(*) FROM cases WHERE site_id = ?1) AS cases,
                (SELECT count FROM rating_summaries WHERE site_id = ?1 AND subject = '') AS summary`,
      );
      expect(rows?.submissions).toBe(first.shop?.submissions);
      expect(rows?.cases).toBe(first.shop?.cases);
      expect(rows?.summary).toBeGreaterThan(150);
    },
    SLOW,
  );

  it(
    'spreads English and Persian reviews over 90 days, with replies, overdue cases and re-ratings',
    async () => {
      const [r] = await query<Record<string, number>>(
        `SELECT
           (SELECT COUNT(*) FROM submissions WHERE site_id = ?1 AND lang = 'fa' AND kind = 'review') AS fa,
           (SELECT COUNT(*) FROM submissions WHERE site_id = ?1 AND lang = 'en' AND kind = 'review') AS en,
           (SELECT MIN(created_at) FROM submissions WHERE site_id = ?1) AS oldest,
           (SELECT MAX(created_at) FROM submissions WHERE site_id = ?1) AS newest,
           (SELECT COUNT(*) FROM replies WHERE site_id = ?1) AS replies,
           (SELECT COUNT(*) FROM submissions WHERE site_id = ?1 AND status = 'pending') AS pending,
           (SELECT COUNT(DISTINCT status) FROM cases WHERE site_id = ?1) AS statuses,
           (SELECT COUNT(*) FROM cases WHERE site_id = ?1 AND status IN ('new', 'acknowledged', 'in_progress') AND due_at < strftime('%s', 'now') * 1000) AS overdue,
           (SELECT COUNT(*) FROM cases WHERE site_id = ?1 AND status = 'recovered' AND rerating >= 4) AS recovered,
           (SELECT COUNT(*) FROM case_events e JOIN cases c ON c.id = e.case_id WHERE c.site_id = ?1 AND e.type = 'message' AND e.public = 1) AS messages`,
      );
      const now = Date.now();
      expect(r?.fa).toBeGreaterThan(50);
      expect(r?.en).toBeGreaterThan(50);
      expect(now - (r?.oldest ?? now)).toBeGreaterThan((DEMO_DAYS - 15) * 86_400_000);
      expect(now - (r?.oldest ?? now)).toBeLessThanOrEqual((DEMO_DAYS + 1) * 86_400_000);
      expect(r?.newest).toBeLessThanOrEqual(now);
      expect(r?.replies).toBeGreaterThan(20);
      expect(r?.pending).toBeGreaterThan(0);
      expect(r?.statuses).toBe(STATUSES.length);
      expect(r?.overdue).toBeGreaterThan(0);
      expect(r?.recovered).toBeGreaterThan(0);
      expect(r?.messages).toBeGreaterThan(0);
    },
    SLOW,
  );
});
