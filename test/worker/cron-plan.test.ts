import { env } from 'cloudflare:test';
import { describe, expect, it } from 'vitest';
import { BREACH_CANDIDATES_SQL } from '../../worker/src/db/deadlines.ts';

describe('cron query plans', () => {
  it('finds breach candidates through their partial index, in deadline order, without a sort or a scan', async () => {
    await env.DB.exec('ANALYZE');
    const plan = await env.DB.prepare(`EXPLAIN QUERY PLAN ${BREACH_CANDIDATES_SQL}`).bind(Date.now(), 50).all<{ detail: string }>();
    const details = plan.results.map((r) => r.detail).join('\n');
    expect(details).toContain('USING INDEX cases_breach');
    expect(details).not.toMatch(/TEMP B-TREE|SCAN cases\b/);
  });
});
