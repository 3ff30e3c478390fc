import { describe, expect, it } from 'vitest';
import type { ImportRow } from '../db/imports.ts';
import { chunkRows, planImport } from './import-plan.ts';

const NOW = Date.UTC(2026, 0, 1);

function row(i: number, body = 'ok'): ImportRow {
  return { id: `imp${i}`, key: `k${i}`, subject: 's', rating: 5, title: null, body, name: 'n', email: null, verified: 0, status: 'published', lang: 'en', search: '', createdAt: 1, reply: null, replyAt: null };
}

describe('chunkRows', () => {
  it('cuts by row count', () => {
    const chunks = chunkRows(Array.from({ length: 5 }, (_, i) => row(i)), 2);
    expect(chunks.map((c) => (JSON.parse(c) as unknown[]).length)).toEqual([2, 2, 1]);
  });
  it('cuts by bytes, counting Persian as the bytes it takes', () => {
    const chunks = chunkRows([row(1, 'ب'.repeat(300)), row(2, 'ب'.repeat(300)), row(3)], 100, 1100);
    expect(chunks.map((c) => (JSON.parse(c) as ImportRow[]).map((r) => r.id))).toEqual([['imp1'], ['imp2', 'imp3']]);
    for (const c of chunks.slice(0, 1)) expect(new TextEncoder().encode(c).length).toBeLessThanOrEqual(1100);
  });
  it('keeps every row, in order', () => {
    const rows = Array.from({ length: 2345 }, (_, i) => row(i));
    expect(chunkRows(rows).flatMap((c) => (JSON.parse(c) as ImportRow[]).map((r) => r.id))).toEqual(rows.map((r) => r.id));
  });
});

describe('planImport', () => {
  const csv = 'id,subject,rating,body,name,date\n1,a,5,Nice,A,2024-01-01\n1,a,5,Nice,A,2024-01-01\n2,a,9,Bad,B,2024-01-01\n';
  it('gives each review a key and an id, and counts repeats once', async () => {
    const plan = await planImport('pk_a', 'generic', csv, NOW);
    expect(plan).toMatchObject({ rows: 3, repeats: 1 });
    expect(plan.reviews).toHaveLength(1);
    expect(plan.reviews[0]?.id).toBe(`imp${plan.reviews[0]?.key.slice(0, 29)}`);
    expect(plan.errors.map((e) => [e.row, e.field])).toEqual([[4, 'rating']]);
  });
  it('keys the same file differently for two sites, so ids never collide', async () => {
    const [a, b] = await Promise.all([planImport('pk_a', 'generic', csv, NOW), planImport('pk_b', 'generic', csv, NOW)]);
    expect(a.reviews[0]?.key).not.toBe(b.reviews[0]?.key);
  });
  it('refuses a file that lacks the platform’s columns', async () => {
    await expect(planImport('pk_a', 'shopify', csv, NOW)).rejects.toMatchObject({ status: 422, slug: 'missing-columns' });
  });
});
